// The runtime's view of the metadata the compiler wrote (compiler/metadata.cpp).
#pragma once

#include <string>
#include <vector>

#include "common/result.h"

namespace tracekit::load {

struct ProgramMeta {
  std::string name;
  std::string kind;    // kprobe, kretprobe, syscall, tracepoint, raw_tracepoint, ...
  std::string target;  // auto-attach target, or ""
  std::string ctx;
  std::string section;  // ELF section: "fentry/do_nanosleep", "lsm/file_open", "kprobe/x"...
  std::string sys_enter_variant;  // tracepoint twins on kernels without kprobes
  std::string sys_exit_variant;
};

struct MapMeta {
  std::string name;
  std::string bcc_type;
  unsigned map_type = 0;
  unsigned max_entries = 0;
  unsigned flags = 0;
};

struct ObjectMetadata {
  bool btf_mode = false;  // kernel types came from this kernel's BTF (see bpf_object.cpp)
  std::vector<ProgramMeta> programs;
  std::vector<MapMeta> maps;
  const ProgramMeta* program(const std::string& name) const;
  const MapMeta* map(const std::string& name) const;
};

Result<ObjectMetadata> parse_metadata(const std::string& json);

// The BPF program type (enum bpf_prog_type) a program of this kind loads as.
unsigned program_type_for_kind(const std::string& kind);

}  // namespace tracekit::load
