#include "runtime/load/bpf_object.h"

#include <bpf/libbpf.h>
#include <linux/bpf.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cerrno>

#include "runtime/load/libbpf_messages.h"
#include "runtime/load/shared_maps.h"
#include "runtime/load/verifier_hints.h"

namespace tracekit::load {
namespace {

// Room for the verifier's log of one program at log level 1 (BCC's DEBUG_BPF).
constexpr size_t kVerifierLogSize = 16 << 20;

std::string last_lines(const std::string& log, int count) {
  size_t end = log.find_last_not_of("\n ");
  if (end == std::string::npos) return "";
  size_t pos = end + 1;
  for (int i = 0; i < count && pos > 0; ++i) {
    size_t nl = log.rfind('\n', pos - 1);
    if (nl == std::string::npos) {
      pos = 0;
      break;
    }
    pos = nl;
  }
  return log.substr(pos == 0 ? 0 : pos + 1, end + 1 - (pos == 0 ? 0 : pos + 1));
}

Error load_error(const LibbpfCapture& capture, int err) {
  std::string log = capture.verifier_log();
  std::string program = capture.failed_program();
  if (!log.empty()) {
    std::string message = "prog '" + program + "': the kernel verifier rejected the program:\n" +
                          last_lines(log, 3);
    std::string hint = verifier_hint(log);
    if (!hint.empty()) message += "\nhint: " + hint;
    message += "\n(the full verifier log is in the error's .log)";
    return Error::verifier(message, log);
  }
  std::string detail = capture.text();
  Error e = Error::sys(err, "loading the BPF object failed" + (detail.empty() ? "" : ":\n" + detail));
  return e;
}

}  // namespace

std::vector<std::pair<std::string, unsigned>> BpfObject::eager_programs(const ObjectMetadata& meta,
                                                                        bool kprobes_available) {
  std::vector<std::pair<std::string, unsigned>> out;
  for (const ProgramMeta& p : meta.programs) {
    if (p.target.empty()) continue;
    if (p.kind == "kprobe" || p.kind == "kretprobe") {
      if (kprobes_available) {
        out.emplace_back(p.name, BPF_PROG_TYPE_KPROBE);
      } else {
        const std::string& twin = p.kind == "kprobe" ? p.sys_enter_variant : p.sys_exit_variant;
        if (!twin.empty()) out.emplace_back(twin, BPF_PROG_TYPE_TRACEPOINT);
      }
    } else if (p.kind == "tracepoint" || p.kind == "raw_tracepoint") {
      out.emplace_back(p.name, program_type_for_kind(p.kind));
    }
  }
  return out;
}

Result<std::unique_ptr<BpfObject>> BpfObject::load(std::string elf, std::string metadata_json,
                                                   const LoadOptions& options) {
  std::unique_ptr<BpfObject> self(new BpfObject());
  self->metadata_ = TK_TRY(parse_metadata(metadata_json));
  self->elf_ = std::move(elf);
  self->metadata_json_ = std::move(metadata_json);
  self->options_ = options;
  auto eager = eager_programs(self->metadata_, options.kprobes_available);
  self->main_ = TK_TRY(self->open_and_configure(eager, false));
  TK_TRY(self->load_object(self->main_));
  struct bpf_map* map;
  bpf_object__for_each_map(map, self->main_) self->map_fds_[bpf_map__name(map)] = bpf_map__fd(map);
  TK_TRY(shared_maps::publish(self->main_, self->metadata_json_, self.get()));
  for (const auto& [name, type] : eager) {
    struct bpf_program* prog = bpf_object__find_program_by_name(self->main_, name.c_str());
    if (prog && bpf_program__fd(prog) >= 0)
      self->programs_[{name, type}] = UniqueFd(::dup(bpf_program__fd(prog)));
  }
  return self;
}

BpfObject::~BpfObject() {
  shared_maps::withdraw(this);
  programs_.clear();
  if (main_) bpf_object__close(main_);
}

// In BTF mode the program was compiled against types written from this very kernel's BTF
// (the cache key holds the kernel's BTF hash), so the object's own .BTF describes those kernel
// types exactly as the kernel does. Handing it to libbpf as the CO-RE target spares parsing
// the 5-6 MB vmlinux BTF on every start (~8 ms); the relocations resolve to the same offsets.
// Headers-mode objects have no CO-RE relocations.
void BpfObject::prepare_core_target() {
  if (!metadata_.btf_mode || own_btf_.valid()) return;
  int fd = ::memfd_create("tracekit-btf", MFD_CLOEXEC);
  if (fd < 0) return;
  own_btf_.reset(fd);
  size_t done = 0;
  while (done < elf_.size()) {
    ssize_t n = ::write(fd, elf_.data() + done, elf_.size() - done);
    if (n <= 0) {
      own_btf_.reset();
      return;
    }
    done += size_t(n);
  }
  own_btf_path_ = "/proc/self/fd/" + std::to_string(fd);
}

Result<struct bpf_object*> BpfObject::open_and_configure(
    const std::vector<std::pair<std::string, unsigned>>& load_set, bool reuse_maps) {
  prepare_core_target();
  LIBBPF_OPTS(bpf_object_open_opts, opts, .object_name = "tracekit", .relaxed_maps = true,
              .btf_custom_path = own_btf_path_.empty() ? nullptr : own_btf_path_.c_str());
  LibbpfCapture capture;
  struct bpf_object* object = bpf_object__open_mem(elf_.data(), elf_.size(), &opts);
  if (!object) {
    int err = errno;
    return Error::sys(err, "cannot open the compiled BPF object:\n" + capture.text());
  }
  for (const MapMeta& m : metadata_.maps) {
    struct bpf_map* map = bpf_object__find_map_by_name(object, m.name.c_str());
    if (!map) continue;
    bpf_map__set_type(map, bpf_map_type(m.map_type));
    if (m.map_type == BPF_MAP_TYPE_PERF_EVENT_ARRAY) {
      bpf_map__set_key_size(map, 4);
      bpf_map__set_value_size(map, 4);
    }
    if (m.map_type == BPF_MAP_TYPE_RINGBUF) {
      bpf_map__set_key_size(map, 0);
      bpf_map__set_value_size(map, 0);
    }
    if (m.map_type == BPF_MAP_TYPE_QUEUE || m.map_type == BPF_MAP_TYPE_STACK) bpf_map__set_key_size(map, 0);
    if (reuse_maps) {
      auto it = map_fds_.find(m.name);
      if (it != map_fds_.end()) bpf_map__reuse_fd(map, it->second);
    }
  }
  if (Status shared = reuse_maps ? ok_status() : shared_maps::configure(object, metadata_json_); !shared.ok()) {
    bpf_object__close(object);
    return std::move(shared).error();
  }
  if (reuse_maps) {
    // Internal maps (.rodata, .bss) are shared too.
    struct bpf_map* map;
    bpf_object__for_each_map(map, object) {
      auto it = map_fds_.find(bpf_map__name(map));
      if (it != map_fds_.end() && !metadata_.map(bpf_map__name(map))) bpf_map__reuse_fd(map, it->second);
    }
  }
  struct bpf_program* prog;
  bpf_object__for_each_program(prog, object) {
    bool wanted = false;
    for (const auto& [name, type] : load_set) {
      if (name == bpf_program__name(prog)) {
        wanted = true;
        // Setting the type the section already gave would make libbpf 1.1 forget what else
        // the section told it (the BTF target of fentry/, lsm/...).
        if (bpf_program__type(prog) != bpf_prog_type(type)) bpf_program__set_type(prog, bpf_prog_type(type));
        if (expected_attach_type_ != kDefaultAttachType)
          bpf_program__set_expected_attach_type(prog, bpf_attach_type(expected_attach_type_));
      }
    }
    bpf_program__set_autoload(prog, wanted);
    if (wanted && options_.log_verifier) {
      log_buffers_.push_back(std::make_unique_for_overwrite<char[]>(kVerifierLogSize));
      log_buffers_.back()[0] = '\0';
      bpf_program__set_log_buf(prog, log_buffers_.back().get(), kVerifierLogSize);
      bpf_program__set_log_level(prog, 1);
    }
  }
  return object;
}

Status BpfObject::load_object(struct bpf_object* object) {
  LibbpfCapture capture;
  int rc = bpf_object__load(object);
  if (rc != 0) {
    log_buffers_.clear();
    return load_error(capture, -rc);
  }
  if (options_.log_verifier) {
    struct bpf_program* prog;
    bpf_object__for_each_program(prog, object) {
      if (!bpf_program__autoload(prog)) continue;
      size_t size = 0;
      const char* log = bpf_program__log_buf(prog, &size);
      if (log && *log) verifier_logs_ += std::string("prog '") + bpf_program__name(prog) + "':\n" + log + "\n";
    }
  }
  log_buffers_.clear();
  return ok_status();
}

Result<int> BpfObject::program_fd(const std::string& name, unsigned prog_type, unsigned expected_attach_type) {
  auto it = programs_.find({name, prog_type});
  if (it != programs_.end()) return it->second.get();
  if (!has_program(name)) return Error::not_found("no BPF program named '" + name + "' in this object");
  expected_attach_type_ = expected_attach_type;
  auto opened = open_and_configure({{name, prog_type}}, true);
  expected_attach_type_ = kDefaultAttachType;
  struct bpf_object* object = TK_TRY(std::move(opened));
  Status loaded = load_object(object);
  if (!loaded.ok()) {
    bpf_object__close(object);
    return std::move(loaded).error();
  }
  struct bpf_program* prog = bpf_object__find_program_by_name(object, name.c_str());
  int fd = prog ? ::dup(bpf_program__fd(prog)) : -1;
  bpf_object__close(object);
  if (fd < 0) return Error::internal("program '" + name + "' has no fd after loading");
  programs_[{name, prog_type}] = UniqueFd(fd);
  return fd;
}

bool BpfObject::has_program(const std::string& name) const {
  return bpf_object__find_program_by_name(main_, name.c_str()) != nullptr;
}

Result<int> BpfObject::map_fd(const std::string& name) const {
  auto it = map_fds_.find(name);
  if (it == map_fds_.end()) return Error::not_found("no map named '" + name + "'");
  return it->second;
}

Result<MapShape> BpfObject::map_shape(const std::string& name) const {
  struct bpf_map* map = bpf_object__find_map_by_name(main_, name.c_str());
  if (!map) return Error::not_found("no map named '" + name + "'");
  return MapShape{unsigned(bpf_map__type(map)), bpf_map__key_size(map), bpf_map__value_size(map),
                  bpf_map__max_entries(map)};
}

std::vector<std::string> BpfObject::map_names() const {
  std::vector<std::string> out;
  for (const auto& [name, fd] : map_fds_) out.push_back(name);
  return out;
}

}  // namespace tracekit::load
