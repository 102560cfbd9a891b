/* Appended after the program text (it does not shift the program's line numbers). A program
 * that sets BPF_LICENSE, or defines its own "license" section, keeps its choice; the front end
 * drops this default when another license exists. */
#ifndef __TRACEKIT_EPILOGUE_H
#define __TRACEKIT_EPILOGUE_H
#define __TK_STR2(x) #x
#define __TK_STR(x) __TK_STR2(x)
#ifdef BPF_LICENSE
char __tk_default_license[] __attribute__((section("license"), used)) = __TK_STR(BPF_LICENSE);
#else
char __tk_default_license[] __attribute__((section("license"), used)) = "GPL";
#endif
#endif
