#include "runtime/symbolize/bpf_function.h"

#include <gelf.h>
#include <libelf.h>

namespace tracekit::symbolize {

Result<std::string> bpf_function_bytes(const std::string& elf_bytes, const std::string& name) {
  elf_version(EV_CURRENT);
  Elf* elf = elf_memory(const_cast<char*>(elf_bytes.data()), elf_bytes.size());
  if (!elf) return Error::invalid("not an ELF object");
  struct Closer {
    Elf* e;
    ~Closer() { elf_end(e); }
  } closer{elf};
  Elf_Scn* scn = nullptr;
  while ((scn = elf_nextscn(elf, scn)) != nullptr) {
    GElf_Shdr shdr;
    if (!gelf_getshdr(scn, &shdr) || shdr.sh_type != SHT_SYMTAB) continue;
    Elf_Data* data = elf_getdata(scn, nullptr);
    size_t count = shdr.sh_entsize ? shdr.sh_size / shdr.sh_entsize : 0;
    for (size_t i = 0; data && i < count; ++i) {
      GElf_Sym sym;
      if (!gelf_getsym(data, int(i), &sym) || GELF_ST_TYPE(sym.st_info) != STT_FUNC) continue;
      const char* sym_name = elf_strptr(elf, shdr.sh_link, sym.st_name);
      if (!sym_name || name != sym_name) continue;
      Elf_Scn* code = elf_getscn(elf, sym.st_shndx);
      Elf_Data* code_data = code ? elf_getdata(code, nullptr) : nullptr;
      if (!code_data || sym.st_value + sym.st_size > code_data->d_size)
        return Error::internal("function '" + name + "' lies outside its section");
      return std::string(static_cast<const char*>(code_data->d_buf) + sym.st_value, sym.st_size);
    }
  }
  return Error::not_found("no BPF function named '" + name + "' in the program");
}

}  // namespace tracekit::symbolize
