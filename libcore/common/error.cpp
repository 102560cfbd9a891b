#include "common/error.h"

#include <cerrno>
#include <cstring>

#include <unistd.h>

namespace tracekit {

Error Error::sys(int err, std::string what) {
  Error e;
  e.kind = (err == EPERM || err == EACCES) ? ErrorKind::Permission : ErrorKind::System;
  e.sys_errno = err;
  e.message = std::move(what) + ": " + std::strerror(err);
  // EPERM to root is the kernel's policy (lockdown, an LSM) or a kernel that cannot do it,
  // not a missing capability.
  if (e.kind == ErrorKind::Permission)
    e.message += ::geteuid() == 0 ? " (refused although running as root: kernel lockdown, a security policy, or "
                                    "a kernel that does not allow this)"
                                  : " (tracing needs root, or CAP_BPF with CAP_PERFMON)";
  return e;
}

Error Error::not_supported(std::string feature, std::string what) {
  Error e;
  e.kind = ErrorKind::NotSupported;
  e.feature = std::move(feature);
  e.message = std::move(what);
  return e;
}

Error Error::not_found(std::string what) {
  Error e;
  e.kind = ErrorKind::NotFound;
  e.sys_errno = ENOENT;
  e.message = std::move(what);
  return e;
}

Error Error::invalid(std::string what) {
  Error e;
  e.kind = ErrorKind::InvalidArgument;
  e.sys_errno = EINVAL;
  e.message = std::move(what);
  return e;
}

Error Error::internal(std::string what) {
  Error e;
  e.kind = ErrorKind::Internal;
  e.message = std::move(what);
  return e;
}

Error Error::compile(std::string what, std::vector<Diagnostic> diagnostics) {
  Error e;
  e.kind = ErrorKind::Compile;
  e.message = std::move(what);
  e.diagnostics = std::move(diagnostics);
  return e;
}

Error Error::verifier(std::string what, std::string log) {
  Error e;
  e.kind = ErrorKind::Verifier;
  e.message = std::move(what);
  e.log = std::move(log);
  return e;
}

Error& Error::context(const std::string& prefix) {
  message = prefix + message;
  return *this;
}

}  // namespace tracekit
