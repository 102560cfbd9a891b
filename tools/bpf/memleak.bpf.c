// memleak: allocations not freed yet, by the stack that made them. Each live allocation is
// kept by address (allocs) with its size, time and stack; `combined_allocs` keeps the totals
// per stack as allocations come and go, for --combined-only.
//
// User mode (USER_MODE): uprobes on the allocator's functions (libc by default): the size is
// kept per thread at entry (pending_calls), the allocation recorded at return with the user
// stack. Kernel
// mode: the kmem tracepoints (slab and page allocations; percpu ones with PERCPU), which carry
// size and address at once, with the kernel stack.
//
// Defines: USER_MODE, PERCPU, PAGE_SIZE_BYTES,
// MIN_SIZE, MAX_SIZE, SAMPLE_EVERY (record one allocation in N at random), TRACE_CALLS (send every alloc/free to
// `calls`), WAIT_FOR_EXEC (-c: record only once the command's process, exec_state[0], has
// exec()ed it), MAX_ALLOCS, STACK_STORAGE_SIZE. The uprobes are attached to the traced
// process only, so user mode needs no pid filter here.
#include <linux/sched.h>

#include "tools/stacks.h"

#ifndef MAX_ALLOCS
#define MAX_ALLOCS 1000000
#endif

struct alloc_info {
  u64 size;
  u64 timestamp_ns;
  int stack_id;
};

struct combined_alloc_info {
  u64 total_size;
  u64 number_of_allocs;
};

struct realloc_call {
  u64 old;
  u64 size;
};

// -t: one record per allocation (kind 1) or free (kind 0) of a known allocation.
struct call_event {
  u32 kind;
  u32 pid;
  u64 size;
  u64 address;
};

BPF_HASH(reallocs, u32, struct realloc_call, 10240);
BPF_HASH(memptrs, u32, u64, 10240);       // thread -> posix_memalign's out pointer
BPF_HASH(allocs, u64, struct alloc_info, MAX_ALLOCS);
BPF_HASH(combined_allocs, u64, struct combined_alloc_info, 10240);
#ifdef TRACE_CALLS
BPF_PERF_OUTPUT(calls);
#endif
#ifdef WAIT_FOR_EXEC
// [0]: the pid of the command (set by the tool: a value, so that the program is compiled once
// for every command); [1]: 1 once that process has exec()ed.
BPF_ARRAY(exec_state, u32, 2);
#endif

static __always_inline void account(int stack_id, u64 size, u64 count) {
  u64 key = (u64)(s64)stack_id;
  struct combined_alloc_info zero = {};
  struct combined_alloc_info *totals = combined_allocs.lookup_or_try_init(&key, &zero);
  if (!totals) return;
  // Adding size or -size: the totals only ever lose what they gained.
  __sync_fetch_and_add(&totals->total_size, size);
  __sync_fetch_and_add(&totals->number_of_allocs, count);
}

static __always_inline void trace_call(void *ctx, u32 kind, u64 size, u64 address) {
#ifdef TRACE_CALLS
  struct call_event ev = {.kind = kind, .pid = bpf_get_current_pid_tgid() >> 32, .size = size,
                          .address = address};
  calls.perf_submit(ctx, &ev, sizeof(ev));
#endif
}

static __always_inline int forget(void *ctx, u64 address) {
  struct alloc_info *info = allocs.lookup(&address);
  if (!info) return 0;
  struct alloc_info gone = *info;
  allocs.delete(&address);
  account(gone.stack_id, -gone.size, -1);
  trace_call(ctx, 0, gone.size, address);
  return 0;
}

static __always_inline int size_wanted(u64 size) {
#ifdef MIN_SIZE
  if (size < MIN_SIZE) return 0;
#endif
#ifdef MAX_SIZE
  if (size > MAX_SIZE) return 0;
#endif
#if defined(SAMPLE_EVERY) && SAMPLE_EVERY > 1
  if (bpf_get_prandom_u32() % SAMPLE_EVERY) return 0;
#endif
#ifdef WAIT_FOR_EXEC
  int seen_slot = 1;
  u32 *seen = exec_state.lookup(&seen_slot);
  if (!seen || !*seen) return 0;
#endif
  return 1;
}

static __always_inline int record(void *ctx, u64 address, u64 size, u64 stack_flags) {
  if (address == 0) return 0;
  // An address handed out again was freed in a way the probes did not see (a free from an
  // interrupt, an internal libc path): count the old block as gone (BCC's --wa-missing-free,
  // always on).
  forget(ctx, address);
  struct alloc_info info = {.size = size, .timestamp_ns = bpf_ktime_get_ns()};
  info.stack_id = stack_traces.get_stackid(ctx, stack_flags);
  allocs.update(&address, &info);
  account(info.stack_id, size, 1);
  trace_call(ctx, 1, size, address);
  return 0;
}

#ifdef USER_MODE
// A call in progress on a thread. libc's functions call each other through their exported
// names (realloc(NULL, n) calls malloc, a large malloc calls mmap): only the outermost call
// is recorded, with the address the program got and the program's stack.
struct pending {
  u64 size;
  u32 depth;
  u32 wanted;
};

BPF_HASH(pending_calls, u32, struct pending, 10240);

static __always_inline int alloc_enter(u64 size) {
  u32 tid = bpf_get_current_pid_tgid();
  struct pending *outer = pending_calls.lookup(&tid);
  if (outer) {
    outer->depth++;
    return 0;
  }
  struct pending call = {.size = size, .depth = 1, .wanted = size_wanted(size)};
  pending_calls.update(&tid, &call);
  return 0;
}

// The size of the call returning now if it is the outermost one and is to be recorded, else 0.
static __always_inline u64 take_size(void) {
  u32 tid = bpf_get_current_pid_tgid();
  struct pending *call = pending_calls.lookup(&tid);
  if (!call) return 0;
  if (call->depth > 1) {
    call->depth--;
    return 0;
  }
  u64 size = call->wanted ? call->size : 0;
  pending_calls.delete(&tid);
  return size;
}

static __always_inline int alloc_exit(struct pt_regs *ctx, u64 address) {
  u64 size = take_size();
  if (!size) return 0;
  return record(ctx, address, size, BPF_F_USER_STACK);
}

int malloc_enter(struct pt_regs *ctx, size_t size) { return alloc_enter(size); }
int malloc_exit(struct pt_regs *ctx) { return alloc_exit(ctx, PT_REGS_RC(ctx)); }
int calloc_enter(struct pt_regs *ctx, size_t nmemb, size_t size) { return alloc_enter(nmemb * size); }
int calloc_exit(struct pt_regs *ctx) { return alloc_exit(ctx, PT_REGS_RC(ctx)); }
int valloc_enter(struct pt_regs *ctx, size_t size) { return alloc_enter(size); }
int valloc_exit(struct pt_regs *ctx) { return alloc_exit(ctx, PT_REGS_RC(ctx)); }
int pvalloc_enter(struct pt_regs *ctx, size_t size) { return alloc_enter(size); }
int pvalloc_exit(struct pt_regs *ctx) { return alloc_exit(ctx, PT_REGS_RC(ctx)); }
int memalign_enter(struct pt_regs *ctx, size_t alignment, size_t size) { return alloc_enter(size); }
int memalign_exit(struct pt_regs *ctx) { return alloc_exit(ctx, PT_REGS_RC(ctx)); }
int aligned_alloc_enter(struct pt_regs *ctx, size_t alignment, size_t size) { return alloc_enter(size); }
int aligned_alloc_exit(struct pt_regs *ctx) { return alloc_exit(ctx, PT_REGS_RC(ctx)); }
int mmap_enter(struct pt_regs *ctx, void *addr, size_t length) { return alloc_enter(length); }

int mmap_exit(struct pt_regs *ctx) {
  u64 address = PT_REGS_RC(ctx);
  if (address == (u64)-1) {  // MAP_FAILED
    take_size();
    return 0;
  }
  return alloc_exit(ctx, address);
}

int free_enter(struct pt_regs *ctx, void *address) { return forget(ctx, (u64)address); }
int munmap_enter(struct pt_regs *ctx, void *address) { return forget(ctx, (u64)address); }

// realloc(ptr, size): the old block is gone once realloc succeeded, or when size 0 freed it.
int realloc_enter(struct pt_regs *ctx, void *ptr, size_t size) {
  u32 tid = bpf_get_current_pid_tgid();
  struct realloc_call call = {.old = (u64)ptr, .size = size};
  reallocs.update(&tid, &call);
  return alloc_enter(size);
}

int realloc_exit(struct pt_regs *ctx) {
  u32 tid = bpf_get_current_pid_tgid();
  u64 address = PT_REGS_RC(ctx);
  struct realloc_call *call = reallocs.lookup(&tid);
  if (call) {
    struct realloc_call done = *call;
    reallocs.delete(&tid);
    if (done.old && (address || done.size == 0)) forget(ctx, done.old);
  }
  return alloc_exit(ctx, address);
}

// posix_memalign(&ptr, alignment, size) returns 0 and writes the block's address to ptr.
int posix_memalign_enter(struct pt_regs *ctx, void **memptr, size_t alignment, size_t size) {
  u32 tid = bpf_get_current_pid_tgid();
  u64 out = (u64)memptr;
  memptrs.update(&tid, &out);
  return alloc_enter(size);
}

int posix_memalign_exit(struct pt_regs *ctx) {
  u32 tid = bpf_get_current_pid_tgid();
  u64 *out = memptrs.lookup(&tid);
  if (!out) return 0;
  void *address = 0;
  int failed = PT_REGS_RC(ctx) != 0 || bpf_probe_read_user(&address, sizeof(address), (void *)*out);
  memptrs.delete(&tid);
  if (failed) {
    take_size();
    return 0;
  }
  return alloc_exit(ctx, (u64)address);
}

#ifdef WAIT_FOR_EXEC
TRACEPOINT_PROBE(sched, sched_process_exec) {
  int pid_slot = 0, seen_slot = 1;
  u32 *command = exec_state.lookup(&pid_slot);
  if (!command || (bpf_get_current_pid_tgid() >> 32) != *command) return 0;
  u32 one = 1;
  exec_state.update(&seen_slot, &one);
  return 0;
}
#endif

#else  // kernel mode

static __always_inline int kernel_alloc(void *ctx, u64 address, u64 size) {
  if (!size_wanted(size)) return 0;
  return record(ctx, address, size, 0);
}

#ifdef PERCPU
TRACEPOINT_PROBE(percpu, percpu_alloc_percpu) { return kernel_alloc(args, (u64)args->ptr, args->size); }
TRACEPOINT_PROBE(percpu, percpu_free_percpu) { return forget(args, (u64)args->ptr); }
#else
TRACEPOINT_PROBE(kmem, kmalloc) { return kernel_alloc(args, (u64)args->ptr, args->bytes_alloc); }
TRACEPOINT_PROBE(kmem, kfree) { return forget(args, (u64)args->ptr); }
TRACEPOINT_PROBE(kmem, kmem_cache_alloc) { return kernel_alloc(args, (u64)args->ptr, args->bytes_alloc); }
TRACEPOINT_PROBE(kmem, kmem_cache_free) { return forget(args, (u64)args->ptr); }
// Kernels before 6.0 also have kmem:kmalloc_node and kmem:kmem_cache_alloc_node, whose records
// begin with the same fields as kmem:kmalloc's (the node comes last): memleak attaches this
// program to them where they exist (a TRACEPOINT_PROBE would not compile where they do not).
int kmalloc_node_probe(struct tracepoint__kmem__kmalloc *args) {
  return kernel_alloc(args, (u64)args->ptr, args->bytes_alloc);
}
// Pages are kept by page frame number, which never equals a kernel address.
TRACEPOINT_PROBE(kmem, mm_page_alloc) {
  if (args->pfn == (unsigned long)-1) return 0;
  return kernel_alloc(args, args->pfn, (u64)PAGE_SIZE_BYTES << args->order);
}
TRACEPOINT_PROBE(kmem, mm_page_free) { return forget(args, args->pfn); }
#endif
#endif
