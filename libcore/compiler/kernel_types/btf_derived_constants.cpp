#include "compiler/kernel_types/btf_derived_constants.h"

#include <bpf/btf.h>

#include <vector>

namespace tracekit::compiler {
namespace {

struct Derived {
  const char* macro;
  const char* type;
  std::vector<std::vector<const char*>> paths;  // member paths to an array, tried in order
};

const Derived kDerived[] = {
    {"DNAME_INLINE_LEN", "dentry", {{"d_iname"}, {"d_shortname", "string"}}},
    {"TASK_COMM_LEN", "task_struct", {{"comm"}}},
    {"DISK_NAME_LEN", "gendisk", {{"disk_name"}}},
    {"IFNAMSIZ", "net_device", {{"name"}}},
};

const btf_type* resolved(const struct btf* btf, uint32_t id) {
  const btf_type* t = btf__type_by_id(btf, id);
  while (t && (btf_is_mod(t) || btf_is_typedef(t))) t = btf__type_by_id(btf, t->type);
  return t;
}

// The element count of the array at `path` inside `type`, or 0.
uint32_t array_length(const struct btf* btf, const btf_type* type, const std::vector<const char*>& path) {
  for (size_t depth = 0; depth < path.size(); ++depth) {
    if (!type || !btf_is_composite(type)) return 0;
    const btf_member* m = btf_members(type);
    const btf_type* next = nullptr;
    for (unsigned i = 0; i < btf_vlen(type); ++i)
      if (std::string(btf__name_by_offset(btf, m[i].name_off)) == path[depth]) next = resolved(btf, m[i].type);
    type = next;
  }
  return type && btf_is_array(type) ? btf_array(type)->nelems : 0;
}

}  // namespace

std::string btf_derived_constants(const BtfTypeIndex& index, const SourceScan& program) {
  std::string out;
  for (const Derived& d : kDerived) {
    if (!program.identifiers.count(d.macro)) continue;
    for (const auto& e : index.types_named(d.type)) {
      const btf_type* t = btf__type_by_id(index.btf(), e.id);
      if (!btf_is_struct(t)) continue;
      for (const auto& path : d.paths) {
        if (uint32_t n = array_length(index.btf(), t, path)) {
          out += "#define " + std::string(d.macro) + " " + std::to_string(n) + "\n";
          goto next;
        }
      }
    }
  next:;
  }
  return out;
}

}  // namespace tracekit::compiler
