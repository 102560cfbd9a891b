"""Networking helpers for the tools: address formatting and port arguments."""

import argparse
import socket

AF_INET = socket.AF_INET
AF_INET6 = socket.AF_INET6

# TCP states, as the kernel numbers them (include/net/tcp_states.h).
TCP_STATES = {
    1: "ESTABLISHED", 2: "SYN_SENT", 3: "SYN_RECV", 4: "FIN_WAIT1", 5: "FIN_WAIT2",
    6: "TIME_WAIT", 7: "CLOSE", 8: "CLOSE_WAIT", 9: "LAST_ACK", 10: "LISTEN",
    11: "CLOSING", 12: "NEW_SYN_RECV",
}


def address(family, raw):
    """Text form of an IPv4 (first 4 bytes) or IPv6 (16 bytes) address."""
    raw = bytes(raw)
    if family == AF_INET:
        return socket.inet_ntop(AF_INET, raw[:4])
    return socket.inet_ntop(AF_INET6, raw[:16])


def port_list(text):
    """argparse type for "80,443": a list of ports in 1..65535."""
    ports = []
    for part in text.split(","):
        try:
            port = int(part)
        except ValueError:
            raise argparse.ArgumentTypeError("invalid port %r" % part)
        if not 0 < port < 65536:
            raise argparse.ArgumentTypeError("port out of range: %r" % part)
        ports.append(port)
    return ports


def family_filter(args):
    """FILTER_FAMILY for -4/-6 (AF_INET or AF_INET6), None for both families."""
    if getattr(args, "ipv4", False):
        return AF_INET
    if getattr(args, "ipv6", False):
        return AF_INET6
    return None
