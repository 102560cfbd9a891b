// Tracepoints attach through a perf event on the tracepoint's id. The program runs on every
// CPU whatever the event's own CPU (BPF attaches to the trace event, not the perf context).
#include "runtime/attach/tracepoint.h"

#include <cstring>

#include <linux/bpf.h>

#include "runtime/attach/program_attach.h"
#include "runtime/sys/perf_event.h"
#include "runtime/sys/tracefs.h"

namespace tracekit::attach {

Result<std::unique_ptr<Link>> attach_tracepoint_fd(int prog_fd, const std::string& category,
                                                   const std::string& event) {
  int id = TK_TRY(sys::tracepoint_id(category, event));
  perf_event_attr attr;
  std::memset(&attr, 0, sizeof attr);
  attr.type = PERF_TYPE_TRACEPOINT;
  attr.size = sizeof attr;
  attr.config = uint64_t(id);
  attr.sample_period = 1;
  attr.wakeup_events = 1;
  auto fd = sys::perf_event_open(attr, -1, 0);
  if (!fd.ok()) return std::move(fd).error().context("tracepoint '" + category + ":" + event + "': ");
  UniqueFd perf_fd = std::move(fd).value();
  if (auto st = sys::attach_bpf_to_perf_event(perf_fd.get(), prog_fd); !st.ok())
    return std::move(st).error().context("tracepoint '" + category + ":" + event + "': ");
  std::vector<UniqueFd> fds;
  fds.push_back(std::move(perf_fd));
  return std::make_unique<Link>("tracepoint " + category + ":" + event, std::move(fds));
}

Result<std::unique_ptr<Link>> attach_tracepoint(load::BpfObject& object, const std::string& fn_name,
                                                const std::string& category, const std::string& event) {
  if (!sys::tracepoint_exists(category, event)) {
    TK_TRY(sys::tracefs_root());  // a missing tracefs is its own error
    return Error::not_found("tracepoint '" + category + ":" + event + "' does not exist (see `tracekit tplist`)");
  }
  int fd = TK_TRY(object.program_fd(fn_name, BPF_PROG_TYPE_TRACEPOINT));
  return attach_tracepoint_fd(fd, category, event);
}

}  // namespace tracekit::attach
