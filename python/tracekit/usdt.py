"""tracekit.usdt (bcc.usdt): BCC's USDT class and probe descriptions, from tracekit.probes.usdt."""

from .probes.usdt import USDT, USDTProbe, USDTProbeArgument, USDTProbeLocation

__all__ = ["USDT", "USDTProbe", "USDTProbeArgument", "USDTProbeLocation"]
