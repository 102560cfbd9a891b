#include "runtime/compile/compile_service.h"

#include <chrono>
#include <thread>
#include <cstdio>

#include "common/build_identity.h"
#include "common/hash.h"
#include "compiler/kernel_types/btf_index.h"
#include "runtime/cache/object_cache.h"
#include "runtime/compile/compiler_loader.h"
#include "runtime/compile/isolated_compile.h"
#include "runtime/kernel/kernel_info.h"
#include "runtime/sys/tracefs.h"

namespace tracekit::compile {
namespace {

bool uses_tracepoint_structs(const std::string& text) {
  return text.find("TRACEPOINT_PROBE") != std::string::npos || text.find("tracepoint__") != std::string::npos;
}

// LINUX_VERSION_CODE of a release string like "6.1.0-50-amd64".
uint32_t version_code(const std::string& release) {
  unsigned major = 0, minor = 0, patch = 0;
  std::sscanf(release.c_str(), "%u.%u.%u", &major, &minor, &patch);
  return (major << 16) + (minor << 8) + (patch > 255 ? 255 : patch);
}

Result<compiler::CompileRequest> make_request(const CompileOptions& options) {
  const kernel::KernelInfo& kernel = kernel::kernel_info();
  compiler::CompileRequest request;
  request.source = options.text;
  request.source_name = options.source_name;
  request.cflags = options.cflags;
  request.header_mode = kernel.header_mode;
  request.btf_path = kernel.btf_path.empty() ? "/sys/kernel/btf/vmlinux" : kernel.btf_path;
  request.kernel_build_dir = kernel.headers_build;
  request.kernel_source_dir = kernel.headers_source;
  request.syscall_prefix = kernel.syscall_prefix;
  request.syscall_wrapper = kernel.syscall_wrapper;
  request.syscall_tracepoint_variants = !kernel.kprobes();
  request.debug_flags = options.debug_flags;
  request.on_fatal_error = &report_fatal_error_and_exit;
  request.kernel_version_code = version_code(kernel.release);
  // Tracepoint structs come from tracefs formats, so tracefs must be there before compiling;
  // without it (no permission to mount), the compiler takes them from BTF.
  if (uses_tracepoint_structs(options.text)) {
    auto tracefs = sys::tracefs_root();
    request.tracefs_dir = tracefs.ok() ? *tracefs : "";
  }
  return request;
}

Result<std::string> key_for(const compiler::CompileRequest& request) {
  Hasher h;
  h.add_field(build_identity());
  h.add_field(TK_TRY(kernel::kernel_types_identity(kernel::kernel_info())));
  h.add_field(request.source);
  h.add_field(request.source_name);
  for (const auto& flag : request.cflags) h.add_field(flag);
  h.add_u64(uint64_t(request.header_mode));
  h.add_field(request.syscall_prefix);
  h.add_u64(request.syscall_wrapper);
  h.add_u64(request.syscall_tracepoint_variants);
  h.add_u64(request.kernel_version_code);
  h.add_u64(request.tracefs_dir.empty());
  return h.hex();
}

}  // namespace

Result<std::string> cache_key(const CompileOptions& options) {
  compiler::CompileRequest request = TK_TRY(make_request(options));
  return key_for(request);
}

// The compiler keeps headers mode's parsed kernel headers (precompiled headers) in the object
// cache, next to the objects; the key it chooses includes the kernel's type identity.
void attach_artifact_storage(compiler::CompileRequest& request, const cache::ObjectCache& cache) {
  if (!cache.enabled()) return;
  request.load_artifact = [cache](const std::string& key) -> std::optional<std::string> {
    auto hit = cache.get(key);
    if (!hit) return std::nullopt;
    return std::move(hit->elf);
  };
  request.store_artifact = [cache](const std::string& key, const std::string& data) {
    cache.put(key, {data, "precompiled kernel headers", {}});
  };
}

Result<CompiledProgram> compile_program(const CompileOptions& options) {
  compiler::CompileRequest request = TK_TRY(make_request(options));
  cache::ObjectCache cache = cache::ObjectCache::from_environment();
  request.kernel_types_identity = TK_TRY(kernel::kernel_types_identity(kernel::kernel_info()));
  attach_artifact_storage(request, cache);
  bool use_cache = cache.enabled() && options.debug_flags == 0;
  std::string key;
  if (use_cache) {
    key = TK_TRY(key_for(request));
    if (auto hit = cache.get(key)) {
      CompiledProgram out;
      out.elf = std::move(hit->elf);
      out.metadata = std::move(hit->metadata);
      out.from_cache = true;
      return out;
    }
  }
  compiler::CompileOutput compiled = TK_TRY(run_isolated([&]() -> Result<compiler::CompileOutput> {
    // Mapping Clang and LLVM (~30 ms) and parsing the kernel's BTF (~20 ms) do not depend on
    // each other: the library loads in a thread while this one parses.
    auto start = std::chrono::steady_clock::now();
    Result<const compiler::CompilerApi*> api = Error::internal("compiler library not loaded");
    double load_ms = 0;
    std::thread loader([&] {
      api = load_compiler();
      load_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    });
    if (request.header_mode == compiler::HeaderMode::Btf) {
      auto index = compiler::BtfTypeIndex::parse(request.btf_path);
      if (index.ok()) request.btf_index = *index;  // else the compiler reports it
    }
    double btf_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    loader.join();
    if (!api.ok()) return std::move(api).error();
    auto result = (*api)->compile(request);
    if (result.ok()) {
      result->phases.insert(result->phases.begin(), {"load compiler library", load_ms});
      if (request.btf_index) result->phases.insert(result->phases.begin() + 1, {"parse kernel BTF (in parallel)", btf_ms});
    }
    return result;
  }));
  CompiledProgram out;
  out.phases = std::move(compiled.phases);
  out.elf = std::move(compiled.elf);
  out.metadata = std::move(compiled.metadata_json);
  out.debug_text = std::move(compiled.debug_text);
  out.warnings = std::move(compiled.warnings);
  if (use_cache) cache.put(key, {out.elf, out.metadata, cache::digest_source_files(compiled.source_files)});
  return out;
}

}  // namespace tracekit::compile
