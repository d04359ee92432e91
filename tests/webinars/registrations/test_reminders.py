import datetime

from django.core import mail
from django.core.management import call_command

import pytest

from tests.factories import make_episode, wita
from webinars.models import EmailKind, OutgoingEmail, Registration
from webinars.registrations.service import cancel, register

pytestmark = pytest.mark.django_db


def person(number):
    return {
        "full_name": f"Peserta {number}",
        "email": f"p{number}@contoh.go.id",
        "whatsapp": "+6281234567890",
        "participant_type": "non-asn",
        "nip": None,
        "agency": "Umum",
        "position": "Staf",
        "regency": "makassar",
    }


@pytest.fixture
def episode(time_machine, django_capture_on_commit_callbacks):
    time_machine.move_to(wita(2025, 8, 10, 9, 0), tick=False)
    episode = make_episode(
        series_number=41, start=wita(2025, 8, 14, 9, 0), registration_opens_at=wita(2025, 8, 1, 8, 0)
    )
    with django_capture_on_commit_callbacks(execute=True):
        for number in range(3):
            register(episode, person(number))
        cancel(Registration.objects.get(email="p2@contoh.go.id"))
    return episode


def run_reminders(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_reminders", stdout=open("/dev/null", "w"))  # noqa: SIM115


@pytest.mark.parametrize(
    ("moment", "kind", "subject"),
    [
        (wita(2025, 8, 13, 10, 0), EmailKind.REMINDER_DAY, "Besok"),
        (wita(2025, 8, 14, 8, 15), EmailKind.REMINDER_HOUR, "Satu jam lagi"),
    ],
)
def test_reminders_go_once_to_each_confirmed_person(
    episode, time_machine, django_capture_on_commit_callbacks, moment, kind, subject
):
    mail.outbox.clear()
    time_machine.move_to(moment, tick=False)
    run_reminders(django_capture_on_commit_callbacks)
    run_reminders(django_capture_on_commit_callbacks)
    reminders = [message for message in mail.outbox if message.subject.startswith(subject)]
    assert sorted(message.to[0] for message in reminders) == ["p0@contoh.go.id", "p1@contoh.go.id"]
    assert OutgoingEmail.objects.filter(kind=kind).count() == 2


def test_no_reminder_outside_the_windows(episode, time_machine, django_capture_on_commit_callbacks):
    mail.outbox.clear()
    for moment in [wita(2025, 8, 12, 9, 0), wita(2025, 8, 14, 7, 30), wita(2025, 8, 14, 9, 30)]:
        time_machine.move_to(moment, tick=False)
        run_reminders(django_capture_on_commit_callbacks)
    assert not mail.outbox


def test_stuck_emails_are_sent_again(episode, time_machine, django_capture_on_commit_callbacks):
    email = OutgoingEmail.objects.filter(kind=EmailKind.CONFIRMATION).first()
    OutgoingEmail.objects.filter(pk=email.pk).update(status="pending")
    mail.outbox.clear()
    time_machine.move_to(datetime.datetime.now(datetime.UTC) + datetime.timedelta(minutes=10), tick=False)
    run_reminders(django_capture_on_commit_callbacks)
    email.refresh_from_db()
    assert email.status == "sent"
    assert [message.to for message in mail.outbox] == [[email.registration.email]]
