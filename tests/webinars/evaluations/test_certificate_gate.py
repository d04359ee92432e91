"""An episode that requires the evaluation before the certificate: issuing waits for the answer,
the answer issues the certificate, and the look-up and emails say so."""

from django.core import mail
from django.core.management import call_command

import pytest

from tests.factories import make_registration, wita
from webinars.attendance.service import check_in, record_durations
from webinars.certificates.issuing import run_issuing
from webinars.evaluations.links import evaluation_path
from webinars.evaluations.mail import queue_evaluation_requests
from webinars.evaluations.models import Questionnaire
from webinars.evaluations.service import save_evaluation
from webinars.models import Certificate, CertificateRun, EmailKind, OutgoingEmail

pytestmark = pytest.mark.django_db


@pytest.fixture
def gated_episode(held_episode, now):
    held_episode.evaluation_required = True
    held_episode.evaluation_closes_at = wita(2025, 8, 8, 17, 0)
    held_episode.save_revision().publish()
    held_episode.refresh_from_db()
    return held_episode


def answer(registration, value=4):
    questionnaire = Questionnaire.default()
    values = {(question, None): value for question in questionnaire.questions.filter(about="penyelenggara")}
    return save_evaluation(registration, questionnaire, values)


def issue(episode):
    return run_issuing(CertificateRun.objects.create(episode=episode).pk)


def test_issuing_skips_attendees_who_have_not_answered_and_counts_them(gated_episode, attendee):
    answered = make_registration(gated_episode, full_name="Sudah Mengisi")
    check_in(answered)
    answer(answered)
    make_registration(gated_episode, full_name="Tidak Hadir")

    run = issue(gated_episode)

    assert run.issued == 1
    assert run.skipped_no_evaluation == 1
    assert run.skipped_not_attended == 1
    assert run.skipped() == "1 tidak hadir, 1 belum mengisi evaluasi"
    assert list(Certificate.objects.values_list("full_name", flat=True)) == ["Sudah Mengisi"]


def test_without_the_requirement_nobody_waits_for_the_evaluation(held_episode, attendee, now):
    run = issue(held_episode)
    assert (run.issued, run.skipped_no_evaluation) == (1, 0)


def test_answering_after_the_registrars_run_issues_that_persons_certificate(
    client, gated_episode, attendee, django_capture_on_commit_callbacks
):
    issue(gated_episode)
    assert not Certificate.objects.exists()
    mail.outbox.clear()

    path = evaluation_path(attendee)
    page = client.get(path).content.decode()
    assert "Sertifikat episode ini terbit setelah Anda mengisi evaluasi." in page
    answers = {f"q{question.pk}": "3" for question in Questionnaire.default().questions.all()}
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(path, answers)

    certificate = Certificate.objects.get(registration=attendee)
    assert certificate.number == "ASNA-041-00001"
    # The person-only run is recorded like any other, and their email went out.
    run = CertificateRun.objects.get(registration=attendee)
    assert (run.total, run.issued) == (1, 1)
    assert [message.subject for message in mail.outbox] == ["Sertifikat Anda: ASN Adaptif Seri ke-41"]
    # The thank-you page says where the certificate comes; the link then offers the file.
    assert "Sertifikat Anda diterbitkan setelah evaluasi ini." in response.content.decode()
    assert certificate.download_path() in client.get(path).content.decode()

    # Changing the answers later issues nothing more.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(path, {**answers, "comment": "Ubah"})
    assert Certificate.objects.count() == 1
    assert CertificateRun.objects.filter(registration=attendee).count() == 1


def test_answers_before_the_registrar_issues_wait_for_the_registrars_run(
    gated_episode, attendee, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        answer(attendee)
    assert not CertificateRun.objects.exists()
    assert issue(gated_episode).issued == 1


def test_the_look_up_says_the_certificate_comes_after_the_evaluation(
    client, gated_episode, attendee, time_machine
):
    data = {"email": attendee.email, "secret": attendee.code}
    html = client.post("/sertifikat/", data).content.decode()
    assert "Isi evaluasi dulu: sertifikat terbit setelah Anda mengisinya." in html
    assert "Evaluasi dibuka sampai Jumat, 8 Agustus 2025 pukul 17.00 WITA." in html
    assert "Evaluasi:" in html and "belum diisi" in html
    assert evaluation_path(attendee) in html

    answer(attendee)
    html = client.post("/sertifikat/", data).content.decode()
    assert "sudah diisi, bisa diubah sampai Jumat, 8 Agustus 2025 pukul 17.00 WITA" in html

    time_machine.move_to(wita(2025, 8, 9, 8, 0), tick=False)
    other = make_registration(gated_episode, full_name="Lupa Mengisi")
    check_in(other)
    html = client.post("/sertifikat/", {"email": other.email, "secret": other.code}).content.decode()
    assert "Tidak mendapat sertifikat." in html
    assert "mensyaratkan evaluasi, yang ditutup Jumat, 8 Agustus 2025 pukul 17.00 WITA tanpa Anda isi" in html
    assert "tidak diisi; ditutup" in html


def test_the_request_to_evaluate_goes_once_to_each_attendee_who_has_not_answered(gated_episode, attendee):
    answered = make_registration(gated_episode, full_name="Sudah Mengisi")
    check_in(answered)
    answer(answered)
    too_short = make_registration(gated_episode, full_name="Hadir Sebentar")
    record_durations(gated_episode, {too_short.pk: 10})
    make_registration(gated_episode, full_name="Tidak Hadir")
    mail.outbox.clear()

    assert queue_evaluation_requests() == 1
    call_command("send_reminders", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert OutgoingEmail.objects.filter(kind=EmailKind.EVALUATION).count() == 1

    (message,) = mail.outbox
    assert message.to == [attendee.email]
    assert message.subject == "Mohon isi evaluasi: ASN Adaptif Seri ke-41"
    assert "http://testserver" + evaluation_path(attendee) in message.body
    assert "Evaluasi dibuka sampai Jumat, 8 Agustus 2025 pukul 17.00 WITA." in message.body
    assert "Tanpa evaluasi, sertifikat episode ini tidak terbit." in message.body


def test_no_request_where_the_evaluation_is_not_required_or_closed(held_episode, attendee, time_machine):
    held_episode.evaluation_closes_at = wita(2025, 8, 8, 17, 0)
    held_episode.save_revision().publish()
    assert queue_evaluation_requests() == 0
    held_episode.refresh_from_db()
    held_episode.evaluation_required = True
    held_episode.save_revision().publish()
    time_machine.move_to(wita(2025, 8, 8, 17, 1), tick=False)
    assert queue_evaluation_requests() == 0
