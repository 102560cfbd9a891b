#include "runtime/sys/net_ops.h"

#include <arpa/inet.h>
#include <bpf/libbpf.h>
#include <linux/if_ether.h>
#include <linux/if_packet.h>
#include <fcntl.h>
#include <net/if.h>
#include <sched.h>
#include <sys/socket.h>

#include <cerrno>

namespace tracekit::sys {

Result<int> interface_index(const std::string& name) {
  unsigned index = if_nametoindex(name.c_str());
  if (index == 0) {
    if (errno == ENODEV || errno == ENXIO) return Error::not_found("network interface '" + name + "' does not exist");
    return Error::sys(errno, "network interface '" + name + "'");
  }
  return int(index);
}

Result<std::shared_ptr<UniqueFd>> current_network_namespace() {
  auto fd = std::make_shared<UniqueFd>(::open("/proc/thread-self/ns/net", O_RDONLY | O_CLOEXEC));
  if (!fd->valid()) return Error::sys(errno, "cannot open /proc/thread-self/ns/net");
  return fd;
}

namespace {

// Runs fn with the calling thread in network namespace `netns` (if given), then returns.
template <class Fn>
Status in_namespace(const UniqueFd* netns, Fn fn) {
  if (!netns || !netns->valid()) return fn();
  UniqueFd own(::open("/proc/thread-self/ns/net", O_RDONLY | O_CLOEXEC));
  if (!own.valid()) return Error::sys(errno, "cannot open /proc/thread-self/ns/net");
  if (::setns(netns->get(), CLONE_NEWNET) != 0) return Error::sys(errno, "setns (network namespace)");
  Status st = fn();
  if (::setns(own.get(), CLONE_NEWNET) != 0) return Error::sys(errno, "setns back (network namespace)");
  return st;
}

}  // namespace

Status xdp_attach_netlink(int ifindex, int prog_fd, uint32_t flags) {
  int rc = bpf_xdp_attach(ifindex, prog_fd, flags, nullptr);
  if (rc < 0) return Error::sys(-rc, "XDP attach over netlink (ifindex " + std::to_string(ifindex) + ")");
  return ok_status();
}

Status xdp_detach_netlink(int ifindex, uint32_t flags, const UniqueFd* netns) {
  return in_namespace(netns, [&]() -> Status {
    int rc = bpf_xdp_detach(ifindex, flags, nullptr);
    if (rc < 0) return Error::sys(-rc, "XDP detach over netlink (ifindex " + std::to_string(ifindex) + ")");
    return ok_status();
  });
}

Result<TcFilter> tc_attach_netlink(int ifindex, bool ingress, int prog_fd) {
  LIBBPF_OPTS(bpf_tc_hook, hook, .ifindex = ifindex,
              .attach_point = ingress ? BPF_TC_INGRESS : BPF_TC_EGRESS);
  int rc = bpf_tc_hook_create(&hook);
  if (rc < 0 && rc != -EEXIST) {
    if (rc == -EOPNOTSUPP || rc == -ENOENT)
      return Error::not_supported("CONFIG_NET_SCH_INGRESS (clsact qdisc)",
                                  "cannot create the clsact qdisc on ifindex " + std::to_string(ifindex));
    return Error::sys(-rc, "creating the clsact qdisc on ifindex " + std::to_string(ifindex));
  }
  LIBBPF_OPTS(bpf_tc_opts, opts, .prog_fd = prog_fd);
  rc = bpf_tc_attach(&hook, &opts);
  if (rc < 0) {
    if (rc == -EOPNOTSUPP || rc == -ENOENT)
      return Error::not_supported("CONFIG_NET_CLS_BPF (tc BPF classifier)",
                                  "cannot add a BPF tc filter on ifindex " + std::to_string(ifindex));
    return Error::sys(-rc, "adding a BPF tc filter on ifindex " + std::to_string(ifindex));
  }
  return TcFilter{ifindex, ingress, opts.handle, opts.priority, TK_TRY(current_network_namespace())};
}

Status tc_detach_netlink(const TcFilter& filter) {
  LIBBPF_OPTS(bpf_tc_hook, hook, .ifindex = filter.ifindex,
              .attach_point = filter.ingress ? BPF_TC_INGRESS : BPF_TC_EGRESS);
  LIBBPF_OPTS(bpf_tc_opts, opts, .handle = filter.handle, .priority = filter.priority);
  return in_namespace(filter.netns.get(), [&]() -> Status {
    int rc = bpf_tc_detach(&hook, &opts);
    // The interface (or its namespace) may be gone already, taking the filter with it.
    if (rc < 0 && rc != -ENOENT && rc != -ENODEV)
      return Error::sys(-rc, "removing the BPF tc filter on ifindex " + std::to_string(filter.ifindex));
    return ok_status();
  });
}

Result<UniqueFd> packet_socket(int ifindex) {
  UniqueFd fd(::socket(PF_PACKET, SOCK_RAW | SOCK_NONBLOCK | SOCK_CLOEXEC, htons(ETH_P_ALL)));
  if (!fd.valid()) return Error::sys(errno, "cannot open a raw packet socket");
  struct sockaddr_ll addr = {};
  addr.sll_family = AF_PACKET;
  addr.sll_ifindex = ifindex;
  addr.sll_protocol = htons(ETH_P_ALL);
  if (::bind(fd.get(), reinterpret_cast<struct sockaddr*>(&addr), sizeof addr) != 0)
    return Error::sys(errno, "cannot bind a raw packet socket to ifindex " + std::to_string(ifindex));
  return fd;
}

Status socket_attach_filter(int socket_fd, int prog_fd) {
  if (::setsockopt(socket_fd, SOL_SOCKET, SO_ATTACH_BPF, &prog_fd, sizeof prog_fd) != 0)
    return Error::sys(errno, "SO_ATTACH_BPF");
  return ok_status();
}

}  // namespace tracekit::sys
