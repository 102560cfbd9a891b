#include "compiler/frontend/diagnostic_hints.h"

#include <cctype>

namespace tracekit::compiler {
namespace {

// The quoted name after `prefix` in `message`, or "".
std::string quoted_after(const std::string& message, const std::string& prefix) {
  size_t at = message.find(prefix);
  if (at == std::string::npos) return "";
  size_t open = message.find('\'', at + prefix.size() - 1);
  size_t close = open == std::string::npos ? open : message.find('\'', open + 1);
  if (close == std::string::npos) return "";
  return message.substr(open + 1, close - open - 1);
}

bool looks_like_constant(const std::string& name) {
  if (name.size() < 2 || !std::isupper(static_cast<unsigned char>(name[0]))) return false;
  for (char c : name)
    if (!std::isupper(static_cast<unsigned char>(c)) && !std::isdigit(static_cast<unsigned char>(c)) && c != '_')
      return false;
  return true;
}

}  // namespace

std::string diagnostic_hint(const std::string& message, bool btf_mode) {
  if (std::string name = quoted_after(message, "use of undeclared identifier '"); !name.empty()) {
    if (name == "current")
      return "BPF programs have no 'current': use (struct task_struct *)bpf_get_current_task()";
    if (looks_like_constant(name))
      return btf_mode ? "'" + name + "' looks like a #define of the kernel's headers; BTF carries no #define "
                        "constants and tracekit's list of them lacks this one: define it in the program"
                      : "'" + name + "' looks like a kernel constant: include the header that defines it";
    return "";
  }
  if (std::string name = quoted_after(message, "call to undeclared function '"); !name.empty()) {
    if (name.rfind("bpf_", 0) == 0)
      return "'" + name + "' is not a BPF helper tracekit knows; the helpers are listed in "
             "headers/tracekit/bpf_helpers.h";
    return btf_mode ? "kernel functions, including the headers' inline ones, are not available in BTF mode: "
                      "write the field accesses yourself (e.g. inet_sk(sk) is (struct inet_sock *)sk)"
                    : "a BPF program can call only BPF helpers (bpf_*) and its own static functions";
  }
  std::string type = quoted_after(message, "incomplete definition of type '");
  if (type.empty()) type = quoted_after(message, "variable has incomplete type '");
  if (type.rfind("struct ", 0) == 0) {
    return btf_mode ? "'" + type + "' is not in this kernel's BTF (private to a .c file, renamed, or not built): "
                      "declare the members you read in a struct of your own and cast to it, as BCC's runqlen "
                      "does for struct cfs_rq"
                    : "include the kernel header that defines '" + type + "'";
  }
  if (message.find("no member named '") != std::string::npos) {
    std::string record = message.substr(message.rfind(" in '") + 5);
    if (record.rfind("struct tracepoint__", 0) == 0) {
      std::string rest = record.substr(19, record.find('\'') - 19);
      size_t sep = rest.find("__");
      std::string where = sep == std::string::npos ? rest : rest.substr(0, sep) + "/" + rest.substr(sep + 2);
      return "the record's fields are in /sys/kernel/tracing/events/" + where +
             "/format, and change between kernels (comm fields became __data_loc strings in 6.x, read "
             "with TP_DATA_LOC_READ*)";
    }
    if (btf_mode && record.rfind("struct ", 0) == 0)
      return "fields move between kernel versions; this kernel's layout is in its BTF (bpftool btf dump file "
             "/sys/kernel/btf/vmlinux format c)";
  }
  return "";
}

}  // namespace tracekit::compiler
