"""Taking, cancelling and restoring registrations without losing or doubling anyone.

Seats are counted in EpisodeSeats. A seat is claimed with one conditional UPDATE
(confirmed < capacity) at the end of a short transaction, so concurrent requests queue on that
row only for an instant, and the count can never pass the capacity.
"""

from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.db.models.functions import Lower
from django.utils import timezone

from webinars.registrations.mail import enqueue_delivery, queue_email, record_email
from webinars.registrations.models import EmailKind, EpisodeSeats, Registration, RegistrationStatus


class RegistrationClosed(Exception):
    pass


class EpisodeFull(Exception):
    """No seat left and the episode keeps no waiting list."""


@dataclass(frozen=True)
class Outcome:
    registration: Registration
    already_registered: bool = False

    @property
    def waitlist_position(self):
        return self.registration.waitlist_position()


def find_existing(episode, email, nip):
    # LOWER(email) matches the unique index, so a rush of checks stays an index lookup.
    match = Q(email_lower=email.lower())
    if nip:
        match |= Q(nip=nip)
    registrations = Registration.objects.alias(email_lower=Lower("email"))
    return registrations.filter(match, episode=episode).order_by("created_at").first()


def register(episode, data, now=None):
    """Register one person. The same person again (email or NIP) gets their existing place."""
    if not episode.registration_is_open(now):
        raise RegistrationClosed
    # Most submissions in a rush are new people: the unique constraints find the others, so the
    # common case costs no look-up first.
    try:
        with transaction.atomic():
            registration = Registration.objects.create(
                episode=episode, consented_at=timezone.now(), status=RegistrationStatus.CONFIRMED, **data
            )
            email = record_email(registration, EmailKind.CONFIRMATION)
            # The seat is claimed last: every registration queues on the seat row, so it stays
            # locked only for the task's insert and the commit. Claimed first, the lock held the
            # benchmark to about 180 registrations a second; claimed last, 205 to 230.
            if not _claim_seat(episode):
                if not episode.waiting_list_enabled:
                    raise EpisodeFull
                registration.status = RegistrationStatus.WAITLISTED
                registration.save(update_fields=["status"])
                email.kind = EmailKind.WAITLISTED
                email.save(update_fields=["kind"])
            enqueue_delivery(email.pk)
    except (IntegrityError, EpisodeFull):
        # Already registered (perhaps by a concurrent submission of their own, which is the one
        # kept), cancelled earlier, or new to a full episode.
        existing = find_existing(episode, data["email"], data.get("nip"))
        if existing is None:
            raise
        if existing.status != RegistrationStatus.CANCELLED:
            return _already_registered(existing)
        return Outcome(_reactivate(existing, data))
    return Outcome(registration)


def _already_registered(registration):
    # The confirmation goes again to the address on file, never to whoever typed the form.
    kind = (
        EmailKind.WAITLISTED
        if registration.status == RegistrationStatus.WAITLISTED
        else EmailKind.CONFIRMATION
    )
    queue_email(registration, kind, throttle=True)
    return Outcome(registration, already_registered=True)


def _seat_or_waiting_list(episode):
    """Inside the caller's transaction: a seat, or a waiting-list place, or EpisodeFull."""
    if _claim_seat(episode):
        return RegistrationStatus.CONFIRMED, EmailKind.CONFIRMATION
    if episode.waiting_list_enabled:
        return RegistrationStatus.WAITLISTED, EmailKind.WAITLISTED
    raise EpisodeFull


def _place(registration):
    """Give a cancelled registration a seat or a waiting-list place again, at the back of the queue."""
    registration.status, kind = _seat_or_waiting_list(registration.episode)
    registration.cancelled_at = None
    registration.queued_at = timezone.now()
    registration.save(update_fields=["status", "cancelled_at", "queued_at", "updated_at"])
    queue_email(registration, kind)


def _claim_seat(episode):
    """One seat if one is free: a conditional UPDATE, so the count can never pass the capacity."""
    for _attempt in range(2):
        seats = EpisodeSeats.objects.filter(episode=episode)
        if episode.capacity is not None:
            seats = seats.filter(confirmed__lt=episode.capacity)
        if seats.update(confirmed=F("confirmed") + 1):
            return True
        # No row matched: the episode is full, or this is its first registration (perhaps being
        # made concurrently: get_or_create then waits for the other one and returns its row).
        seats, created = EpisodeSeats.objects.get_or_create(episode=episode)
        if not created and episode.capacity is not None and seats.confirmed >= episode.capacity:
            return False
    return False


def _reactivate(registration, data):
    with transaction.atomic():
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        for field, value in data.items():
            setattr(registration, field, value)
        registration.consented_at = timezone.now()
        registration.save()
        if registration.status == RegistrationStatus.CANCELLED:
            _place(registration)
    return registration


def restore(registration):
    """Undo a cancellation (by the registrar): a seat if one is free, else the waiting list."""
    with transaction.atomic():
        registration = (
            Registration.objects.select_for_update().select_related("episode").get(pk=registration.pk)
        )
        if registration.status == RegistrationStatus.CANCELLED:
            _place(registration)
    return registration


def cancel(registration):
    """Cancel a place; a freed seat goes to the first person on the waiting list."""
    with transaction.atomic():
        registration = (
            Registration.objects.select_for_update().select_related("episode").get(pk=registration.pk)
        )
        if registration.status == RegistrationStatus.CANCELLED:
            return registration
        held_seat = registration.status == RegistrationStatus.CONFIRMED
        registration.status = RegistrationStatus.CANCELLED
        registration.cancelled_at = timezone.now()
        registration.save(update_fields=["status", "cancelled_at", "updated_at"])
        queue_email(registration, EmailKind.CANCELLED)
        if held_seat:
            EpisodeSeats.objects.filter(episode=registration.episode).update(confirmed=F("confirmed") - 1)
    fill_open_seats(registration.episode)
    return registration


def fill_open_seats(episode):
    """Move people from the waiting list into free seats, first come first served."""
    if episode.end < timezone.now():
        return 0
    promoted = 0
    while True:
        with transaction.atomic():
            candidate = (
                Registration.objects.select_for_update(skip_locked=True)
                .filter(episode=episode, status=RegistrationStatus.WAITLISTED)
                .order_by("queued_at", "pk")
                .first()
            )
            if candidate is None or not _claim_seat(episode):
                return promoted
            candidate.status = RegistrationStatus.CONFIRMED
            candidate.save(update_fields=["status", "updated_at"])
            queue_email(candidate, EmailKind.PROMOTED)
            promoted += 1
