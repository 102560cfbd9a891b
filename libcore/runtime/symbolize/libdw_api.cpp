#include "runtime/symbolize/libdw_api.h"

#include <dlfcn.h>

#include <mutex>

namespace tracekit::symbolize {

std::string LibdwApi::last_error() const {
  const char* message = dwfl_errmsg(-1);
  return message ? message : "unknown libdwfl error";
}

Result<const LibdwApi*> libdw() {
  static LibdwApi api;
  static std::string failure;
  static std::once_flag once;
  std::call_once(once, [] {
    void* handle = ::dlopen("libdw.so.1", RTLD_NOW | RTLD_LOCAL);
    if (!handle) {
      const char* why = ::dlerror();
      failure = std::string("cannot load libdw.so.1 (install libdw1): ") + (why ? why : "");
      return;
    }
    bool complete = true;
    auto bind = [&](auto& fn, const char* name) {
      fn = reinterpret_cast<std::remove_reference_t<decltype(fn)>>(::dlsym(handle, name));
      if (!fn) {
        complete = false;
        failure = std::string("libdw.so.1 lacks ") + name;
      }
    };
#define TK_BIND(name) bind(api.name, #name);
    TK_BIND(dwfl_begin)
    TK_BIND(dwfl_end)
    TK_BIND(dwfl_errno)
    TK_BIND(dwfl_errmsg)
    TK_BIND(dwfl_report_begin)
    TK_BIND(dwfl_report_elf)
    TK_BIND(dwfl_report_end)
    TK_BIND(dwfl_addrmodule)
    TK_BIND(dwfl_getmodules)
    TK_BIND(dwfl_module_addrinfo)
    TK_BIND(dwfl_module_info)
    TK_BIND(dwfl_module_build_id)
    TK_BIND(dwfl_module_getelf)
    TK_BIND(dwfl_module_getsymtab)
    TK_BIND(dwfl_module_getsym_info)
    TK_BIND(dwfl_build_id_find_elf)
    TK_BIND(dwfl_standard_find_debuginfo)
#undef TK_BIND
    if (!complete) api.dwfl_begin = nullptr;
  });
  if (!api.dwfl_begin) return Error::not_supported("libdw (elfutils) for symbol lookups", failure);
  return &api;
}

}  // namespace tracekit::symbolize
