"""The address a request came from, as far as this server can trust it.

Behind a reverse proxy every request arrives from the proxy, and the client's address is in
X-Forwarded-For, which anyone can also send themselves. The header is therefore read only when
the request comes from one of TRUSTED_PROXIES, and only the entries those proxies appended are
believed: walking from the right, the first address that is not a trusted proxy is the client.
"""

import ipaddress

from django.conf import settings


def in_networks(address, networks):
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in networks)


def client_ip(request):
    remote = request.META.get("REMOTE_ADDR", "")
    proxies = settings.TRUSTED_PROXIES
    if not proxies or not in_networks(remote, proxies):
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    for address in reversed(forwarded):
        if not in_networks(address, proxies):
            try:
                return str(ipaddress.ip_address(address))
            except ValueError:
                return remote  # not written by our proxy: nothing left of it can be believed
    return remote
