// Programs attached to an object by fd (cgroups, sockmaps, flow dissector, lirc...): BCC's
// attach_func/detach_func. A BPF link (cgroups since Linux 5.7) is tried first, because it
// detaches when the fd closes, even on SIGKILL; kinds links do not cover go through
// BPF_PROG_ATTACH, which belongs to the target object, so the Link detaches it explicitly.
#include <linux/bpf.h>
#include <unistd.h>

#include <cerrno>

#include "runtime/attach/program_attach.h"
#include "runtime/sys/bpf_ops.h"

namespace tracekit::attach {

Result<std::unique_ptr<Link>> attach_prog_fd(int prog_fd, int target_fd, unsigned attach_type, unsigned flags) {
  std::string what = "program fd " + std::to_string(prog_fd) + " to fd " + std::to_string(target_fd) +
                     " (attach type " + std::to_string(attach_type) + ")";
  // BPF_F_REPLACE needs the old program, which links express differently.
  if ((flags & BPF_F_REPLACE) == 0) {
    auto link = sys::link_create(prog_fd, target_fd, attach_type, 0, what);
    if (link.ok()) {
      std::vector<UniqueFd> fds;
      fds.push_back(std::move(link).value());
      return std::make_unique<Link>(what + " (BPF link)", std::move(fds));
    }
    int err = link.error().sys_errno;
    if (err != EINVAL && err != EOPNOTSUPP && err != 524 /* ENOTSUPP */) return std::move(link).error();
  }
  TK_TRY(sys::prog_attach(prog_fd, target_fd, attach_type, flags));
  // Keep our own references: the caller may close its fds before detaching.
  auto fds = std::make_shared<std::pair<UniqueFd, UniqueFd>>(UniqueFd(::dup(prog_fd)), UniqueFd(::dup(target_fd)));
  auto link = std::make_unique<Link>(what + " (BPF_PROG_ATTACH)", std::vector<UniqueFd>{});
  link->on_close([fds, attach_type] { (void)sys::prog_detach(fds->first.get(), fds->second.get(), attach_type); });
  return link;
}

}  // namespace tracekit::attach
