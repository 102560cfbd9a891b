#include "runtime/compile/compiler_loader.h"

#include <dlfcn.h>

#include <cstdlib>
#include <mutex>
#include <string>
#include <vector>

#include "common/build_identity.h"
#include "common/files.h"

#ifndef TRACEKIT_LIBEXEC_DIR
#define TRACEKIT_LIBEXEC_DIR "/usr/local/lib/tracekit"
#endif

namespace tracekit::compile {
namespace {

std::mutex mutex;
const compiler::CompilerApi* loaded = nullptr;

std::string own_directory() {
  Dl_info info;
  if (::dladdr(reinterpret_cast<void*>(&load_compiler), &info) == 0 || !info.dli_fname) return "";
  std::string path = info.dli_fname;
  size_t slash = path.find_last_of('/');
  return slash == std::string::npos ? "." : path.substr(0, slash);
}

}  // namespace

bool compiler_loaded() {
  std::lock_guard lock(mutex);
  return loaded != nullptr;
}

Result<const compiler::CompilerApi*> load_compiler() {
  std::lock_guard lock(mutex);
  if (loaded) return loaded;
  std::vector<std::string> candidates;
  if (const char* env = std::getenv("TRACEKIT_COMPILER_LIB"); env && *env) candidates.push_back(env);
  std::string dir = own_directory();
  candidates.push_back(dir + "/libtracekit-compiler.so");
  candidates.push_back(dir + "/tracekit/libtracekit-compiler.so");
  candidates.push_back(std::string(TRACEKIT_LIBEXEC_DIR) + "/libtracekit-compiler.so");
  std::string tried;
  for (const std::string& path : candidates) {
    if (!path_exists(path)) {
      tried += "\n  " + path + " (absent)";
      continue;
    }
    void* handle = ::dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (!handle) {
      tried += "\n  " + path + " (" + ::dlerror() + ")";
      continue;
    }
    using Entry = const compiler::CompilerApi* (*)();
    auto entry = reinterpret_cast<Entry>(::dlsym(handle, "tracekit_compiler_v1"));
    if (!entry) {
      tried += "\n  " + path + " (no tracekit_compiler_v1)";
      continue;
    }
    const compiler::CompilerApi* api = entry();
    if (api->abi_version != compiler::kCompilerAbiVersion) {
      tried += "\n  " + path + " (ABI " + std::to_string(api->abi_version) + ", want " +
               std::to_string(compiler::kCompilerAbiVersion) + ")";
      continue;
    }
    if (api->version() != build_identity()) {
      // A compiler library from another build would produce objects under this build's keys.
      tried += "\n  " + path + " (from another build: " + api->version() + ", want " +
               std::string(build_identity()) + "; reinstall tracekit)";
      continue;
    }
    loaded = api;
    return loaded;
  }
  return Error::not_found("cannot load the tracekit compiler library; tried:" + tried);
}

}  // namespace tracekit::compile
