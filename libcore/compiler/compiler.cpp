// libtracekit-compiler: C text in, BPF ELF object and metadata out. No syscalls beyond reading
// the kernel's BTF, headers and tracepoint formats; deterministic for a given request.
#include <llvm/IR/LLVMContext.h>
#include <llvm/IR/Module.h>

#include <chrono>
#include <mutex>

#include "common/build_identity.h"
#include "compiler/clang_frontend.h"
#include "compiler/codegen.h"
#include "compiler/compile_request.h"
#include "compiler/embedded_headers.h"
#include "compiler/kernel_types/btf_header.h"
#include "compiler/kernel_types/kernel_headers.h"
#include "compiler/metadata.h"
#include "compiler/source_scan.h"
#include "compiler/tracepoint_structs.h"

namespace tracekit::compiler {
namespace {

constexpr const char* kIncludeDir = "/tk/include";
constexpr const char* kCompatDir = "/tk/compat";

// Identifiers used by tracekit's own headers: they seed the BTF type selection.
const std::unordered_set<std::string>& header_identifiers() {
  static std::once_flag once;
  static std::unordered_set<std::string> ids;
  std::call_once(once, [] {
    SourceScan scan;
    for (const auto& file : embedded_headers()) scan_more(file.contents, scan);
    ids = std::move(scan.identifiers);
  });
  return ids;
}

bool is_embedded(const std::string& rel) {
  for (const auto& file : embedded_headers())
    if (file.path == rel) return true;
  return false;
}

Result<std::string> tracepoint_structs(const SourceScan& scan, const CompileRequest& request) {
  TracepointFormatReader read = tracefs_format_reader(request.tracefs_dir);
  std::string text = "/* Tracepoint argument structs, from the events' formats. */\n";
  for (const auto& [category, event] : scan.tracepoints) {
    auto format = read(category, event);
    if (!format.ok()) return std::move(format).error();
    text += TK_TRY(tracepoint_struct_from_format(category, event, *format));
  }
  return text;
}

Result<FrontendInput> prepare_input(const CompileRequest& request) {
  FrontendInput input;
  input.main_name = request.source_name;
  // #line keeps diagnostics and BTF line info in the user's own file name and numbering.
  input.main_text = "#line 1 \"" + request.source_name + "\"\n" + request.source +
                    "\n#include <tracekit/epilogue.h>\n";

  SourceScan scan = scan_source(request.source);
  std::string generated = TK_TRY(tracepoint_structs(scan, request));
  scan_more(generated, scan);

  for (const auto& file : embedded_headers())
    input.virtual_files.emplace_back(std::string(kIncludeDir) + "/" + std::string(file.path),
                                     std::string(file.contents));
  input.virtual_files.emplace_back(std::string(kIncludeDir) + "/tracekit/generated.h", generated);

  std::vector<std::string>& args = input.args;
  // Headers mode parses for x86_64, as BCC does: the kernel's headers hold x86 inline asm that
  // the BPF target rejects even in functions a program never calls. The IR is retargeted to
  // BPF before optimisation (codegen.cpp); x86_64 and BPF share the LP64 layout. BTF mode
  // parses for BPF directly, which CO-RE's __builtin_preserve_access_index needs.
  bool headers = request.header_mode == HeaderMode::Headers;
  args = {"-cc1", "-triple", headers ? "x86_64-unknown-linux-gnu" : "bpfel",
          "-O2", "-disable-llvm-passes",
          "-debug-info-kind=constructor", "-dwarf-version=5", "-nostdsysteminc", "-nobuiltininc",
          "-std=gnu11", "-x", "c", "-ferror-limit", "20", "-fmessage-length=0",
          "-fgnuc-version=4.2.1",
          "-D__BPF_TRACING__", "-D__TARGET_ARCH_x86", "-D__TRACEKIT__",
          "-Wno-unused-value", "-Wno-pointer-sign", "-Wno-compare-distinct-pointer-types",
          "-Wno-gnu-variable-sized-type-not-at-end", "-Wno-address-of-packed-member",
          "-Wno-unknown-warning-option", "-Wno-int-conversion",
          "-isystem", kIncludeDir};
  if (request.header_mode == HeaderMode::Btf) {
    auto index = TK_TRY(BtfTypeIndex::load(request.btf_path));
    BtfHeaderInput btf_input{&scan, &header_identifiers()};
    std::string kernel_h = TK_TRY(generate_btf_header(*index, btf_input));
    input.virtual_files.emplace_back(std::string(kIncludeDir) + "/tracekit/kernel.h", std::move(kernel_h));
    // Every kernel header the program includes resolves to the generic BTF-mode header.
    for (const std::string& inc : scan.angle_includes)
      if (!is_embedded(inc))
        input.virtual_files.emplace_back(std::string(kCompatDir) + "/" + inc,
                                         "#include <tracekit/btf/generic.h>\n");
    args.push_back("-isystem");
    args.push_back(kCompatDir);
  } else {
    input.virtual_files.emplace_back(std::string(kIncludeDir) + "/tracekit/kernel.h", kernel_headers_prelude());
    for (auto& f : kernel_header_flags(request)) args.push_back(std::move(f));
  }
  if (!headers) {
    args.push_back("-target-cpu");
    args.push_back("v2");
    args.push_back("-D__x86_64__");  // for the few macros that test the architecture
  }
  args.push_back("-include");
  args.push_back("tracekit/prelude.h");
  for (const auto& flag : request.cflags) args.push_back(flag);
  return input;
}

class PhaseClock {
 public:
  explicit PhaseClock(std::vector<std::pair<std::string, double>>& phases) : phases_(phases) {}
  void done(const char* phase) {
    auto now = std::chrono::steady_clock::now();
    phases_.emplace_back(phase, std::chrono::duration<double, std::milli>(now - last_).count());
    last_ = now;
  }

 private:
  std::vector<std::pair<std::string, double>>& phases_;
  std::chrono::steady_clock::time_point last_ = std::chrono::steady_clock::now();
};

Result<CompileOutput> compile(const CompileRequest& request) {
  CompileOutput out;
  PhaseClock clock(out.phases);
  FrontendInput input = TK_TRY(prepare_input(request));
  clock.done("kernel types and headers");
  if (request.debug_flags & kDebugPreprocessor) out.debug_text += TK_TRY(preprocess_only(input));
  FrontendOutput frontend = TK_TRY(run_frontend(input, request));
  clock.done("clang front end");
  CodegenOutput code = TK_TRY(optimize_and_emit(*frontend.module, frontend.analysis, request));
  clock.done("optimise and codegen");
  out.elf = std::move(code.elf);
  out.debug_text += code.ir_text;
  out.metadata_json = metadata_json(frontend.analysis, request);
  out.warnings = std::move(frontend.warnings);
  return out;
}

std::string version() { return std::string(build_identity()); }

const CompilerApi kApi = {kCompilerAbiVersion, &compile, &version};

}  // namespace
}  // namespace tracekit::compiler

extern "C" __attribute__((visibility("default"))) const tracekit::compiler::CompilerApi* tracekit_compiler_v1() {
  return &tracekit::compiler::kApi;
}
