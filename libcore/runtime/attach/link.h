// An attachment. Dropping the Link detaches it. Nearly every kind is fd-based (perf event, raw
// tracepoint, BPF link or socket fds), so the kernel also detaches when the process dies. The
// few that are not (legacy tracefs kprobe/uprobe events, a USDT semaphore raised through
// /proc/PID/mem, a tc filter added over netlink on kernels without tcx) register an undo
// action that runs after the fds are closed; `persistent()` tells the caller that a SIGKILL
// would leave them behind, so it can arrange cleanup on signals.
#pragma once

#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "common/unique_fd.h"

namespace tracekit::attach {

class Link {
 public:
  Link(std::string description, std::vector<UniqueFd> fds)
      : description_(std::move(description)), fds_(std::move(fds)) {}
  ~Link() { close(); }
  Link(const Link&) = delete;
  Link& operator=(const Link&) = delete;

  // How the attachment was made, e.g. "kprobe clone via tracepoint syscalls:sys_enter_clone".
  const std::string& description() const { return description_; }
  void set_description(std::string d) { description_ = std::move(d); }
  const std::vector<UniqueFd>& fds() const { return fds_; }
  bool attached() const { return !fds_.empty() || !undo_.empty(); }
  bool persistent() const { return !undo_.empty(); }

  // Runs `undo` on close, after the fds are closed (a tracefs event cannot be removed while a
  // perf event still uses it). Actions run in reverse order of registration.
  void on_close(std::function<void()> undo) { undo_.push_back(std::move(undo)); }
  void add_fd(UniqueFd fd) { fds_.push_back(std::move(fd)); }
  // Takes over another link's fds and undo actions (one Link for a multi-part attachment).
  void absorb(Link&& other) {
    for (auto& fd : other.fds_) fds_.push_back(std::move(fd));
    other.fds_.clear();
    for (auto& u : other.undo_) undo_.push_back(std::move(u));
    other.undo_.clear();
  }

  // Detaches now (the destructor would too).
  void close() {
    fds_.clear();
    auto undo = std::move(undo_);
    undo_.clear();
    for (auto it = undo.rbegin(); it != undo.rend(); ++it) (*it)();
  }

 private:
  std::string description_;
  std::vector<UniqueFd> fds_;
  std::vector<std::function<void()>> undo_;
};

}  // namespace tracekit::attach
