import io

from django.core import mail
from django.core.files.storage import default_storage

import pytest
import segno
from pypdf import PdfReader

from tests.factories import make_episode, make_registration, wita
from webinars.attendance.service import check_in, mark, record_durations
from webinars.certificates import issuing
from webinars.certificates import pdf as certificate_pdf
from webinars.certificates.issuing import EpisodeNotOver, NoJPValue, revoke, run_issuing, sheet_for, start_run
from webinars.models import (
    Certificate,
    CertificateRun,
    EmailKind,
    OutgoingEmail,
    Registration,
    RunStatus,
)
from webinars.statistics import figures as statistics

pytestmark = pytest.mark.django_db


def issue(episode):
    return run_issuing(CertificateRun.objects.create(episode=episode).pk)


def pdf_text(certificate):
    """The certificate's text with every run of whitespace as one space (a long name wraps)."""
    with default_storage.open(certificate.pdf.name, "rb") as file:
        return " ".join(PdfReader(io.BytesIO(file.read())).pages[0].extract_text().split())


def test_eligibility_rules_and_skip_reasons(held_episode, attendee):
    by_hand = make_registration(held_episode, full_name="Ditandai Admin")
    mark(by_hand)
    long_enough = make_registration(held_episode, full_name="Hadir Lama")
    too_short = make_registration(held_episode, full_name="Hadir Sebentar")
    record_durations(held_episode, {long_enough.pk: 90, too_short.pk: 89})
    make_registration(held_episode, full_name="Tidak Hadir")
    cancelled = make_registration(held_episode, full_name="Batal Hadir", status="cancelled")
    waiting = make_registration(held_episode, full_name="Menunggu Hadir", status="waitlisted")
    check_in(cancelled)
    check_in(waiting)

    run = issue(held_episode)

    assert run.status == RunStatus.DONE
    assert (run.total, run.processed, run.issued) == (7, 7, 3)
    assert run.skipped_not_attended == 1
    assert run.skipped_too_short == 1
    assert run.skipped_not_confirmed == 2
    assert run.skipped_already_issued == 0
    names = set(Certificate.objects.values_list("full_name", flat=True))
    assert names == {attendee.full_name, "Ditandai Admin", "Hadir Lama"}


def test_a_checked_in_participant_needs_no_minimum_duration(held_episode, attendee):
    record_durations(held_episode, {attendee.pk: 5})  # left early according to Zoom
    assert issue(held_episode).issued == 1


def test_issuing_again_neither_duplicates_nor_renumbers(held_episode, attendee):
    issue(held_episode)
    first = Certificate.objects.get()
    latecomer = make_registration(held_episode, full_name="Datang Belakangan")
    mark(latecomer)

    again = issue(held_episode)

    assert (again.issued, again.skipped_already_issued) == (1, 1)
    first_again = Certificate.objects.get(pk=first.pk)
    assert (first_again.number, first_again.verification_code) == (first.number, first.verification_code)
    assert first.number == "ASNA-041-00001"
    assert Certificate.objects.get(registration=latecomer).number == "ASNA-041-00002"
    assert Certificate.objects.count() == 2


def test_each_certificate_gets_its_own_unguessable_code_and_file(held_episode, attendee):
    other = make_registration(held_episode)
    check_in(other)
    issue(held_episode)
    first, second = Certificate.objects.order_by("sequence")
    assert first.verification_code != second.verification_code
    assert len(first.verification_code) >= 24
    assert first.verification_code not in first.pdf.name  # the file's path gives nothing away
    assert first.pdf.name.split("/")[2] != second.pdf.name.split("/")[2]


@pytest.mark.parametrize(
    "name",
    [
        "Dra. Hj. Andi Nurhaedah Ṣāliḥ, M.Si.",
        "Ñoño Ümit Çelik",
        "Prof. Dr. Ir. H. Muhammad Yusuf Ma'ruf Syamsuddin Al-Banjari, S.T., M.T., Ph.D.",
    ],
)
def test_pdf_shows_the_name_number_jp_and_episode(held_episode, name):
    registration = make_registration(held_episode, full_name=name)
    check_in(registration)
    issue(held_episode)
    certificate = Certificate.objects.get()

    text = pdf_text(certificate)

    assert name in text
    assert certificate.number in text
    assert "3 JP" in text
    assert "Seri ke-41" in text and "Belajar di Tempat Kerja" in text
    assert "Kamis, 24 Juli 2025" in text
    assert certificate.verification_url() in text


def test_qr_code_opens_the_verification_page(held_episode, attendee):
    issue(held_episode)
    certificate = Certificate.objects.get()
    url = f"http://testserver/sertifikat/verifikasi/{certificate.verification_code}/"
    assert certificate.verification_url() == url
    qr = certificate_pdf.qr_code(certificate, sheet_for(held_episode))
    # segno cannot read a code back; the same URL encoded the same way must give the same modules.
    assert qr.matrix == segno.make(url, error="m", mask=qr.mask, micro=False).matrix
    assert qr.matrix != segno.make(url + "x", error="m", mask=qr.mask, micro=False).matrix
    assert qr.error == "M" and not qr.is_micro


def test_certificate_keeps_what_it_certifies_after_the_registration_is_anonymised(
    held_episode, attendee, client
):
    issue(held_episode)
    attendee.full_name, attendee.email, attendee.nip, attendee.whatsapp = "Dihapus", "", None, ""
    attendee.participant_type = "non-asn"
    attendee.save()
    held_episode.title = "Tema yang diubah kemudian"
    held_episode.save_revision().publish()

    certificate = Certificate.objects.get()
    assert certificate.full_name == "Dra. Hj. Andi Nurhaedah Ṣāliḥ, M.Si."
    assert certificate.participant_type == "pns"
    page = client.get(certificate.verification_path()).content.decode()
    assert "Dra. Hj. Andi Nurhaedah Ṣāliḥ, M.Si." in page and "Belajar di Tempat Kerja" in page


def test_participant_gets_an_email_with_the_links(held_episode, attendee):
    issue(held_episode)
    certificate = Certificate.objects.get()
    email = OutgoingEmail.objects.get(kind=EmailKind.CERTIFICATE)
    assert email.registration == attendee and email.status == "sent"
    message = mail.outbox[-1]
    assert message.to == ["andi.nurhaedah@contoh.go.id"]
    assert "Sertifikat Anda" in message.subject
    assert certificate.download_url() in message.body
    assert certificate.verification_url() in message.body
    assert certificate.number in message.alternatives[0][0]


def test_issuing_is_queued_as_a_background_task(held_episode, attendee, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        run = start_run(held_episode)
    run.refresh_from_db()
    assert run.status == RunStatus.DONE and run.issued == 1


def test_episode_without_jp_cannot_be_issued(now):
    episode = make_episode(series_number=42, start=wita(2025, 7, 28, 9, 0), jp=None)
    with pytest.raises(NoJPValue):
        start_run(episode)


def test_certificates_wait_for_the_end_of_the_episode(now):
    episode = make_episode(series_number=42, start=wita(2025, 8, 1, 9, 0), jp=2)  # on until 12.00
    with pytest.raises(EpisodeNotOver):
        start_run(episode)
    assert not CertificateRun.objects.exists()


def test_no_email_for_a_registration_already_anonymised(held_episode, attendee):
    Registration.objects.filter(pk=attendee.pk).update(email="")
    assert issue(held_episode).issued == 1
    assert not OutgoingEmail.objects.filter(kind=EmailKind.CERTIFICATE).exists()


def test_counted_episode_figures_include_attendance_and_valid_certificates(held_episode, attendee):
    assert statistics.for_episode(held_episode).participants == 1
    assert statistics.for_episode(held_episode).certificates is None  # none issued yet: not known
    make_registration(held_episode)  # registered, never came
    issue(held_episode)
    figures = statistics.for_episode(held_episode)
    assert (figures.registrations, figures.participants, figures.certificates) == (2, 1, 1)

    revoke(Certificate.objects.get(), "Nama salah")
    assert statistics.for_episode(held_episode).certificates == 0


def test_large_runs_draw_in_parallel_processes_with_the_same_result(held_episode, monkeypatch):

    monkeypatch.setattr(issuing, "PARALLEL_FROM", 2)
    monkeypatch.setattr(issuing.os, "cpu_count", lambda: 2)
    names = ["Ñoño Ümit Çelik", "Dra. Hj. Andi Nurhaedah Ṣāliḥ, M.Si.", "Besse Tenri"]
    for name in names:
        check_in(make_registration(held_episode, full_name=name))

    assert issue(held_episode).issued == 3

    for certificate in Certificate.objects.order_by("sequence"):
        text = pdf_text(certificate)
        assert certificate.full_name in text and certificate.number in text
    assert [c.full_name for c in Certificate.objects.order_by("sequence")] == names
