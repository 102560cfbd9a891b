"""BPF_STACK_TRACE and BPF_STACK_TRACE_BUILDID tables.

A program stores a stack with ``stack_id = stacks.get_stackid(ctx, flags)``; Python walks it:

    for addr in b["stacks"].walk(stack_id):
        print(b.sym(addr, pid, show_offset=True))

A build-id stack (map flag BPF_F_STACK_BUILD_ID) holds, per frame, the build id of the ELF
file and the file offset in it, so it can be symbolized after the process is gone, from any
copy of the binary (BPF.add_module() registers one).
"""

import ctypes as ct

from .base import TableBase
from .map_types import BPF_MAP_TYPE_STACK_TRACE
from .registry import serves


class StackBuildId(ct.Structure):
    """struct bpf_stack_build_id (UAPI)."""

    class _OffsetOrIp(ct.Union):
        _fields_ = [("offset", ct.c_uint64), ("ip", ct.c_uint64)]

    _anonymous_ = ("u",)
    _fields_ = [("status", ct.c_int32), ("build_id", ct.c_ubyte * 20), ("u", _OffsetOrIp)]


@serves(BPF_MAP_TYPE_STACK_TRACE)
class StackTrace(TableBase):
    MAX_DEPTH = 127
    BPF_F_STACK_BUILD_ID = 1 << 5
    BPF_STACK_BUILD_ID_EMPTY = 0  # no frame here
    BPF_STACK_BUILD_ID_VALID = 1  # build_id and offset are valid
    BPF_STACK_BUILD_ID_IP = 2  # no build id could be read: ip holds the address

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.flags & self.BPF_F_STACK_BUILD_ID and not self._is_build_id_leaf():
            self.Leaf = StackBuildId * (self._leaf_size // ct.sizeof(StackBuildId))

    def _is_build_id_leaf(self):
        frames = self._frame_array_type(self.Leaf)
        return frames is not None and ct.sizeof(frames._type_) == ct.sizeof(StackBuildId)

    @staticmethod
    def _frame_array_type(leaf_type):
        if issubclass(leaf_type, ct.Array):
            return leaf_type
        if issubclass(leaf_type, ct.Structure):
            for name, ftype, *_ in leaf_type._fields_:
                if not name.startswith("__pad") and issubclass(ftype, ct.Array):
                    return ftype
        return None

    def _frames(self, leaf):
        if isinstance(leaf, ct.Array):
            return leaf
        for name, ftype, *_ in type(leaf)._fields_:
            if not name.startswith("__pad") and issubclass(ftype, ct.Array):
                return getattr(leaf, name)
        raise TypeError("table '%s': cannot find the frames in leaf type %s" % (self.name, type(leaf).__name__))

    def _repr_html_(self):
        from . import display
        return display.stack_flamegraph_html(self)

    def get_stack(self, stack_id):
        return self[self.Key(stack_id)]

    def walk(self, stack_id, resolve=None):
        """The frames of stack `stack_id`, innermost first: addresses (resolve(addr) if given),
        or StackBuildId records for build-id stacks. KeyError if the id is not in the table."""
        return StackWalker(self._frames(self[self.Key(stack_id)]), self.flags, resolve)


class StackWalker:
    def __init__(self, frames, flags, resolve=None):
        self.frames = frames
        self.build_id = bool(flags & StackTrace.BPF_F_STACK_BUILD_ID)
        self.resolve = resolve
        self.n = -1

    def __iter__(self):
        return self

    def __next__(self):
        self.n += 1
        if self.n >= len(self.frames):
            raise StopIteration()
        frame = self.frames[self.n]
        if self.build_id:
            if frame.status == StackTrace.BPF_STACK_BUILD_ID_EMPTY:
                raise StopIteration()
        else:
            frame = frame.value if hasattr(frame, "value") else frame
            if frame == 0:
                raise StopIteration()
        return self.resolve(frame) if self.resolve else frame
