// XDP. A BPF link (Linux 5.9) detaches when its fd closes, so even a killed tracekit leaves no
// program on the interface; before 5.9 the program goes over netlink and is removed when the
// Link closes (BCC's attach_xdp/remove_xdp semantics).
#include <linux/bpf.h>
#include <linux/if_link.h>

#include "runtime/attach/program_attach.h"
#include "runtime/kernel/capabilities.h"
#include "runtime/sys/bpf_ops.h"
#include "runtime/sys/net_ops.h"

namespace tracekit::attach {

Result<std::unique_ptr<Link>> attach_xdp(load::BpfObject& object, const std::string& fn_name,
                                         const std::string& device, uint32_t flags) {
  int ifindex = TK_TRY(sys::interface_index(device));
  int prog_fd = TK_TRY(object.program_fd(fn_name, BPF_PROG_TYPE_XDP));
  std::string what = "XDP program '" + fn_name + "' on " + device;
  if (kernel::capability(kernel::Feature::XdpLink).supported) {
    // Links take only the mode flags; XDP_FLAGS_UPDATE_IF_NOEXIST is what links do anyway.
    uint32_t mode = flags & XDP_FLAGS_MODES;
    auto link = sys::link_create(prog_fd, ifindex, BPF_XDP, mode, what);
    if (!link.ok()) {
      Error e = std::move(link).error();
      if (e.sys_errno == EBUSY || e.sys_errno == EEXIST)
        e.message += " (another XDP program is attached to " + device + "; remove it with remove_xdp)";
      return e;
    }
    std::vector<UniqueFd> fds;
    fds.push_back(std::move(link).value());
    return std::make_unique<Link>(what + " (BPF link)", std::move(fds));
  }
  if (Status st = sys::xdp_attach_netlink(ifindex, prog_fd, flags); !st.ok())
    return std::move(st).error().context("cannot attach " + what + ": ");
  auto link = std::make_unique<Link>(what + " (netlink)", std::vector<UniqueFd>{});
  std::shared_ptr<UniqueFd> netns = TK_TRY(sys::current_network_namespace());
  link->on_close([ifindex, flags, netns] {
    (void)sys::xdp_detach_netlink(ifindex, flags & XDP_FLAGS_MODES, netns.get());
  });
  return link;
}

Status remove_xdp_netlink(const std::string& device, uint32_t flags) {
  int ifindex = TK_TRY(sys::interface_index(device));
  return sys::xdp_detach_netlink(ifindex, flags);
}

}  // namespace tracekit::attach
