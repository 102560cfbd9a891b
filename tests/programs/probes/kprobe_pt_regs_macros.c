// PT_REGS_PARM1..6, PT_REGS_IP/SP/FP/RC: the registers of a probed function.
#include <uapi/linux/ptrace.h>

struct regs_t {
    u64 p1, p2, p3, p4, p5, p6, ip, sp, fp, rc;
};

BPF_PERCPU_ARRAY(snapshot, struct regs_t, 1);

int regs_snapshot(struct pt_regs *ctx) {
    int zero = 0;
    struct regs_t *r = snapshot.lookup(&zero);
    if (!r)
        return 0;
    r->p1 = PT_REGS_PARM1(ctx);
    r->p2 = PT_REGS_PARM2(ctx);
    r->p3 = PT_REGS_PARM3(ctx);
    r->p4 = PT_REGS_PARM4(ctx);
    r->p5 = PT_REGS_PARM5(ctx);
    r->p6 = PT_REGS_PARM6(ctx);
    r->ip = PT_REGS_IP(ctx);
    r->sp = PT_REGS_SP(ctx);
    r->fp = PT_REGS_FP(ctx);
    r->rc = PT_REGS_RC(ctx);
    return 0;
}
