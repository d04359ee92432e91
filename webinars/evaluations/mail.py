"""The "please evaluate" email (``EmailKind.EVALUATION``), for episodes that require the
evaluation before the certificate. It goes through the registrations room's outbox; this module
only says who is owed it. Where the evaluation is not required, the link rides in the
certificate email instead."""

import datetime

from django.db.models import Q
from django.utils import timezone

from webinars.evaluations.models import DEFAULT_OPEN_DAYS
from webinars.evaluations.service import COUNTED_ATTENDANCE, may_evaluate
from webinars.registrations.mail import queue_email
from webinars.registrations.models import EmailKind, Registration, RegistrationStatus


def queue_evaluation_requests(now=None):
    """Queue the request to evaluate for every attendee of an ended episode that requires the
    evaluation, while it is open, who has neither answered nor been asked. Safe to run as often
    as the reminders (a database constraint sends it once per person); returns how many."""
    now = now or timezone.now()
    due = (
        Registration.objects.filter(
            COUNTED_ATTENDANCE,
            status=RegistrationStatus.CONFIRMED,
            episode__live=True,
            episode__evaluation_required=True,
            episode__end__lte=now,
        )
        .filter(
            Q(episode__evaluation_closes_at__gt=now)
            | Q(
                episode__evaluation_closes_at__isnull=True,
                episode__end__gt=now - datetime.timedelta(days=DEFAULT_OPEN_DAYS),
            )
        )
        .exclude(emails__kind=EmailKind.EVALUATION)
        .filter(evaluation__isnull=True)
        .exclude(email="")
        .select_related("episode", "attendance")
    )
    queued = 0
    for registration in due.iterator():
        if may_evaluate(registration, registration.episode) and registration.episode.evaluation_is_open(now):
            queued += queue_email(registration, EmailKind.EVALUATION) is not None
    return queued
