#include "compiler/kernel_types/btf_tracepoints.h"

#include <bpf/btf.h>

namespace tracekit::compiler {
namespace {

const btf_type* skip_mods(const struct btf* btf, uint32_t id, uint32_t* out_id = nullptr) {
  const btf_type* t = btf__type_by_id(btf, id);
  while (t && (btf_is_mod(t) || btf_is_typedef(t))) {
    id = t->type;
    t = btf__type_by_id(btf, id);
  }
  if (out_id) *out_id = id;
  return t;
}

std::string name_of(const struct btf* btf, const btf_type* t) {
  const char* n = t ? btf__name_by_offset(btf, t->name_off) : nullptr;
  return n ? n : "";
}

const btf_type* struct_named(const BtfTypeIndex& index, const std::string& name) {
  for (const auto& e : index.types_named(name)) {
    const btf_type* t = btf__type_by_id(index.btf(), e.id);
    if (btf_is_struct(t)) return t;
  }
  return nullptr;
}

// The parameter types of a function prototype, after following `id` through typedefs and a
// pointer (btf_trace_<event> is a pointer to one).
std::vector<uint32_t> proto_params(const struct btf* btf, uint32_t id) {
  const btf_type* t = skip_mods(btf, id);
  if (t && btf_is_ptr(t)) t = skip_mods(btf, t->type);
  std::vector<uint32_t> out;
  if (!t || !btf_is_func_proto(t)) return out;
  const btf_param* p = btf_params(t);
  for (unsigned i = 0; i < btf_vlen(t); ++i) out.push_back(p[i].type);
  return out;
}

size_t common_prefix(const std::string& a, const std::string& b) {
  size_t n = 0;
  while (n < a.size() && n < b.size() && a[n] == b[n]) ++n;
  return n;
}

// DEFINE_EVENT: the class whose __bpf_trace_<class> takes what btf_trace_<event> takes; of
// several such classes, the one whose name shares most with the event's.
const btf_type* class_record(const BtfTypeIndex& index, const std::string& event) {
  const struct btf* btf = index.btf();
  auto ids = index.types_named("btf_trace_" + event);
  if (ids.empty()) return nullptr;
  std::vector<uint32_t> want = proto_params(btf, ids.front().id);
  if (want.empty()) return nullptr;
  const btf_type* best = nullptr;
  size_t best_score = 0;
  uint32_t count = btf__type_cnt(btf);
  for (uint32_t id = 1; id < count; ++id) {
    const btf_type* t = btf__type_by_id(btf, id);
    if (!btf_is_func(t)) continue;
    std::string name = name_of(btf, t);
    if (name.rfind("__bpf_trace_", 0) != 0) continue;
    if (proto_params(btf, t->type) != want) continue;
    std::string cls = name.substr(12);
    const btf_type* record = struct_named(index, "trace_event_raw_" + cls);
    size_t score = common_prefix(cls, event) + 1;
    if (record && score > best_score) {
      best = record;
      best_score = score;
    }
  }
  return best;
}

// A member as a format file would declare it.
TracepointField field_of(const struct btf* btf, const btf_member& m, uint32_t offset_bits) {
  TracepointField f;
  std::string name = btf__name_by_offset(btf, m.name_off);
  f.offset = offset_bits / 8;
  const btf_type* t = skip_mods(btf, m.type);
  long long size = btf__resolve_size(btf, m.type);
  f.size = size > 0 ? unsigned(size) : 0;
  if (name.rfind("__data_loc_", 0) == 0) {
    f.decl = "__data_loc char[] " + name.substr(11);
    return f;
  }
  if (t && btf_is_int(t)) {
    f.is_signed = btf_int_encoding(t) & BTF_INT_SIGNED;
    f.decl = (name_of(btf, t) == "char" ? "char " : "long ") + name;
  } else if (t && (btf_is_enum(t) || btf_is_enum64(t))) {
    f.is_signed = true;
    f.decl = "int " + name;
  } else if (t && btf_is_ptr(t)) {
    const btf_type* pointee = skip_mods(btf, t->type);
    bool chars = pointee && btf_is_int(pointee) && name_of(btf, pointee) == "char";
    f.decl = (chars ? "const char * " : "void * ") + name;
  } else if (t && btf_is_array(t)) {
    const struct btf_array* a = btf_array(t);
    const btf_type* elem = skip_mods(btf, a->type);
    bool chars = elem && btf_is_int(elem) && btf__resolve_size(btf, a->type) == 1 && name_of(btf, elem) == "char";
    if (elem && btf_is_int(elem)) f.is_signed = btf_int_encoding(elem) & BTF_INT_SIGNED;
    if (chars || (elem && btf_is_int(elem)))
      f.decl = std::string(chars ? "char " : "long ") + name + "[" + std::to_string(a->nelems) + "]";
    else
      f.decl = "unsigned char " + name + "[" + std::to_string(f.size) + "]";
  } else {
    f.decl = "unsigned char " + name + "[" + std::to_string(f.size) + "]";
  }
  return f;
}

}  // namespace

Result<std::vector<TracepointField>> btf_tracepoint_fields(const BtfTypeIndex& index,
                                                           const std::string& category,
                                                           const std::string& event) {
  const struct btf* btf = index.btf();
  std::string where = "tracepoint '" + category + ":" + event + "'";
  if (category == "syscalls")
    return Error::not_found(where + ": per-syscall records are only described in tracefs, which "
                                    "could not be read (mount it, or run as root)");
  const btf_type* record = struct_named(index, "trace_event_raw_" + event);
  if (!record) record = class_record(index, event);
  if (!record)
    return Error::not_found(where + " does not exist (not in tracefs, and no record for it in the "
                                    "kernel's BTF)");
  std::vector<TracepointField> fields;
  const btf_member* m = btf_members(record);
  for (unsigned i = 0; i < btf_vlen(record); ++i) {
    std::string name = btf__name_by_offset(btf, m[i].name_off);
    if (name == "ent" || name == "__data") continue;  // common header; trailing dynamic data
    if (btf_member_bitfield_size(record, i)) continue;
    fields.push_back(field_of(btf, m[i], btf_member_bit_offset(record, i)));
  }
  return fields;
}

}  // namespace tracekit::compiler
