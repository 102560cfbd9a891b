// tc classifiers in direct-action mode. tcx links (Linux 6.6) are fd-based like every other
// attachment; older kernels get a cls_bpf filter on the clsact qdisc over netlink, removed when
// the Link closes (a SIGKILL leaves that filter on the interface until it goes away).
#include <linux/bpf.h>

#include "runtime/attach/program_attach.h"
#include "runtime/kernel/capabilities.h"
#include "runtime/sys/bpf_ops.h"
#include "runtime/sys/net_ops.h"

namespace tracekit::attach {
namespace {

// enum bpf_attach_type values of Linux 6.6, newer than the uapi headers of libbpf 1.1.
constexpr unsigned kTcxIngress = 46;
constexpr unsigned kTcxEgress = 47;

}  // namespace

Result<std::unique_ptr<Link>> attach_tc(load::BpfObject& object, const std::string& fn_name,
                                        const std::string& device, bool ingress) {
  int ifindex = TK_TRY(sys::interface_index(device));
  int prog_fd = TK_TRY(object.program_fd(fn_name, BPF_PROG_TYPE_SCHED_CLS));
  std::string what = "tc program '" + fn_name + "' on " + device + (ingress ? " ingress" : " egress");
  if (kernel::capability(kernel::Feature::TcxLink).supported) {
    auto link = sys::link_create(prog_fd, ifindex, ingress ? kTcxIngress : kTcxEgress, 0, what);
    if (!link.ok()) return std::move(link).error();
    std::vector<UniqueFd> fds;
    fds.push_back(std::move(link).value());
    return std::make_unique<Link>(what + " (tcx link)", std::move(fds));
  }
  auto filter = sys::tc_attach_netlink(ifindex, ingress, prog_fd);
  if (!filter.ok()) return std::move(filter).error().context("cannot attach " + what + ": ");
  auto link = std::make_unique<Link>(what + " (clsact filter)", std::vector<UniqueFd>{});
  sys::TcFilter f = *filter;
  link->on_close([f] { (void)sys::tc_detach_netlink(f); });
  return link;
}

}  // namespace tracekit::attach
