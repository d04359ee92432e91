"""Signed links that let a participant see or cancel their registration without an account.

A token is the registration code followed by an HMAC of it (keyed by SECRET_KEY): it carries no
personal data, cannot be guessed from the code, and uses only characters Wagtail's URLs allow.
"""

from django.utils.crypto import constant_time_compare, salted_hmac

from core.site_address import page_root_url
from webinars.registrations.models import CODE_LENGTH

CONFIRMATION_SALT = "webinars.registration.confirmation"
CANCEL_SALT = "webinars.registration.cancel"


def _signature(code, salt):
    return salted_hmac(salt, code, algorithm="sha256").hexdigest()[:32]


def make_token(registration, salt):
    return registration.code + _signature(registration.code, salt)


def read_token(token, salt):
    """The registration code in a token, or None when the token was not made by this site."""
    code, signature = token[:CODE_LENGTH], token[CODE_LENGTH:]
    if len(code) == CODE_LENGTH and constant_time_compare(signature, _signature(code, salt)):
        return code
    return None


def subpage_path(registration, route, salt, request=None):
    """The sub-route's path on the episode's Site ('/webinar/seri-41/daftar/selesai/<token>/'),
    also when several Sites exist (where Wagtail's page.url becomes a full URL)."""
    episode = registration.episode
    _site_id, _origin, page_path = episode.get_url_parts(request)
    return page_path + episode.reverse_subpage(route, args=[make_token(registration, salt)])


def confirmation_path(registration, request=None):
    return subpage_path(registration, "registration_done", CONFIRMATION_SALT, request)


def cancel_path(registration, request=None):
    return subpage_path(registration, "registration_cancel", CANCEL_SALT, request)


def confirmation_url(registration):
    """The confirmation page's absolute URL on the Site serving the episode (for emails)."""
    return page_root_url(registration.episode) + confirmation_path(registration)


def cancel_url(registration):
    return page_root_url(registration.episode) + cancel_path(registration)
