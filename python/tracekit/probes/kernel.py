"""BPF's kernel-side attach methods: kprobes and kretprobes (PMU, tracefs, or the syscall
tracepoint fallback, chosen in the core), tracepoints, raw tracepoints, and the trampoline
kinds (fentry/fexit/fmod_ret, LSM). A mixin of the BPF class; links live in self._links keyed
as BCC keys them.
"""

from .._native import core
from .._text import to_bytes, to_str
from .registry import check_probe_quota
from ..kernel.capabilities import get_kprobe_functions, get_tracepoints


def _event_key(prefix, event):
    return prefix + event.replace("+", "_").replace(".", "_")


class KernelProbeMethods:
    # -- kprobes ----------------------------------------------------------------------------
    @staticmethod
    def get_syscall_prefix():
        return to_bytes(core.kernel_info()["syscall_prefix"])

    @staticmethod
    def get_syscall_fnname(name):
        return KernelProbeMethods.get_syscall_prefix() + to_bytes(name)

    def _kprobe_matches(self, event_re, what):
        matches = get_kprobe_functions(event_re)
        if not matches:
            supported, detail, feature = core.capability("kprobes")
            if not supported:
                from ..errors import NotSupportedError
                err = NotSupportedError("cannot attach %s to functions matching %r: %s"
                                        % (what, to_str(event_re), detail))
                err.feature = feature
                raise err
            raise ValueError("no kernel function that kprobes can attach to matches %r" % to_str(event_re))
        check_probe_quota(len(matches), "%s on %r" % (what, to_str(event_re)))
        return matches

    def attach_kprobe(self, event=b"", event_off=0, fn_name=b"", event_re=b""):
        fn_name = to_str(fn_name)
        if event_re:
            for fn in self._kprobe_matches(event_re, "kprobe"):
                self.attach_kprobe(event=fn, event_off=event_off, fn_name=fn_name)
            return self
        event = to_str(event)
        check_probe_quota(1, "kprobe '%s'" % event)
        link = core.attach_kprobe(self._object, fn_name, event, event_off, False, 0)
        self._links.add("kprobe", _event_key("p_", event), link)
        return self

    def attach_kretprobe(self, event=b"", fn_name=b"", event_re=b"", maxactive=0):
        fn_name = to_str(fn_name)
        if event_re:
            for fn in self._kprobe_matches(event_re, "kretprobe"):
                self.attach_kretprobe(event=fn, fn_name=fn_name, maxactive=maxactive)
            return self
        event = to_str(event)
        check_probe_quota(1, "kretprobe '%s'" % event)
        link = core.attach_kprobe(self._object, fn_name, event, 0, True, maxactive)
        self._links.add("kprobe", _event_key("r_", event), link)
        return self

    def detach_kprobe(self, event, fn_name=None):
        self._links.remove("kprobe", _event_key("p_", to_str(event)))

    def detach_kretprobe(self, event, fn_name=None):
        self._links.remove("kprobe", _event_key("r_", to_str(event)))

    # -- tracepoints ------------------------------------------------------------------------
    def attach_tracepoint(self, tp=b"", tp_re=b"", fn_name=b""):
        fn_name = to_str(fn_name)
        if tp_re:
            matches = get_tracepoints(tp_re)
            if not matches:
                raise ValueError("no tracepoint matches %r" % to_str(tp_re))
            for name in matches:
                self.attach_tracepoint(tp=name, fn_name=fn_name)
            return self
        tp = to_str(tp)
        category, sep, event = tp.partition(":")
        if not sep:
            raise ValueError("tracepoint %r: expected 'category:event'" % tp)
        link = core.attach_tracepoint(self._object, fn_name, category, event)
        self._links.add("tracepoint", tp, link)
        return self

    def detach_tracepoint(self, tp=b""):
        self._links.remove("tracepoint", to_str(tp))

    def attach_raw_tracepoint(self, tp=b"", fn_name=b""):
        tp, fn_name = to_str(tp), to_str(fn_name)
        link = core.attach_raw_tracepoint(self._object, fn_name, tp)
        self._links.add("raw_tracepoint", tp, link)
        return self

    def detach_raw_tracepoint(self, tp=b""):
        self._links.remove("raw_tracepoint", to_str(tp))

    # -- fentry / fexit / fmod_ret / LSM ----------------------------------------------------
    def _attach_trampoline(self, fn_name, kinds):
        fn_name = to_str(fn_name)
        program = self._program_meta(fn_name)
        if program["kind"] not in kinds:
            raise ValueError("program '%s' is a %s program, not %s" % (fn_name, program["kind"], "/".join(kinds)))
        link = core.attach_tracing(self._object, fn_name)
        self._links.add("tracing", fn_name, link)
        return self

    def _program_meta(self, fn_name):
        for program in self._metadata["programs"]:
            if program["name"] == fn_name:
                return program
        raise ValueError("no BPF program named '%s'" % fn_name)

    def attach_kfunc(self, fn_name=b""):
        return self._attach_trampoline(fn_name, ("kfunc",))

    def attach_kretfunc(self, fn_name=b""):
        return self._attach_trampoline(fn_name, ("kretfunc",))

    def attach_kmod_ret(self, fn_name=b""):
        return self._attach_trampoline(fn_name, ("kmod_ret",))

    def attach_lsm(self, fn_name=b""):
        return self._attach_trampoline(fn_name, ("lsm",))

    def detach_kfunc(self, fn_name=b""):
        self._links.remove("tracing", to_str(fn_name))

    detach_kretfunc = detach_kfunc
    detach_kmod_ret = detach_kfunc
    detach_lsm = detach_kfunc
