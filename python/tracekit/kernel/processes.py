"""Facts about a running process read from /proc: which language runtime it runs."""

import os

# Libraries that give a runtime away when the executable's name does not (an embedded JVM,
# a python3.11 binary called "myapp", node built as a shared library...).
_LANGUAGE_LIBRARIES = {
    "java": ("libjvm",),
    "node": ("libnode",),
    "perl": ("libperl",),
    "php": ("libphp",),
    "python": ("libpython",),
    "ruby": ("libruby",),
}


def detect_language(candidates, pid):
    """Which of `candidates` ("c", "java", "node", "perl", "php", "python", "ruby"...) process
    `pid` runs: by the executable's name, else by the runtime library it has mapped. None if
    neither tells."""
    try:
        exe = os.path.basename(os.readlink("/proc/%d/exe" % pid))
    except OSError:
        return None
    for candidate in candidates:
        if exe.startswith(candidate):
            return candidate
    try:
        with open("/proc/%d/maps" % pid) as f:
            mapped = {os.path.basename(line.split()[-1]) for line in f if "/" in line}
    except OSError:
        return None
    for candidate in candidates:
        prefixes = _LANGUAGE_LIBRARIES.get(candidate, ("lib%s" % candidate,))
        if any(name.startswith(prefixes) for name in mapped):
            return candidate
    return None
