// A compiled object loaded into the kernel: its maps, and its programs loaded on demand.
//
// BCC decides a program's type when it is attached (attach_kprobe loads `fn_name` as a kprobe
// program), so programs cannot all be loaded up front. The object is loaded once with the
// programs whose type is already certain (auto-attach names such as kprobe__x and
// TRACEPOINT_PROBE); that load creates every map. Another program is loaded when first asked
// for, from a second libbpf object over the same ELF that reuses the first one's maps, so CO-RE
// relocation and subprogram linking stay libbpf's job.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "common/result.h"
#include "common/unique_fd.h"
#include "runtime/load/object_metadata.h"

struct bpf_object;

namespace tracekit::load {

struct LoadOptions {
  bool log_verifier = false;  // DEBUG_BPF: keep the verifier log of every program
  bool kprobes_available = true;
};

struct MapShape {
  unsigned type = 0;
  unsigned key_size = 0;
  unsigned value_size = 0;
  unsigned max_entries = 0;
};

class BpfObject {
 public:
  static Result<std::unique_ptr<BpfObject>> load(std::string elf, std::string metadata_json,
                                                 const LoadOptions& options);
  ~BpfObject();
  BpfObject(const BpfObject&) = delete;
  BpfObject& operator=(const BpfObject&) = delete;

  const ObjectMetadata& metadata() const { return metadata_; }
  const std::string& metadata_json() const { return metadata_json_; }
  Result<int> map_fd(const std::string& name) const;
  Result<MapShape> map_shape(const std::string& name) const;
  std::vector<std::string> map_names() const;

  static constexpr unsigned kDefaultAttachType = ~0u;
  // The fd of program `name` loaded as `prog_type` (enum bpf_prog_type), loading it if needed;
  // `expected_attach_type` (enum bpf_attach_type) for the kinds that must declare it at load
  // (cgroup socket address hooks...); by default the section's, if any.
  Result<int> program_fd(const std::string& name, unsigned prog_type,
                         unsigned expected_attach_type = kDefaultAttachType);
  bool has_program(const std::string& name) const;
  // Verifier logs kept with LoadOptions::log_verifier, in load order.
  const std::string& verifier_logs() const { return verifier_logs_; }

  // Programs the first load includes: auto-attach programs whose type is certain. On kernels
  // without kprobes a syscall kprobe is replaced by its tracepoint twin.
  static std::vector<std::pair<std::string, unsigned>> eager_programs(const ObjectMetadata& meta,
                                                                      bool kprobes_available);

 private:
  BpfObject() = default;
  Result<struct bpf_object*> open_and_configure(const std::vector<std::pair<std::string, unsigned>>& load_set,
                                                bool reuse_maps);
  Status load_object(struct bpf_object* object);
  void prepare_core_target();

  std::string elf_;
  std::string metadata_json_;
  ObjectMetadata metadata_;
  LoadOptions options_;
  struct bpf_object* main_ = nullptr;
  std::map<std::pair<std::string, unsigned>, UniqueFd> programs_;
  std::map<std::string, int> map_fds_;
  std::string verifier_logs_;
  // Verifier log buffers of the programs being loaded with log_verifier (libbpf writes into
  // them; bpf_program__log_buf() only returns buffers the caller gave).
  std::vector<std::unique_ptr<char[]>> log_buffers_;
  UniqueFd own_btf_;  // the object as a file, the target BTF of its CO-RE relocations
  std::string own_btf_path_;
  unsigned expected_attach_type_ = kDefaultAttachType;  // for the load in progress
};

}  // namespace tracekit::load
