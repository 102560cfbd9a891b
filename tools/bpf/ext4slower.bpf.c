// ext4slower: ext4 reads, writes, opens and fsyncs slower than a threshold.
//
// Two ways in, chosen by the tool for the kernel it runs on:
//   default:        kprobes on ext4's own file operations (ext4_file_read_iter, ...), the
//                   latency of the ext4 call itself;
//   SYSCALL_LEVEL:  kernels without kprobes: the read/write/open/fsync syscalls on files whose
//                   superblock is ext4 (fd -> file -> inode -> super_block->s_magic). The
//                   latency then includes the VFS layers around ext4: a close approximation,
//                   labelled as such in the output.
//
// Defines: MIN_US (threshold), FILTER_PID, SYSCALL_LEVEL.
#include <uapi/linux/ptrace.h>
#include <linux/sched.h>
#include <linux/fs.h>
#include <linux/fdtable.h>

#define EXT4_SUPER_MAGIC 0xEF53
#define NAME_SIZE 64

struct start_t {
  u64 ts;
  u64 offset;
  struct file *file;
  char type;
};

struct event {
  u64 ts_us;
  u64 delta_us;
  u64 bytes;
  u64 offset;
  u32 pid;
  char type;
  char comm[TASK_COMM_LEN];
  char file[NAME_SIZE];
};

BPF_HASH(starts, u64, struct start_t, 10240);
BPF_PERF_OUTPUT(events);

static inline int wanted(void) {
#ifdef FILTER_PID
  return (bpf_get_current_pid_tgid() >> 32) == FILTER_PID;
#else
  return 1;
#endif
}

static inline void begin(struct file *file, u64 offset, char type) {
  u64 id = bpf_get_current_pid_tgid();
  struct start_t s = {.ts = bpf_ktime_get_ns(), .offset = offset, .file = file, .type = type};
  starts.update(&id, &s);
}

static inline int finish(void *ctx, long ret, struct file *file_at_exit) {
  u64 id = bpf_get_current_pid_tgid();
  struct start_t *s = starts.lookup(&id);
  if (!s) return 0;
  struct start_t start = *s;
  starts.delete(&id);
  u64 now = bpf_ktime_get_ns();
  u64 delta_us = (now - start.ts) / 1000;
#ifdef MIN_US
  if (delta_us < MIN_US) return 0;
#endif
  struct file *file = file_at_exit ? file_at_exit : start.file;
  if (!file) return 0;
  struct event e = {};
  e.ts_us = now / 1000;
  e.delta_us = delta_us;
  e.bytes = ret > 0 ? ret : 0;
  e.offset = start.offset;
  e.pid = id >> 32;
  e.type = start.type;
  bpf_get_current_comm(&e.comm, sizeof(e.comm));
  bpf_probe_read_kernel_str(&e.file, sizeof(e.file), file->f_path.dentry->d_name.name);
  events.perf_submit(ctx, &e, sizeof(e));
  return 0;
}

#ifdef SYSCALL_LEVEL

// The open file behind fd in the current task, if it is on ext4.
static inline struct file *ext4_file_of(int fd) {
  if (fd < 0) return 0;
  struct task_struct *task = (struct task_struct *)bpf_get_current_task();
  struct fdtable *fdt = task->files->fdt;
  if (fd >= fdt->max_fds) return 0;
  struct file *file = 0;
  bpf_probe_read_kernel(&file, sizeof(file), &fdt->fd[fd]);
  if (!file) return 0;
  if (file->f_inode->i_sb->s_magic != EXT4_SUPER_MAGIC) return 0;
  return file;
}

static inline int begin_fd(int fd, char type, int use_pos, u64 pos) {
  if (!wanted()) return 0;
  struct file *file = ext4_file_of(fd);
  if (!file) return 0;
  begin(file, use_pos ? pos : file->f_pos, type);
  return 0;
}

TRACEPOINT_PROBE(syscalls, sys_enter_read) { return begin_fd(args->fd, 'R', 0, 0); }
TRACEPOINT_PROBE(syscalls, sys_exit_read) { return finish(args, args->ret, 0); }
TRACEPOINT_PROBE(syscalls, sys_enter_pread64) { return begin_fd(args->fd, 'R', 1, args->pos); }
TRACEPOINT_PROBE(syscalls, sys_exit_pread64) { return finish(args, args->ret, 0); }
TRACEPOINT_PROBE(syscalls, sys_enter_write) { return begin_fd(args->fd, 'W', 0, 0); }
TRACEPOINT_PROBE(syscalls, sys_exit_write) { return finish(args, args->ret, 0); }
TRACEPOINT_PROBE(syscalls, sys_enter_pwrite64) { return begin_fd(args->fd, 'W', 1, args->pos); }
TRACEPOINT_PROBE(syscalls, sys_exit_pwrite64) { return finish(args, args->ret, 0); }
TRACEPOINT_PROBE(syscalls, sys_enter_fsync) { return begin_fd(args->fd, 'S', 1, 0); }
TRACEPOINT_PROBE(syscalls, sys_exit_fsync) { return finish(args, args->ret, 0); }
TRACEPOINT_PROBE(syscalls, sys_enter_fdatasync) { return begin_fd(args->fd, 'S', 1, 0); }
TRACEPOINT_PROBE(syscalls, sys_exit_fdatasync) { return finish(args, args->ret, 0); }
// An open's file is known only at exit: time every openat, keep the ext4 ones.
TRACEPOINT_PROBE(syscalls, sys_enter_openat) {
  if (wanted()) begin(0, 0, 'O');
  return 0;
}
TRACEPOINT_PROBE(syscalls, sys_exit_openat) {
  struct file *file = ext4_file_of(args->ret);
  if (!file) {
    u64 id = bpf_get_current_pid_tgid();
    starts.delete(&id);
    return 0;
  }
  return finish(args, 0, file);
}

#else  // kprobes on ext4's file operations

int trace_read_entry(struct pt_regs *ctx, struct kiocb *iocb) {
  if (wanted()) begin(iocb->ki_filp, iocb->ki_pos, 'R');
  return 0;
}
int trace_write_entry(struct pt_regs *ctx, struct kiocb *iocb) {
  if (wanted()) begin(iocb->ki_filp, iocb->ki_pos, 'W');
  return 0;
}
int trace_open_entry(struct pt_regs *ctx, struct inode *inode, struct file *file) {
  if (wanted()) begin(file, 0, 'O');
  return 0;
}
int trace_fsync_entry(struct pt_regs *ctx, struct file *file) {
  if (wanted()) begin(file, 0, 'S');
  return 0;
}
int trace_return(struct pt_regs *ctx) {
  long ret = PT_REGS_RC(ctx);
  u64 id = bpf_get_current_pid_tgid();
  struct start_t *s = starts.lookup(&id);
  // Opens and fsyncs return 0 on success: no byte count.
  if (s && (s->type == 'O' || s->type == 'S')) ret = 0;
  return finish(ctx, ret, 0);
}

#endif
