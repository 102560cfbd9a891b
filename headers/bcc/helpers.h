/* <bcc/helpers.h>: what BCC's header offers is already in every tracekit program (the
 * prelude), so including it explicitly changes nothing. */
#include <tracekit/prelude.h>
