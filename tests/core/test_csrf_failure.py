from django.test import Client

import pytest

from tests.webinars.registrations.test_registration import VALID, open_episode
from webinars.models import Registration

pytestmark = pytest.mark.django_db


def test_a_form_sent_without_its_token_is_refused_in_indonesian_and_saves_nothing(now):
    episode = open_episode()
    response = Client(enforce_csrf_checks=True).post(episode.url + "daftar/", VALID)
    assert response.status_code == 403
    assert "Formulir tidak dapat diproses" in response.content.decode()
    assert "Tidak ada data yang tersimpan" in response.content.decode()
    assert not Registration.objects.exists()
