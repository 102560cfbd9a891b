// What the front end learns about a program from its AST, handed to the IR passes and written
// out as metadata for the runtime. Type layouts are JSON (see docs/metadata.md) because that is
// what the Python side consumes.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace tracekit::compiler {

struct MapDecl {
  std::string name;
  std::string bcc_type;  // BCC's type string: "hash", "array", "perf_output"...
  nlohmann::json key;    // type layouts
  nlohmann::json leaf;
  uint64_t max_entries = 0;
  uint64_t flags = 0;
  std::string pin_path;    // BPF_TABLE_PINNED: reuse or create and pin at this bpffs path
  std::string share;       // BPF_TABLE_PUBLIC / BPF_TABLE_SHARED: "public" or "shared"
  std::string inner_map;   // maps of maps: the table whose shape the inner maps have
  // Byte offset of each method member inside the table struct -> method name.
  std::map<uint64_t, std::string> methods;
};

// How a program's extra parameters (after ctx) are filled in.
enum class ArgSource {
  None,
  Registers,        // kprobe on a kernel function: C calling convention registers
  SyscallRegisters  // syscall entry: the user registers behind %di (x86_64 wrappers)
};

struct ProgramDecl {
  std::string name;
  std::string kind;    // see frontend/program_kinds.h
  std::string target;  // auto-attach target: function, "category:event", ...; empty if none
  std::string ctx_type;  // struct name of the first parameter, "void" or ""
  std::string section;
  ArgSource arg_source = ArgSource::None;
  std::vector<bool> arg_is_pointer;  // for the parameters after ctx
  bool user_pointer_args = false;    // syscall entry: pointer arguments are user memory
  bool user_pointers_from_ctx = false;  // syscall tracepoints: pointer fields are user memory
  bool syscall_variants = false;  // build sys_enter/sys_exit tracepoint variants
  std::string enter_variant;      // names of those variants, when built
  std::string exit_variant;
};

struct Analysis {
  std::vector<MapDecl> maps;
  std::vector<MapDecl> internal_maps;  // tracekit's own (__tk_*), not in the metadata
  std::vector<ProgramDecl> programs;
  std::map<std::string, nlohmann::json> events;  // map name -> event struct layout

  const MapDecl* find_map(const std::string& name) const;
  ProgramDecl* find_program(const std::string& name);
};

}  // namespace tracekit::compiler
