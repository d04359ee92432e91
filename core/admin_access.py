"""Keeping the admin to the networks named in ADMIN_ALLOWED_NETWORKS."""

from django.conf import settings
from django.core.exceptions import PermissionDenied

from core.client_ip import client_ip, in_networks


class AdminNetworkMiddleware:
    """Answers 403 for the admin to any address outside the allowed networks (none set: all allowed).

    Placed before the session and login machinery, so a refused address cannot even try a password.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        networks = settings.ADMIN_ALLOWED_NETWORKS
        if (
            networks
            and request.path_info.startswith(settings.ADMIN_PATH)
            and not in_networks(client_ip(request), networks)
        ):
            raise PermissionDenied
        return self.get_response(request)
