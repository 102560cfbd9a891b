// libbpf reports through one process-wide print callback. Loads run inside a LibbpfCapture so
// that the messages (and the verifier log libbpf retrieves on failure) become part of the
// Error instead of going to stderr.
#pragma once

#include <string>

namespace tracekit::load {

class LibbpfCapture {
 public:
  LibbpfCapture();
  ~LibbpfCapture();
  LibbpfCapture(const LibbpfCapture&) = delete;
  LibbpfCapture& operator=(const LibbpfCapture&) = delete;
  const std::string& text() const { return text_; }
  // The verifier log between libbpf's BEGIN/END PROG LOAD LOG markers, if any.
  std::string verifier_log() const;
  // The name of the program libbpf says failed to load, if any.
  std::string failed_program() const;

 private:
  std::string text_;
  LibbpfCapture* previous_;
};

void install_libbpf_printer();

}  // namespace tracekit::load
