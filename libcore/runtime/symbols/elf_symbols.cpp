#include "runtime/symbols/elf_symbols.h"

#include <fcntl.h>
#include <gelf.h>
#include <libelf.h>
#include <unistd.h>

#include <cerrno>
#include <memory>

#include "common/unique_fd.h"

namespace tracekit::symbols {
namespace {

struct ElfFile {
  UniqueFd fd;
  Elf* elf = nullptr;
  ~ElfFile() {
    if (elf) elf_end(elf);
  }
};

Result<std::unique_ptr<ElfFile>> open_elf(const std::string& path) {
  elf_version(EV_CURRENT);
  auto file = std::make_unique<ElfFile>();
  file->fd = UniqueFd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (!file->fd.valid()) {
    if (errno == ENOENT) return Error::not_found("binary '" + path + "' does not exist");
    return Error::sys(errno, "cannot open '" + path + "'");
  }
  file->elf = elf_begin(file->fd.get(), ELF_C_READ_MMAP, nullptr);
  if (!file->elf || elf_kind(file->elf) != ELF_K_ELF)
    return Error::invalid("'" + path + "' is not an ELF file");
  return file;
}

uint64_t offset_in_segments(Elf* elf, uint64_t address, bool& found) {
  size_t count = 0;
  found = false;
  if (elf_getphdrnum(elf, &count) != 0) return 0;
  for (size_t i = 0; i < count; ++i) {
    GElf_Phdr ph;
    if (!gelf_getphdr(elf, int(i), &ph) || ph.p_type != PT_LOAD || !(ph.p_flags & PF_X)) continue;
    if (address >= ph.p_vaddr && address < ph.p_vaddr + ph.p_memsz) {
      found = true;
      return address - ph.p_vaddr + ph.p_offset;
    }
  }
  return 0;
}

}  // namespace

Result<std::vector<ElfSymbol>> function_symbols(const std::string& path) {
  auto file = TK_TRY(open_elf(path));
  std::vector<ElfSymbol> out;
  for (Elf64_Word wanted : {SHT_SYMTAB, SHT_DYNSYM}) {
    Elf_Scn* scn = nullptr;
    while ((scn = elf_nextscn(file->elf, scn)) != nullptr) {
      GElf_Shdr sh;
      if (!gelf_getshdr(scn, &sh) || sh.sh_type != wanted) continue;
      Elf_Data* data = elf_getdata(scn, nullptr);
      if (!data || sh.sh_entsize == 0) continue;
      size_t n = sh.sh_size / sh.sh_entsize;
      for (size_t i = 0; i < n; ++i) {
        GElf_Sym sym;
        if (!gelf_getsym(data, int(i), &sym)) continue;
        if (GELF_ST_TYPE(sym.st_info) != STT_FUNC && GELF_ST_TYPE(sym.st_info) != STT_GNU_IFUNC) continue;
        if (sym.st_shndx == SHN_UNDEF || sym.st_value == 0) continue;
        const char* name = elf_strptr(file->elf, sh.sh_link, sym.st_name);
        if (!name || !*name) continue;
        bool found = false;
        uint64_t offset = offset_in_segments(file->elf, sym.st_value, found);
        if (!found) continue;
        out.push_back({name, sym.st_value, sym.st_size, offset});
      }
    }
    if (!out.empty()) break;  // .symtab is a superset of .dynsym
  }
  return out;
}

Result<uint64_t> symbol_file_offset(const std::string& path, const std::string& symbol) {
  auto symbols = TK_TRY(function_symbols(path));
  for (const auto& s : symbols)
    if (s.name == symbol) return s.file_offset;
  return Error::not_found("symbol '" + symbol + "' not found in '" + path + "'");
}

Result<uint64_t> address_to_file_offset(const std::string& path, uint64_t address) {
  auto file = TK_TRY(open_elf(path));
  bool found = false;
  uint64_t offset = offset_in_segments(file->elf, address, found);
  if (!found) return Error::not_found("address 0x" + std::to_string(address) + " is not in an executable segment of '" + path + "'");
  return offset;
}

}  // namespace tracekit::symbols
