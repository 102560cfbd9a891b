// The contract between the runtime and libtracekit-compiler.so. The runtime fills a request
// from what it knows about the running kernel (so the compiler never probes the kernel), and
// gets back an ELF object plus metadata. Both sides are built together, so C++ types may cross
// the dlopen boundary; kCompilerAbiVersion guards against a stale library.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "common/result.h"

namespace tracekit::compiler {

class BtfTypeIndex;  // compiler/kernel_types/btf_index.h

inline constexpr int kCompilerAbiVersion = 4;

enum class HeaderMode {
  Btf,      // types from the kernel's BTF, pruned to what the program uses
  Headers,  // the kernel's build tree (/lib/modules/$(uname -r)/build), like BCC
};

// debug flags, numerically equal to BCC's so that BPF(debug=...) keeps its meaning.
enum DebugFlags : unsigned {
  kDebugLlvmIr = 0x1,
  kDebugBpf = 0x2,
  kDebugPreprocessor = 0x4,
  kDebugSource = 0x8,
  kDebugBpfRegisterState = 0x10,
  kDebugBtf = 0x20,
};

struct CompileRequest {
  std::string source;
  std::string source_name = "program.c";  // shown in diagnostics
  std::vector<std::string> cflags;
  HeaderMode header_mode = HeaderMode::Btf;
  std::string btf_path = "/sys/kernel/btf/vmlinux";
  // btf_path already parsed and indexed (the runtime does it while the compiler library
  // loads); null: the compiler parses it.
  std::shared_ptr<const BtfTypeIndex> btf_index;
  std::string kernel_build_dir;   // headers mode: .../build
  std::string kernel_source_dir;  // headers mode: .../source (may equal build)
  // Where tracepoint formats are read; "" if tracefs cannot be read (they then come from BTF).
  std::string tracefs_dir = "/sys/kernel/tracing";
  // LINUX_VERSION_CODE of the running kernel (BTF mode defines it; headers have version.h).
  uint32_t kernel_version_code = 0;
  // Prefix of syscall entry points on this kernel ("__x64_sys_"), or "sys_" on old kernels.
  std::string syscall_prefix = "__x64_sys_";
  // x86_64 syscall wrappers pass the user registers as a pt_regs pointer in %di.
  bool syscall_wrapper = true;
  // The kernel cannot attach kprobes: also build each kprobe-style program as a syscall
  // tracepoint program, so that attach_kprobe() on a syscall still works.
  bool syscall_tracepoint_variants = false;
  unsigned debug_flags = 0;
  // Identifies the kernel's types (the runtime's kernel_types_identity): part of the keys of
  // what the compiler keeps between compiles.
  std::string kernel_types_identity;
  // Storage for the parsed kernel headers of headers mode, kept as precompiled headers (the
  // runtime's object cache). Unset: nothing is kept and every compile parses the headers.
  std::function<std::optional<std::string>(const std::string& key)> load_artifact;
  std::function<void(const std::string& key, const std::string& data)> store_artifact;
  // Called when LLVM meets an error it cannot return from (it would print and abort); must not
  // return. Unset: LLVM's default.
  void (*on_fatal_error)(const std::string& message) = nullptr;
};

struct CompileOutput {
  std::string elf;            // the BPF object
  std::string metadata_json;  // maps, programs, event layouts (see compiler/metadata.h)
  std::string debug_text;     // what debug_flags asked for (preprocessed source, IR, asm)
  std::vector<Diagnostic> warnings;
  // Files of the machine the program included (its own headers, -I directories), apart from
  // tracekit's embedded headers and the kernel's: the object is only valid while they are
  // unchanged, which the source text in the cache key cannot tell.
  std::vector<std::string> source_files;
  // Wall time of each phase in ms ("kernel types", "front end", "optimise+codegen"...), for
  // bench/compile and `TRACEKIT_TIMING=1`.
  std::vector<std::pair<std::string, double>> phases;
};

// The single entry point the shared library exports (as tracekit_compiler_v1).
struct CompilerApi {
  int abi_version;
  Result<CompileOutput> (*compile)(const CompileRequest&);
  std::string (*version)();
};

}  // namespace tracekit::compiler

extern "C" const tracekit::compiler::CompilerApi* tracekit_compiler_v1();
