"""The table methods of the BPF class: ``b["name"]``, get_table(), and the program's map names."""

from .._text import to_str


class TableMethods:
    def get_table(self, name, keytype=None, leaftype=None, reducer=None):
        """The table for map `name`; keytype/leaftype override the ctypes types taken from
        the program, reducer (per-CPU tables) folds the per-CPU values of each leaf."""
        name = to_str(name)
        custom = keytype is not None or leaftype is not None or reducer is not None
        if custom or name not in self._tables:
            if name not in self._map_meta:
                raise KeyError("no table named '%s' (tables: %s)" % (name, ", ".join(sorted(self._map_meta)) or "none"))
            from .open import make_table
            table = make_table(self, name, self._map_meta[name], keytype, leaftype, reducer)
            if custom:
                return table
            self._tables[name] = table
        return self._tables[name]

    def __getitem__(self, name):
        """b["name"]: the table of map `name` (see get_table)."""
        return self.get_table(name)

    def __contains__(self, name):
        return to_str(name) in self._map_meta

    def __iter__(self):
        """The names of the program's maps."""
        return iter(self._map_meta)

    def __len__(self):
        return len(self._map_meta)
