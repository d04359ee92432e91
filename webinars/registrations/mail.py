"""Every email a participant receives: what is owed, its message, its delivery and the reminders.

An email owed is an OutgoingEmail row written in the same transaction as the change it reports,
plus a task (django-tasks, database backend) that sends it, so an email is never promised for
something that did not happen, a registration costs one commit, and a failing mail server only
delays the email. Should a task be lost anyway, ``requeue_stuck`` (run by ``send_reminders``)
queues every email still pending after a few minutes again.

The messages are Indonesian, HTML with a plain-text part; emails about the event itself carry
the calendar file. Other rooms add a kind by naming its template here (the certificate email is
``certificates/emails/certificate``); its template reads what it needs from the registration.
"""

import datetime
import logging
import smtplib
import socket
from dataclasses import dataclass

from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone

from django_tasks import task

from core.site_address import page_root_url, page_url
from webinars.registrations.links import cancel_url, confirmation_url
from webinars.registrations.models import (
    EmailKind,
    EmailStatus,
    OutgoingEmail,
    Registration,
    RegistrationStatus,
)

logger = logging.getLogger(__name__)

RESEND_INTERVAL = datetime.timedelta(minutes=10)
STUCK_AFTER = datetime.timedelta(minutes=5)
MAX_ATTEMPTS = 8
DELIVERY_ERRORS = (smtplib.SMTPException, OSError, socket.timeout)
# Kinds a database constraint allows once per person (see OutgoingEmail.Meta).
ONCE_ONLY = {EmailKind.REMINDER_DAY, EmailKind.REMINDER_HOUR, EmailKind.EVALUATION}
# Reminders: (kind, opens this long before the start, closes this long before the start).
REMINDER_WINDOWS = [
    (EmailKind.REMINDER_DAY, datetime.timedelta(hours=24), datetime.timedelta(hours=2)),
    (EmailKind.REMINDER_HOUR, datetime.timedelta(hours=1), datetime.timedelta(0)),
]


@dataclass(frozen=True)
class Message:
    """One kind of email: subject and opening sentence ({number}: the series number, {position}:
    the place on the waiting list), its template (without .txt/.html) and whether it carries the
    episode's calendar file."""

    subject: str
    opening: str
    template: str = "registrations/emails/registration"
    with_calendar: bool = False


MESSAGES = {
    EmailKind.CONFIRMATION: Message(
        "Pendaftaran Anda: ASN Adaptif Seri ke-{number}",
        "Pendaftaran Anda untuk Webinar ASN Adaptif Seri ke-{number} sudah kami terima.",
        with_calendar=True,
    ),
    EmailKind.WAITLISTED: Message(
        "Daftar tunggu ASN Adaptif Seri ke-{number}",
        "Kuota Webinar ASN Adaptif Seri ke-{number} sudah penuh. Anda berada di daftar tunggu, "
        "urutan ke-{position}. Kami akan mengabari Anda bila ada tempat.",
    ),
    EmailKind.PROMOTED: Message(
        "Anda mendapat tempat di ASN Adaptif Seri ke-{number}",
        "Kabar baik: ada peserta yang membatalkan, dan Anda kini terdaftar di Webinar ASN Adaptif "
        "Seri ke-{number}.",
        with_calendar=True,
    ),
    EmailKind.CANCELLED: Message(
        "Pendaftaran ASN Adaptif Seri ke-{number} dibatalkan",
        "Pendaftaran Anda untuk Webinar ASN Adaptif Seri ke-{number} sudah dibatalkan.",
    ),
    EmailKind.REMINDER_DAY: Message(
        "Besok: ASN Adaptif Seri ke-{number}",
        "Pengingat: Webinar ASN Adaptif Seri ke-{number} berlangsung besok.",
        with_calendar=True,
    ),
    EmailKind.REMINDER_HOUR: Message(
        "Satu jam lagi: ASN Adaptif Seri ke-{number}",
        "Pengingat: Webinar ASN Adaptif Seri ke-{number} dimulai satu jam lagi.",
    ),
    EmailKind.CERTIFICATE: Message(
        "Sertifikat Anda: ASN Adaptif Seri ke-{number}",
        "Terima kasih telah mengikuti Webinar ASN Adaptif Seri ke-{number}. Sertifikat Anda sudah terbit.",
        template="certificates/emails/certificate",
    ),
    EmailKind.EVALUATION: Message(
        "Mohon isi evaluasi: ASN Adaptif Seri ke-{number}",
        "Terima kasih telah mengikuti Webinar ASN Adaptif Seri ke-{number}. Mohon isi evaluasinya: "
        "sertifikat episode ini terbit setelah Anda mengisi evaluasi.",
        template="evaluations/emails/evaluation",
    ),
}


# Owing an email
# --------------


def queue_email(registration, kind, throttle=False):
    """Record that this email is owed and queue its delivery; returns the OutgoingEmail or None.

    With throttle (a resend asked for by submitting the form again), at most one resend goes
    out in a few minutes, so nobody can flood a participant's inbox through the form. None also
    when a once-only kind (a reminder) was already owed to this person.
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
    """Queue the background task that sends this email, now or at run_after."""
    if run_after is None:
        deliver_email.enqueue(email_id)
    elif deliver_email.get_backend().supports_defer:
        deliver_email.using(run_after=run_after).enqueue(email_id)
    # Otherwise `send_reminders` queues it again once its retry time has passed.


def requeue_stuck(now=None):
    """Queue again every pending email whose retry time has passed (after a worker restart).

    Returns how many were queued.
    """
    now = now or timezone.now()
    # Emails only just queued are left to the task that was enqueued with them.
    stuck = OutgoingEmail.objects.filter(
        status=EmailStatus.PENDING, created_at__lte=now - STUCK_AFTER
    ).exclude(next_attempt_at__gt=now)
    ids = list(stuck.values_list("pk", flat=True))
    for email_id in ids:
        enqueue_delivery(email_id)
    return len(ids)


def queue_due_reminders(now=None):
    """Queue the reminders due now: the day before and one hour before each live episode starts.

    Safe to run as often as you like: a person gets each reminder once (a database constraint
    on OutgoingEmail), so a cron line or a loop every few minutes will do. Returns how many
    were queued.
    """
    now = now or timezone.now()
    queued = 0
    for kind, opens_before, closes_before in REMINDER_WINDOWS:
        due = (
            Registration.objects.filter(
                status=RegistrationStatus.CONFIRMED,
                episode__live=True,
                episode__start__lte=now + opens_before,
                episode__start__gt=now + closes_before,
            )
            .exclude(emails__kind=kind)
            .select_related("episode")
        )
        if kind == EmailKind.REMINDER_DAY:
            # Someone who registered inside the last day has just had the confirmation.
            due = due.filter(created_at__lte=now - datetime.timedelta(hours=12))
        for registration in due.iterator():
            queued += queue_email(registration, kind) is not None
    return queued


# The message
# -----------


def build_message(email):
    """The EmailMultiAlternatives for this OutgoingEmail: text and HTML parts, and the calendar
    file (with the private Zoom link) for emails about the event itself."""
    registration = email.registration
    episode = registration.episode
    message_kind = MESSAGES[email.kind]
    context = {
        "kind": email.kind,
        "registration": registration,
        "episode": episode,
        "site_url": page_root_url(episode),
        "episode_url": page_url(episode),
        "confirmation_url": confirmation_url(registration),
        "cancel_url": cancel_url(registration),
        "opening": message_kind.opening.format(
            number=episode.series_number, position=registration.waitlist_position()
        ),
    }
    message = EmailMultiAlternatives(
        subject=message_kind.subject.format(number=episode.series_number),
        body=render_to_string(f"{message_kind.template}.txt", context),
        to=[registration.email],
    )
    message.attach_alternative(render_to_string(f"{message_kind.template}.html", context), "text/html")
    if message_kind.with_calendar:
        message.attach(
            f"asn-adaptif-seri-{episode.series_number}.ics",
            episode.calendar_file(page_root_url(episode), private_details=True),
            "text/calendar",
        )
    return message


# Delivery
# --------


def retry_delay(attempts):
    """1, 2, 4 … minutes, at most two hours: a mail server back within hours loses nothing."""
    return datetime.timedelta(minutes=min(2 ** (attempts - 1), 120))


@task()
def deliver_email(email_id):
    """Send one owed email (background task). Returns its status, or "skipped" when it was
    already sent or another worker has it. A failure is kept on the row and retried later."""
    with transaction.atomic():
        email = (
            OutgoingEmail.objects.select_for_update(skip_locked=True)
            .select_related("registration__episode")
            .filter(pk=email_id, status=EmailStatus.PENDING)
            .first()
        )
        if email is None:
            return "skipped"
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
