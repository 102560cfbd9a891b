#include "runtime/symbolize/elf_modules.h"

#include <gelf.h>
#include <unistd.h>

#include <memory>

#include "runtime/symbolize/libdw_api.h"

namespace tracekit::symbolize {
namespace {

char* debuginfo_path = nullptr;  // libdwfl's default: ":.debug:/usr/lib/debug"

}  // namespace

Result<std::unique_ptr<ElfModules>> ElfModules::create() {
  const LibdwApi* api = TK_TRY(libdw());
  // libdwfl keeps the pointer: the callbacks must outlive every Dwfl.
  static Dwfl_Callbacks callbacks = {api->dwfl_build_id_find_elf, api->dwfl_standard_find_debuginfo, nullptr,
                                     &debuginfo_path};
  std::unique_ptr<ElfModules> self(new ElfModules());
  self->api_ = api;
  self->dwfl_ = api->dwfl_begin(&callbacks);
  if (!self->dwfl_) return Error::internal("dwfl_begin: " + api->last_error());
  api->dwfl_report_begin(self->dwfl_);
  return self;
}

ElfModules::~ElfModules() {
  if (dwfl_) api_->dwfl_end(dwfl_);
}

std::optional<uint64_t> ElfModules::report(const std::string& module, const std::string& file_name, int fd,
                                           uint64_t base) {
  Dwfl_Module* mod = api_->dwfl_report_elf(dwfl_, module.c_str(), file_name.c_str(), fd, base, false);
  if (!mod) {
    if (fd >= 0) ::close(fd);  // consumed only on success
    return std::nullopt;
  }
  Dwarf_Addr start = 0;
  api_->dwfl_module_info(mod, nullptr, &start, nullptr, nullptr, nullptr, nullptr, nullptr);
  return start;
}

void ElfModules::end_report() { api_->dwfl_report_end(dwfl_, nullptr, nullptr); }

Symbol ElfModules::resolve(uint64_t addr) const {
  Dwfl_Module* mod = api_->dwfl_addrmodule(dwfl_, addr);
  if (!mod) return {};
  Dwarf_Addr start = 0;
  const char* module = api_->dwfl_module_info(mod, nullptr, &start, nullptr, nullptr, nullptr, nullptr, nullptr);
  Symbol out;
  out.module = module ? module : "";
  GElf_Off offset = 0;
  GElf_Sym sym;
  const char* name = api_->dwfl_module_addrinfo(mod, addr, &offset, &sym, nullptr, nullptr, nullptr);
  if (name && *name) {
    out.name = name;
    out.offset = offset;
  } else {
    out.offset = addr - start;
  }
  return out;
}

uint64_t ElfModules::address_of(const std::string& module, const std::string& name) const {
  struct Search {
    const LibdwApi* api;
    const std::string* module;
    const std::string* name;
    uint64_t found = 0;
  } search{api_, &module, &name};
  auto visit = [](Dwfl_Module* mod, void**, const char* mod_name, Dwarf_Addr, void* arg) -> int {
    auto* s = static_cast<Search*>(arg);
    if (!s->module->empty() && *s->module != mod_name) return DWARF_CB_OK;
    int count = s->api->dwfl_module_getsymtab(mod);
    for (int i = 1; i < count; ++i) {
      GElf_Sym sym;
      GElf_Addr value = 0;
      const char* sym_name = s->api->dwfl_module_getsym_info(mod, i, &sym, &value, nullptr, nullptr, nullptr);
      if (sym_name && *s->name == sym_name && GELF_ST_TYPE(sym.st_info) == STT_FUNC && sym.st_shndx != SHN_UNDEF) {
        s->found = value;
        return DWARF_CB_ABORT;
      }
    }
    return DWARF_CB_OK;
  };
  api_->dwfl_getmodules(dwfl_, visit, &search, 0);
  return search.found;
}

std::string ElfModules::build_id_at(uint64_t addr) const {
  Dwfl_Module* mod = api_->dwfl_addrmodule(dwfl_, addr);
  if (!mod) return "";
  GElf_Addr bias = 0;
  api_->dwfl_module_getelf(mod, &bias);
  const unsigned char* bits = nullptr;
  GElf_Addr vaddr = 0;
  int n = api_->dwfl_module_build_id(mod, &bits, &vaddr);
  static const char hex[] = "0123456789abcdef";
  std::string out;
  for (int i = 0; i < n; ++i) {
    out += hex[bits[i] >> 4];
    out += hex[bits[i] & 15];
  }
  return out;
}

uint64_t ElfModules::address_of_file_offset(uint64_t near, uint64_t offset) const {
  Dwfl_Module* mod = api_->dwfl_addrmodule(dwfl_, near);
  if (!mod) return 0;
  GElf_Addr bias = 0;
  Elf* elf = api_->dwfl_module_getelf(mod, &bias);
  if (!elf) return 0;
  size_t count = 0;
  if (elf_getphdrnum(elf, &count) != 0) return 0;
  for (size_t i = 0; i < count; ++i) {
    GElf_Phdr phdr;
    if (!gelf_getphdr(elf, int(i), &phdr) || phdr.p_type != PT_LOAD) continue;
    if (offset >= phdr.p_offset && offset < phdr.p_offset + phdr.p_filesz)
      return bias + phdr.p_vaddr + (offset - phdr.p_offset);
  }
  return 0;
}

}  // namespace tracekit::symbolize
