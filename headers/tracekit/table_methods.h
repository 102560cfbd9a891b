/* The table methods that do not depend on the table's types. The map arrives as the first
 * argument; the other arguments are the method's, in BCC's order. The compiler drops the
 * ones a program does not call before optimising. */
#ifndef __TRACEKIT_TABLE_METHODS_H
#define __TRACEKIT_TABLE_METHODS_H

__TK_METHOD void *__tk_method_lookup(void *map, void *key) { return bpf_map_lookup_elem(map, key); }
/* BCC's lookup_or_init() could return from the calling function; both spellings here return
 * NULL when the key cannot be inserted (a full map), as lookup_or_try_init() does. */
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

/* Events. */
__TK_METHOD int __tk_method_perf_submit(void *map, void *ctx, void *data, u32 size) {
  return bpf_perf_event_output(ctx, map, __TK_F_CURRENT_CPU, data, size);
}
/* The upper 32 bits of the flags ask the kernel to append that many bytes of the packet. */
__TK_METHOD int __tk_method_perf_submit_skb(void *map, void *ctx, u32 skb_size, void *data, u32 size) {
  return bpf_perf_event_output(ctx, map, ((u64)skb_size << 32) | __TK_F_CURRENT_CPU, data, size);
}
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

/* Stacks, tail calls, perf counters. */
__TK_METHOD int __tk_method_get_stackid(void *map, void *ctx, u64 flags) {
  return bpf_get_stackid(ctx, map, flags);
}
__TK_METHOD void __tk_method_call(void *map, void *ctx, int index) { bpf_tail_call(ctx, map, index); }
__TK_METHOD u64 __tk_method_perf_read(void *map, u64 index) { return bpf_perf_event_read(map, index); }
__TK_METHOD int __tk_method_perf_counter_value(void *map, u64 index, void *buf, u32 size) {
  return bpf_perf_event_read_value(map, index, buf, size);
}

/* Queues and stacks. */
__TK_METHOD int __tk_method_push(void *map, void *leaf, u64 flags) { return bpf_map_push_elem(map, leaf, flags); }
__TK_METHOD int __tk_method_pop(void *map, void *leaf) { return bpf_map_pop_elem(map, leaf); }
__TK_METHOD int __tk_method_peek(void *map, void *leaf) { return bpf_map_peek_elem(map, leaf); }

/* XDP redirection and cgroups. */
__TK_METHOD int __tk_method_redirect_map(void *map, int index, int flags) { return bpf_redirect_map(map, index, flags); }
__TK_METHOD int __tk_method_check_current_task(void *map, int index) {
  return bpf_current_task_under_cgroup(map, index);
}
__TK_METHOD void *__tk_method_get_local_storage(void *map, u64 flags) { return bpf_get_local_storage(map, flags); }

/* Local storage of sockets, inodes and tasks. */
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

/* Socket maps. */
__TK_METHOD int __tk_method_sock_map_update(void *map, void *ctx, void *key, u64 flags) {
  return bpf_sock_map_update(ctx, map, key, flags);
}
__TK_METHOD int __tk_method_sock_hash_update(void *map, void *ctx, void *key, u64 flags) {
  return bpf_sock_hash_update(ctx, map, key, flags);
}
__TK_METHOD int __tk_method_msg_redirect_map(void *map, void *msg, u32 key, u64 flags) {
  return bpf_msg_redirect_map(msg, map, key, flags);
}
__TK_METHOD int __tk_method_sk_redirect_map(void *map, void *skb, u32 key, u64 flags) {
  return bpf_sk_redirect_map(skb, map, key, flags);
}
__TK_METHOD int __tk_method_msg_redirect_hash(void *map, void *msg, void *key, u64 flags) {
  return bpf_msg_redirect_hash(msg, map, key, flags);
}
__TK_METHOD int __tk_method_sk_redirect_hash(void *map, void *skb, void *key, u64 flags) {
  return bpf_sk_redirect_hash(skb, map, key, flags);
}

#endif
