#include "compiler/kernel_types/btf_header.h"

#include <bpf/btf.h>

#include <algorithm>
#include <functional>
#include <cerrno>
#include <cstdarg>
#include <cstdio>
#include <map>
#include <mutex>
#include <set>

namespace tracekit::compiler {
namespace {

bool is_named_type(const btf_type* t) {
  return btf_is_composite(t) || btf_is_enum(t) || btf_is_enum64(t) || btf_is_typedef(t);
}

// Follows modifiers, typedefs, pointers and arrays to the struct/union/enum/typedef a member's
// value finally refers to.
uint32_t underlying_named_type(const struct btf* btf, uint32_t id) {
  for (int hops = 0; hops < 32 && id != 0; ++hops) {
    const btf_type* t = btf__type_by_id(btf, id);
    if (!t) return 0;
    if (btf_is_composite(t) || btf_is_enum(t) || btf_is_enum64(t)) return t->name_off ? id : 0;
    if (btf_is_ptr(t) || btf_is_mod(t) || btf_is_typedef(t)) {
      id = t->type;
    } else if (btf_is_array(t)) {
      id = btf_array(t)->type;
    } else {
      return 0;
    }
  }
  return 0;
}

class HeaderWriter {
 public:
  static void printf_cb(void* ctx, const char* fmt, va_list args) {
    auto* self = static_cast<HeaderWriter*>(ctx);
    va_list copy;
    va_copy(copy, args);
    int n = std::vsnprintf(nullptr, 0, fmt, copy);
    va_end(copy);
    if (n <= 0) return;
    size_t old = self->text.size();
    self->text.resize(old + size_t(n) + 1);
    std::vsnprintf(self->text.data() + old, size_t(n) + 1, fmt, args);
    self->text.resize(old + size_t(n));
  }
  std::string text;
};

// Enumerators that BCC-style programs use and older kernels' BTF may not carry.
const std::pair<const char*, long long> kFallbackEnumerators[] = {
    {"BPF_ANY", 0},         {"BPF_NOEXIST", 1},      {"BPF_EXIST", 2},
    {"BPF_F_LOCK", 4},      {"false", 0},            {"true", 1},
    {"BPF_F_USER_STACK", 256}, {"BPF_F_FAST_STACK_CMP", 512}, {"BPF_F_REUSE_STACKID", 1024},
    {"BPF_F_USER_BUILD_ID", 2048}, {"BPF_F_NO_PREALLOC", 1},
};

}  // namespace

BtfTypeIndex::BtfTypeIndex(struct btf* btf) : btf_(btf) {
  uint32_t count = btf__type_cnt(btf);
  for (uint32_t id = 1; id < count; ++id) {
    const btf_type* t = btf__type_by_id(btf, id);
    if (is_named_type(t) && t->name_off) by_name_[btf__name_by_offset(btf, t->name_off)].push_back(id);
    if (btf_is_enum(t)) {
      const struct btf_enum* e = btf_enum(t);
      for (unsigned i = 0; i < btf_vlen(t); ++i)
        by_enumerator_[btf__name_by_offset(btf, e[i].name_off)].push_back(id);
    } else if (btf_is_enum64(t)) {
      const struct btf_enum64* e = btf_enum64(t);
      for (unsigned i = 0; i < btf_vlen(t); ++i)
        by_enumerator_[btf__name_by_offset(btf, e[i].name_off)].push_back(id);
    }
  }
}

BtfTypeIndex::~BtfTypeIndex() { btf__free(btf_); }

Result<std::shared_ptr<const BtfTypeIndex>> BtfTypeIndex::load(const std::string& path) {
  static std::mutex mutex;
  static std::map<std::string, std::shared_ptr<const BtfTypeIndex>> loaded;
  std::lock_guard lock(mutex);
  if (auto it = loaded.find(path); it != loaded.end()) return it->second;
  struct btf* btf = btf__parse(path.c_str(), nullptr);
  if (!btf) {
    int err = errno;
    if (err == ENOENT)
      return Error::not_supported("CONFIG_DEBUG_INFO_BTF",
                                  "kernel BTF '" + path + "' does not exist; the kernel needs "
                                  "CONFIG_DEBUG_INFO_BTF=y, or use kernel headers "
                                  "(TRACEKIT_KERNEL_SOURCE)");
    return Error::sys(err, "cannot parse kernel BTF '" + path + "'");
  }
  std::shared_ptr<const BtfTypeIndex> index(new BtfTypeIndex(btf));
  loaded[path] = index;
  return index;
}

const std::vector<uint32_t>* BtfTypeIndex::types_named(const std::string& name) const {
  auto it = by_name_.find(name);
  return it == by_name_.end() ? nullptr : &it->second;
}

const std::vector<uint32_t>* BtfTypeIndex::enums_declaring(const std::string& name) const {
  auto it = by_enumerator_.find(name);
  return it == by_enumerator_.end() ? nullptr : &it->second;
}

Result<std::string> generate_btf_header(const BtfTypeIndex& index, const BtfHeaderInput& input) {
  const struct btf* btf = index.btf();
  const SourceScan& program = *input.program;
  std::set<uint32_t> chosen;
  std::vector<uint32_t> work;

  auto add = [&](uint32_t id) {
    if (id && chosen.insert(id).second) work.push_back(id);
  };
  auto seed_from = [&](const std::string& name) {
    if (program.defined_types.count(name)) return;
    if (input.header_types && input.header_types->count(name)) return;
    if (auto* ids = index.types_named(name))
      for (uint32_t id : *ids) add(id);
    if (auto* ids = index.enums_declaring(name))
      for (uint32_t id : *ids) add(id);
  };
  for (const auto& name : program.identifiers) seed_from(name);
  if (input.header_identifiers)
    for (const auto& name : *input.header_identifiers) seed_from(name);

  // Member-name closure over structs and unions (anonymous members are searched through).
  std::function<void(uint32_t)> follow_members = [&](uint32_t id) {
    const btf_type* t = btf__type_by_id(btf, id);
    const btf_member* m = btf_members(t);
    for (unsigned i = 0; i < btf_vlen(t); ++i) {
      const char* name = btf__name_by_offset(btf, m[i].name_off);
      if (!name || !*name) {
        uint32_t inner = underlying_named_type(btf, m[i].type);
        const btf_type* it = btf__type_by_id(btf, m[i].type);
        while (it && (btf_is_mod(it) || btf_is_typedef(it))) it = btf__type_by_id(btf, it->type);
        if (it && btf_is_composite(it) && !it->name_off) {
          // anonymous struct/union: look inside it with the same rule
          uint32_t anon_id = m[i].type;
          while (true) {
            const btf_type* a = btf__type_by_id(btf, anon_id);
            if (btf_is_mod(a) || btf_is_typedef(a)) anon_id = a->type; else break;
          }
          follow_members(anon_id);
        } else {
          add(inner);
        }
        continue;
      }
      if (program.identifiers.count(name)) add(underlying_named_type(btf, m[i].type));
    }
  };
  while (!work.empty()) {
    uint32_t id = work.back();
    work.pop_back();
    const btf_type* t = btf__type_by_id(btf, id);
    if (btf_is_composite(t)) {
      follow_members(id);
    } else if (btf_is_typedef(t)) {
      add(underlying_named_type(btf, t->type));
    }
  }

  HeaderWriter writer;
  writer.text.reserve(1 << 16);
  writer.text +=
      "/* Generated by tracekit from the kernel's BTF, pruned to the types this program can\n"
      " * reach. Field accesses are CO-RE relocatable (preserve_access_index). */\n"
      "#ifndef __TRACEKIT_KERNEL_H\n#define __TRACEKIT_KERNEL_H\n"
      "#pragma clang attribute push (__attribute__((preserve_access_index)), apply_to = record)\n";
  struct btf_dump* dump = btf_dump__new(btf, &HeaderWriter::printf_cb, &writer, nullptr);
  if (!dump) return Error::sys(errno, "btf_dump__new failed");
  for (uint32_t id : chosen) {
    if (int err = btf_dump__dump_type(dump, id); err < 0) {
      btf_dump__free(dump);
      return Error::sys(-err, "cannot write kernel type #" + std::to_string(id) + " as C");
    }
  }
  btf_dump__free(dump);
  writer.text += "#pragma clang attribute pop\n";

  for (const auto& [name, value] : kFallbackEnumerators) {
    std::string needle = std::string("\t") + name + " = ";
    if (writer.text.find(needle) == std::string::npos)
      writer.text += "enum { " + std::string(name) + " = " + std::to_string(value) + " };\n";
  }
  writer.text += "#endif\n";
  return writer.text;
}

}  // namespace tracekit::compiler
