"""The network address a login came from, as the login throttle counts it."""
import ipaddress

# Everything that is not an address shares this one count: behind a proxy that passes on the client's own
# X-Forwarded-For, whatever the client wrote there must neither break the login nor buy it a fresh count.
UNREADABLE_ADDRESS = "unreadable"
# A subscriber usually holds a whole IPv6 /64 and can change addresses inside it at will.
IPV6_PREFIX = 64


def throttle_address(raw: str | None) -> str:
    """IPv4 in its usual form, IPv6 as its /64 network (an IPv4-mapped one as the IPv4 address), anything else as
    UNREADABLE_ADDRESS. At most 43 characters, so it always fits its column."""
    try:
        address = ipaddress.ip_address((raw or "").strip())
    except ValueError:
        return UNREADABLE_ADDRESS
    if isinstance(address, ipaddress.IPv6Address):
        if address.ipv4_mapped is not None:
            return str(address.ipv4_mapped)
        # int() drops a zone (fe80::1%eth0), whose name can be of any length.
        return str(ipaddress.IPv6Network((int(address), IPV6_PREFIX), strict=False))
    return str(address)
