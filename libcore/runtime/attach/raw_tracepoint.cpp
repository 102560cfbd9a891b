// Raw tracepoints (Linux 4.17): the program gets the tracepoint's raw arguments; the attachment
// is a BPF fd, closed on exit.
#include <bpf/bpf.h>
#include <linux/bpf.h>

#include <cerrno>

#include "runtime/attach/program_attach.h"

namespace tracekit::attach {

Result<std::unique_ptr<Link>> attach_raw_tracepoint(load::BpfObject& object, const std::string& fn_name,
                                                    const std::string& tracepoint) {
  int prog_fd = TK_TRY(object.program_fd(fn_name, BPF_PROG_TYPE_RAW_TRACEPOINT));
  int fd = bpf_raw_tracepoint_open(tracepoint.c_str(), prog_fd);
  if (fd < 0) {
    int err = errno;
    if (err == ENOENT) return Error::not_found("raw tracepoint '" + tracepoint + "' does not exist");
    if (err == EINVAL || err == ENOSYS)
      return Error::not_supported("raw tracepoints (Linux 4.17)", "cannot attach raw tracepoint '" + tracepoint + "'");
    return Error::sys(err, "cannot attach raw tracepoint '" + tracepoint + "'");
  }
  std::vector<UniqueFd> fds;
  fds.emplace_back(fd);
  return std::make_unique<Link>("raw tracepoint " + tracepoint, std::move(fds));
}

}  // namespace tracekit::attach
