// BTF mode: the kernel's types come from its BTF, written out as C by libbpf's btf_dump, but
// only the ones a program can reach. A full vmlinux.h is ~135k lines and costs ~0.3-0.5 s to
// parse; the pruned header keeps a typical tool's compile near 60 ms.
//
// What a program can reach, from the identifiers it uses (source_scan.h):
//   - struct/union/enum/typedef names it mentions, and enums holding enumerators it mentions;
//   - for every struct or union in the set, the type behind each member whose name the
//     program mentions (task->mm->... needs struct mm_struct complete, though only
//     `mm` is written);
//   - btf_dump adds what these depend on (embedded members completely, pointees as forward
//     declarations).
// Types the program defines itself are left out, so `struct event {...}` in a program does not
// collide with a kernel type of that name.
#pragma once

#include <memory>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "common/result.h"
#include "compiler/kernel_types/btf_index.h"
#include "compiler/source_scan.h"

namespace tracekit::compiler {


struct BtfHeaderInput {
  const SourceScan* program = nullptr;  // the user's program (+ generated tracepoint structs)
  // Identifiers of tracekit's own headers: they seed type names but not member names.
  const std::unordered_set<std::string>* header_identifiers = nullptr;
  // Types tracekit's own headers define (struct bpf_stacktrace...): never taken from BTF.
  const std::unordered_set<std::string>* header_types = nullptr;
};

// Returns the text of <tracekit/kernel.h> for BTF mode.
Result<std::string> generate_btf_header(const BtfTypeIndex& index, const BtfHeaderInput& input);

}  // namespace tracekit::compiler
