/* Included before every program (-include). Kernel types come first, from whichever provider
 * the runtime chose (BTF or the kernel's headers), then tracekit's BCC-compatible layer. */
#ifndef __TRACEKIT_PRELUDE_H
#define __TRACEKIT_PRELUDE_H

#include <tracekit/kernel.h>
#include <tracekit/bpf_helpers.h>
#include <tracekit/bcc_extras.h>
#include <tracekit/tables.h>
#include <tracekit/probes.h>
#include <tracekit/generated.h>

#endif
