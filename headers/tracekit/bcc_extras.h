/* The small helpers BCC's own header gives programs besides the BPF helpers: byte order,
 * atomic add, classic packet loads, the current-CPU index. */
#ifndef __TRACEKIT_BCC_EXTRAS_H
#define __TRACEKIT_BCC_EXTRAS_H

static inline __attribute__((always_inline)) u16 bpf_ntohs(u16 v) { return __builtin_bswap16(v); }
static inline __attribute__((always_inline)) u32 bpf_ntohl(u32 v) { return __builtin_bswap32(v); }
static inline __attribute__((always_inline)) u64 bpf_ntohll(u64 v) { return __builtin_bswap64(v); }
static inline __attribute__((always_inline)) u16 bpf_htons(u16 v) { return __builtin_bswap16(v); }
static inline __attribute__((always_inline)) u32 bpf_htonl(u32 v) { return __builtin_bswap32(v); }
static inline __attribute__((always_inline)) u64 bpf_htonll(u64 v) { return __builtin_bswap64(v); }
static inline __attribute__((always_inline)) unsigned __int128 bpf_ntoh128(unsigned __int128 v) {
  return ((unsigned __int128)bpf_ntohll((u64)v) << 64) | bpf_ntohll((u64)(v >> 64));
}
static inline __attribute__((always_inline)) unsigned __int128 bpf_hton128(unsigned __int128 v) {
  return bpf_ntoh128(v);
}

#define lock_xadd(ptr, val) ((void)__sync_fetch_and_add(ptr, val))

/* perf_read()/perf_counter_value() on the current CPU's counter. */
#define CUR_CPU_IDENTIFIER 0xffffffffULL

/* Socket filters read the packet with the classic BPF loads (network byte order in, host
 * order out). */
unsigned long long load_byte(void *skb, unsigned long long off) asm("llvm.bpf.load.byte");
unsigned long long load_half(void *skb, unsigned long long off) asm("llvm.bpf.load.half");
unsigned long long load_word(void *skb, unsigned long long off) asm("llvm.bpf.load.word");
static inline __attribute__((always_inline)) u64 load_dword(void *skb, u64 off) {
  return ((u64)load_word(skb, off) << 32) | load_word(skb, off + 4);
}

#endif
