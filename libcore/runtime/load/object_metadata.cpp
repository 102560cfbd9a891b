#include "runtime/load/object_metadata.h"

#include <linux/bpf.h>

#include <nlohmann/json.hpp>

namespace tracekit::load {

const ProgramMeta* ObjectMetadata::program(const std::string& name) const {
  for (const auto& p : programs)
    if (p.name == name) return &p;
  return nullptr;
}

const MapMeta* ObjectMetadata::map(const std::string& name) const {
  for (const auto& m : maps)
    if (m.name == name) return &m;
  return nullptr;
}

Result<ObjectMetadata> parse_metadata(const std::string& text) {
  try {
    nlohmann::json j = nlohmann::json::parse(text);
    ObjectMetadata meta;
    meta.btf_mode = j.value("header_mode", "") == "btf";
    for (const auto& p : j.at("programs")) {
      ProgramMeta pm;
      pm.name = p.at("name");
      pm.kind = p.at("kind");
      pm.target = p.value("target", "");
      pm.ctx = p.value("ctx", "");
      pm.section = p.value("section", "");
      pm.sys_enter_variant = p.value("sys_enter_variant", "");
      pm.sys_exit_variant = p.value("sys_exit_variant", "");
      meta.programs.push_back(std::move(pm));
    }
    for (const auto& m : j.at("maps")) {
      MapMeta mm;
      mm.name = m.at("name");
      mm.bcc_type = m.at("type");
      mm.map_type = m.at("map_type");
      mm.max_entries = m.value("max_entries", 0u);
      mm.flags = m.value("flags", 0u);
      meta.maps.push_back(std::move(mm));
    }
    return meta;
  } catch (const std::exception& e) {
    return Error::invalid(std::string("damaged object metadata: ") + e.what());
  }
}

unsigned program_type_for_kind(const std::string& kind) {
  if (kind == "kprobe" || kind == "kretprobe" || kind == "syscall") return BPF_PROG_TYPE_KPROBE;
  if (kind == "tracepoint") return BPF_PROG_TYPE_TRACEPOINT;
  if (kind == "raw_tracepoint") return BPF_PROG_TYPE_RAW_TRACEPOINT;
  if (kind == "perf_event") return BPF_PROG_TYPE_PERF_EVENT;
  if (kind == "xdp") return BPF_PROG_TYPE_XDP;
  if (kind == "socket_filter") return BPF_PROG_TYPE_SOCKET_FILTER;
  if (kind == "sched_cls") return BPF_PROG_TYPE_SCHED_CLS;
  if (kind == "kfunc" || kind == "kretfunc" || kind == "kmod_ret") return BPF_PROG_TYPE_TRACING;
  if (kind == "lsm") return BPF_PROG_TYPE_LSM;
  return BPF_PROG_TYPE_KPROBE;
}

}  // namespace tracekit::load
