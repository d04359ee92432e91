"""Reminder emails the day before and one hour before an episode starts.

`queue_due_reminders` is safe to run as often as you like: a person gets each reminder once
(a database constraint on OutgoingEmail), so a cron line or a loop every few minutes will do.
"""

import datetime

from django.utils import timezone

from webinars.models import EmailKind, EpisodePage, Registration, RegistrationStatus
from webinars.outbox import queue_email

# (kind, opens this long before the start, closes this long before the start)
WINDOWS = [
    (EmailKind.REMINDER_DAY, datetime.timedelta(hours=24), datetime.timedelta(hours=2)),
    (EmailKind.REMINDER_HOUR, datetime.timedelta(hours=1), datetime.timedelta(0)),
]


def queue_due_reminders(now=None):
    now = now or timezone.now()
    queued = 0
    for kind, opens_before, closes_before in WINDOWS:
        episodes = EpisodePage.objects.live().filter(
            start__lte=now + opens_before, start__gt=now + closes_before
        )
        due = (
            Registration.objects.filter(episode__in=episodes, status=RegistrationStatus.CONFIRMED)
            .exclude(emails__kind=kind)
            .select_related("episode")
        )
        if kind == EmailKind.REMINDER_DAY:
            # Someone who registered inside the last day has just had the confirmation.
            due = due.filter(created_at__lte=now - datetime.timedelta(hours=12))
        for registration in due.iterator():
            queued += queue_email(registration, kind) is not None
    return queued
