// Errors are values inside the core and become typed exceptions only at the Python boundary
// (python/bindings/errors.cpp). Every error names the object it is about and, where the
// kernel said no, carries errno and the kernel feature or permission that is missing.
#pragma once

#include <string>
#include <vector>

namespace tracekit {

enum class ErrorKind {
  Compile,       // clang diagnostics or a front-end pass rejected the program
  Verifier,      // the kernel verifier rejected a program; `log` holds its log
  NotSupported,  // the running kernel lacks a feature; `feature` names it
  Permission,    // EPERM/EACCES from the kernel: root or CAP_BPF/CAP_PERFMON needed
  NotFound,      // a named thing (map, program, tracepoint, symbol, file) does not exist
  InvalidArgument,
  System,        // any other failed system call; `sys_errno` holds errno
  Internal,
};

struct Diagnostic {
  std::string severity;  // "error", "warning" or "note"
  std::string file;
  unsigned line = 0;
  unsigned column = 0;
  std::string message;
};

struct Error {
  ErrorKind kind = ErrorKind::Internal;
  std::string message;
  int sys_errno = 0;
  std::string feature;
  std::string log;
  std::vector<Diagnostic> diagnostics;

  // "what: strerror(err)", classified as Permission for EPERM/EACCES.
  static Error sys(int err, std::string what);
  static Error not_supported(std::string feature, std::string what);
  static Error not_found(std::string what);
  static Error invalid(std::string what);
  static Error internal(std::string what);
  static Error compile(std::string what, std::vector<Diagnostic> diagnostics = {});
  static Error verifier(std::string what, std::string log);

  // Prefixes the message with context, e.g. "prog 'do_trace': " + message.
  Error& context(const std::string& prefix);
};

}  // namespace tracekit
