// An attachment. Dropping the Link detaches it; every kind is fd-based (perf event, raw
// tracepoint or BPF link fds), so the kernel also detaches when the process dies.
#pragma once

#include <string>
#include <vector>

#include "common/unique_fd.h"

namespace tracekit::attach {

class Link {
 public:
  Link(std::string description, std::vector<UniqueFd> fds)
      : description_(std::move(description)), fds_(std::move(fds)) {}
  // How the attachment was made, e.g. "kprobe clone via tracepoint syscalls:sys_enter_clone".
  const std::string& description() const { return description_; }
  void set_description(std::string d) { description_ = std::move(d); }
  const std::vector<UniqueFd>& fds() const { return fds_; }
  bool attached() const { return !fds_.empty(); }
  // Detaches now (the destructor would too).
  void close() { fds_.clear(); }

 private:
  std::string description_;
  std::vector<UniqueFd> fds_;
};

}  // namespace tracekit::attach
