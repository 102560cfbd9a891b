#include "runtime/events/event_source.h"

#include <sys/epoll.h>

#include <cerrno>

namespace tracekit::events {

Result<bool> EventSource::wait(int timeout_ms) const {
  struct epoll_event events[16];
  int n = ::epoll_wait(epoll_fd(), events, 16, timeout_ms);
  if (n < 0) {
    if (errno == EINTR) return false;
    return Error::sys(errno, "epoll_wait on an event buffer");
  }
  return n > 0;
}

}  // namespace tracekit::events
