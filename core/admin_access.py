"""Keeping the admin to the networks named in ADMIN_ALLOWED_NETWORKS."""

from django.conf import settings
from django.core.exceptions import PermissionDenied

from core.client_ip import client_ip, in_networks

# Every path where a staff password can be typed besides the admin itself: Wagtail's front-end
# login (`/_util/login/`, for pages restricted to signed-in users), which signs in the same accounts.
STAFF_LOGIN_PATHS = ["/_util/login/"]


def is_staff_path(path):
    """Whether `path` is the admin or a page where staff sign in."""
    return path.startswith(settings.ADMIN_PATH) or any(path.startswith(login) for login in STAFF_LOGIN_PATHS)


class AdminNetworkMiddleware:
    """Answers 403 for the admin, and every other staff login path, to any address outside the
    allowed networks (none set: all allowed).

    Placed before the session and login machinery, so a refused address cannot even try a password.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        networks = settings.ADMIN_ALLOWED_NETWORKS
        if networks and is_staff_path(request.path_info) and not in_networks(client_ip(request), networks):
            raise PermissionDenied
        return self.get_response(request)
