#include "runtime/load/libbpf_messages.h"

#include <bpf/libbpf.h>

#include <cstdarg>
#include <cstdio>
#include <mutex>

#include "common/log.h"

namespace tracekit::load {
namespace {

thread_local LibbpfCapture* active_capture = nullptr;
thread_local std::string* active_text = nullptr;

int print(enum libbpf_print_level level, const char* fmt, va_list args) {
  char buf[4096];
  va_list copy;
  va_copy(copy, args);
  int n = std::vsnprintf(buf, sizeof buf, fmt, copy);
  va_end(copy);
  std::string text;
  if (n >= int(sizeof buf)) {
    text.resize(size_t(n) + 1);
    std::vsnprintf(text.data(), text.size(), fmt, args);
    text.resize(size_t(n));
  } else if (n > 0) {
    text.assign(buf, size_t(n));
  }
  if (active_text) active_text->append(text);
  log(level == LIBBPF_WARN ? LogLevel::Warning : LogLevel::Debug, "libbpf: " + text);
  return n;
}

}  // namespace

void install_libbpf_printer() {
  static std::once_flag once;
  std::call_once(once, [] { libbpf_set_print(&print); });
}

LibbpfCapture::LibbpfCapture() : previous_(active_capture) {
  install_libbpf_printer();
  active_capture = this;
  active_text = &text_;
}

LibbpfCapture::~LibbpfCapture() {
  active_capture = previous_;
  active_text = previous_ ? &previous_->text_ : nullptr;
}

std::string LibbpfCapture::verifier_log() const {
  const std::string begin = "-- BEGIN PROG LOAD LOG --\n";
  const std::string end = "-- END PROG LOAD LOG --";
  size_t b = text_.find(begin);
  if (b == std::string::npos) return "";
  size_t e = text_.find(end, b);
  return text_.substr(b + begin.size(), e == std::string::npos ? std::string::npos : e - b - begin.size());
}

std::string LibbpfCapture::failed_program() const {
  const std::string marker = "prog '";
  size_t p = text_.find("failed to load");
  if (p == std::string::npos) p = text_.find("load failed");
  if (p == std::string::npos) return "";
  size_t start = text_.rfind(marker, p);
  if (start == std::string::npos) return "";
  start += marker.size();
  size_t end = text_.find('\'', start);
  return end == std::string::npos ? "" : text_.substr(start, end - start);
}

}  // namespace tracekit::load
