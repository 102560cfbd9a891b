#!/usr/bin/env bash
# Runs inside the vmtest guest (see tests/vmtest/run): the tests whose path differs on a kernel
# with kprobes, fentry and kernel headers. The guest's CPU is emulated (20-35x slower), so this
# is a chosen subset, not the whole kernel suite; pass test paths to run others instead.
set -uo pipefail
cd "$(dirname "$0")/../.."
echo "vmtest guest: $(uname -r), headers: $(ls -d /lib/modules/$(uname -r)/build 2>/dev/null || echo none)"
export PYTHONUNBUFFERED=1
# Cold compiles and Python starts take 20-35x longer in the guest.
export TRACEKIT_TEST_TIMEOUT_SCALE=${TRACEKIT_TEST_TIMEOUT_SCALE:-15}
# The guest's own writes outside the checkout vanish at power-off: keep its object cache in
# build/ (shared with the host) so a second run skips the cold compiles.
export TRACEKIT_CACHE_DIR=${TRACEKIT_CACHE_DIR:-$PWD/build/vmtest-cache}

# ext4slower's kprobe path needs an ext4 file system; the guest's root is 9p + tmpfs. Make one
# on a RAM disk (the guest has no modprobe: busybox insmod, dependencies first). If that fails,
# the ext4slower tests skip and say why.
ext4_scratch() {
  local mods=/lib/modules/$(uname -r)/kernel dir=/mnt/tk-ext4
  grep -qw ext4 /proc/filesystems || for m in lib/crc16 crypto/crc32c_generic fs/mbcache fs/jbd2/jbd2 fs/ext4/ext4; do
    busybox insmod "$mods/$m.ko" 2>/dev/null
  done
  [[ -e /dev/ram0 ]] || busybox insmod "$mods/drivers/block/brd.ko" rd_nr=2 rd_size=65536 || return
  mkfs.ext4 -q -F /dev/ram0 && mkdir -p "$dir" && mount -t ext4 /dev/ram0 "$dir" &&
    export TRACEKIT_TEST_EXT4_DIR=$dir
}
ext4_scratch || echo "vmtest guest: no ext4 scratch file system (the ext4slower tests will skip)"

# swapin counts pages read back from swap: give the guest a swap device on the second RAM disk
# (the first is ext4's). If that fails, swapin's test skips and says why.
swap_scratch() {
  [[ -e /dev/ram1 ]] || busybox insmod "/lib/modules/$(uname -r)/kernel/drivers/block/brd.ko" rd_nr=2 rd_size=65536 || return
  mkswap -q /dev/ram1 >/dev/null && swapon /dev/ram1
}
swap_scratch || echo "vmtest guest: no swap device (the swapin test will skip)"

subset=(
  tests/vmtest                                  # kprobes vs the syscall fallback, SIGKILL cycles
  tests/kernel/test_attach_kprobe.py            # perf-PMU kprobes, event_re, maxactive, quota
  tests/kernel/test_attach_syscall_fallback.py  # here the real kprobe path
  tests/kernel/test_attach_tracing.py           # fentry/fexit/LSM/fmod_ret load here
  tests/kernel/test_attach_capabilities.py      # different answers on this kernel
  tests/kernel/test_attach_tracepoint.py        # every attach kind on both kernels
  tests/kernel/test_attach_uprobe.py
  tests/kernel/test_attach_perf_event.py
  tests/kernel/test_attach_network.py
  tests/kernel/test_usdt.py
  tests/kernel/test_api_program.py              # the Python API's kprobe-dependent parts
  tests/kernel/test_lifecycle.py                # kprobes detached on every way out
  tests/kernel/test_errors.py                   # diagnostics in headers mode
  tests/kernel/test_programs.py                 # the program corpus in headers mode
  tests/kernel/test_execsnoop.py                # tools built against kernel headers
  tests/kernel/test_opensnoop.py
  tests/kernel/test_ext4slower.py               # kprobes on ext4 here, not the approximation
  tests/kernel/test_oomkill.py                  # kprobe oom_kill_process, cgroup v2 OOM
  tests/kernel/test_klockstat.py                # kprobes on mutex_lock/unlock: hold times
  tests/kernel/test_capable.py                  # kprobe cap_capable: audit and setid options
  tests/kernel/test_swapin.py                   # kprobe on swap_readpage (X on the host)
  tests/kernel/test_kvmexit.py                  # no kvm module loaded: the exit path
)
if (($#)); then subset=("$@"); fi
exec /usr/bin/python3 -m pytest -q -rs -p no:cacheprovider "${subset[@]}"  # -rs: why each skip
