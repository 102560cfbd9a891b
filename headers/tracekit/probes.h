/* Program-side conveniences BCC programs rely on: probe macros, register access, tracepoint
 * data, printk, USDT arguments. */
#ifndef __TRACEKIT_PROBES_H
#define __TRACEKIT_PROBES_H

/* TRACEPOINT_PROBE(sched, sched_switch) { args->prev_pid ... }: the args struct is generated
 * before the program is parsed, from the tracepoint's format or from BTF
 * (compiler/tracepoint_structs.cpp). */
#define TRACEPOINT_PROBE(category, event) \
  int tracepoint__##category##__##event(struct tracepoint__##category##__##event *args)

#define RAW_TRACEPOINT_PROBE(event) \
  int raw_tracepoint__##event(struct bpf_raw_tracepoint_args *ctx)

/* __data_loc fields of tracepoint records: the 32-bit field holds (length << 16) | offset of
 * the data inside the record. The generated args struct names them data_loc_<field>. */
#define TP_DATA_LOC_READ_CONST(dst, field, length)                                     \
  do {                                                                                 \
    unsigned short __tk_offset = args->data_loc_##field & 0xFFFF;                      \
    bpf_probe_read_kernel((void *)(dst), (length), (char *)args + __tk_offset);        \
  } while (0)
#define TP_DATA_LOC_READ(dst, field)                                                   \
  do {                                                                                 \
    unsigned short __tk_offset = args->data_loc_##field & 0xFFFF;                      \
    unsigned short __tk_length = args->data_loc_##field >> 16;                         \
    bpf_probe_read_kernel((void *)(dst), __tk_length, (char *)args + __tk_offset);     \
  } while (0)
#define TP_DATA_LOC_READ_STR(dst, field, length)                                       \
  do {                                                                                 \
    unsigned short __tk_offset = args->data_loc_##field & 0xFFFF;                      \
    bpf_probe_read_kernel_str((void *)(dst), (length), (char *)args + __tk_offset);    \
  } while (0)

/* Trampoline programs (fentry/fexit), LSM hooks and fmod_ret, BCC style:
 *     KFUNC_PROBE(do_sys_openat2, int dfd, const char *filename) { ... }
 * The program receives the kernel function's arguments as an array of u64 (ctx); an inlined
 * body gets them as the typed parameters the macro lists. KRETFUNC_PROBE's last parameter is
 * the return value. The function name tells the front end the kind and the target. */
#define __TK_NARGS(...) __TK_NARGS_(_, ##__VA_ARGS__, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0)
#define __TK_NARGS_(_, _1, _2, _3, _4, _5, _6, _7, _8, _9, _10, _11, _12, N, ...) N
#define __TK_CAT2(a, b) a##b
#define __TK_CAT(a, b) __TK_CAT2(a, b)
#define __TK_CTX_ARGS0() ctx
#define __TK_CTX_ARGS1(a) __TK_CTX_ARGS0(), (void *)ctx[0]
#define __TK_CTX_ARGS2(a, b) __TK_CTX_ARGS1(a), (void *)ctx[1]
#define __TK_CTX_ARGS3(a, b, c) __TK_CTX_ARGS2(a, b), (void *)ctx[2]
#define __TK_CTX_ARGS4(a, b, c, d) __TK_CTX_ARGS3(a, b, c), (void *)ctx[3]
#define __TK_CTX_ARGS5(a, b, c, d, e) __TK_CTX_ARGS4(a, b, c, d), (void *)ctx[4]
#define __TK_CTX_ARGS6(a, b, c, d, e, f) __TK_CTX_ARGS5(a, b, c, d, e), (void *)ctx[5]
#define __TK_CTX_ARGS7(a, b, c, d, e, f, g) __TK_CTX_ARGS6(a, b, c, d, e, f), (void *)ctx[6]
#define __TK_CTX_ARGS8(a, b, c, d, e, f, g, h) __TK_CTX_ARGS7(a, b, c, d, e, f, g), (void *)ctx[7]
#define __TK_CTX_ARGS9(a, b, c, d, e, f, g, h, i) __TK_CTX_ARGS8(a, b, c, d, e, f, g, h), (void *)ctx[8]
#define __TK_CTX_ARGS10(a, b, c, d, e, f, g, h, i, j) \
  __TK_CTX_ARGS9(a, b, c, d, e, f, g, h, i), (void *)ctx[9]
#define __TK_CTX_ARGS11(a, b, c, d, e, f, g, h, i, j, k) \
  __TK_CTX_ARGS10(a, b, c, d, e, f, g, h, i, j), (void *)ctx[10]
#define __TK_CTX_ARGS12(a, b, c, d, e, f, g, h, i, j, k, l) \
  __TK_CTX_ARGS11(a, b, c, d, e, f, g, h, i, j, k), (void *)ctx[11]
#define __TK_CTX_ARGS(args...) __TK_CAT(__TK_CTX_ARGS, __TK_NARGS(args))(args)

#define __TK_TRAMPOLINE_PROGRAM(name, args...)                                     \
  static __attribute__((always_inline)) inline int ____##name(unsigned long long *ctx, ##args); \
  int name(unsigned long long *ctx) { return ____##name(__TK_CTX_ARGS(args)); }   \
  static __attribute__((always_inline)) inline int ____##name(unsigned long long *ctx, ##args)

#define KFUNC_PROBE(event, args...) __TK_TRAMPOLINE_PROGRAM(kfunc__vmlinux__##event, ##args)
#define KRETFUNC_PROBE(event, args...) __TK_TRAMPOLINE_PROGRAM(kretfunc__vmlinux__##event, ##args)
#define MODULE_KFUNC_PROBE(module, event, args...) \
  __TK_TRAMPOLINE_PROGRAM(kfunc__##module##__##event, ##args)
#define MODULE_KRETFUNC_PROBE(module, event, args...) \
  __TK_TRAMPOLINE_PROGRAM(kretfunc__##module##__##event, ##args)
#define KMOD_RET(event, args...) __TK_TRAMPOLINE_PROGRAM(kmod_ret__##event, ##args)
#define LSM_PROBE(hook, args...) __TK_TRAMPOLINE_PROGRAM(lsm__##hook, ##args)
#define BPF_PROG(name, args...) __TK_TRAMPOLINE_PROGRAM(name, ##args)
#define BPF_ITER(target) int bpf_iter__##target(struct bpf_iter__##target *ctx)

/* x86_64 registers. PARMn follows the C calling convention; a syscall passes its 4th argument
 * in r10, hence the _SYSCALL forms, which read the registers a syscall wrapper receives
 * (PT_REGS_SYSCALL_REGS). Reads of the user registers become probe reads by themselves. */
#define PT_REGS_PARM1(x) ((x)->di)
#define PT_REGS_PARM2(x) ((x)->si)
#define PT_REGS_PARM3(x) ((x)->dx)
#define PT_REGS_PARM4(x) ((x)->cx)
#define PT_REGS_PARM5(x) ((x)->r8)
#define PT_REGS_PARM6(x) ((x)->r9)
#define PT_REGS_RET(x) ((x)->sp)
#define PT_REGS_FP(x) ((x)->bp)
#define PT_REGS_RC(x) ((x)->ax)
#define PT_REGS_SP(x) ((x)->sp)
#define PT_REGS_IP(x) ((x)->ip)
#define PT_REGS_SYSCALL_REGS(ctx) ((struct pt_regs *)PT_REGS_PARM1(ctx))
#define PT_REGS_PARM1_SYSCALL(x) PT_REGS_PARM1(x)
#define PT_REGS_PARM2_SYSCALL(x) PT_REGS_PARM2(x)
#define PT_REGS_PARM3_SYSCALL(x) PT_REGS_PARM3(x)
#define PT_REGS_PARM4_SYSCALL(x) ((x)->r10)
#define PT_REGS_PARM5_SYSCALL(x) PT_REGS_PARM5(x)
#define PT_REGS_PARM6_SYSCALL(x) PT_REGS_PARM6(x)
/* libbpf spells explicit reads _CORE; tracekit's reads are implicit, so they are the same. */
#define PT_REGS_PARM1_CORE(x) PT_REGS_PARM1(x)
#define PT_REGS_PARM2_CORE(x) PT_REGS_PARM2(x)
#define PT_REGS_PARM3_CORE(x) PT_REGS_PARM3(x)
#define PT_REGS_PARM4_CORE(x) PT_REGS_PARM4(x)
#define PT_REGS_PARM5_CORE(x) PT_REGS_PARM5(x)
#define PT_REGS_RC_CORE(x) PT_REGS_RC(x)
#define PT_REGS_IP_CORE(x) PT_REGS_IP(x)
#define PT_REGS_SP_CORE(x) PT_REGS_SP(x)
#define PT_REGS_FP_CORE(x) PT_REGS_FP(x)
#define PT_REGS_PARM1_CORE_SYSCALL(x) PT_REGS_PARM1_SYSCALL(x)
#define PT_REGS_PARM2_CORE_SYSCALL(x) PT_REGS_PARM2_SYSCALL(x)
#define PT_REGS_PARM3_CORE_SYSCALL(x) PT_REGS_PARM3_SYSCALL(x)
#define PT_REGS_PARM4_CORE_SYSCALL(x) PT_REGS_PARM4_SYSCALL(x)
#define PT_REGS_PARM5_CORE_SYSCALL(x) PT_REGS_PARM5_SYSCALL(x)

/* bpf_trace_printk("fmt", args...): the format is copied to the stack, as the helper wants.
 * The front end checks the format's conversions and the argument count
 * (frontend/trace_printk_format.cpp). */
#define bpf_trace_printk(fmt, ...)                                   \
  ({                                                                 \
    char __tk_fmt[] = fmt;                                           \
    __tk_trace_printk(__tk_fmt, sizeof(__tk_fmt), ##__VA_ARGS__);    \
  })
#ifndef bpf_printk
#define bpf_printk(fmt, ...) bpf_trace_printk(fmt, ##__VA_ARGS__)
#endif

/* USDT arguments. bpf_usdt_readarg(N, ctx, &dst) in program F calls the reader the USDT
 * support generated for F's probe, _bpf_readarg_F_N(ctx, &dst, sizeof(dst)); the front end
 * checks it exists (frontend/usdt_arguments.cpp) and the IR links the call
 * (ir/usdt_arguments.cpp). Readers are defined with __TK_USDT_READER. */
#define __TK_USDT_READER static __attribute__((used, always_inline)) inline int
int __tk_usdt_readarg(int index, void *ctx, void *dst, u64 size);
#define bpf_usdt_readarg(index, ctx, addr) __tk_usdt_readarg(index, ctx, addr, sizeof(*(addr)))
#define bpf_usdt_readarg_p(index, ctx, buf, len)                            \
  ({                                                                        \
    u64 __tk_addr = 0;                                                      \
    __tk_usdt_readarg(index, ctx, &__tk_addr, sizeof(__tk_addr));           \
    bpf_probe_read_user(buf, len, (void *)__tk_addr);                       \
  })

/* Integer log2, for log2 histograms (BCC's bpf_log2/bpf_log2l): the index of the highest set
 * bit plus one, so 0 -> 0, 1 -> 1, 2..3 -> 2, 4..7 -> 3. */
static inline __attribute__((always_inline)) unsigned int bpf_log2(unsigned int v) {
  unsigned int r, shift;
  r = (v > 0xFFFF) << 4; v >>= r;
  shift = (v > 0xFF) << 3; v >>= shift; r |= shift;
  shift = (v > 0xF) << 2; v >>= shift; r |= shift;
  shift = (v > 0x3) << 1; v >>= shift; r |= shift;
  r |= (v >> 1);
  return r;
}

static inline __attribute__((always_inline)) unsigned int bpf_log2l(unsigned long v) {
  unsigned int hi = v >> 32;
  if (hi) return bpf_log2(hi) + 32 + 1;
  return bpf_log2(v) + 1;
}

/* Scratch registers of the syscall tracepoint twins built on kernels without kprobes
 * (libcore/compiler/ir/syscall_variants.cpp); removed from objects that have no twin. */
#ifdef __TK_SYSCALL_TWINS
struct __tk_twin_regs_t {
  struct pt_regs regs;
  struct pt_regs user_regs;
};
BPF_PERCPU_ARRAY(__tk_twin_regs, struct __tk_twin_regs_t, 1);
#endif

#ifndef __always_inline
#define __always_inline inline __attribute__((always_inline))
#endif

#ifndef SEC
#define SEC(name) __attribute__((section(name), used))
#endif

#endif
