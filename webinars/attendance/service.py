"""Recording attendance from its three sources: check-in, the meeting report and a registrar's hand.

Every source writes the one Attendance row of a registration (a database constraint), so doing
anything twice is harmless: a second check-in keeps the first time, a report imported again
keeps the longer duration, a second mark changes nothing.
"""

from django.db import transaction
from django.utils import timezone

from webinars.attendance.models import Attendance
from webinars.registrations.signals import participation_changed


def _attendance_for_update(registration):
    """The registration's attendance row, locked, made first if needed."""
    # get_or_create survives a concurrent insert by the same person: it reads the winner's row.
    Attendance.objects.get_or_create(
        registration=registration, defaults={"episode_id": registration.episode_id}
    )
    return Attendance.objects.select_for_update().get(registration=registration)


def check_in(registration, now=None):
    """Record the participant's own check-in; True when this is the first one."""
    with transaction.atomic():
        attendance = _attendance_for_update(registration)
        if attendance.checked_in_at:
            return False
        attendance.checked_in_at = now or timezone.now()
        attendance.save(update_fields=["checked_in_at", "updated_at"])
        return True


def mark(registration):
    """A registrar confirms by hand that this person attended; True when it changed anything."""
    with transaction.atomic():
        attendance = _attendance_for_update(registration)
        if attendance.marked_by_hand:
            return False
        attendance.marked_by_hand = True
        attendance.save(update_fields=["marked_by_hand", "updated_at"])
        return True


def unmark(registration):
    """A registrar removes this person's attendance, whatever its source; True when there was one."""
    deleted, _counts = Attendance.objects.filter(registration=registration).delete()
    return bool(deleted)


def record_durations(episode, minutes_by_registration):
    """Save imported durations {registration id: minutes}; returns (created, updated).

    The longer of the saved and the imported duration is kept: importing the same report again
    changes nothing, and a fuller report (or one from a second meeting room) only adds.
    """
    created = updated = 0
    with transaction.atomic():
        existing = {
            attendance.registration_id: attendance
            for attendance in Attendance.objects.select_for_update().filter(
                episode=episode, registration_id__in=list(minutes_by_registration)
            )
        }
        new_rows = []
        for registration_id, minutes in minutes_by_registration.items():
            attendance = existing.get(registration_id)
            if attendance is None:
                new_rows.append(Attendance(registration_id=registration_id, episode=episode, minutes=minutes))
            elif attendance.minutes is None or minutes > attendance.minutes:
                attendance.minutes = minutes
                attendance.save(update_fields=["minutes", "updated_at"])
                updated += 1
        Attendance.objects.bulk_create(new_rows)
        created = len(new_rows)
        # bulk_create sends no post_save: say so once, after the commit, for the figures.
        transaction.on_commit(lambda: participation_changed.send(sender=Attendance, episode=episode))
    return created, updated
