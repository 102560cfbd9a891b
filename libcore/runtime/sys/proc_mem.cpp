#include "runtime/sys/proc_mem.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <string>

#include "common/unique_fd.h"

namespace tracekit::sys {

Result<uint16_t> add_to_process_u16(pid_t pid, uint64_t address, int delta) {
  std::string path = "/proc/" + std::to_string(pid) + "/mem";
  UniqueFd fd(::open(path.c_str(), O_RDWR | O_CLOEXEC));
  if (!fd.valid()) {
    if (errno == ENOENT) return Error::not_found("process " + std::to_string(pid) + " does not exist");
    return Error::sys(errno, "cannot open " + path);
  }
  uint16_t value = 0;
  if (::pread(fd.get(), &value, sizeof value, off_t(address)) != sizeof value)
    return Error::sys(errno ? errno : EIO, "cannot read the USDT semaphore of process " + std::to_string(pid));
  int updated = int(value) + delta;
  value = uint16_t(updated < 0 ? 0 : updated);
  if (::pwrite(fd.get(), &value, sizeof value, off_t(address)) != sizeof value)
    return Error::sys(errno ? errno : EIO, "cannot write the USDT semaphore of process " + std::to_string(pid));
  return value;
}

}  // namespace tracekit::sys
