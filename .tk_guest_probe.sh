#!/bin/bash
K=/lib/modules/$(uname -r)
grep -E ' (__)?blk_account_io_(start|done)$| virtqueue_add_(sgs|outbuf|inbuf|inbuf_ctx)$| md_flush_request$| generic_file_open$| blk_mq_start_request$' /proc/kallsyms | head -20
ls /sys/kernel/tracing/events/block/
grep -E 'loop|md|brd|virtio' /proc/modules | cut -d' ' -f1
ls $K/kernel/drivers/block/ | head; ls $K/kernel/drivers/md/ | head -30
ls $K/kernel/fs/ | tr '\n' ' '; echo
cd /work/wt/fsblock && /usr/bin/python3 -c "
import sys; sys.path[:0]=['tests']
from support.kernel_modules import ensure_module
for m in ['loop','f2fs','xfs','btrfs','nfs','nfsv4','nfsd','md_mod','raid1','raid0']:
    print(m, ensure_module(m))
"
grep -E ' f2fs_(file_read_iter|file_write_iter|file_open|sync_file)$| xfs_file_(read_iter|write_iter|open|fsync)$| btrfs_(file_read_iter|file_write_iter|file_open|sync_file)$| nfs_(file_read|file_write|file_open|getattr)$| nfs4_file_open$' /proc/kallsyms
ls /sys/kernel/tracing/events/f2fs | grep -E 'sync_file|file_write|dataread' ; ls /sys/kernel/tracing/events/nfs | grep -E 'getattr|commit|fsync'
cat /proc/devices | grep -E 'md|loop'
cat /proc/filesystems | tr '\n' ' '
which mdadm exportfs rpc.nfsd mount.nfs
