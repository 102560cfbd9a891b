/* BCC's map macros and their methods.
 *
 * A table is a libbpf BTF-defined map in ".maps" whose struct also carries one function-pointer
 * member per BCC method, so that `counts.increment(key)` is ordinary C that Clang type-checks
 * (arity and argument types are diagnosed at the call site). The members are never set: the
 * front end lowers each call through them to the matching __tk_method_* function below (or to
 * the per-table one for the methods whose types depend on the table), see
 * libcore/compiler/ir/method_call_lowering.cpp. The BCC type string ("hash", "perf_output"...)
 * travels in an annotation; the runtime turns it into the map type when it creates the map. */
#ifndef __TRACEKIT_TABLES_H
#define __TRACEKIT_TABLES_H

#define __TK_METHOD static __attribute__((used, always_inline)) inline

#define __TK_TABLE_METHOD_MEMBERS(_key_type, _leaf_type)                 \
  _leaf_type *(*lookup)(_key_type *);                                   \
  _leaf_type *(*lookup_or_init)(_key_type *, _leaf_type *);             \
  _leaf_type *(*lookup_or_try_init)(_key_type *, _leaf_type *);         \
  int (*update)(_key_type *, _leaf_type *);                             \
  int (*insert)(_key_type *, _leaf_type *);                             \
  int (*delete)(_key_type *);                                           \
  void (*increment)(_key_type, ...);                                    \
  void (*atomic_increment)(_key_type, ...);                             \
  int (*perf_submit)(void *, void *, u32);                              \
  int (*perf_submit_skb)(void *, u32, void *, u32);                     \
  int (*get_stackid)(void *, u64);                                      \
  void (*call)(void *, int);                                            \
  u64 (*perf_read)(u32);                                                \
  int (*perf_counter_value)(int, void *, u32);                          \
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
  int (*msg_redirect_hash)(void *, void *, u64);                        \
  int (*sk_redirect_hash)(void *, void *, u64);                         \
  void *(*get_local_storage)(u64);

/* Methods whose code depends on the key and leaf types are generated per table. The leaf is
 * added to through its size so the function compiles for any leaf type; the front end rejects
 * increment() on a leaf that is not an integer. */
#define __TK_TABLE_TYPED_METHODS(_name, _key_type, _leaf_type)                                 \
  __TK_METHOD void __tk_table_##_name##__increment(_key_type __key, s64 __amount, int __atomic) { \
    _leaf_type *__leaf = bpf_map_lookup_elem(&_name, &__key);                                  \
    if (!__leaf) {                                                                             \
      _leaf_type __zero;                                                                       \
      __builtin_memset(&__zero, 0, sizeof(__zero));                                            \
      bpf_map_update_elem(&_name, &__key, &__zero, __TK_NOEXIST);                              \
      __leaf = bpf_map_lookup_elem(&_name, &__key);                                            \
      if (!__leaf) return;                                                                     \
    }                                                                                          \
    if (sizeof(_leaf_type) == 8)                                                               \
      __sync_fetch_and_add((s64 *)__leaf, __amount);                                           \
    else if (sizeof(_leaf_type) == 4)                                                          \
      __sync_fetch_and_add((s32 *)__leaf, (s32)__amount);                                      \
    else if (sizeof(_leaf_type) == 2)                                                          \
      *(s16 *)__leaf += (s16)__amount;                                                         \
    else if (sizeof(_leaf_type) == 1)                                                          \
      *(s8 *)__leaf += (s8)__amount;                                                           \
  }

/* BCC names map types with strings; Clang folds the comparisons to the kernel's number, which
 * libbpf reads from the `type` member. Unknown strings give 0 and an error from the front end. */
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
   __TK_MT(s, "sk_storage", 24) __TK_MT(s, "ringbuf", 27) __TK_MT(s, "inode_storage", 28)      \
   __TK_MT(s, "task_storage", 29) __TK_MT(s, "histogram", 1) 0)

#define BPF_F_TABLE(_table_type, _key_type, _leaf_type, _name, _max_entries, _flags) \
  struct _name##_table_t {                                                       \
    int (*type)[__TK_MAP_TYPE(_table_type)];                                     \
    _key_type *key;                                                              \
    _leaf_type *value;                                                           \
    int (*max_entries)[_max_entries];                                            \
    int (*map_flags)[_flags];                                                    \
    __TK_TABLE_METHOD_MEMBERS(_key_type, _leaf_type)                             \
  };                                                                             \
  __attribute__((section(".maps"), annotate("tracekit_map:" _table_type)))      \
  struct _name##_table_t _name;                                                  \
  __TK_TABLE_TYPED_METHODS(_name, _key_type, _leaf_type)

#define BPF_TABLE(_table_type, _key_type, _leaf_type, _name, _max_entries) \
  BPF_F_TABLE(_table_type, _key_type, _leaf_type, _name, _max_entries, 0)

/* Generic methods: the map arrives as the first argument. */
__TK_METHOD void *__tk_method_lookup(void *map, void *key) { return bpf_map_lookup_elem(map, key); }
__TK_METHOD void *__tk_method_lookup_or_try_init(void *map, void *key, void *init) {
  void *leaf = bpf_map_lookup_elem(map, key);
  if (!leaf) {
    bpf_map_update_elem(map, key, init, __TK_NOEXIST);
    leaf = bpf_map_lookup_elem(map, key);
  }
  return leaf;
}
__TK_METHOD void *__tk_method_lookup_or_init(void *map, void *key, void *init) {
  return __tk_method_lookup_or_try_init(map, key, init);
}
__TK_METHOD int __tk_method_update(void *map, void *key, void *leaf) {
  return bpf_map_update_elem(map, key, leaf, __TK_ANY);
}
__TK_METHOD int __tk_method_insert(void *map, void *key, void *leaf) {
  return bpf_map_update_elem(map, key, leaf, __TK_NOEXIST);
}
__TK_METHOD int __tk_method_delete(void *map, void *key) { return bpf_map_delete_elem(map, key); }
__TK_METHOD int __tk_method_perf_submit(void *map, void *ctx, void *data, u32 size) {
  return bpf_perf_event_output(ctx, map, __TK_F_CURRENT_CPU, data, size);
}
__TK_METHOD int __tk_method_perf_submit_skb(void *map, void *ctx, u32 skb_size, void *data, u32 size) {
  return bpf_perf_event_output(ctx, map, ((u64)skb_size << 32) | __TK_F_CURRENT_CPU, data, size);
}
__TK_METHOD int __tk_method_get_stackid(void *map, void *ctx, u64 flags) {
  return bpf_get_stackid(ctx, map, flags);
}
__TK_METHOD void __tk_method_call(void *map, void *ctx, int index) { bpf_tail_call(ctx, map, index); }
__TK_METHOD u64 __tk_method_perf_read(void *map, u32 index) { return bpf_perf_event_read(map, index); }
__TK_METHOD int __tk_method_perf_counter_value(void *map, int index, void *buf, u32 size) {
  return bpf_perf_event_read_value(map, index, buf, size);
}
__TK_METHOD int __tk_method_push(void *map, void *leaf, u64 flags) { return bpf_map_push_elem(map, leaf, flags); }
__TK_METHOD int __tk_method_pop(void *map, void *leaf) { return bpf_map_pop_elem(map, leaf); }
__TK_METHOD int __tk_method_peek(void *map, void *leaf) { return bpf_map_peek_elem(map, leaf); }
__TK_METHOD int __tk_method_ringbuf_output(void *map, void *data, u64 size, u64 flags) {
  return bpf_ringbuf_output(map, data, size, flags);
}
__TK_METHOD void *__tk_method_ringbuf_reserve(void *map, u64 size) { return bpf_ringbuf_reserve(map, size, 0); }
__TK_METHOD void __tk_method_ringbuf_submit(void *map, void *data, u64 flags) {
  (void)map;
  bpf_ringbuf_submit(data, flags);
}
__TK_METHOD void __tk_method_ringbuf_discard(void *map, void *data, u64 flags) {
  (void)map;
  bpf_ringbuf_discard(data, flags);
}
__TK_METHOD u64 __tk_method_ringbuf_query(void *map, u64 flags) { return bpf_ringbuf_query(map, flags); }
__TK_METHOD int __tk_method_redirect_map(void *map, int index, int flags) { return bpf_redirect_map(map, index, flags); }
__TK_METHOD int __tk_method_check_current_task(void *map, int index) {
  return bpf_current_task_under_cgroup(map, index);
}
__TK_METHOD void *__tk_method_sk_storage_get(void *map, void *sk, void *init, int flags) {
  return bpf_sk_storage_get(map, sk, init, flags);
}
__TK_METHOD int __tk_method_sk_storage_delete(void *map, void *sk) { return bpf_sk_storage_delete(map, sk); }
__TK_METHOD void *__tk_method_inode_storage_get(void *map, void *inode, void *init, int flags) {
  return bpf_inode_storage_get(map, inode, init, flags);
}
__TK_METHOD int __tk_method_inode_storage_delete(void *map, void *inode) {
  return bpf_inode_storage_delete(map, inode);
}
__TK_METHOD void *__tk_method_task_storage_get(void *map, void *task, void *init, int flags) {
  return bpf_task_storage_get(map, task, init, flags);
}
__TK_METHOD int __tk_method_task_storage_delete(void *map, void *task) {
  return bpf_task_storage_delete(map, task);
}
__TK_METHOD int __tk_method_sock_map_update(void *map, void *ctx, void *key, u64 flags) {
  return bpf_sock_map_update(ctx, map, key, flags);
}
__TK_METHOD int __tk_method_sock_hash_update(void *map, void *ctx, void *key, u64 flags) {
  return bpf_sock_hash_update(ctx, map, key, flags);
}
__TK_METHOD int __tk_method_msg_redirect_hash(void *map, void *msg, void *key, u64 flags) {
  return bpf_msg_redirect_hash(msg, map, key, flags);
}
__TK_METHOD int __tk_method_sk_redirect_hash(void *map, void *skb, void *key, u64 flags) {
  return bpf_sk_redirect_hash(skb, map, key, flags);
}
__TK_METHOD void *__tk_method_get_local_storage(void *map, u64 flags) { return bpf_get_local_storage(map, flags); }

/* BCC's shorthand macros, with BCC's defaults for omitted arguments. */
#define __TK_PICK5(_1, _2, _3, _4, _5, NAME, ...) NAME

#define __BPF_HASH4(_name, _key_type, _leaf_type, _size) BPF_TABLE("hash", _key_type, _leaf_type, _name, _size)
#define __BPF_HASH3(_name, _key_type, _leaf_type) __BPF_HASH4(_name, _key_type, _leaf_type, 10240)
#define __BPF_HASH2(_name, _key_type) __BPF_HASH4(_name, _key_type, u64, 10240)
#define __BPF_HASH1(_name) __BPF_HASH4(_name, u64, u64, 10240)
#define BPF_HASH(...) __TK_PICK5(__VA_ARGS__, 0, __BPF_HASH4, __BPF_HASH3, __BPF_HASH2, __BPF_HASH1)(__VA_ARGS__)

#define __BPF_ARRAY3(_name, _leaf_type, _size) BPF_TABLE("array", int, _leaf_type, _name, _size)
#define __BPF_ARRAY2(_name, _leaf_type) __BPF_ARRAY3(_name, _leaf_type, 10240)
#define __BPF_ARRAY1(_name) __BPF_ARRAY3(_name, u64, 10240)
#define BPF_ARRAY(...) __TK_PICK5(__VA_ARGS__, 0, 0, __BPF_ARRAY3, __BPF_ARRAY2, __BPF_ARRAY1)(__VA_ARGS__)

#define __BPF_HISTOGRAM3(_name, _key_type, _size) BPF_TABLE("histogram", _key_type, u64, _name, _size)
#define __BPF_HISTOGRAM2(_name, _key_type) __BPF_HISTOGRAM3(_name, _key_type, 64)
#define __BPF_HISTOGRAM1(_name) __BPF_HISTOGRAM3(_name, int, 64)
#define BPF_HISTOGRAM(...) \
  __TK_PICK5(__VA_ARGS__, 0, 0, __BPF_HISTOGRAM3, __BPF_HISTOGRAM2, __BPF_HISTOGRAM1)(__VA_ARGS__)

#define __BPF_PERCPU_HASH4(_name, _key_type, _leaf_type, _size) \
  BPF_TABLE("percpu_hash", _key_type, _leaf_type, _name, _size)
#define __BPF_PERCPU_HASH3(_name, _key_type, _leaf_type) __BPF_PERCPU_HASH4(_name, _key_type, _leaf_type, 10240)
#define __BPF_PERCPU_HASH2(_name, _key_type) __BPF_PERCPU_HASH4(_name, _key_type, u64, 10240)
#define __BPF_PERCPU_HASH1(_name) __BPF_PERCPU_HASH4(_name, u64, u64, 10240)
#define BPF_PERCPU_HASH(...) \
  __TK_PICK5(__VA_ARGS__, 0, __BPF_PERCPU_HASH4, __BPF_PERCPU_HASH3, __BPF_PERCPU_HASH2, __BPF_PERCPU_HASH1)(__VA_ARGS__)

#define __BPF_PERCPU_ARRAY3(_name, _leaf_type, _size) BPF_TABLE("percpu_array", int, _leaf_type, _name, _size)
#define __BPF_PERCPU_ARRAY2(_name, _leaf_type) __BPF_PERCPU_ARRAY3(_name, _leaf_type, 10240)
#define __BPF_PERCPU_ARRAY1(_name) __BPF_PERCPU_ARRAY3(_name, u64, 10240)
#define BPF_PERCPU_ARRAY(...) \
  __TK_PICK5(__VA_ARGS__, 0, 0, __BPF_PERCPU_ARRAY3, __BPF_PERCPU_ARRAY2, __BPF_PERCPU_ARRAY1)(__VA_ARGS__)

/* max_entries 0: the runtime sizes the array to the possible CPUs. */
#define BPF_PERF_OUTPUT(_name) BPF_TABLE("perf_output", int, u32, _name, 0)

#endif
