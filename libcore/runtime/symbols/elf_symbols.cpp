#include "runtime/symbols/elf_symbols.h"

#include <fcntl.h>
#include <gelf.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>

#include "runtime/symbols/elf_file.h"

namespace tracekit::symbols {

Result<std::unique_ptr<ElfFile>> open_elf(const std::string& path) {
  elf_version(EV_CURRENT);
  auto file = std::make_unique<ElfFile>();
  file->path = path;
  file->fd = UniqueFd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (!file->fd.valid()) {
    if (errno == ENOENT) return Error::not_found("binary '" + path + "' does not exist");
    return Error::sys(errno, "cannot open '" + path + "'");
  }
  file->elf = elf_begin(file->fd.get(), ELF_C_READ_MMAP, nullptr);
  if (!file->elf || elf_kind(file->elf) != ELF_K_ELF) return Error::invalid("'" + path + "' is not an ELF file");
  return file;
}

bool segment_offset(Elf* elf, uint64_t address, bool any_segment, uint64_t& offset) {
  size_t count = 0;
  if (elf_getphdrnum(elf, &count) != 0) return false;
  for (size_t i = 0; i < count; ++i) {
    GElf_Phdr ph;
    if (!gelf_getphdr(elf, int(i), &ph) || ph.p_type != PT_LOAD) continue;
    if (!any_segment && !(ph.p_flags & PF_X)) continue;
    if (address >= ph.p_vaddr && address < ph.p_vaddr + ph.p_memsz) {
      offset = address - ph.p_vaddr + ph.p_offset;
      return true;
    }
  }
  return false;
}

namespace {

// Calls fn(name, sym) for every defined symbol of .symtab, or of .dynsym if there is no
// .symtab (stripped binaries), until fn returns true.
template <class Fn>
void for_each_symbol(ElfFile& file, Fn fn) {
  for (Elf64_Word wanted : {SHT_SYMTAB, SHT_DYNSYM}) {
    bool seen = false;
    Elf_Scn* scn = nullptr;
    while ((scn = elf_nextscn(file.elf, scn)) != nullptr) {
      GElf_Shdr sh;
      if (!gelf_getshdr(scn, &sh) || sh.sh_type != wanted) continue;
      Elf_Data* data = elf_getdata(scn, nullptr);
      if (!data || sh.sh_entsize == 0) continue;
      seen = true;
      size_t n = sh.sh_size / sh.sh_entsize;
      for (size_t i = 0; i < n; ++i) {
        GElf_Sym sym;
        if (!gelf_getsym(data, int(i), &sym) || sym.st_shndx == SHN_UNDEF) continue;
        const char* name = elf_strptr(file.elf, sh.sh_link, sym.st_name);
        if (!name || !*name) continue;
        if (fn(name, sym)) return;
      }
    }
    if (seen) return;  // .symtab is a superset of .dynsym
  }
}

}  // namespace

Result<std::vector<ElfSymbol>> function_symbols(const std::string& path) {
  auto file = TK_TRY(open_elf(path));
  std::vector<ElfSymbol> out;
  for_each_symbol(*file, [&](const char* name, const GElf_Sym& sym) {
    int type = GELF_ST_TYPE(sym.st_info);
    if ((type != STT_FUNC && type != STT_GNU_IFUNC) || sym.st_value == 0) return false;
    uint64_t offset = 0;
    if (segment_offset(file->elf, sym.st_value, false, offset)) out.push_back({name, sym.st_value, sym.st_size, offset});
    return false;
  });
  return out;
}

Result<uint64_t> symbol_file_offset(const std::string& path, const std::string& symbol) {
  auto symbols = TK_TRY(function_symbols(path));
  for (const auto& s : symbols)
    if (s.name == symbol) return s.file_offset;
  return Error::not_found("symbol '" + symbol + "' not found in '" + path + "'");
}

Result<uint64_t> symbol_address(const std::string& path, const std::string& symbol) {
  auto file = TK_TRY(open_elf(path));
  uint64_t address = 0;
  bool found = false;
  for_each_symbol(*file, [&](const char* name, const GElf_Sym& sym) {
    if (symbol != name) return false;
    address = sym.st_value;
    found = true;
    return true;
  });
  if (!found) return Error::not_found("symbol '" + symbol + "' not found in '" + path + "'");
  return address;
}

Result<uint64_t> address_to_file_offset(const std::string& path, uint64_t address, bool any_segment) {
  auto file = TK_TRY(open_elf(path));
  uint64_t offset = 0;
  if (!segment_offset(file->elf, address, any_segment, offset)) {
    char hex[32];
    std::snprintf(hex, sizeof hex, "0x%llx", static_cast<unsigned long long>(address));
    return Error::not_found(std::string("address ") + hex + " is not in " +
                            (any_segment ? "a loadable" : "an executable") + " segment of '" + path + "'");
  }
  return offset;
}

Result<bool> is_position_independent(const std::string& path) {
  auto file = TK_TRY(open_elf(path));
  GElf_Ehdr eh;
  if (!gelf_getehdr(file->elf, &eh)) return Error::invalid("'" + path + "' has no ELF header");
  return eh.e_type == ET_DYN;
}

}  // namespace tracekit::symbols
