/* Program-side conveniences BCC programs rely on: probe macros, register access, printk. */
#ifndef __TRACEKIT_PROBES_H
#define __TRACEKIT_PROBES_H

/* TRACEPOINT_PROBE(sched, sched_switch) { args->prev_pid ... }: the args struct is generated
 * from the tracepoint's format before the program is parsed (compiler/tracepoint_structs.cpp). */
#define TRACEPOINT_PROBE(category, event) \
  int tracepoint__##category##__##event(struct tracepoint__##category##__##event *args)

#define RAW_TRACEPOINT_PROBE(event) \
  int raw_tracepoint__##event(struct bpf_raw_tracepoint_args *ctx)

/* x86_64 registers. PARMn follows the C calling convention; syscalls pass the 4th argument in
 * r10, hence PT_REGS_PARM4_SYSCALL. */
#define PT_REGS_PARM1(x) ((x)->di)
#define PT_REGS_PARM2(x) ((x)->si)
#define PT_REGS_PARM3(x) ((x)->dx)
#define PT_REGS_PARM4(x) ((x)->cx)
#define PT_REGS_PARM5(x) ((x)->r8)
#define PT_REGS_PARM6(x) ((x)->r9)
#define PT_REGS_PARM4_SYSCALL(x) ((x)->r10)
#define PT_REGS_RET(x) ((x)->sp)
#define PT_REGS_FP(x) ((x)->bp)
#define PT_REGS_RC(x) ((x)->ax)
#define PT_REGS_SP(x) ((x)->sp)
#define PT_REGS_IP(x) ((x)->ip)
/* With syscall wrappers (x86_64, 4.17+) a syscall's own registers hang off %di. */
#define PT_REGS_SYSCALL_REGS(ctx) ((struct pt_regs *)PT_REGS_PARM1(ctx))

/* bpf_trace_printk("fmt", args...): the format is copied to the stack, as the helper wants. */
#define bpf_trace_printk(fmt, ...)                                   \
  ({                                                                 \
    char __tk_fmt[] = fmt;                                           \
    __tk_trace_printk(__tk_fmt, sizeof(__tk_fmt), ##__VA_ARGS__);    \
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

#ifndef __always_inline
#define __always_inline inline __attribute__((always_inline))
#endif

#ifndef SEC
#define SEC(name) __attribute__((section(name), used))
#endif

#endif
