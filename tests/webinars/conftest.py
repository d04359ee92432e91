from django.contrib.auth.models import Group, Permission

import pytest

from tests.factories import make_certificate_settings, make_episode, make_registration, wita
from webinars.attendance.service import check_in


@pytest.fixture
def held_episode(now):
    """Seri ke-41, held on Thursday 24 July 2025 from 09.00 to 12.00 WITA, worth 3 JP; the site's
    certificate settings are complete."""
    episode = make_episode(
        series_number=41,
        title="Belajar di Tempat Kerja",
        slug="seri-41",
        start=wita(2025, 7, 24, 9, 0),
        end=wita(2025, 7, 24, 12, 0),
        registration_opens_at=wita(2025, 7, 10, 8, 0),
        jp=3,
        attendance_keyword="ADAPTIF",
        certificate_minimum_minutes=90,
    )
    make_certificate_settings(episode.get_site())
    return episode


@pytest.fixture
def attendee(held_episode):

    registration = make_registration(
        held_episode,
        full_name="Dra. Hj. Andi Nurhaedah Ṣāliḥ, M.Si.",
        email="andi.nurhaedah@contoh.go.id",
        whatsapp="+6281298765432",
        nip="198003152005012003",
    )
    check_in(registration)
    return registration


@pytest.fixture
def registrar(django_user_model):
    """A member of the group that handles participants' data (created by a data migration)."""
    user = django_user_model.objects.create_user("registrar", password="pw")
    user.groups.add(Group.objects.get(name="Admin Peserta"))
    return user


@pytest.fixture
def editor(django_user_model):
    user = django_user_model.objects.create_user("editor", password="pw")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    return user
