"""Queueing participant emails: a row for the email and a task to send it.

Both are written in the same transaction as the registration change they report (the task
backend is the database), so an email is never promised for something that did not happen, a
registration costs one commit, and a failing mail server only delays the email. Should a task be
lost anyway, `send_reminders` queues every email still pending after a few minutes again.
"""

import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone

from webinars.models import EmailKind, EmailStatus, OutgoingEmail

RESEND_INTERVAL = datetime.timedelta(minutes=10)
STUCK_AFTER = datetime.timedelta(minutes=5)
# Kinds a database constraint allows once per person (see OutgoingEmail.Meta).
ONCE_ONLY = {EmailKind.REMINDER_DAY, EmailKind.REMINDER_HOUR}


def queue_email(registration, kind, throttle=False):
    """Record that this email is owed and queue its delivery in the background.

    With throttle (a resend asked for by submitting the form again), at most one resend goes
    out in a few minutes, so nobody can flood a participant's inbox through the form.
    """
    if throttle:
        recent = OutgoingEmail.objects.filter(
            registration=registration, kind=kind, created_at__gte=timezone.now() - RESEND_INTERVAL
        )
        if recent.count() >= 2:
            return None
    if kind in ONCE_ONLY:
        try:
            with transaction.atomic():
                email = record_email(registration, kind)
        except IntegrityError:
            return None  # this person already has this reminder
    else:
        email = record_email(registration, kind)
    enqueue_delivery(email.pk)
    return email


def record_email(registration, kind):
    """The row saying this email is owed; the caller queues its delivery with enqueue_delivery()."""
    return OutgoingEmail.objects.create(registration=registration, kind=kind)


def enqueue_delivery(email_id, run_after=None):
    from webinars.tasks import deliver_email

    if run_after is None:
        deliver_email.enqueue(email_id)
    elif deliver_email.get_backend().supports_defer:
        deliver_email.using(run_after=run_after).enqueue(email_id)
    # Otherwise `send_reminders` queues it again once its retry time has passed.


def requeue_stuck(now=None):
    """Queue again every pending email whose retry time has passed (after a worker restart)."""
    now = now or timezone.now()
    # Emails only just queued are left to the task that was enqueued with them.
    stuck = OutgoingEmail.objects.filter(
        status=EmailStatus.PENDING, created_at__lte=now - STUCK_AFTER
    ).exclude(next_attempt_at__gt=now)
    ids = list(stuck.values_list("pk", flat=True))
    for email_id in ids:
        enqueue_delivery(email_id)
    return len(ids)
