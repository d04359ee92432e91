"""The signed link to a participant's evaluation: /webinar/<slug>/evaluasi/<token>/.

The token is made like the registration's own links (webinars/registrations/links.py): the
registration code and an HMAC of it under this room's salt, so it carries no personal data and
the confirmation link cannot be turned into this one.
"""

from django.conf import settings

from webinars.registrations.links import make_token, read_token

EVALUATION_SALT = "webinars.evaluation"


def evaluation_path(registration):
    episode = registration.episode
    return episode.url + episode.reverse_subpage(
        "evaluation", args=[make_token(registration, EVALUATION_SALT)]
    )


def evaluation_url(registration):
    return settings.SITE_URL + evaluation_path(registration)


def registration_code(token):
    """The registration code in an evaluation token, or None when this site did not make it."""
    return read_token(token, EVALUATION_SALT)
