/* BTF mode: every kernel header a program includes (<linux/sched.h>, <net/sock.h>,
 * <uapi/linux/ptrace.h>...) resolves to this file. The kernel's types are already in
 * <tracekit/kernel.h> (generated from BTF); what BTF cannot carry are #define constants and
 * macros, which constants.h supplies. */
#include <tracekit/kernel.h>
#include <tracekit/btf/constants.h>
