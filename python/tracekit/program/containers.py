"""Filtering events by container (also importable as bcc.containers).

Tools take ``--cgroupmap PATH`` and ``--mntnsmap PATH``: bpffs paths of hash maps, filled by
whoever manages the containers, whose keys are the cgroup ids (u64) or mount namespace inode
numbers (u64) to trace. filter_by_containers(args) returns C to put before the program; it
defines ``container_should_be_filtered()``, true for events to drop:

    text = filter_by_containers(args) + program
    ...
    if (container_should_be_filtered()) return 0;

The maps are opened with BPF_TABLE_PINNED, so they are shared with whoever fills them; without
either option the filter is a constant 0 that the compiler removes.
"""

_NO_CGROUP_FILTER = """
static inline int _cgroup_filter() { return 0; }
"""

_CGROUP_FILTER = """
BPF_TABLE_PINNED("hash", u64, u64, cgroupset, 1024, "%s");

/* The event's cgroup (v2) must be one of the map's keys. */
static inline int _cgroup_filter() {
    u64 cgroupid = bpf_get_current_cgroup_id();
    return cgroupset.lookup(&cgroupid) == NULL;
}
"""

_NO_MNTNS_FILTER = """
static inline int _mntns_filter() { return 0; }
"""

_MNTNS_FILTER = """
#include <linux/sched.h>
#include <linux/nsproxy.h>
#include <linux/ns_common.h>

BPF_TABLE_PINNED("hash", u64, u32, mount_ns_set, 1024, "%s");

/* The event's mount namespace (its inode number) must be one of the map's keys. struct
 * mnt_namespace is private to fs/ (fs/mount.h), so it is read through its first member, the
 * struct ns_common; before Linux 5.11 an atomic_t preceded it. */
static inline int _mntns_filter() {
    struct task_struct *task = (struct task_struct *)bpf_get_current_task();
    struct nsproxy *nsproxy = NULL;
    void *mnt_ns = NULL;
    unsigned int inum = 0;
    if (bpf_probe_read_kernel(&nsproxy, sizeof(nsproxy), &task->nsproxy) || !nsproxy)
        return 0;
    if (bpf_probe_read_kernel(&mnt_ns, sizeof(mnt_ns), &nsproxy->mnt_ns) || !mnt_ns)
        return 0;
#if defined(LINUX_VERSION_CODE) && defined(KERNEL_VERSION) && LINUX_VERSION_CODE < KERNEL_VERSION(5, 11, 0)
    mnt_ns = (char *)mnt_ns + 8;
#endif
    if (bpf_probe_read_kernel(&inum, sizeof(inum), &((struct ns_common *)mnt_ns)->inum))
        return 0;
    u64 ns_id = inum;
    return mount_ns_set.lookup(&ns_id) == NULL;
}
"""

_COMBINED = """
static inline int container_should_be_filtered() {
    return _cgroup_filter() || _mntns_filter();
}
"""


def _path(value):
    if isinstance(value, bytes):
        value = value.decode()
    if value and ('"' in value or "\\" in value or "\n" in value):
        raise ValueError("map path %r: quotes, backslashes and newlines are not allowed" % value)
    return value


def filter_by_containers(args):
    """C text defining container_should_be_filtered() from args.cgroupmap and args.mntnsmap
    (either may be None or absent)."""
    cgroupmap = _path(getattr(args, "cgroupmap", None))
    mntnsmap = _path(getattr(args, "mntnsmap", None))
    text = _CGROUP_FILTER % cgroupmap if cgroupmap else _NO_CGROUP_FILTER
    text += _MNTNS_FILTER % mntnsmap if mntnsmap else _NO_MNTNS_FILTER
    return text + _COMBINED
