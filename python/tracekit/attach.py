"""The attachments of a BPF object, keyed like BCC's (``p_<event>``, ``r_<event>``,
``<category>:<event>``...), so that detach_* and num_open_* behave as BCC's do."""


class AttachRegistry:
    def __init__(self):
        self._links = {}  # (kind, key) -> [native Link]

    def add(self, kind, key, link):
        self._links.setdefault((kind, key), []).append(link)

    def remove(self, kind, key):
        links = self._links.pop((kind, key), None)
        if links is None:
            raise ValueError("%s %s is not attached" % (kind, key))
        for link in links:
            link.close()

    def has(self, kind, key):
        return (kind, key) in self._links

    def count(self, *kinds):
        return sum(len(v) for (kind, _), v in self._links.items() if kind in kinds)

    def descriptions(self):
        return [link.description for links in self._links.values() for link in links]

    def close_all(self):
        for links in self._links.values():
            for link in links:
                link.close()
        self._links.clear()
