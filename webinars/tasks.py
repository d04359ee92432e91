"""Background work for registrations and certificates, run by the django-tasks database worker."""

import datetime
import logging
import smtplib
import socket

from django.db import transaction
from django.utils import timezone

from django_tasks import task

from webinars.emails import build_message
from webinars.models import EmailStatus, OutgoingEmail
from webinars.outbox import enqueue_delivery

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 8
DELIVERY_ERRORS = (smtplib.SMTPException, OSError, socket.timeout)


def retry_delay(attempts):
    """1, 2, 4 … minutes, at most two hours: a mail server back within hours loses nothing."""
    return datetime.timedelta(minutes=min(2 ** (attempts - 1), 120))


@task()
def deliver_email(email_id):
    with transaction.atomic():
        email = (
            OutgoingEmail.objects.select_for_update(skip_locked=True)
            .select_related("registration__episode")
            .filter(pk=email_id, status=EmailStatus.PENDING)
            .first()
        )
        if email is None:
            return "skipped"  # already sent, or another worker has it
        email.attempts += 1
        try:
            build_message(email).send()
        except DELIVERY_ERRORS as error:
            # Only the error's type and SMTP code are kept: messages can quote the address.
            email.last_error = f"{type(error).__name__} {getattr(error, 'smtp_code', '')}".strip()
            if email.attempts >= MAX_ATTEMPTS:
                email.status = EmailStatus.FAILED
                email.next_attempt_at = None
            else:
                email.next_attempt_at = timezone.now() + retry_delay(email.attempts)
                run_after = email.next_attempt_at
                transaction.on_commit(lambda: enqueue_delivery(email_id, run_after=run_after))
            email.save(update_fields=["attempts", "last_error", "status", "next_attempt_at"])
            # Named by its id alone, like the row's error: logs outlive the retention period.
            logger.warning(
                "Email %s (%s) not delivered, attempt %s: %s",
                email.pk,
                email.kind,
                email.attempts,
                email.last_error,
            )
            return email.status
        email.status = EmailStatus.SENT
        email.sent_at = timezone.now()
        email.last_error = ""
        email.next_attempt_at = None
        email.save(update_fields=["attempts", "last_error", "status", "next_attempt_at", "sent_at"])
        return email.status


@task()
def issue_certificates(run_id):
    from webinars.issuing import run_issuing

    run = run_issuing(run_id)
    return {"issued": run.issued, "processed": run.processed}
