#include "compiler/frontend/table_kinds.h"

#include <array>

namespace tracekit::compiler {
namespace {

#define KEYED "lookup", "lookup_or_init", "lookup_or_try_init", "update", "insert", "delete", \
              "increment", "atomic_increment"
#define RINGBUF "ringbuf_output", "ringbuf_reserve", "ringbuf_submit", "ringbuf_discard", "ringbuf_query"

// Map type numbers are enum bpf_map_type (UAPI, stable); headers/tracekit/tables.h maps the
// same strings to the same numbers.
const std::array kKinds = {
    TableKind{"hash", 1, {KEYED}},
    TableKind{"array", 2, {KEYED}},
    TableKind{"prog", 3, {"call", "lookup", "update", "delete"}},
    TableKind{"perf_output", 4, {"perf_submit", "perf_submit_skb"}},
    TableKind{"perf_array", 4, {"perf_read", "perf_counter_value"}},
    TableKind{"percpu_hash", 5, {KEYED}},
    TableKind{"percpu_array", 6, {KEYED}},
    TableKind{"stacktrace", 7, {"get_stackid", "lookup"}},
    TableKind{"cgroup_array", 8, {"check_current_task"}},
    TableKind{"lru_hash", 9, {KEYED}},
    TableKind{"lru_percpu_hash", 10, {KEYED}},
    TableKind{"lpm_trie", 11, {KEYED}},
    TableKind{"array_of_maps", 12, {"lookup"}},
    TableKind{"hash_of_maps", 13, {"lookup"}},
    TableKind{"devmap", 14, {"redirect_map", "lookup"}},
    TableKind{"sockmap", 15, {"sock_map_update", "msg_redirect_map", "sk_redirect_map", "lookup", "delete"}},
    TableKind{"cpumap", 16, {"redirect_map", "lookup"}},
    TableKind{"xskmap", 17, {"redirect_map", "lookup"}},
    TableKind{"sockhash", 18, {"sock_hash_update", "msg_redirect_hash", "sk_redirect_hash", "lookup", "delete"}},
    TableKind{"cgroup_storage", 19, {"get_local_storage"}},
    TableKind{"percpu_cgroup_storage", 21, {"get_local_storage"}},
    TableKind{"queue", 22, {"push", "pop", "peek"}},
    TableKind{"stack", 23, {"push", "pop", "peek"}},
    TableKind{"sk_storage", 24, {"sk_storage_get", "sk_storage_delete"}},
    TableKind{"devmap_hash", 25, {"redirect_map", "lookup"}},
    TableKind{"ringbuf", 27, {RINGBUF}},
    TableKind{"inode_storage", 28, {"inode_storage_get", "inode_storage_delete"}},
    TableKind{"task_storage", 29, {"task_storage_get", "task_storage_delete"}},
    // BCC's "histogram" is a hash map read as a histogram.
    TableKind{"histogram", 1, {KEYED}},
    // A table another object of this process exports (BPF_TABLE_PUBLIC/SHARED): its real type
    // is known only at load time, so every method is allowed.
    TableKind{"extern", 0, {KEYED, "perf_submit", "perf_submit_skb", "get_stackid", "call", "perf_read",
                            "perf_counter_value", "push", "pop", "peek", RINGBUF, "redirect_map",
                            "check_current_task", "get_local_storage"}},
};

}  // namespace

const TableKind* find_table_kind(const std::string& bcc_type) {
  for (const auto& k : kKinds)
    if (bcc_type == k.bcc_type) return &k;
  return nullptr;
}

std::string known_table_types() {
  std::string out;
  for (const auto& k : kKinds) {
    if (!out.empty()) out += ", ";
    out += k.bcc_type;
  }
  return out;
}

bool table_has_method(const TableKind& kind, const std::string& method) {
  for (const char* m : kind.methods)
    if (method == m) return true;
  return false;
}

}  // namespace tracekit::compiler
