"""tracekit.tcp (bcc.tcp): TCP state names and header flags, from tracekit.kernel.tcp."""

from .kernel.tcp import (TCPHDR_ACK, TCPHDR_CWR, TCPHDR_ECE, TCPHDR_FIN, TCPHDR_PSH, TCPHDR_RST, TCPHDR_SYN,
                         TCPHDR_URG, flags2str, tcpstate)

__all__ = ["tcpstate", "flags2str", "TCPHDR_FIN", "TCPHDR_SYN", "TCPHDR_RST", "TCPHDR_PSH", "TCPHDR_ACK",
           "TCPHDR_URG", "TCPHDR_ECE", "TCPHDR_CWR"]
