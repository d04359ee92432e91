"""Wagtail finds an app's hooks here only: each room's own wagtail_hooks module registers its
admin viewsets, permission policies, log actions and admin-home sections."""

from webinars.attendance import wagtail_hooks as attendance_hooks  # noqa: F401
from webinars.certificates import wagtail_hooks as certificate_hooks  # noqa: F401
from webinars.episodes import wagtail_hooks as episode_hooks  # noqa: F401
from webinars.evaluations import wagtail_hooks as evaluation_hooks  # noqa: F401
from webinars.registrations import wagtail_hooks as registration_hooks  # noqa: F401
