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
#include "compiler/kernel_types/btf_tracepoints.h"
#include "compiler/kernel_types/kernel_headers.h"
#include "compiler/metadata.h"
#include "compiler/source_scan.h"
#include "compiler/tracepoint_structs.h"

namespace tracekit::compiler {
namespace {

constexpr const char* kIncludeDir = "/tk/include";
constexpr const char* kCompatDir = "/tk/compat";

// Identifiers used by tracekit's own headers (they seed the BTF type selection) and the types
// those headers define (never taken from BTF).
const SourceScan& header_scan() {
  static std::once_flag once;
  static SourceScan scan;
  std::call_once(once, [] {
    for (const auto& file : embedded_headers()) {
      SourceScan one = scan_source(file.contents);
      scan.identifiers.insert(one.identifiers.begin(), one.identifiers.end());
      scan.defined_types.insert(one.defined_types.begin(), one.defined_types.end());
    }
  });
  return scan;
}

bool is_embedded(const std::string& rel) {
  for (const auto& file : embedded_headers())
    if (file.path == rel) return true;
  return false;
}

// The BTF of the running kernel, if the request names one that exists.
std::shared_ptr<const BtfTypeIndex> optional_btf(const CompileRequest& request) {
  if (request.btf_path.empty()) return nullptr;
  auto index = BtfTypeIndex::load(request.btf_path);
  return index.ok() ? *index : nullptr;
}

Result<std::string> tracepoint_structs(const SourceScan& scan, const CompileRequest& request,
                                       const BtfTypeIndex* btf) {
  TracepointFormatReader read = tracefs_format_reader(request.tracefs_dir);
  std::string text = "/* Tracepoint argument structs, from the events' formats. */\n";
  for (const auto& [category, event] : scan.tracepoints) {
    std::vector<TracepointField> fields;
    std::string why;
    if (!request.tracefs_dir.empty()) {
      auto format = read(category, event);
      if (format.ok()) fields = parse_format_fields(*format);
      else why = format.error().message;
    } else {
      why = "tracefs is not available";
    }
    if (fields.empty() && btf) {
      auto from_btf = btf_tracepoint_fields(*btf, category, event);
      if (!from_btf.ok()) return Error::not_found(why + "; " + from_btf.error().message);
      fields = std::move(*from_btf);
    }
    if (fields.empty()) return Error::not_found(why.empty() ? "tracepoint has no fields" : why);
    text += TK_TRY(tracepoint_struct(category, event, fields));
  }
  return text;
}

std::string kernel_version_defines(uint32_t code) {
  return "#ifndef KERNEL_VERSION\n#define KERNEL_VERSION(a, b, c) (((a) << 16) + ((b) << 8) + ((c) > 255 ? 255 : (c)))\n"
         "#endif\n#ifndef LINUX_VERSION_CODE\n#define LINUX_VERSION_CODE " + std::to_string(code) + "\n#endif\n";
}

Result<FrontendInput> prepare_input(const CompileRequest& request) {
  FrontendInput input;
  input.main_name = request.source_name;
  // #line keeps diagnostics and BTF line info in the user's own file name and numbering.
  input.main_text = "#line 1 \"" + request.source_name + "\"\n" + request.source +
                    "\n#include <tracekit/epilogue.h>\n";

  bool btf_mode = request.header_mode == HeaderMode::Btf;
  std::shared_ptr<const BtfTypeIndex> btf;
  if (btf_mode) btf = TK_TRY(BtfTypeIndex::load(request.btf_path));

  SourceScan scan = scan_source(request.source);
  if (!scan.tracepoints.empty() && !btf) btf = optional_btf(request);
  std::string generated = TK_TRY(tracepoint_structs(scan, request, btf.get()));
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
  args = {"-cc1", "-triple", btf_mode ? "bpfel" : "x86_64-unknown-linux-gnu",
          "-O2", "-disable-llvm-passes",
          "-debug-info-kind=constructor", "-dwarf-version=5", "-nostdsysteminc", "-nobuiltininc",
          "-std=gnu11", "-x", "c", "-ferror-limit", "20", "-fmessage-length=0",
          "-fgnuc-version=4.2.1",
          "-D__BPF_TRACING__", "-D__TARGET_ARCH_x86", "-D__TRACEKIT__",
          "-Wno-unused-value", "-Wno-pointer-sign", "-Wno-compare-distinct-pointer-types",
          "-Wno-gnu-variable-sized-type-not-at-end", "-Wno-address-of-packed-member",
          "-Wno-unknown-warning-option", "-Wno-int-conversion", "-Wno-void-ptr-dereference",
          "-isystem", kIncludeDir};
  if (btf_mode) {
    BtfHeaderInput btf_input{&scan, &header_scan().identifiers, &header_scan().defined_types};
    std::string kernel_h = TK_TRY(generate_btf_header(*btf, btf_input));
    kernel_h += kernel_version_defines(request.kernel_version_code);
    input.virtual_files.emplace_back(std::string(kIncludeDir) + "/tracekit/kernel.h", std::move(kernel_h));
    // Every kernel header the program includes resolves to the generic BTF-mode header.
    for (const std::string& inc : scan.angle_includes)
      if (!is_embedded(inc))
        input.virtual_files.emplace_back(std::string(kCompatDir) + "/" + inc,
                                         "#include <tracekit/btf/generic.h>\n");
    args.push_back("-isystem");
    args.push_back(kCompatDir);
    args.push_back("-target-cpu");
    args.push_back("v2");
    args.push_back("-D__x86_64__");  // for the few macros that test the architecture
  } else {
    input.virtual_files.emplace_back(std::string(kIncludeDir) + "/tracekit/kernel.h", kernel_headers_prelude());
    for (auto& f : kernel_header_flags(request)) args.push_back(std::move(f));
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
  out.debug_text += code.asm_text;
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
