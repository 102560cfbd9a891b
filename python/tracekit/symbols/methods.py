"""The symbol methods of the BPF class (BCC's names and results): kernel and user addresses
to names (resolve.py), user functions of a binary. The modules load on first use, so a tool
that never symbolizes never pays for them."""


class SymbolMethods:
    @staticmethod
    def ksym(addr, show_module=False, show_offset=False):
        """The kernel function at addr as bytes: b"name", b"name+0x1f" (show_offset),
        b"name [kernel]" / b"name [ext4]" (show_module), b"[unknown]" if none."""
        from . import resolve
        return resolve.ksym(addr, show_module, show_offset)

    @staticmethod
    def ksymname(name):
        """The address of kernel symbol `name` (or "module:name"), -1 if unknown."""
        from . import resolve
        return resolve.ksymname(name)

    @staticmethod
    def sym(addr, pid, show_module=False, show_offset=False, demangle=True):
        """The function at user address addr of process pid (pid < 0: the kernel), as
        ksym() formats it; addr may also be a frame of a build-id stack trace."""
        from . import resolve
        return resolve.sym(addr, pid, show_module, show_offset, demangle)

    @staticmethod
    def _sym_cache(pid):
        from . import resolve
        return resolve.SymbolCache(pid)

    @staticmethod
    def add_module(modname):
        """Registers an ELF file to symbolize build-id stack traces with."""
        from . import resolve
        return resolve.add_module(modname)

    @staticmethod
    def get_user_functions_and_addresses(name, sym_re):
        from . import resolve
        return resolve.get_user_functions_and_addresses(name, sym_re)

    @staticmethod
    def get_user_functions(name, sym_re):
        from . import resolve
        return set(fn for fn, _addr in resolve.get_user_functions_and_addresses(name, sym_re))

    @staticmethod
    def get_user_addresses(name, sym_re):
        from . import resolve
        return set(addr for _fn, addr in resolve.get_user_functions_and_addresses(name, sym_re))
