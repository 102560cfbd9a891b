#include "runtime/kernel/kernel_btf.h"

#include <bpf/btf.h>
#include <bpf/libbpf.h>

#include <cerrno>
#include <cstring>
#include <mutex>

#include "runtime/load/libbpf_messages.h"

namespace tracekit::kernel {
namespace {

Result<const struct btf*> vmlinux_btf() {
  static std::once_flag once;
  static struct btf* btf = nullptr;
  static int error = 0;
  std::call_once(once, [] {
    load::LibbpfCapture quiet;  // libbpf's own complaint would go to stderr
    btf = btf__load_vmlinux_btf();
    if (!btf) error = errno ? errno : ENOENT;
  });
  if (!btf)
    return Error::not_supported("CONFIG_DEBUG_INFO_BTF",
                                "this kernel has no usable BTF (/sys/kernel/btf/vmlinux): " +
                                    std::string(std::strerror(error)));
  return static_cast<const struct btf*>(btf);
}

bool composite_has_field(const struct btf* btf, const struct btf_type* t, const std::string& field, int depth) {
  const struct btf_member* m = btf_members(t);
  for (unsigned i = 0; i < btf_vlen(t); ++i, ++m) {
    const char* name = btf__name_by_offset(btf, m->name_off);
    if (name && field == name) return true;
    // Anonymous struct/union members: their fields are the parent's.
    if ((!name || !*name) && depth < 8) {
      const struct btf_type* inner = btf__type_by_id(btf, m->type);
      while (inner && (btf_is_mod(inner) || btf_is_typedef(inner))) inner = btf__type_by_id(btf, inner->type);
      if (inner && btf_is_composite(inner) && composite_has_field(btf, inner, field, depth + 1)) return true;
    }
  }
  return false;
}

}  // namespace

Result<bool> struct_has_field(const std::string& struct_name, const std::string& field) {
  const struct btf* btf = TK_TRY(vmlinux_btf());
  for (int kind : {BTF_KIND_STRUCT, BTF_KIND_UNION}) {
    int id = btf__find_by_name_kind(btf, struct_name.c_str(), kind);
    if (id > 0 && composite_has_field(btf, btf__type_by_id(btf, id), field, 0)) return true;
  }
  return false;
}

Result<bool> enum_has_value(const std::string& enum_name, const std::string& value) {
  const struct btf* btf = TK_TRY(vmlinux_btf());
  int id = btf__find_by_name_kind(btf, enum_name.c_str(), BTF_KIND_ENUM);
  if (id > 0) {
    const struct btf_type* t = btf__type_by_id(btf, id);
    const struct btf_enum* e = btf_enum(t);
    for (unsigned i = 0; i < btf_vlen(t); ++i, ++e)
      if (value == btf__name_by_offset(btf, e->name_off)) return true;
  }
  id = btf__find_by_name_kind(btf, enum_name.c_str(), BTF_KIND_ENUM64);
  if (id > 0) {
    const struct btf_type* t = btf__type_by_id(btf, id);
    const struct btf_enum64* e = btf_enum64(t);
    for (unsigned i = 0; i < btf_vlen(t); ++i, ++e)
      if (value == btf__name_by_offset(btf, e->name_off)) return true;
  }
  return false;
}

Result<int> function_btf_id(const std::string& name) {
  const struct btf* btf = TK_TRY(vmlinux_btf());
  int id = btf__find_by_name_kind(btf, name.c_str(), BTF_KIND_FUNC);
  if (id <= 0) return Error::not_found("kernel function '" + name + "' has no BTF (it may be inlined, static or absent)");
  return id;
}

}  // namespace tracekit::kernel
