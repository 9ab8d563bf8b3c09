"""Which host addresses a WebRTC peer offers as ICE candidates.

aioice (under aiortc) gathers a host candidate on every interface address except loopback,
so on a machine, container or network namespace with loopback only a call cannot connect.
`offer_loopback_candidates()` adds 127.0.0.1 to that list for the whole process (every peer
connection made after it, server and test callers alike). It is off by default
(`webrtc_loopback_candidates`): a real caller is never on the server's loopback.
"""
from __future__ import annotations

from typing import Callable

LOOPBACK = "127.0.0.1"
_original: Callable[..., list[str]] | None = None


def offer_loopback_candidates() -> None:
    """From now on, aioice also offers 127.0.0.1 (idempotent)."""
    global _original
    import aioice.ice

    if _original is not None:
        return
    _original = aioice.ice.get_host_addresses

    def with_loopback(use_ipv4: bool, use_ipv6: bool) -> list[str]:
        addresses = _original(use_ipv4=use_ipv4, use_ipv6=use_ipv6)
        return ([LOOPBACK] if use_ipv4 and LOOPBACK not in addresses else []) + addresses

    aioice.ice.get_host_addresses = with_loopback


def host_addresses() -> list[str]:
    """The addresses aioice will offer now."""
    import aioice.ice

    return aioice.ice.get_host_addresses(use_ipv4=True, use_ipv6=False)


def interface_addresses() -> list[str]:
    """The machine's own (non-loopback) addresses that aioice would offer, loopback option or not."""
    import aioice.ice

    gather = _original or aioice.ice.get_host_addresses
    return gather(use_ipv4=True, use_ipv6=True)
