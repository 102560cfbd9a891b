// Socket filters on raw packet sockets (BCC's attach_raw_socket): the socket is the Link's
// first fd; the program decides which packets the socket receives, and can count or copy them
// into maps on the way.
#include <linux/bpf.h>

#include "runtime/attach/program_attach.h"
#include "runtime/sys/net_ops.h"

namespace tracekit::attach {

Result<std::unique_ptr<Link>> attach_raw_socket(load::BpfObject& object, const std::string& fn_name,
                                                const std::string& device) {
  int ifindex = TK_TRY(sys::interface_index(device));
  int prog_fd = TK_TRY(object.program_fd(fn_name, BPF_PROG_TYPE_SOCKET_FILTER));
  UniqueFd sock = TK_TRY(sys::packet_socket(ifindex));
  std::string what = "socket filter '" + fn_name + "' on " + device;
  if (Status st = sys::socket_attach_filter(sock.get(), prog_fd); !st.ok())
    return std::move(st).error().context("cannot attach " + what + ": ");
  std::vector<UniqueFd> fds;
  fds.push_back(std::move(sock));
  return std::make_unique<Link>(what, std::move(fds));
}

}  // namespace tracekit::attach
