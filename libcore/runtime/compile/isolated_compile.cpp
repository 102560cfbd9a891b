#include "runtime/compile/isolated_compile.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "common/unique_fd.h"

namespace tracekit::compile {
namespace {

// A length-prefixed encoding of CompileOutput / Error for the pipe.
class Writer {
 public:
  void u64(uint64_t v) { out_.append(reinterpret_cast<const char*>(&v), 8); }
  void str(const std::string& s) {
    u64(s.size());
    out_ += s;
  }
  void diagnostics(const std::vector<Diagnostic>& ds) {
    u64(ds.size());
    for (const auto& d : ds) {
      str(d.severity);
      str(d.file);
      u64(d.line);
      u64(d.column);
      str(d.message);
    }
  }
  const std::string& bytes() const { return out_; }

 private:
  std::string out_;
};

class Reader {
 public:
  explicit Reader(const std::string& in) : in_(in) {}
  bool ok() const { return ok_; }
  uint64_t u64() {
    if (pos_ + 8 > in_.size()) return fail();
    uint64_t v;
    std::memcpy(&v, in_.data() + pos_, 8);
    pos_ += 8;
    return v;
  }
  std::string str() {
    uint64_t n = u64();
    if (!ok_ || pos_ + n > in_.size()) return fail(), std::string();
    std::string s = in_.substr(pos_, n);
    pos_ += n;
    return s;
  }
  std::vector<Diagnostic> diagnostics() {
    std::vector<Diagnostic> ds(std::min<uint64_t>(u64(), 100000));
    for (auto& d : ds) {
      d.severity = str();
      d.file = str();
      d.line = unsigned(u64());
      d.column = unsigned(u64());
      d.message = str();
    }
    return ds;
  }

 private:
  uint64_t fail() {
    ok_ = false;
    return 0;
  }
  const std::string& in_;
  size_t pos_ = 0;
  bool ok_ = true;
};

std::string encode(const Result<compiler::CompileOutput>& result) {
  Writer w;
  if (result.ok()) {
    const compiler::CompileOutput& o = *result;
    w.u64(1);
    w.str(o.elf);
    w.str(o.metadata_json);
    w.str(o.debug_text);
    w.diagnostics(o.warnings);
    w.u64(o.phases.size());
    for (const auto& [name, ms] : o.phases) {
      w.str(name);
      uint64_t bits;
      std::memcpy(&bits, &ms, 8);
      w.u64(bits);
    }
    w.u64(o.source_files.size());
    for (const auto& file : o.source_files) w.str(file);
  } else {
    const Error& e = result.error();
    w.u64(0);
    w.u64(uint64_t(e.kind));
    w.str(e.message);
    w.u64(uint64_t(int64_t(e.sys_errno)));
    w.str(e.feature);
    w.str(e.log);
    w.diagnostics(e.diagnostics);
  }
  return w.bytes();
}

Result<compiler::CompileOutput> decode(const std::string& bytes) {
  Reader r(bytes);
  if (r.u64() == 1) {
    compiler::CompileOutput o;
    o.elf = r.str();
    o.metadata_json = r.str();
    o.debug_text = r.str();
    o.warnings = r.diagnostics();
    uint64_t n = std::min<uint64_t>(r.u64(), 1000);
    for (uint64_t i = 0; i < n; ++i) {
      std::string name = r.str();
      uint64_t bits = r.u64();
      double ms;
      std::memcpy(&ms, &bits, 8);
      o.phases.emplace_back(std::move(name), ms);
    }
    uint64_t files = std::min<uint64_t>(r.u64(), 100000);
    for (uint64_t i = 0; i < files && r.ok(); ++i) o.source_files.push_back(r.str());
    if (r.ok()) return o;
  } else {
    Error e;
    e.kind = ErrorKind(r.u64());
    e.message = r.str();
    e.sys_errno = int(int64_t(r.u64()));
    e.feature = r.str();
    e.log = r.str();
    e.diagnostics = r.diagnostics();
    if (r.ok()) return e;
  }
  return Error::internal("the compiler process sent a damaged result");
}

bool write_all(int fd, const std::string& data) {
  size_t done = 0;
  while (done < data.size()) {
    ssize_t n = ::write(fd, data.data() + done, data.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    done += size_t(n);
  }
  return true;
}

// The child's end of the result pipe, for report_fatal_error_and_exit().
int g_child_result_fd = -1;

}  // namespace

void report_fatal_error_and_exit(const std::string& message) {
  if (g_child_result_fd < 0) ::abort();
  Result<compiler::CompileOutput> error =
      Error::compile("the compiler cannot translate this program: " + message + "\n");
  ::_exit(write_all(g_child_result_fd, encode(error)) ? 0 : 1);
}

Result<compiler::CompileOutput> run_isolated(const std::function<Result<compiler::CompileOutput>()>& work) {
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) return Error::sys(errno, "cannot create a pipe for the compiler");
  UniqueFd read_end(fds[0]), write_end(fds[1]);
  pid_t pid = ::fork();
  if (pid < 0) return Error::sys(errno, "cannot start the compiler process");
  if (pid == 0) {
    ::signal(SIGINT, SIG_DFL);
    ::signal(SIGTERM, SIG_DFL);
    ::signal(SIGPIPE, SIG_DFL);
    read_end.reset();
    g_child_result_fd = write_end.get();
    std::string encoded = encode(work());
    ::_exit(write_all(write_end.get(), encoded) ? 0 : 1);
  }
  write_end.reset();
  std::string bytes;
  char buf[65536];
  for (;;) {
    ssize_t n = ::read(read_end.get(), buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    bytes.append(buf, size_t(n));
  }
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (WIFSIGNALED(status)) {
    int sig = WTERMSIG(status);
    if (sig == SIGINT || sig == SIGTERM) return Error::internal("compilation interrupted");
    return Error::internal(std::string("the compiler crashed (signal ") + ::strsignal(sig) +
                           "); please report this with the program that caused it");
  }
  if (bytes.empty()) return Error::internal("the compiler process exited without a result");
  return decode(bytes);
}

}  // namespace tracekit::compile
