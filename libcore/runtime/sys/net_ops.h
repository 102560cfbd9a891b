// The network attach points: XDP and tc over netlink (libbpf issues the netlink requests),
// and packet sockets for socket filters. The fd-based ways (BPF links) go through
// sys::link_create; these are the paths for what links cannot do on the running kernel.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "common/result.h"
#include "common/unique_fd.h"

namespace tracekit::sys {

// The index of network interface `name`.
Result<int> interface_index(const std::string& name);

// The network namespace of the calling thread. Interface indexes mean something only in
// their namespace, so netlink attachments keep it to be undone there, whichever namespace the
// thread that closes them is in.
Result<std::shared_ptr<UniqueFd>> current_network_namespace();

// XDP over netlink: stays attached until removed (used where XDP links are missing).
Status xdp_attach_netlink(int ifindex, int prog_fd, uint32_t flags);
Status xdp_detach_netlink(int ifindex, uint32_t flags, const UniqueFd* netns = nullptr);

// A cls_bpf filter (direct action) on the clsact qdisc of `ifindex`, created if missing.
// Returns the filter's handle; the filter stays until tc_detach_netlink removes it.
struct TcFilter {
  int ifindex = 0;
  bool ingress = true;
  uint32_t handle = 0;
  uint32_t priority = 0;
  std::shared_ptr<UniqueFd> netns;  // where ifindex lives
};
Result<TcFilter> tc_attach_netlink(int ifindex, bool ingress, int prog_fd);
Status tc_detach_netlink(const TcFilter& filter);

// A raw packet socket (AF_PACKET, all protocols) bound to `ifindex`, non-blocking.
Result<UniqueFd> packet_socket(int ifindex);
// SO_ATTACH_BPF: the program filters what the socket receives.
Status socket_attach_filter(int socket_fd, int prog_fd);

}  // namespace tracekit::sys
