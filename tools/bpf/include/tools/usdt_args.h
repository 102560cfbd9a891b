// Reading USDT arguments whose numbers come from typed -D defines (tracekit.tools.runtimes):
// the u* tools and dbslower serve many runtimes with one program each, and each runtime passes
// its names, sizes and ids in different argument slots.
//
//   READ_ARG(N, ctx, &value)          argument N (1..12) into value; N == 0: nothing
//   READ_STR(N, LEN, ctx, buf)        the string argument N points to, into buf (zeroed by the
//                                     caller): LEN bytes when LEN (an argument number) is not
//                                     0, for runtimes whose strings are not NUL-terminated
//                                     (the JVM's), else up to the NUL; N == 0: nothing
//
// N and LEN expand to a literal number, which selects the call by token pasting: a slot a
// runtime does not have leaves no bpf_usdt_readarg() call behind, so the program compiles
// against probes with fewer arguments. Use them in the program function itself: USDT readers
// are generated per program (BCC's bpf_usdt_readarg contract).
#pragma once

#define __TK_READ_ARG_0(ctx, dst)
#define __TK_READ_ARG_1(ctx, dst) bpf_usdt_readarg(1, ctx, dst)
#define __TK_READ_ARG_2(ctx, dst) bpf_usdt_readarg(2, ctx, dst)
#define __TK_READ_ARG_3(ctx, dst) bpf_usdt_readarg(3, ctx, dst)
#define __TK_READ_ARG_4(ctx, dst) bpf_usdt_readarg(4, ctx, dst)
#define __TK_READ_ARG_5(ctx, dst) bpf_usdt_readarg(5, ctx, dst)
#define __TK_READ_ARG_6(ctx, dst) bpf_usdt_readarg(6, ctx, dst)
#define __TK_READ_ARG_7(ctx, dst) bpf_usdt_readarg(7, ctx, dst)
#define __TK_READ_ARG_8(ctx, dst) bpf_usdt_readarg(8, ctx, dst)
#define __TK_READ_ARG_9(ctx, dst) bpf_usdt_readarg(9, ctx, dst)
#define __TK_READ_ARG_10(ctx, dst) bpf_usdt_readarg(10, ctx, dst)
#define __TK_READ_ARG_11(ctx, dst) bpf_usdt_readarg(11, ctx, dst)
#define __TK_READ_ARG_12(ctx, dst) bpf_usdt_readarg(12, ctx, dst)
#define __TK_READ_ARG(n, ctx, dst) __TK_READ_ARG_##n(ctx, dst)
#define READ_ARG(n, ctx, dst) __TK_READ_ARG(n, ctx, dst)

#define READ_STR(n, len, ctx, buf)                                              \
  do {                                                                          \
    u64 __tk_ptr = 0, __tk_len = sizeof(buf) - 1;                               \
    READ_ARG(n, ctx, &__tk_ptr);                                                \
    READ_ARG(len, ctx, &__tk_len);                                              \
    if (__tk_ptr) {                                                             \
      if (__tk_len > sizeof(buf) - 1) __tk_len = sizeof(buf) - 1;               \
      if ((len) != 0)                                                           \
        bpf_probe_read_user(buf, __tk_len, (void *)__tk_ptr);                   \
      else                                                                      \
        bpf_probe_read_user_str(buf, sizeof(buf), (void *)__tk_ptr);            \
    }                                                                           \
  } while (0)
