"""Staff side of the evaluation: questionnaires versioned on edit, results per episode, downloads."""

import io

from django.contrib.auth.models import Group

from wagtail.test.utils.form_data import inline_formset, nested_form_data

import openpyxl
import pytest

from tests.factories import make_registration, make_speaker
from tests.html import text
from webinars.attendance.service import check_in
from webinars.evaluations.models import Evaluation, EvaluationAnswer, Questionnaire
from webinars.evaluations.results import episode_results
from webinars.evaluations.service import save_evaluation
from webinars.models import EpisodeSpeaker, SpeakerRole

pytestmark = pytest.mark.django_db


@pytest.fixture
def moderator(django_user_model):
    user = django_user_model.objects.create_user("moderator", password="pw")
    user.groups.add(Group.objects.get(name="Moderator"))
    return user


@pytest.fixture
def answered_episode(held_episode, attendee):
    """Seri ke-41 with one speaker; five attendees answered (values 4, 4, 3, 3, 2 on every
    item) and two more attended without answering."""
    speaker = make_speaker(title="Dr. Hasnawati Saleh, M.Si.")
    EpisodeSpeaker.objects.create(page=held_episode, speaker=speaker, role=SpeakerRole.SPEAKER)
    questionnaire = Questionnaire.default()
    keys = [
        (question, speaker.pk if question.about == "narasumber" else None)
        for question in questionnaire.questions.all()
    ]
    people = [attendee] + [make_registration(held_episode) for _ in range(6)]
    for person in people[1:]:
        check_in(person)
    for person, value in zip(people, [4, 4, 3, 3, 2], strict=False):
        comment = '=HYPERLINK("http://contoh")' if value == 2 else f"Nilai {value}"
        save_evaluation(person, questionnaire, dict.fromkeys(keys, value), comment)
    return held_episode


def test_results_show_response_rate_means_distribution_and_comments(client, registrar, answered_episode):
    results = episode_results(answered_episode)
    assert (results.respondents, results.attendees, results.response_rate) == (5, 7, 71.4)
    # Every item: (4 + 4 + 3 + 3 + 2) / 5 = 3.2 → index 80.00, B.
    assert {str(item.mean) for item in results.items} == {"3.20"}
    assert str(results.index.value) == "80.00" and results.index.grade == "B"
    assert [subject for subject, _items in results.by_subject()] == [
        "Dr. Hasnawati Saleh, M.Si.",
        "Penyelenggaraan",
    ]

    client.force_login(registrar)
    listing = client.get("/admin/hasil-evaluasi/")
    assert listing.status_code == 200
    assert "Seri ke-41: Belajar di Tempat Kerja" in text(listing)
    page = text(client.get(f"/admin/hasil-evaluasi/{answered_episode.pk}/"))
    assert "5 dari 7 peserta hadir (71,4%)" in page
    assert "80,00 · B (Baik)" in page
    # One 2, two 3s and two 4s of five answers.
    assert "Penguasaan materi 5 3,20 0 (0%) 1 (20%) 2 (40%) 2 (40%)" in page
    assert "Nilai 4" in page and "Nilai 3" in page


def test_results_download_as_csv_and_xlsx(client, registrar, answered_episode):
    client.force_login(registrar)
    response = client.get(f"/admin/hasil-evaluasi/{answered_episode.pk}/?export=csv")
    body = b"".join(response.streaming_content).decode()
    assert body.startswith("\ufeff")
    lines = body.splitlines()
    assert lines[0].lstrip("\ufeff") == (
        '"Dinilai","Unsur","Jumlah jawaban","Rata-rata (1–4)",'
        '"1 Tidak baik","2 Kurang baik","3 Baik","4 Sangat baik"'
    )
    assert '"Dr. Hasnawati Saleh, M.Si.","Penguasaan materi","5","3,20","0","1","2","2"' in lines
    assert len(lines) == 1 + 3 + 4

    response = client.get(f"/admin/hasil-evaluasi/{answered_episode.pk}/?export=xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = list(sheet.values)
    assert rows[1][:4] == ("Dr. Hasnawati Saleh, M.Si.", "Penguasaan materi", 5, 3.2)


def test_results_are_for_staff_with_the_permission(client, editor, answered_episode):
    client.force_login(editor)
    refused = client.get(f"/admin/hasil-evaluasi/{answered_episode.pk}/")
    assert refused.status_code == 302 and refused["Location"] == "/admin/"  # Wagtail's "no permission"
    assert "Hasil evaluasi" not in client.get("/admin/").content.decode()


def test_editing_an_answered_questionnaire_keeps_past_results(client, moderator, answered_episode):
    questionnaire = Questionnaire.default()
    questions = list(questionnaire.questions.all())
    before = episode_results(answered_episode)
    client.force_login(moderator)
    # The moderator drops every question but the first, renames it and adds one.
    form = nested_form_data(
        {
            "title": "Kuesioner standar",
            "is_default": "on",
            "questions": inline_formset(
                [
                    {"id": questions[0].pk, "text": "Penguasaan materi (diubah)", "about": "narasumber"},
                    *[
                        {"id": question.pk, "text": question.text, "about": question.about, "DELETE": "1"}
                        for question in questions[1:]
                    ],
                    {"text": "Manfaat bagi pekerjaan", "about": "penyelenggara"},
                ],
                initial=len(questions),
            ),
        }
    )
    response = client.post(f"/admin/kuesioner/edit/{questionnaire.pk}/", form)
    assert response.status_code == 302, response.content.decode()[:3000]

    questionnaire.refresh_from_db()
    assert [question.text for question in questionnaire.questions.all()] == [
        "Penguasaan materi (diubah)",
        "Manfaat bagi pekerjaan",
    ]
    archived = Questionnaire.objects.exclude(pk=questionnaire.pk).get()
    assert archived.archived_at is not None and archived.title.startswith("Kuesioner standar (versi s.d. ")
    assert [question.text for question in archived.questions.all()] == [
        question.text for question in questions
    ]
    assert set(Evaluation.objects.values_list("questionnaire", flat=True)) == {archived.pk}
    assert EvaluationAnswer.objects.filter(question__questionnaire=archived).count() == 5 * 7
    answered_episode.refresh_from_db()
    assert answered_episode.questionnaire_in_use() == archived
    after = episode_results(answered_episode)
    assert [(item.subject, item.question, item.answers, item.mean) for item in after.items] == [
        (item.subject, item.question, item.answers, item.mean) for item in before.items
    ]
    # The archived version can neither be edited nor deleted.
    client.get(f"/admin/kuesioner/edit/{archived.pk}/")
    assert client.post(f"/admin/kuesioner/delete/{archived.pk}/").status_code == 302
    assert Questionnaire.objects.filter(pk=archived.pk).exists()


def test_moderators_list_and_add_questionnaires_outside_the_snippets_area(client, moderator):
    client.force_login(moderator)
    listing = client.get("/admin/kuesioner/")
    assert listing.status_code == 200 and "Kuesioner standar" in text(listing)
    form = client.get("/admin/kuesioner/new/")
    assert form.status_code == 200
    assert "questions-TOTAL_FORMS" in form.content.decode()
    response = client.post(
        "/admin/kuesioner/new/",
        nested_form_data(
            {
                "title": "Kuesioner pelatihan teknis",
                "questions": inline_formset([{"text": "Kesesuaian materi", "about": "penyelenggara"}]),
            }
        ),
    )
    assert response.status_code == 302
    created = Questionnaire.objects.get(title="Kuesioner pelatihan teknis")
    assert [question.text for question in created.questions.all()] == ["Kesesuaian materi"]
    assert Questionnaire.default().title == "Kuesioner standar"  # a new one is not the default
