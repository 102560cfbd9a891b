/* BCC's tables: the map definition every map macro expands to, and the methods.
 *
 * A table is a libbpf BTF-defined map in ".maps" whose struct also carries one function-pointer
 * member per BCC method, so that `counts.increment(key)` is ordinary C that Clang type-checks
 * (arity and argument types are diagnosed at the call site). The members are never set: the
 * compiler lowers each call through them to the matching __tk_method_* function of
 * <tracekit/table_methods.h>, or to the per-table one below for the methods whose code depends
 * on the table's types (libcore/compiler/ir/table_method_calls.cpp). Which methods a table
 * offers depends on its type; the front end rejects the others at the call site.
 *
 * The BCC type string ("hash", "perf_output"...) travels in an annotation; so do a pin path
 * (BPF_TABLE_PINNED), the sharing of BPF_TABLE_PUBLIC/BPF_TABLE_SHARED, and the inner map of
 * a map of maps. The shorthand macros (BPF_HASH...) are in <tracekit/table_macros.h>. */
#ifndef __TRACEKIT_TABLES_H
#define __TRACEKIT_TABLES_H

#define __TK_METHOD static __attribute__((used, always_inline)) inline

/* The type a method takes a key or leaf by value as: the type itself, or int for `void`
 * (queues and stacks have no key; BCC programs may still spell it `void`). */
#define __TK_BY_VALUE(_type) \
  __typeof__(__builtin_choose_expr(__builtin_types_compatible_p(_type, void), (int)0, *(_type *)0))

#define __TK_TABLE_METHOD_MEMBERS(_key_type, _leaf_type)                 \
  _leaf_type *(*lookup)(_key_type *);                                   \
  _leaf_type *(*lookup_or_init)(_key_type *, _leaf_type *);             \
  _leaf_type *(*lookup_or_try_init)(_key_type *, _leaf_type *);         \
  int (*update)(_key_type *, _leaf_type *);                             \
  int (*insert)(_key_type *, _leaf_type *);                             \
  int (*delete)(_key_type *);                                           \
  void (*increment)(__TK_BY_VALUE(_key_type), ...);                     \
  void (*atomic_increment)(__TK_BY_VALUE(_key_type), ...);              \
  int (*perf_submit)(void *, void *, u32);                              \
  int (*perf_submit_skb)(void *, u32, void *, u32);                     \
  int (*get_stackid)(void *, u64);                                      \
  void (*call)(void *, int);                                            \
  u64 (*perf_read)(u64);                                                \
  int (*perf_counter_value)(u64, void *, u32);                          \
  int (*push)(_leaf_type *, u64);                                       \
  int (*pop)(_leaf_type *);                                             \
  int (*peek)(_leaf_type *);                                            \
  int (*ringbuf_output)(void *, u64, u64);                              \
  void *(*ringbuf_reserve)(u64);                                        \
  void (*ringbuf_submit)(void *, u64);                                  \
  void (*ringbuf_discard)(void *, u64);                                 \
  u64 (*ringbuf_query)(u64);                                            \
  int (*redirect_map)(int, int);                                        \
  int (*check_current_task)(int);                                       \
  _leaf_type *(*sk_storage_get)(void *, void *, int);                   \
  int (*sk_storage_delete)(void *);                                     \
  _leaf_type *(*inode_storage_get)(void *, void *, int);                \
  int (*inode_storage_delete)(void *);                                  \
  _leaf_type *(*task_storage_get)(void *, void *, int);                 \
  int (*task_storage_delete)(void *);                                   \
  int (*sock_map_update)(void *, void *, u64);                          \
  int (*sock_hash_update)(void *, void *, u64);                         \
  int (*msg_redirect_map)(void *, u32, u64);                            \
  int (*sk_redirect_map)(void *, u32, u64);                             \
  int (*msg_redirect_hash)(void *, void *, u64);                        \
  int (*sk_redirect_hash)(void *, void *, u64);                         \
  _leaf_type *(*get_local_storage)(u64);

/* Methods whose code depends on the key and leaf types are generated per table. The leaf is
 * added to through its size so the function compiles for any leaf type; the front end rejects
 * increment() on a leaf that is not an integer. increment() is a plain read-modify-write, as
 * in BCC; atomic_increment() adds with one atomic instruction (the first insertion of a key
 * is not atomic, as in BCC). */
#define __TK_TABLE_TYPED_METHODS(_name, _key_type, _leaf_type)                                 \
  __TK_METHOD void __tk_table_##_name##__increment(__TK_BY_VALUE(_key_type) __key, s64 __amount, \
                                                   int __atomic) {                            \
    _leaf_type *__leaf = bpf_map_lookup_elem(&_name, &__key);                                  \
    if (!__leaf) {                                                                             \
      _leaf_type __zero;                                                                       \
      __builtin_memset(&__zero, 0, sizeof(__zero));                                            \
      bpf_map_update_elem(&_name, &__key, &__zero, __TK_NOEXIST);                              \
      __leaf = bpf_map_lookup_elem(&_name, &__key);                                            \
      if (!__leaf) return;                                                                     \
    }                                                                                          \
    if (__atomic && sizeof(_leaf_type) == 8)                                                   \
      __sync_fetch_and_add((s64 *)__leaf, __amount);                                           \
    else if (__atomic && sizeof(_leaf_type) == 4)                                              \
      __sync_fetch_and_add((s32 *)__leaf, (s32)__amount);                                      \
    else if (sizeof(_leaf_type) == 8)                                                          \
      *(s64 *)__leaf += __amount;                                                              \
    else if (sizeof(_leaf_type) == 4)                                                          \
      *(s32 *)__leaf += (s32)__amount;                                                         \
    else if (sizeof(_leaf_type) == 2)                                                          \
      *(s16 *)__leaf += (s16)__amount;                                                         \
    else if (sizeof(_leaf_type) == 1)                                                          \
      *(s8 *)__leaf += (s8)__amount;                                                           \
  }

/* BCC names map types with strings; Clang folds the comparisons to the kernel's number, which
 * libbpf reads from the `type` member. An "extern" table takes its type from the exporting
 * object at load time (hash until then); unknown strings give 0 and an error from the front
 * end. The numbers are enum bpf_map_type (UAPI, stable). */
#define __TK_MT(s, name, n) __builtin_strcmp(s, name) == 0 ? n :
#define __TK_MAP_TYPE(s)                                                                       \
  (__TK_MT(s, "hash", 1) __TK_MT(s, "array", 2) __TK_MT(s, "prog", 3)                         \
   __TK_MT(s, "perf_output", 4) __TK_MT(s, "perf_array", 4) __TK_MT(s, "percpu_hash", 5)       \
   __TK_MT(s, "percpu_array", 6) __TK_MT(s, "stacktrace", 7) __TK_MT(s, "cgroup_array", 8)     \
   __TK_MT(s, "lru_hash", 9) __TK_MT(s, "lru_percpu_hash", 10) __TK_MT(s, "lpm_trie", 11)      \
   __TK_MT(s, "array_of_maps", 12) __TK_MT(s, "hash_of_maps", 13) __TK_MT(s, "devmap", 14)     \
   __TK_MT(s, "sockmap", 15) __TK_MT(s, "cpumap", 16) __TK_MT(s, "xskmap", 17)                 \
   __TK_MT(s, "sockhash", 18) __TK_MT(s, "cgroup_storage", 19)                                 \
   __TK_MT(s, "percpu_cgroup_storage", 21) __TK_MT(s, "queue", 22) __TK_MT(s, "stack", 23)     \
   __TK_MT(s, "sk_storage", 24) __TK_MT(s, "devmap_hash", 25) __TK_MT(s, "ringbuf", 27)        \
   __TK_MT(s, "inode_storage", 28) __TK_MT(s, "task_storage", 29) __TK_MT(s, "histogram", 1)  \
   __TK_MT(s, "extern", 1) 0)

/* The definition every table macro expands to. Extra attributes (pin path, sharing, inner
 * map) may follow the flags. */
#define __TK_TABLE(_table_type, _key_type, _leaf_type, _name, _max_entries, _flags, ...) \
  struct _name##_table_t {                                                           \
    int (*type)[__TK_MAP_TYPE(_table_type)];                                         \
    _key_type *key;                                                                  \
    _leaf_type *value;                                                               \
    int (*max_entries)[_max_entries];                                                \
    int (*map_flags)[_flags];                                                        \
    __TK_TABLE_METHOD_MEMBERS(_key_type, _leaf_type)                                 \
  };                                                                                 \
  __attribute__((section(".maps"), annotate("tracekit_map:" _table_type), ##__VA_ARGS__)) \
  struct _name##_table_t _name;                                                      \
  __TK_TABLE_TYPED_METHODS(_name, _key_type, _leaf_type)

#define BPF_F_TABLE(_table_type, _key_type, _leaf_type, _name, _max_entries, _flags) \
  __TK_TABLE(_table_type, _key_type, _leaf_type, _name, _max_entries, _flags)

#define BPF_TABLE(_table_type, _key_type, _leaf_type, _name, _max_entries) \
  BPF_F_TABLE(_table_type, _key_type, _leaf_type, _name, _max_entries, 0)

#include <tracekit/table_methods.h>
#include <tracekit/table_macros.h>

#endif
