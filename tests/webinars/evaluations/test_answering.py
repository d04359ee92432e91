"""An attendee answers the evaluation from the signed link: who may, when, and what is kept."""

import html as html_module

from django.core import mail

import pytest
from bs4 import BeautifulSoup

from tests.factories import make_registration, make_speaker, wita
from webinars.certificates.issuing import run_issuing
from webinars.evaluations.links import evaluation_path
from webinars.evaluations.models import Evaluation, EvaluationAnswer, Questionnaire
from webinars.models import CertificateRun, EpisodeSpeaker, SpeakerRole

pytestmark = pytest.mark.django_db


@pytest.fixture
def open_episode(held_episode, now):
    """Seri ke-41 (ended 24 July) with a speaker and a moderator, evaluation open until 8 August."""
    for position, (title, role) in enumerate(
        [
            ("Dr. Hasnawati Saleh, M.Si.", SpeakerRole.SPEAKER),
            ("Andi Moderator, S.Sos.", SpeakerRole.MODERATOR),
        ]
    ):
        EpisodeSpeaker.objects.create(
            page=held_episode, speaker=make_speaker(title=title), role=role, sort_order=position
        )
    held_episode.evaluation_closes_at = wita(2025, 8, 8, 17, 0)
    held_episode.save_revision().publish()
    held_episode.refresh_from_db()
    return held_episode


def every_answer(form_html, value):
    """The POST data answering every radio group of the page with ``value``."""
    names = {
        field["name"] for field in BeautifulSoup(form_html, "html.parser").find_all("input", type="radio")
    }
    return {name: str(value) for name in names}


def test_the_form_asks_about_each_person_and_the_organisation(client, open_episode, attendee):
    response = client.get(evaluation_path(attendee))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    page = response.content.decode()
    text = html_module.unescape(page)
    assert "Narasumber: Dr. Hasnawati Saleh, M.Si." in text
    assert "Moderator: Andi Moderator, S.Sos." in text
    assert "Penyelenggaraan" in text
    assert "Jumat, 8 Agustus 2025 pukul 17.00 WITA" in text
    # 3 questions × 2 people + 4 about the organisation, each a fieldset of four radios.
    assert len(every_answer(page, 4)) == 10
    assert text.count("4 – Sangat baik") == 10
    assert page.count("<legend>") >= 10
    assert "<script" not in page.split("<main", 1)[1]


def test_answering_saves_one_evaluation_and_answering_again_replaces_it(client, open_episode, attendee):
    path = evaluation_path(attendee)
    answers = every_answer(client.get(path).content.decode(), 4)
    response = client.post(path, {**answers, "comment": "Materinya sangat berguna."})
    assert response.status_code == 200
    assert "Terima kasih, evaluasi Anda tersimpan." in response.content.decode()
    evaluation = Evaluation.objects.get(registration=attendee)
    assert evaluation.questionnaire == Questionnaire.default()
    assert evaluation.answers.count() == 10
    assert set(evaluation.answers.values_list("value", flat=True)) == {4}
    speakers = set(evaluation.answers.exclude(speaker=None).values_list("speaker_name", flat=True))
    assert speakers == {"Dr. Hasnawati Saleh, M.Si.", "Andi Moderator, S.Sos."}

    # The link again shows the earlier answers, and a second submit changes them.
    again = client.get(path).content.decode()
    assert again.count("checked") == 10 and "Materinya sangat berguna." in again
    response = client.post(path, {**every_answer(again, 2), "comment": ""})
    assert "Perubahan evaluasi Anda tersimpan." in response.content.decode()
    assert Evaluation.objects.count() == 1
    assert EvaluationAnswer.objects.count() == 10
    assert set(EvaluationAnswer.objects.values_list("value", flat=True)) == {2}


def test_a_missing_or_wrong_value_saves_nothing(client, open_episode, attendee):
    path = evaluation_path(attendee)
    answers = every_answer(client.get(path).content.decode(), 3)
    missing = dict(list(answers.items())[1:])
    response = client.post(path, missing)
    assert response.status_code == 400
    assert "Pilih salah satu nilai." in response.content.decode()
    wrong = {**answers, next(iter(answers)): "5"}
    assert client.post(path, wrong).status_code == 400
    assert client.post(path, {**answers, "comment": "Bagus\u202esekali"}).status_code == 400
    assert not Evaluation.objects.exists()


def test_only_attendees_with_a_valid_link_while_it_is_open(client, open_episode, attendee, time_machine):
    absent = make_registration(open_episode, full_name="Tidak Hadir")
    response = client.get(evaluation_path(absent))
    assert response.status_code == 403
    assert "hanya untuk peserta yang tercatat hadir" in response.content.decode()
    forged = evaluation_path(attendee)[:-5] + "0000/"
    assert client.get(forged).status_code == 404
    # The confirmation link's token is not an evaluation token.
    assert client.get(f"{open_episode.url}evaluasi/{attendee.code}{'0' * 32}/").status_code == 404

    time_machine.move_to(wita(2025, 7, 24, 10, 0), tick=False)
    assert "dibuka setelah acara selesai" in client.get(evaluation_path(attendee)).content.decode()
    time_machine.move_to(wita(2025, 8, 8, 17, 0), tick=False)
    path = evaluation_path(attendee)
    response = client.post(path, {"comment": "terlambat"})
    assert response.status_code == 409
    assert "sudah ditutup pada Jumat, 8 Agustus 2025 pukul 17.00 WITA" in response.content.decode()
    assert not Evaluation.objects.exists()


def test_the_certificate_email_invites_to_evaluate_while_it_is_open(client, open_episode, attendee):
    run_issuing(CertificateRun.objects.create(episode=open_episode).pk)
    (message,) = mail.outbox
    assert "isi evaluasi narasumber dan\npenyelenggaraan" in message.body
    assert "sampai Jumat, 8 Agustus 2025 pukul 17.00 WITA" in message.body
    assert "http://testserver" + evaluation_path(attendee) in message.body


def test_the_page_and_the_answer_cost_a_fixed_number_of_queries(
    client, open_episode, attendee, django_assert_max_num_queries
):
    """Thousands answer within minutes of the end: however many speakers, a few queries each."""
    path = evaluation_path(attendee)
    client.get(path)
    with django_assert_max_num_queries(11):
        page = client.get(path).content.decode()
    with django_assert_max_num_queries(22):
        assert client.post(path, every_answer(page, 3)).status_code == 200
