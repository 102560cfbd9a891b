#include "common/files.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>

#include "common/unique_fd.h"

namespace tracekit {

Result<std::string> read_file(const std::string& path) {
  UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (!fd.valid()) {
    if (errno == ENOENT) return Error::not_found("'" + path + "' does not exist");
    return Error::sys(errno, "cannot open '" + path + "'");
  }
  struct stat st;
  if (::fstat(fd.get(), &st) != 0) return Error::sys(errno, "cannot stat '" + path + "'");
  std::string out;
  out.resize(st.st_size);
  size_t done = 0;
  while (done < out.size()) {
    ssize_t n = ::read(fd.get(), out.data() + done, out.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return Error::sys(errno, "cannot read '" + path + "'");
    if (n == 0) break;
    done += size_t(n);
  }
  out.resize(done);
  return out;
}

Result<std::string> read_special_file(const std::string& path) {
  UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (!fd.valid()) {
    if (errno == ENOENT) return Error::not_found("'" + path + "' does not exist");
    return Error::sys(errno, "cannot open '" + path + "'");
  }
  std::string out;
  char buf[65536];
  for (;;) {
    ssize_t n = ::read(fd.get(), buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return Error::sys(errno, "cannot read '" + path + "'");
    if (n == 0) break;
    out.append(buf, size_t(n));
  }
  return out;
}

bool path_exists(const std::string& path) { return ::access(path.c_str(), F_OK) == 0; }

Status write_file_atomic(const std::string& path, std::string_view contents, unsigned mode) {
  std::string tmp = path + ".tmp." + std::to_string(::getpid());
  UniqueFd fd(::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode));
  if (!fd.valid()) return Error::sys(errno, "cannot create '" + tmp + "'");
  size_t done = 0;
  while (done < contents.size()) {
    ssize_t n = ::write(fd.get(), contents.data() + done, contents.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      int err = errno;
      ::unlink(tmp.c_str());
      return Error::sys(err, "cannot write '" + tmp + "'");
    }
    done += size_t(n);
  }
  fd.reset();
  if (::rename(tmp.c_str(), path.c_str()) != 0) {
    int err = errno;
    ::unlink(tmp.c_str());
    return Error::sys(err, "cannot rename '" + tmp + "'");
  }
  return ok_status();
}

Status make_dirs(const std::string& path, unsigned mode) {
  std::string partial;
  for (size_t i = 0; i <= path.size(); ++i) {
    if (i == path.size() || (path[i] == '/' && i > 0)) {
      partial = path.substr(0, i);
      if (::mkdir(partial.c_str(), mode) != 0 && errno != EEXIST)
        return Error::sys(errno, "cannot create directory '" + partial + "'");
    }
  }
  return ok_status();
}

}  // namespace tracekit
