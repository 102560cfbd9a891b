#include "compiler/frontend/program_kinds.h"

#include <tuple>
#include <utility>

namespace tracekit::compiler {
namespace {

bool starts_with(const std::string& s, const std::string& prefix) { return s.rfind(prefix, 0) == 0; }

// "<module>__<fn>" -> target "fn" for vmlinux, "module:fn" otherwise; function name "fn".
std::pair<std::string, std::string> module_function(const std::string& rest) {
  size_t sep = rest.find("__");
  if (sep == std::string::npos || sep == 0) return {rest, rest};
  std::string module = rest.substr(0, sep), fn = rest.substr(sep + 2);
  return {module == "vmlinux" ? fn : module + ":" + fn, fn};
}

// A program with its own SEC("..."): the section is kept, and its prefix gives the kind.
ProgramKind from_section(const std::string& section) {
  static const std::pair<const char*, const char*> kPrefixes[] = {
      {"kprobe/", "kprobe"},         {"kretprobe/", "kretprobe"},   {"uprobe", "uprobe"},
      {"uretprobe", "uretprobe"},    {"tracepoint/", "tracepoint"}, {"tp/", "tracepoint"},
      {"raw_tracepoint/", "raw_tracepoint"}, {"raw_tp/", "raw_tracepoint"},
      {"fentry/", "kfunc"},          {"fexit/", "kretfunc"},        {"fmod_ret/", "kmod_ret"},
      {"lsm/", "lsm"},               {"iter/", "iter"},             {"xdp", "xdp"},
      {"socket", "socket_filter"},   {"classifier", "sched_cls"},   {"tc", "sched_cls"},
      {"perf_event", "perf_event"},  {"sk_msg", "sk_msg"},          {"sk_skb", "sk_skb"},
      {"sockops", "sock_ops"},       {"cgroup_skb/", "cgroup_skb"}, {"cgroup/sock", "cgroup_sock"},
  };
  ProgramKind k{"generic", "", section};
  for (const auto& [prefix, kind] : kPrefixes) {
    if (!starts_with(section, prefix)) continue;
    k.kind = kind;
    size_t slash = section.find('/');
    std::string rest = slash == std::string::npos ? "" : section.substr(slash + 1);
    if (k.kind == "tracepoint") {
      size_t inner = rest.find('/');
      if (inner != std::string::npos) k.target = rest.substr(0, inner) + ":" + rest.substr(inner + 1);
    } else if (k.kind != "xdp" && k.kind != "socket_filter" && k.kind != "sched_cls" &&
               k.kind != "perf_event") {
      k.target = rest;
    }
    break;
  }
  return k;
}

std::string kind_from_context(const std::string& ctx_type) {
  static const std::pair<const char*, const char*> kContexts[] = {
      {"pt_regs", "kprobe"},
      {"bpf_perf_event_data", "perf_event"},
      {"xdp_md", "xdp"},
      {"bpf_raw_tracepoint_args", "raw_tracepoint"},
      {"__sk_buff", "socket_filter"},
      {"sk_msg_md", "sk_msg"},
      {"bpf_sock_ops", "sock_ops"},
      {"bpf_sock", "cgroup_sock"},
      {"bpf_sock_addr", "cgroup_sock_addr"},
      {"bpf_sysctl", "cgroup_sysctl"},
      {"bpf_sockopt", "cgroup_sockopt"},
  };
  for (const auto& [type, kind] : kContexts)
    if (ctx_type == type) return kind;
  if (starts_with(ctx_type, "tracepoint__")) return "tracepoint";
  if (starts_with(ctx_type, "bpf_iter__")) return "iter";
  return "generic";
}

std::string section_for(const ProgramKind& p, const std::string& name, const std::string& function) {
  if (p.kind == "kprobe" || p.kind == "syscall") return "kprobe/" + name;
  if (p.kind == "kretprobe") return "kretprobe/" + name;
  if (p.kind == "tracepoint") return "tracepoint/tracekit/" + name;
  if (p.kind == "raw_tracepoint") return "raw_tracepoint/" + name;
  if (p.kind == "perf_event") return "perf_event";
  if (p.kind == "xdp") return "xdp";
  if (p.kind == "socket_filter") return "socket";
  // Trampolines name their target in the section: libbpf finds its BTF id there at load.
  if (p.kind == "kfunc") return "fentry/" + function;
  if (p.kind == "kretfunc") return "fexit/" + function;
  if (p.kind == "kmod_ret") return "fmod_ret/" + function;
  if (p.kind == "lsm") return "lsm/" + function;
  if (p.kind == "iter") return "iter/" + p.target;
  return "tracekit/" + name;
}

}  // namespace

bool syscall_entry(const std::string& function, const std::string& prefix, std::string& fixed) {
  if (!prefix.empty() && starts_with(function, prefix)) {
    fixed = function;
    return true;
  }
  for (const char* arch : {"__x64_sys_", "__ia32_sys_", "__arm64_sys_", "__s390x_sys_", "__se_sys_"}) {
    if (starts_with(function, arch)) {
      fixed = prefix + function.substr(std::string(arch).size());
      return true;
    }
  }
  if (starts_with(function, "sys_")) {
    fixed = prefix + function.substr(4);
    return true;
  }
  return false;
}

ProgramKind classify_program(const std::string& name, const std::string& ctx_type,
                             const std::string& explicit_section, const std::string& syscall_prefix) {
  if (!explicit_section.empty()) return from_section(explicit_section);
  auto after = [&](const std::string& pfx) { return name.substr(pfx.size()); };
  ProgramKind p;
  std::string function;  // trampolines: the kernel function without its module
  if (starts_with(name, "kprobe__")) {
    p = {"kprobe", after("kprobe__"), ""};
  } else if (starts_with(name, "kretprobe__")) {
    p = {"kretprobe", after("kretprobe__"), ""};
  } else if (starts_with(name, "syscall__")) {
    p = {"syscall", "", ""};
  } else if (starts_with(name, "tracepoint__")) {
    std::string rest = after("tracepoint__");
    size_t sep = rest.find("__");
    p.kind = "tracepoint";
    if (sep != std::string::npos) p.target = rest.substr(0, sep) + ":" + rest.substr(sep + 2);
  } else if (starts_with(name, "raw_tracepoint__")) {
    p = {"raw_tracepoint", after("raw_tracepoint__"), ""};
  } else if (starts_with(name, "kfunc__")) {
    p.kind = "kfunc";
    std::tie(p.target, function) = module_function(after("kfunc__"));
  } else if (starts_with(name, "kretfunc__")) {
    p.kind = "kretfunc";
    std::tie(p.target, function) = module_function(after("kretfunc__"));
  } else if (starts_with(name, "kmod_ret__")) {
    p = {"kmod_ret", after("kmod_ret__"), ""};
    function = p.target;
  } else if (starts_with(name, "lsm__")) {
    p = {"lsm", after("lsm__"), ""};
    function = p.target;
  } else if (starts_with(name, "bpf_iter__")) {
    p = {"iter", after("bpf_iter__"), ""};
  } else {
    p.kind = kind_from_context(ctx_type);
  }
  bool probe_like = p.kind == "kprobe" || p.kind == "kretprobe";
  std::string fixed;
  if (probe_like && syscall_entry(p.target, syscall_prefix, fixed)) p.target = fixed;
  p.section = section_for(p, name, function);
  return p;
}

}  // namespace tracekit::compiler
