"""An evaluation is part of what the site holds about a person: exported on request, and its
free-text comment erased with the registration's personal data (the ratings stay)."""

import pytest

from webinars.evaluations.models import Evaluation, Questionnaire
from webinars.evaluations.service import save_evaluation
from webinars.models import Registration
from webinars.registrations.personal_data import anonymise, export, find_person

pytestmark = pytest.mark.django_db


def test_the_export_includes_the_evaluation_and_anonymising_erases_its_comment(attendee):
    questionnaire = Questionnaire.default()
    values = {(question, None): 3 for question in questionnaire.questions.filter(about="penyelenggara")}
    save_evaluation(attendee, questionnaire, values, "Saya Andi dari BKD Bone, hubungi 0812…")

    [row] = export(find_person(email=attendee.email))["registrations"]
    assert row["evaluation"]["comment"] == "Saya Andi dari BKD Bone, hubungi 0812…"
    assert [answer["value"] for answer in row["evaluation"]["answers"]] == [3, 3, 3, 3]
    assert row["evaluation"]["answers"][0] == {"question": "Ketepatan jadwal", "about": None, "value": 3}

    anonymise(Registration.objects.filter(pk=attendee.pk))
    evaluation = Evaluation.objects.get(registration=attendee)
    assert evaluation.comment == ""
    assert evaluation.answers.count() == 4
