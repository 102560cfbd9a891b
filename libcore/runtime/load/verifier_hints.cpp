#include "runtime/load/verifier_hints.h"

#include <utility>

namespace tracekit::load {

std::string verifier_hint(const std::string& log) {
  static const std::pair<const char*, const char*> hints[] = {
      {"map_value_or_null",
       "a map lookup() result is used without a NULL check; test it before dereferencing"},
      {"invalid mem access 'scalar'",
       "the program dereferences a value the verifier sees as a plain number; read kernel "
       "memory through a typed pointer or with bpf_probe_read_kernel()"},
      {"invalid mem access 'inv'",
       "the program dereferences a value the verifier sees as a plain number; read kernel "
       "memory through a typed pointer or with bpf_probe_read_kernel()"},
      {"invalid mem access",
       "the program dereferences a pointer the verifier cannot check; read kernel memory "
       "with bpf_probe_read_kernel() and user memory with bpf_probe_read_user()"},
      {"unbounded memory access",
       "an index or length is not bounded; check it against the buffer size (or mask it) "
       "before use"},
      {"min value is negative",
       "a length or index can be negative; check it is >= 0 (or use an unsigned type)"},
      {"back-edge", "loops need a bound the verifier can see; use a constant trip count"},
      {"infinite loop", "loops need a bound the verifier can see; use a constant trip count"},
      {"BPF program is too large", "the program is too complex; split it or reduce unrolled loops"},
      {"combined stack size", "BPF programs have 512 bytes of stack; move large buffers to a per-CPU array map"},
      {"stack limit", "BPF programs have 512 bytes of stack; move large buffers to a per-CPU array map"},
      {"cannot call GPL-restricted function",
       "this helper needs a GPL-compatible license: set BPF_LICENSE or drop the custom license"},
      {"unknown func", "this helper is not available to this program type on this kernel"},
      {"invalid indirect read from stack",
       "a stack buffer passed to a helper is not fully initialised; zero it first (= {} or memset)"},
      {"R1 type=ctx expected=fp", "pass a pointer to a stack variable, not the context"},
      {"dereference of modified ctx ptr", "read context fields directly (ctx->field), not through pointer arithmetic"},
  };
  for (const auto& [pattern, hint] : hints)
    if (log.find(pattern) != std::string::npos) return hint;
  return "";
}

}  // namespace tracekit::load
