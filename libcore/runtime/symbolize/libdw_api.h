// elfutils' libdwfl, loaded on the first symbol lookup.
//
// Symbolization (BPF.sym, stack traces) is the only user of libdw, and most tools never
// symbolize a user address, so libtracekit does not link it: mapping libdw and its
// compression libraries costs ~0.4 ms of every start. libdwfl is used rather than our own ELF
// code because it already does what symbolization needs: .gnu_debuglink and build-id debug
// files under /usr/lib/debug, MiniDebugInfo (.gnu_debugdata), .symtab/.dynsym merging.
#pragma once

#include <elfutils/libdwfl.h>

#include "common/result.h"

namespace tracekit::symbolize {

struct LibdwApi {
#define TK_LIBDW_FN(name) decltype(&::name) name = nullptr;
  TK_LIBDW_FN(dwfl_begin)
  TK_LIBDW_FN(dwfl_end)
  TK_LIBDW_FN(dwfl_errno)
  TK_LIBDW_FN(dwfl_errmsg)
  TK_LIBDW_FN(dwfl_report_begin)
  TK_LIBDW_FN(dwfl_report_elf)
  TK_LIBDW_FN(dwfl_report_end)
  TK_LIBDW_FN(dwfl_addrmodule)
  TK_LIBDW_FN(dwfl_getmodules)
  TK_LIBDW_FN(dwfl_module_addrinfo)
  TK_LIBDW_FN(dwfl_module_info)
  TK_LIBDW_FN(dwfl_module_build_id)
  TK_LIBDW_FN(dwfl_module_getelf)
  TK_LIBDW_FN(dwfl_module_getsymtab)
  TK_LIBDW_FN(dwfl_module_getsym_info)
  TK_LIBDW_FN(dwfl_build_id_find_elf)
  TK_LIBDW_FN(dwfl_standard_find_debuginfo)
#undef TK_LIBDW_FN

  // The last libdwfl error as text.
  std::string last_error() const;
};

// libdw's functions, or an error naming the missing package (libdw1).
Result<const LibdwApi*> libdw();

}  // namespace tracekit::symbolize
