#include "compiler/frontend_input.h"

#include <chrono>
#include <mutex>

#include "compiler/embedded_headers.h"
#include "compiler/kernel_types/btf_derived_constants.h"
#include "compiler/kernel_types/btf_header.h"
#include "compiler/kernel_types/btf_tracepoints.h"
#include "compiler/kernel_types/kernel_headers.h"
#include "compiler/kernel_types/leading_includes.h"
#include "compiler/kernel_types/precompiled_kernel.h"
#include "compiler/source_scan.h"
#include "compiler/tracepoint_structs.h"

namespace tracekit::compiler {
namespace {

constexpr const char* kIncludeDir = "/tk/include";
constexpr const char* kCompatDir = "/tk/compat";
constexpr const char* kPchPath = "/tk/pch/kernel_headers.pch";

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
  if (request.btf_index) return request.btf_index;
  if (request.btf_path.empty()) return nullptr;
  auto index = BtfTypeIndex::parse(request.btf_path);
  return index.ok() ? *index : nullptr;
}

Result<std::string> tracepoint_structs(const SourceScan& scan, const CompileRequest& request,
                                       const BtfTypeIndex* btf) {
  TracepointFormatReader read = tracefs_format_reader(request.tracefs_dir);
  std::string text = "/* Tracepoint argument structs, from the events' formats. */\n";
  for (const auto& [category, event] : scan.tracepoints) {
    std::vector<TracepointField> fields;
    std::string why = "tracefs is not available";
    if (!request.tracefs_dir.empty()) {
      auto format = read(category, event);
      if (format.ok()) fields = parse_format_fields(*format);
      else why = format.error().message;
    }
    if (fields.empty() && btf) {
      auto from_btf = btf_tracepoint_fields(*btf, category, event);
      if (!from_btf.ok()) return Error::not_found(why + "; " + from_btf.error().message);
      fields = std::move(*from_btf);
    }
    if (fields.empty()) return Error::not_found(why);
    text += TK_TRY(tracepoint_struct(category, event, fields));
  }
  return text;
}

std::string kernel_version_defines(uint32_t code) {
  return "#ifndef KERNEL_VERSION\n#define KERNEL_VERSION(a, b, c) (((a) << 16) + ((b) << 8) + ((c) > 255 ? 255 : (c)))\n"
         "#endif\n#ifndef LINUX_VERSION_CODE\n#define LINUX_VERSION_CODE " + std::to_string(code) + "\n#endif\n";
}

std::vector<std::string> common_args(bool btf_mode) {
  // Headers mode parses for x86_64, as BCC does: the kernel's headers hold x86 inline asm that
  // the BPF target rejects even in functions a program never calls. The IR is retargeted to
  // BPF before optimisation (codegen.cpp); x86_64 and BPF share the LP64 layout. BTF mode
  // parses for BPF directly, which CO-RE's __builtin_preserve_access_index needs.
  return {"-cc1", "-triple", btf_mode ? "bpfel" : "x86_64-unknown-linux-gnu",
          "-O2", "-disable-llvm-passes",
          "-debug-info-kind=constructor", "-dwarf-version=5", "-nostdsysteminc", "-nobuiltininc",
          "-std=gnu11", "-x", "c", "-ferror-limit", "20", "-fmessage-length=0",
          "-fgnuc-version=4.2.1",
          "-D__BPF_TRACING__", "-D__TARGET_ARCH_x86", "-D__TRACEKIT__",
          "-Wno-unused-value", "-Wno-pointer-sign", "-Wno-compare-distinct-pointer-types",
          "-Wno-gnu-variable-sized-type-not-at-end", "-Wno-address-of-packed-member",
          "-Wno-unknown-warning-option", "-Wno-int-conversion", "-Wno-void-ptr-dereference",
          "-isystem", kIncludeDir};
}

double ms_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

Result<FrontendInput> prepare_input(const CompileRequest& request,
                                    std::vector<std::pair<std::string, double>>& phases) {
  auto start = std::chrono::steady_clock::now();
  bool btf_mode = request.header_mode == HeaderMode::Btf;
  std::shared_ptr<const BtfTypeIndex> btf;
  if (btf_mode) btf = request.btf_index ? request.btf_index : TK_TRY(BtfTypeIndex::parse(request.btf_path));

  SourceScan scan = scan_source(request.source);
  if (!scan.tracepoints.empty() && !btf) btf = optional_btf(request);
  std::string generated = TK_TRY(tracepoint_structs(scan, request, btf.get()));
  scan_more(generated, scan);

  FrontendInput input;
  input.main_name = request.source_name;
  input.btf_mode = btf_mode;
  for (const auto& file : embedded_headers())
    input.virtual_files.emplace_back(std::string(kIncludeDir) + "/" + std::string(file.path),
                                     std::string(file.contents));
  input.virtual_files.emplace_back(std::string(kIncludeDir) + "/tracekit/generated.h", generated);
  input.args = common_args(btf_mode);

  std::string program = request.source;
  bool precompiled = false;
  if (btf_mode) {
    BtfHeaderInput btf_input{&scan, &header_scan().identifiers, &header_scan().defined_types};
    std::string kernel_h = TK_TRY(generate_btf_header(*btf, btf_input));
    kernel_h += kernel_version_defines(request.kernel_version_code);
    kernel_h += btf_derived_constants(*btf, scan);
    input.virtual_files.emplace_back(std::string(kIncludeDir) + "/tracekit/kernel.h", std::move(kernel_h));
    // Every kernel header the program includes resolves to the generic BTF-mode header.
    for (const std::string& inc : scan.angle_includes)
      if (!is_embedded(inc))
        input.virtual_files.emplace_back(std::string(kCompatDir) + "/" + inc,
                                         "#include <tracekit/btf/generic.h>\n");
    for (const char* arg : {"-isystem", kCompatDir, "-target-cpu", "v2", "-D__x86_64__"})
      input.args.push_back(arg);
    for (const auto& flag : request.cflags) input.args.push_back(flag);
    phases.emplace_back("kernel types (BTF)", ms_since(start));
  } else {
    input.virtual_files.emplace_back(std::string(kIncludeDir) + "/tracekit/kernel.h", kernel_headers_prelude());
    for (auto& f : kernel_header_flags(request)) input.args.push_back(std::move(f));
    for (const auto& flag : request.cflags) input.args.push_back(flag);
    if (request.load_artifact && request.store_artifact) {
      // The program's leading kernel includes move into the precompiled header.
      LeadingIncludes leading = split_leading_includes(request.source);
      PrecompiledKernel pch = TK_TRY(precompiled_kernel(request, input, leading.headers));
      input.virtual_files.emplace_back(kPchPath, std::move(pch.data));
      input.virtual_files.emplace_back(pch.source_path, std::move(pch.source));
      program = std::move(leading.rest);
      precompiled = true;
      phases.emplace_back(pch.built ? "kernel headers (precompiled now)" : "kernel headers (precompiled)",
                          ms_since(start));
    }
  }
  if (request.syscall_tracepoint_variants) input.args.push_back("-D__TK_SYSCALL_TWINS");
  if (precompiled)
    for (const char* arg : {"-include-pch", kPchPath, "-fno-validate-pch"}) input.args.push_back(arg);
  input.args.push_back("-include");
  input.args.push_back("tracekit/prelude.h");
  // #line keeps diagnostics and BTF line info in the user's own file name and numbering.
  input.main_text = "#line 1 \"" + request.source_name + "\"\n" + program + "\n#include <tracekit/epilogue.h>\n";
  return input;
}

}  // namespace tracekit::compiler
