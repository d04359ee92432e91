"""Participants' personal data: how long it is kept, and what a person may ask for.

Registrations are never deleted: the figures of past episodes are counted from them, and
certificates keep their own copy of the name. Anonymising blanks every personal field in place
with values that still satisfy the table's constraints (one row per email and per NIP per
episode), keeps what the statistics need (episode, status, participant type, regency, dates),
and records when it happened.
"""

import datetime

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import BigIntegerField, Case, CharField, F, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Cast, Concat, Lower
from django.utils import timezone

from wagtail.models import ModelLogEntry

from webinars.registrations.models import EmailStatus, OutgoingEmail, Registration, RegistrationStatus
from webinars.registrations.service import cancel

ANONYMOUS_NAME = "Peserta dianonimkan"
# .invalid can never be a real address (RFC 2606), and the code keeps each row's email unique.
ANONYMOUS_DOMAIN = "anonim.invalid"
ANONYMOUS_NIP_PREFIX = "ANON"
BATCH_SIZE = 500


def retention_cutoff(now=None):
    """Registrations for episodes that ended before this are past the retention period."""
    return (now or timezone.now()) - datetime.timedelta(days=settings.REGISTRATION_RETENTION_DAYS)


def past_retention(now=None):
    return Registration.objects.filter(anonymised_at__isnull=True, episode__end__lt=retention_cutoff(now))


def anonymise(registrations, now=None):
    """Blank the personal fields of these registrations; returns how many were changed.

    Idempotent: rows already anonymised are left as they are. Emails still waiting to go out are
    stopped (there is no address any more), and the admin history keeps only the code.
    """
    now = now or timezone.now()
    ids = list(registrations.filter(anonymised_at__isnull=True).values_list("pk", flat=True))
    for start in range(0, len(ids), BATCH_SIZE):
        _anonymise_batch(ids[start : start + BATCH_SIZE], now)
    return len(ids)


def _anonymise_batch(ids, now):
    with transaction.atomic():
        Registration.objects.filter(pk__in=ids, anonymised_at__isnull=True).update(
            full_name=ANONYMOUS_NAME,
            email=Concat(Value("anonim-"), Lower("code"), Value(f"@{ANONYMOUS_DOMAIN}")),
            whatsapp="",
            nip=Case(
                When(nip__isnull=True, then=None),
                default=Concat(Value(ANONYMOUS_NIP_PREFIX), F("code")),
                output_field=CharField(),
            ),
            agency="",
            position="",
            anonymised_at=now,
            updated_at=now,
        )
        # An evaluation's comment is free text that may name the person; the ratings stay, so the
        # results do not change. Reached through the relation: evaluations build on this room.
        evaluations = Registration._meta.get_field("evaluation").related_model.objects
        evaluations.filter(registration_id__in=ids).update(comment="")
        OutgoingEmail.objects.filter(registration_id__in=ids, status=EmailStatus.PENDING).update(
            status=EmailStatus.FAILED, next_attempt_at=None, last_error="Dianonimkan"
        )
        # Entries written before history was labelled by code alone carried "code · name".
        codes = Registration.objects.filter(pk=Cast(OuterRef("object_id"), BigIntegerField())).values("code")
        ModelLogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(Registration),
            object_id__in=[str(pk) for pk in ids],
        ).update(label=Subquery(codes))


def find_person(email="", nip=""):
    """Every registration of one person, by email (any case) or NIP, across all episodes."""
    match = Q()
    if email.strip():
        match |= Q(email__iexact=email.strip())
    if nip.strip():
        match |= Q(nip=nip.strip())
    if not match:
        return Registration.objects.none()
    return (
        Registration.objects.filter(match, anonymised_at__isnull=True)
        .select_related("episode", "attendance", "certificate")
        .order_by("created_at")
    )


def export(registrations):
    """What the site holds about a person, for their request under UU No. 27/2022."""
    return {
        "exported_at": timezone.now().isoformat(),
        "registrations": [
            {
                "code": registration.code,
                "episode": registration.episode.title,
                "episode_series_number": registration.episode.series_number,
                "episode_start": registration.episode.start.isoformat(),
                "status": registration.status,
                "full_name": registration.full_name,
                "email": registration.email,
                "whatsapp": registration.whatsapp,
                "participant_type": registration.participant_type,
                "nip": registration.nip,
                "agency": registration.agency,
                "position": registration.position,
                "regency": registration.regency,
                "consented_at": registration.consented_at.isoformat(),
                "registered_at": registration.created_at.isoformat(),
                "cancelled_at": registration.cancelled_at.isoformat() if registration.cancelled_at else None,
                "attendance": _attendance(registration),
                "certificate": _certificate(registration),
                "evaluation": _evaluation(registration),
                "emails": [
                    {
                        "kind": email.kind,
                        "status": email.status,
                        "sent_at": email.sent_at and email.sent_at.isoformat(),
                    }
                    for email in registration.emails.order_by("created_at")
                ],
            }
            for registration in registrations
        ],
    }


def _attendance(registration):
    attendance = getattr(registration, "attendance", None)
    if attendance is None:
        return None
    return {
        "checked_in_at": attendance.checked_in_at and attendance.checked_in_at.isoformat(),
        "minutes": attendance.minutes,
        "marked_by_hand": attendance.marked_by_hand,
    }


def _certificate(registration):
    certificate = getattr(registration, "certificate", None)
    if certificate is None:
        return None
    return {
        "number": certificate.number,
        "full_name": certificate.full_name,
        "jp": certificate.jp,
        "status": certificate.status,
        "issued_at": certificate.issued_at.isoformat(),
    }


def _evaluation(registration):
    evaluation = getattr(registration, "evaluation", None)
    if evaluation is None:
        return None
    return {
        "answered_at": evaluation.created_at.isoformat(),
        "changed_at": evaluation.updated_at.isoformat(),
        "comment": evaluation.comment,
        "answers": [
            {"question": answer.question.text, "about": answer.speaker_name or None, "value": answer.value}
            for answer in evaluation.answers.select_related("question").order_by("pk")
        ],
    }


def erase(registrations, now=None):
    """A person's request to delete their data: give up places not yet used, then anonymise."""
    now = now or timezone.now()
    for registration in registrations.filter(episode__end__gt=now).exclude(
        status=RegistrationStatus.CANCELLED
    ):
        cancel(registration)  # the seat goes to the waiting list
    return anonymise(registrations, now)
