#include "runtime/symbols/usdt_notes.h"

#include <gelf.h>

#include <cstring>

#include "runtime/symbols/elf_file.h"
#include "runtime/symbols/elf_symbols.h"

namespace tracekit::symbols {
namespace {

constexpr uint32_t kStapsdtNoteType = 3;

struct RawNote {
  uint64_t pc = 0, base = 0, semaphore = 0;
  std::string provider, name, args;
};

bool parse_note(const char* desc, size_t size, bool is64, RawNote& out) {
  size_t word = is64 ? 8 : 4;
  if (size < 3 * word) return false;
  auto read = [&](size_t i) {
    uint64_t v = 0;
    std::memcpy(&v, desc + i * word, word);  // ELF of the host's byte order (x86_64)
    return v;
  };
  out.pc = read(0);
  out.base = read(1);
  out.semaphore = read(2);
  const char* p = desc + 3 * word;
  const char* end = desc + size;
  std::string* fields[] = {&out.provider, &out.name, &out.args};
  for (std::string* f : fields) {
    const char* nul = static_cast<const char*>(std::memchr(p, '\0', size_t(end - p)));
    if (!nul) return false;
    f->assign(p, size_t(nul - p));
    p = nul + 1;
  }
  return true;
}

// RIP-relative arguments are stored relative to the probe's own address, which is where the
// uprobe reports the instruction pointer: the BPF side then needs no load address.
void resolve_rip_relative(const std::string& path, UsdtLocation& loc) {
  for (UsdtArg& arg : loc.args) {
    if (arg.kind != UsdtArg::Kind::RipRelative) continue;
    auto address = symbol_address(path, arg.symbol);
    if (!address.ok()) {
      loc.arg_error = "argument '" + arg.text + "': " + address.error().message;
      return;
    }
    arg.constant = int64_t(*address) + arg.constant - int64_t(loc.address);
  }
}

}  // namespace

Result<std::vector<UsdtProbe>> read_usdt_probes(const std::string& path) {
  auto file = TK_TRY(open_elf(path));
  Elf* elf = file->elf;
  bool is64 = gelf_getclass(elf) == ELFCLASS64;
  size_t shstrndx = 0;
  if (elf_getshdrstrndx(elf, &shstrndx) != 0) return Error::invalid("'" + path + "' has no section names");

  uint64_t actual_base = 0;
  bool have_base = false;
  std::vector<RawNote> notes;
  Elf_Scn* scn = nullptr;
  while ((scn = elf_nextscn(elf, scn)) != nullptr) {
    GElf_Shdr sh;
    if (!gelf_getshdr(scn, &sh)) continue;
    const char* name = elf_strptr(elf, shstrndx, sh.sh_name);
    if (!name) continue;
    if (std::strcmp(name, ".stapsdt.base") == 0) {
      actual_base = sh.sh_addr;
      have_base = true;
    }
    if (sh.sh_type != SHT_NOTE || std::strcmp(name, ".note.stapsdt") != 0) continue;
    Elf_Data* data = elf_getdata(scn, nullptr);
    if (!data) continue;
    size_t offset = 0, name_off = 0, desc_off = 0;
    GElf_Nhdr nh;
    while ((offset = gelf_getnote(data, offset, &nh, &name_off, &desc_off)) > 0) {
      const char* note_name = static_cast<const char*>(data->d_buf) + name_off;
      if (nh.n_type != kStapsdtNoteType || nh.n_namesz != 8 || std::strcmp(note_name, "stapsdt") != 0) continue;
      RawNote raw;
      if (parse_note(static_cast<const char*>(data->d_buf) + desc_off, nh.n_descsz, is64, raw))
        notes.push_back(std::move(raw));
    }
  }

  std::vector<UsdtProbe> probes;
  for (RawNote& raw : notes) {
    // Prelink moves sections after the notes are written; .stapsdt.base says by how much.
    int64_t bias = (have_base && raw.base) ? int64_t(actual_base) - int64_t(raw.base) : 0;
    UsdtLocation loc;
    loc.address = raw.pc + uint64_t(bias);
    loc.arg_text = raw.args;
    if (!segment_offset(elf, loc.address, false, loc.file_offset)) continue;  // not in code: damaged note
    auto args = parse_usdt_args(raw.args);
    if (args.ok()) {
      loc.args = std::move(args).value();
      resolve_rip_relative(path, loc);
    } else {
      loc.arg_error = args.error().message;
    }
    uint64_t semaphore = raw.semaphore ? raw.semaphore + uint64_t(bias) : 0;
    UsdtProbe* probe = nullptr;
    for (UsdtProbe& p : probes)
      if (p.provider == raw.provider && p.name == raw.name) probe = &p;
    if (!probe) {
      probes.push_back({raw.provider, raw.name, path, semaphore, 0, {}});
      probe = &probes.back();
      if (semaphore && !segment_offset(elf, semaphore, true, probe->semaphore_offset))
        probe->semaphore_address = 0;  // outside every segment: treat as none
    }
    probe->locations.push_back(std::move(loc));
  }
  return probes;
}

}  // namespace tracekit::symbols
