// fentry, fexit, fmod_ret (BPF trampolines, Linux 5.5) and BPF LSM programs (5.7). The target
// is in the section name (fentry/do_nanosleep, lsm/file_open): libbpf resolves its BTF id when
// the program loads, and the attachment is a BPF link fd. Kernels that list the function yet
// cannot build a trampoline (no direct-call ftrace on the arch, as on this host) fail at load
// or attach; the error then carries what the capability probe found (kernel/capabilities.h).
#include <linux/bpf.h>

#include "runtime/attach/program_attach.h"
#include "runtime/kernel/capabilities.h"
#include "runtime/sys/bpf_ops.h"

namespace tracekit::attach {
namespace {

struct TracingKind {
  const char* kind;
  const char* label;
  unsigned prog_type;
  kernel::Feature feature;
};

const TracingKind kKinds[] = {
    {"kfunc", "fentry", BPF_PROG_TYPE_TRACING, kernel::Feature::Fentry},
    {"kretfunc", "fexit", BPF_PROG_TYPE_TRACING, kernel::Feature::Fentry},
    {"kmod_ret", "fmod_ret", BPF_PROG_TYPE_TRACING, kernel::Feature::Fentry},
    {"lsm", "lsm", BPF_PROG_TYPE_LSM, kernel::Feature::Lsm},
};

Error unsupported(const TracingKind& k, const std::string& what, const Error& cause) {
  const kernel::Capability& cap = kernel::capability(k.feature);
  if (cap.supported) return cause;
  Error e = Error::not_supported(cap.feature, "cannot attach " + what + ": " + cap.detail);
  e.sys_errno = cause.sys_errno;
  return e;
}

}  // namespace

Result<std::unique_ptr<Link>> attach_tracing(load::BpfObject& object, const std::string& fn_name) {
  const load::ProgramMeta* meta = object.metadata().program(fn_name);
  if (!meta) return Error::not_found("no BPF program named '" + fn_name + "' in this object");
  const TracingKind* kind = nullptr;
  for (const TracingKind& k : kKinds)
    if (meta->kind == k.kind) kind = &k;
  if (!kind)
    return Error::invalid("program '" + fn_name + "' is a " + meta->kind +
                          " program, not fentry/fexit/fmod_ret/LSM (KFUNC_PROBE, KRETFUNC_PROBE, KMOD_RET, LSM_PROBE)");
  size_t slash = meta->section.find('/');
  std::string target = slash == std::string::npos ? meta->target : meta->section.substr(slash + 1);
  std::string what = std::string(kind->label) + " '" + target + "' (program '" + fn_name + "')";
  auto fd = object.program_fd(fn_name, kind->prog_type);
  if (!fd.ok()) return unsupported(*kind, what, fd.error());
  auto link = sys::tracing_attach(*fd, what);
  if (!link.ok()) return unsupported(*kind, what, link.error());
  std::vector<UniqueFd> fds;
  fds.push_back(std::move(link).value());
  return std::make_unique<Link>(std::string(kind->label) + " '" + target + "'", std::move(fds));
}

}  // namespace tracekit::attach
