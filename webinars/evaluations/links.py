"""The signed link to a participant's evaluation: /webinar/<slug>/evaluasi/<token>/.

The token is made like the registration's own links (webinars/registrations/links.py): the
registration code and an HMAC of it under this room's salt, so it carries no personal data and
the confirmation link cannot be turned into this one.
"""

from core.site_address import page_root_url
from webinars.registrations.links import read_token, subpage_path

EVALUATION_SALT = "webinars.evaluation"


def evaluation_path(registration, request=None):
    """The evaluation page's path on the episode's Site ('/webinar/seri-41/evaluasi/<token>/')."""
    return subpage_path(registration, "evaluation", EVALUATION_SALT, request)


def evaluation_url(registration):
    """The evaluation page's absolute URL on the Site serving the episode (for emails)."""
    return page_root_url(registration.episode) + evaluation_path(registration)


def registration_code(token):
    """The registration code in an evaluation token, or None when this site did not make it."""
    return read_token(token, EVALUATION_SALT)
