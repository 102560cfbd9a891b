"""BCC accepts str or bytes for names and program text; tracekit works in str internally and
returns bytes where BCC does."""


def to_str(value):
    if value is None:
        return ""
    if isinstance(value, (bytes, bytearray)):
        return value.decode()
    return str(value)


def to_bytes(value):
    if isinstance(value, bytes):
        return value
    return str(value).encode()
