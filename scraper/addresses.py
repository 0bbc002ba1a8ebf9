"""The address rule: where a link or redirect may lead.

Link-local addresses (cloud metadata services live there) are never fetched; a public
host never leads to a loopback or private one. Seeds on loopback or private addresses
are allowed: that is how tests and local mirrors run.
"""

from __future__ import annotations

import ipaddress
import socket
from functools import lru_cache

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


_NAT64 = ipaddress.ip_network("64:ff9b::/96")


def unwrapped(ip: IPAddress) -> IPAddress:
    """The IPv4 address an IPv6 one carries, when it carries one: IPv4-mapped
    (::ffff:169.254.169.254), IPv4-compatible, NAT64, 6to4 and Teredo all reach it, so
    the rule judges it, not its wrapping."""
    if isinstance(ip, ipaddress.IPv4Address):
        return ip
    if ip.ipv4_mapped:
        return ip.ipv4_mapped
    if ip.sixtofour:
        return ip.sixtofour
    if ip.teredo:
        return ip.teredo[1]
    if ip in _NAT64 or (int(ip) >> 32 == 0 and int(ip) > 1):  # NAT64, or ::a.b.c.d
        return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    return ip


@lru_cache(maxsize=4096)
def resolve(host: str) -> tuple[IPAddress, ...]:
    """Every address a host name resolves to, embedded IPv4 unwrapped (empty when it does
    not resolve)."""
    try:
        return (unwrapped(ipaddress.ip_address(host.strip("[]"))),)
    except ValueError:
        pass
    try:
        infos = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError):
        return ()
    return tuple(dict.fromkeys(unwrapped(ipaddress.ip_address(str(info[4][0]).split("%")[0]))
                               for info in infos))


def is_internal(ip: IPAddress) -> bool:
    """Loopback, private, link-local or otherwise not on the public internet."""
    return not ip.is_global


def address_refusal(target: tuple[IPAddress, ...], origin: tuple[IPAddress, ...] | None) -> str:
    """Why a request to `target` must not be made ('' when it may).

    `origin` is the addresses of the page that linked or redirected here, or None for a seed.
    """
    if any(ip.is_link_local for ip in target):
        return "link-local address"
    public_origin = origin is not None and not any(is_internal(ip) for ip in origin)
    if public_origin and any(is_internal(ip) for ip in target):
        return "public host leads to a private address"
    return ""
