/* BCC's table macros, with BCC's defaults for omitted arguments. Each expands to __TK_TABLE
 * (<tracekit/tables.h>). Arguments in [] may be left out:
 *
 *   BPF_HASH(name [, key=u64 [, leaf=u64 [, size=10240]]])      also BPF_PERCPU_HASH, BPF_LPM_TRIE
 *   BPF_ARRAY(name [, leaf=u64 [, size=10240]])                 also BPF_PERCPU_ARRAY
 *   BPF_HISTOGRAM(name [, key=int [, size=64]])
 *   BPF_PERF_OUTPUT(name)            BPF_RINGBUF_OUTPUT(name, pages)
 *   BPF_PERF_ARRAY(name, size)       BPF_STACK_TRACE(name, size)   BPF_STACK_TRACE_BUILDID(name, size)
 *   BPF_PROG_ARRAY(name, size)       BPF_CGROUP_ARRAY(name, size)
 *   BPF_DEVMAP(name, size)           BPF_CPUMAP(name, size)        BPF_XSKMAP(name, size [, pin])
 *   BPF_QUEUE(name, leaf, size [, flags])                       also BPF_STACK
 *   BPF_ARRAY_OF_MAPS(name, "inner", size)   BPF_HASH_OF_MAPS(name, [key=int,] "inner", size)
 *   BPF_SK_STORAGE(name, leaf)       BPF_INODE_STORAGE(name, leaf) BPF_TASK_STORAGE(name, leaf)
 *   BPF_SOCKMAP(name, size)          BPF_SOCKHASH(name [, key=u32 [, size=10240]])
 *   BPF_CGROUP_STORAGE(name, leaf)   BPF_PERCPU_CGROUP_STORAGE(name, leaf)
 *   BPF_TABLE_PINNED(type, key, leaf, name, size, "/sys/fs/bpf/path" [, flags])
 *   BPF_TABLE_PUBLIC(type, key, leaf, name, size [, flags])     also BPF_TABLE_SHARED
 *   BPF_TABLE("extern", key, leaf, name, size)   a table another object in this process exports
 */
#ifndef __TRACEKIT_TABLE_MACROS_H
#define __TRACEKIT_TABLE_MACROS_H

/* Chooses a macro by the number of arguments (1 to 7). */
#define __TK_PICK(_1, _2, _3, _4, _5, _6, _7, NAME, ...) NAME

#ifndef BPF_MAX_STACK_DEPTH
#define BPF_MAX_STACK_DEPTH 127
#endif
#define __TK_F_NO_PREALLOC 1
#define __TK_F_STACK_BUILD_ID 32
#define __TK_PAGE_SIZE 4096

/* The leaves of stack trace tables, as BCC names them. */
struct bpf_stacktrace {
  u64 ip[BPF_MAX_STACK_DEPTH];
};
struct bpf_stacktrace_buildid {
  struct bpf_stack_build_id trace[BPF_MAX_STACK_DEPTH];
};

/* Pinned, exported and imported tables. */
#define __BPF_TABLE_PINNED6(_type, _key, _leaf, _name, _size, _path) \
  __TK_TABLE(_type, _key, _leaf, _name, _size, 0, annotate("tracekit_pin:" _path))
#define __BPF_TABLE_PINNED7(_type, _key, _leaf, _name, _size, _path, _flags) \
  __TK_TABLE(_type, _key, _leaf, _name, _size, _flags, annotate("tracekit_pin:" _path))
#define BPF_TABLE_PINNED(...) \
  __TK_PICK(__VA_ARGS__, __BPF_TABLE_PINNED7, __BPF_TABLE_PINNED6, 0, 0, 0, 0, 0)(__VA_ARGS__)
#define BPF_TABLE_PINNED7 __BPF_TABLE_PINNED7

#define __BPF_TABLE_PUBLIC5(_type, _key, _leaf, _name, _size) \
  __TK_TABLE(_type, _key, _leaf, _name, _size, 0, annotate("tracekit_share:public"))
#define __BPF_TABLE_PUBLIC6(_type, _key, _leaf, _name, _size, _flags) \
  __TK_TABLE(_type, _key, _leaf, _name, _size, _flags, annotate("tracekit_share:public"))
#define BPF_TABLE_PUBLIC(...) \
  __TK_PICK(__VA_ARGS__, 0, __BPF_TABLE_PUBLIC6, __BPF_TABLE_PUBLIC5, 0, 0, 0, 0)(__VA_ARGS__)
#define __BPF_TABLE_SHARED5(_type, _key, _leaf, _name, _size) \
  __TK_TABLE(_type, _key, _leaf, _name, _size, 0, annotate("tracekit_share:shared"))
#define __BPF_TABLE_SHARED6(_type, _key, _leaf, _name, _size, _flags) \
  __TK_TABLE(_type, _key, _leaf, _name, _size, _flags, annotate("tracekit_share:shared"))
#define BPF_TABLE_SHARED(...) \
  __TK_PICK(__VA_ARGS__, 0, __BPF_TABLE_SHARED6, __BPF_TABLE_SHARED5, 0, 0, 0, 0)(__VA_ARGS__)

/* Hashes and arrays. */
#define __BPF_HASH4(_name, _key, _leaf, _size) BPF_TABLE("hash", _key, _leaf, _name, _size)
#define __BPF_HASH3(_name, _key, _leaf) __BPF_HASH4(_name, _key, _leaf, 10240)
#define __BPF_HASH2(_name, _key) __BPF_HASH4(_name, _key, u64, 10240)
#define __BPF_HASH1(_name) __BPF_HASH4(_name, u64, u64, 10240)
#define BPF_HASH(...) \
  __TK_PICK(__VA_ARGS__, 0, 0, 0, __BPF_HASH4, __BPF_HASH3, __BPF_HASH2, __BPF_HASH1)(__VA_ARGS__)

#define __BPF_ARRAY3(_name, _leaf, _size) BPF_TABLE("array", int, _leaf, _name, _size)
#define __BPF_ARRAY2(_name, _leaf) __BPF_ARRAY3(_name, _leaf, 10240)
#define __BPF_ARRAY1(_name) __BPF_ARRAY3(_name, u64, 10240)
#define BPF_ARRAY(...) \
  __TK_PICK(__VA_ARGS__, 0, 0, 0, 0, __BPF_ARRAY3, __BPF_ARRAY2, __BPF_ARRAY1)(__VA_ARGS__)

#define __BPF_HISTOGRAM3(_name, _key, _size) BPF_TABLE("histogram", _key, u64, _name, _size)
#define __BPF_HISTOGRAM2(_name, _key) __BPF_HISTOGRAM3(_name, _key, 64)
#define __BPF_HISTOGRAM1(_name) __BPF_HISTOGRAM3(_name, int, 64)
#define BPF_HISTOGRAM(...) \
  __TK_PICK(__VA_ARGS__, 0, 0, 0, 0, __BPF_HISTOGRAM3, __BPF_HISTOGRAM2, __BPF_HISTOGRAM1)(__VA_ARGS__)

#define __BPF_PERCPU_HASH4(_name, _key, _leaf, _size) BPF_TABLE("percpu_hash", _key, _leaf, _name, _size)
#define __BPF_PERCPU_HASH3(_name, _key, _leaf) __BPF_PERCPU_HASH4(_name, _key, _leaf, 10240)
#define __BPF_PERCPU_HASH2(_name, _key) __BPF_PERCPU_HASH4(_name, _key, u64, 10240)
#define __BPF_PERCPU_HASH1(_name) __BPF_PERCPU_HASH4(_name, u64, u64, 10240)
#define BPF_PERCPU_HASH(...)                                                                 \
  __TK_PICK(__VA_ARGS__, 0, 0, 0, __BPF_PERCPU_HASH4, __BPF_PERCPU_HASH3, __BPF_PERCPU_HASH2, \
            __BPF_PERCPU_HASH1)(__VA_ARGS__)

#define __BPF_PERCPU_ARRAY3(_name, _leaf, _size) BPF_TABLE("percpu_array", int, _leaf, _name, _size)
#define __BPF_PERCPU_ARRAY2(_name, _leaf) __BPF_PERCPU_ARRAY3(_name, _leaf, 10240)
#define __BPF_PERCPU_ARRAY1(_name) __BPF_PERCPU_ARRAY3(_name, u64, 10240)
#define BPF_PERCPU_ARRAY(...)                                                                  \
  __TK_PICK(__VA_ARGS__, 0, 0, 0, 0, __BPF_PERCPU_ARRAY3, __BPF_PERCPU_ARRAY2, __BPF_PERCPU_ARRAY1) \
  (__VA_ARGS__)

/* LPM tries must not be preallocated (the kernel insists). */
#define __BPF_LPM_TRIE4(_name, _key, _leaf, _size) \
  BPF_F_TABLE("lpm_trie", _key, _leaf, _name, _size, __TK_F_NO_PREALLOC)
#define __BPF_LPM_TRIE3(_name, _key, _leaf) __BPF_LPM_TRIE4(_name, _key, _leaf, 10240)
#define __BPF_LPM_TRIE2(_name, _key) __BPF_LPM_TRIE4(_name, _key, u64, 10240)
#define __BPF_LPM_TRIE1(_name) __BPF_LPM_TRIE4(_name, u64, u64, 10240)
#define BPF_LPM_TRIE(...) \
  __TK_PICK(__VA_ARGS__, 0, 0, 0, __BPF_LPM_TRIE4, __BPF_LPM_TRIE3, __BPF_LPM_TRIE2, __BPF_LPM_TRIE1)(__VA_ARGS__)

/* Output buffers. max_entries 0: the runtime sizes a perf buffer to the possible CPUs. */
#define BPF_PERF_OUTPUT(_name) BPF_TABLE("perf_output", int, u32, _name, 0)
#define BPF_RINGBUF_OUTPUT(_name, _pages) BPF_TABLE("ringbuf", int, u32, _name, ((_pages) * __TK_PAGE_SIZE))
#define BPF_PERF_ARRAY(_name, _size) BPF_TABLE("perf_array", int, u32, _name, _size)

/* Stacks and tail calls. */
#define BPF_STACK_TRACE(_name, _size) BPF_TABLE("stacktrace", int, struct bpf_stacktrace, _name, _size)
#define BPF_STACK_TRACE_BUILDID(_name, _size) \
  BPF_F_TABLE("stacktrace", int, struct bpf_stacktrace_buildid, _name, _size, __TK_F_STACK_BUILD_ID)
#define BPF_PROG_ARRAY(_name, _size) BPF_TABLE("prog", u32, u32, _name, _size)
#define BPF_CGROUP_ARRAY(_name, _size) BPF_TABLE("cgroup_array", int, u32, _name, _size)

/* XDP redirection targets. */
#define BPF_DEVMAP(_name, _size) BPF_TABLE("devmap", int, int, _name, _size)
#define BPF_CPUMAP(_name, _size) BPF_TABLE("cpumap", u32, u32, _name, _size)
#define __BPF_XSKMAP2(_name, _size) BPF_TABLE("xskmap", int, int, _name, _size)
#define __BPF_XSKMAP3(_name, _size, _path) BPF_TABLE_PINNED("xskmap", int, int, _name, _size, _path)
#define BPF_XSKMAP(...) __TK_PICK(__VA_ARGS__, 0, 0, 0, 0, __BPF_XSKMAP3, __BPF_XSKMAP2, 0)(__VA_ARGS__)

/* Queues and stacks hold leaves without keys. */
#define __BPF_QUEUE3(_name, _leaf, _size) BPF_TABLE("queue", int, _leaf, _name, _size)
#define __BPF_QUEUE4(_name, _leaf, _size, _flags) BPF_F_TABLE("queue", int, _leaf, _name, _size, _flags)
#define BPF_QUEUE(...) __TK_PICK(__VA_ARGS__, 0, 0, 0, __BPF_QUEUE4, __BPF_QUEUE3, 0, 0)(__VA_ARGS__)
#define __BPF_STACK3(_name, _leaf, _size) BPF_TABLE("stack", int, _leaf, _name, _size)
#define __BPF_STACK4(_name, _leaf, _size, _flags) BPF_F_TABLE("stack", int, _leaf, _name, _size, _flags)
#define BPF_STACK(...) __TK_PICK(__VA_ARGS__, 0, 0, 0, __BPF_STACK4, __BPF_STACK3, 0, 0)(__VA_ARGS__)

/* Maps of maps: the inner table (by name, as a string) gives the inner map's shape. */
#define BPF_ARRAY_OF_MAPS(_name, _inner, _size) \
  __TK_TABLE("array_of_maps", int, int, _name, _size, 0, annotate("tracekit_inner:" _inner))
#define __BPF_HASH_OF_MAPS3(_name, _inner, _size) \
  __TK_TABLE("hash_of_maps", int, int, _name, _size, 0, annotate("tracekit_inner:" _inner))
#define __BPF_HASH_OF_MAPS4(_name, _key, _inner, _size) \
  __TK_TABLE("hash_of_maps", _key, int, _name, _size, 0, annotate("tracekit_inner:" _inner))
#define BPF_HASH_OF_MAPS(...) \
  __TK_PICK(__VA_ARGS__, 0, 0, 0, __BPF_HASH_OF_MAPS4, __BPF_HASH_OF_MAPS3, 0, 0)(__VA_ARGS__)

/* Local storage: sized by the objects it hangs off, never preallocated. */
#define BPF_SK_STORAGE(_name, _leaf) BPF_F_TABLE("sk_storage", int, _leaf, _name, 0, __TK_F_NO_PREALLOC)
#define BPF_INODE_STORAGE(_name, _leaf) BPF_F_TABLE("inode_storage", int, _leaf, _name, 0, __TK_F_NO_PREALLOC)
#define BPF_TASK_STORAGE(_name, _leaf) BPF_F_TABLE("task_storage", int, _leaf, _name, 0, __TK_F_NO_PREALLOC)
#define BPF_CGROUP_STORAGE(_name, _leaf) \
  BPF_TABLE("cgroup_storage", struct bpf_cgroup_storage_key, _leaf, _name, 0)
#define BPF_PERCPU_CGROUP_STORAGE(_name, _leaf) \
  BPF_TABLE("percpu_cgroup_storage", struct bpf_cgroup_storage_key, _leaf, _name, 0)

/* Socket maps. */
#define BPF_SOCKMAP(_name, _size) BPF_TABLE("sockmap", int, int, _name, _size)
#define __BPF_SOCKHASH3(_name, _key, _size) BPF_TABLE("sockhash", _key, int, _name, _size)
#define __BPF_SOCKHASH2(_name, _key) __BPF_SOCKHASH3(_name, _key, 10240)
#define __BPF_SOCKHASH1(_name) __BPF_SOCKHASH3(_name, u32, 10240)
#define BPF_SOCKHASH(...) \
  __TK_PICK(__VA_ARGS__, 0, 0, 0, 0, __BPF_SOCKHASH3, __BPF_SOCKHASH2, __BPF_SOCKHASH1)(__VA_ARGS__)

#endif
