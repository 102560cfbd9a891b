// The kernel's BTF, parsed, with its type and enumerator names indexed. Header-only, so that
// the runtime can build it in the compile child while the compiler library is still loading
// (runtime/compile/compile_service.cpp): the two take ~20 ms each, and now overlap. The index
// is two sorted arrays of (name, type id), the names pointing into the BTF's own strings: one
// pass, no per-name allocation.
#pragma once

#include <bpf/btf.h>

#include <algorithm>
#include <cerrno>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"

namespace tracekit::compiler {

class BtfTypeIndex {
 public:
  struct Entry {
    std::string_view name;
    uint32_t id;
    bool operator<(const Entry& other) const { return name < other.name; }
  };

  static Result<std::shared_ptr<const BtfTypeIndex>> parse(const std::string& path) {
    struct btf* btf = btf__parse(path.c_str(), nullptr);
    if (!btf) {
      int err = errno;
      if (err == ENOENT)
        return Error::not_supported("CONFIG_DEBUG_INFO_BTF",
                                    "kernel BTF '" + path + "' does not exist; the kernel needs "
                                    "CONFIG_DEBUG_INFO_BTF=y, or use kernel headers (TRACEKIT_KERNEL_SOURCE)");
      return Error::sys(err, "cannot parse kernel BTF '" + path + "'");
    }
    return std::shared_ptr<const BtfTypeIndex>(new BtfTypeIndex(btf));
  }

  ~BtfTypeIndex() { btf__free(btf_); }
  BtfTypeIndex(const BtfTypeIndex&) = delete;
  BtfTypeIndex& operator=(const BtfTypeIndex&) = delete;

  const struct btf* btf() const { return btf_; }
  // Named struct/union/enum/typedef types with this name.
  std::span<const Entry> types_named(std::string_view name) const { return find(names_, name); }
  // Enums that declare an enumerator with this name.
  std::span<const Entry> enums_declaring(std::string_view name) const { return find(enumerators_, name); }

 private:
  explicit BtfTypeIndex(struct btf* btf) : btf_(btf) {
    uint32_t count = btf__type_cnt(btf);
    names_.reserve(count / 4);
    enumerators_.reserve(count / 2);
    for (uint32_t id = 1; id < count; ++id) {
      const btf_type* t = btf__type_by_id(btf, id);
      bool named = btf_is_composite(t) || btf_is_enum(t) || btf_is_enum64(t) || btf_is_typedef(t);
      if (named && t->name_off) names_.push_back({btf__name_by_offset(btf, t->name_off), id});
      if (btf_is_enum(t)) {
        const struct btf_enum* e = btf_enum(t);
        for (unsigned i = 0; i < btf_vlen(t); ++i) enumerators_.push_back({btf__name_by_offset(btf, e[i].name_off), id});
      } else if (btf_is_enum64(t)) {
        const struct btf_enum64* e = btf_enum64(t);
        for (unsigned i = 0; i < btf_vlen(t); ++i) enumerators_.push_back({btf__name_by_offset(btf, e[i].name_off), id});
      }
    }
    std::stable_sort(names_.begin(), names_.end());
    std::stable_sort(enumerators_.begin(), enumerators_.end());
  }

  static std::span<const Entry> find(const std::vector<Entry>& entries, std::string_view name) {
    auto [first, last] = std::equal_range(entries.begin(), entries.end(), Entry{name, 0});
    return {first, last};
  }

  struct btf* btf_;
  std::vector<Entry> names_;
  std::vector<Entry> enumerators_;
};

}  // namespace tracekit::compiler
