// Raw tracepoints (Linux 4.17): the program gets the tracepoint's raw arguments; the attachment
// is a BPF fd, closed on exit.
#include <linux/bpf.h>

#include "runtime/attach/program_attach.h"
#include "runtime/sys/bpf_ops.h"

namespace tracekit::attach {

Result<std::unique_ptr<Link>> attach_raw_tracepoint(load::BpfObject& object, const std::string& fn_name,
                                                    const std::string& tracepoint) {
  int prog_fd = TK_TRY(object.program_fd(fn_name, BPF_PROG_TYPE_RAW_TRACEPOINT));
  std::vector<UniqueFd> fds;
  fds.push_back(TK_TRY(sys::raw_tracepoint_open(tracepoint, prog_fd)));
  return std::make_unique<Link>("raw tracepoint " + tracepoint, std::move(fds));
}

}  // namespace tracekit::attach
