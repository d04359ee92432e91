"""The staff summary on the admin home: next episodes with their registrations and days to go,
and what waits for moderation, in a fixed number of queries."""

import datetime

from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from wagtail.models import TaskState

import pytest

from home.dashboard import StaffSummaryPanel
from tests import factories
from tests.factories import wita
from tests.html import soup
from webinars.models import CertificateRun, Registration, RegistrationStatus, RunStatus

pytestmark = pytest.mark.django_db


def register(episode, count, status=RegistrationStatus.CONFIRMED, now=None):
    for _ in range(count):
        number = Registration.objects.count()
        Registration.objects.create(
            episode=episode,
            full_name=f"Peserta {number}",
            email=f"peserta{number}@contoh.go.id",
            whatsapp="+6281234567890",
            participant_type="non-asn",
            agency="Umum",
            position="Staf",
            regency="makassar",
            consented_at=now,
            status=status,
        )


def summary_rows(response):
    rows = soup(response).select("#staff-summary-section tbody tr")
    return [[" ".join(cell.get_text(" ").split()) for cell in row.find_all("td")] for row in rows]


def test_the_next_episodes_show_registrations_and_days_to_go(admin_client, now):
    factories.make_episode(series_number=40, start=wita(2025, 7, 10, 9, 0))  # past: not listed
    today = factories.make_episode(series_number=41, start=wita(2025, 8, 1, 13, 0), capacity=3000)
    later = factories.make_episode(series_number=42, start=wita(2025, 8, 14, 9, 0))
    register(today, 12, now=now)
    register(today, 3, RegistrationStatus.WAITLISTED, now=now)
    register(today, 2, RegistrationStatus.CANCELLED, now=now)
    register(later, 1, now=now)

    rows = summary_rows(admin_client.get("/admin/"))

    assert rows == [
        [
            f"Seri ke-41: {today.title}",
            "Jumat, 1 Agustus 2025 13.00",
            "hari ini",
            "12 terdaftar dari 3.000, 3 daftar tunggu",
        ],
        [f"Seri ke-42: {later.title}", "Kamis, 14 Agustus 2025 09.00", "13 hari lagi", "1 terdaftar"],
    ]


def test_drafts_and_running_episodes_are_marked(admin_client, now):
    running = factories.make_episode(series_number=41, start=wita(2025, 8, 1, 9, 0))
    draft = factories.make_episode(series_number=42, start=wita(2025, 8, 2, 9, 0))
    draft.unpublish()

    rows = summary_rows(admin_client.get("/admin/"))

    assert rows[0][0] == f"Seri ke-41: {running.title}" and rows[0][2] == "sedang berlangsung"
    assert rows[1][0] == f"Seri ke-42: {draft.title} draf" and rows[1][2] == "besok"


def test_only_registrars_get_the_link_to_the_registrations(client, now):
    episode = factories.make_episode(series_number=41, start=wita(2025, 8, 8, 9, 0))
    register(episode, 2, now=now)
    link = f"/admin/pendaftaran/?episode={episode.pk}"

    client.force_login(factories.make_staff("Penulis"))
    writer_view = client.get("/admin/")
    client.force_login(factories.make_staff("Moderator", "Admin Peserta"))
    registrar_view = client.get("/admin/")

    assert summary_rows(writer_view)[0][3] == "2 terdaftar"
    assert link not in writer_view.content.decode()
    assert (
        soup(registrar_view).select_one(f'#staff-summary-section a[href="{link}"]').get_text()
        == "2 terdaftar"
    )


def moderation_lines(response):
    return [
        " ".join(item.get_text(" ").split()) for item in soup(response).select("#staff-summary-section li")
    ]


def test_moderation_counts_are_the_users_own(client, now):
    writer = factories.make_staff("Penulis")
    moderator = factories.make_staff("Moderator")
    other_writer = factories.make_staff("Penulis")
    workflow = factories.home_page().get_workflow()
    for title in ("Berita satu", "Berita dua"):
        article = factories.make_article(title=title)
        workflow.start(article, writer)

    client.force_login(moderator)
    assert moderation_lines(client.get("/admin/")) == [
        "2 halaman menunggu tinjauan Anda",
        "Tidak ada kiriman Anda yang sedang ditinjau.",
    ]
    task_state = TaskState.objects.filter(status="in_progress").first()
    task_state.task.specific.on_action(task_state, moderator, "reject", comment="Lengkapi jadwalnya.")
    assert moderation_lines(client.get("/admin/"))[0] == "1 halaman menunggu tinjauan Anda"

    client.force_login(writer)
    assert moderation_lines(client.get("/admin/")) == [
        "Tidak ada halaman yang menunggu tinjauan Anda.",
        "1 kiriman Anda sedang ditinjau",
        "1 kiriman Anda dikembalikan untuk diperbaiki",
    ]
    client.force_login(other_writer)
    assert moderation_lines(client.get("/admin/")) == [
        "Tidak ada halaman yang menunggu tinjauan Anda.",
        "Tidak ada kiriman Anda yang sedang ditinjau.",
    ]


def panel_queries(user):
    request = RequestFactory().get("/admin/")
    request.user = type(user).objects.get(pk=user.pk)  # fresh: nothing cached from the last call
    with CaptureQueriesContext(connection) as queries:
        StaffSummaryPanel().render_html({"request": request})
    return len(queries)


def test_the_panel_costs_the_same_few_queries_however_much_there_is(now):
    moderator = factories.make_staff("Moderator", "Admin Peserta")
    first = factories.make_episode(series_number=41, start=wita(2025, 8, 8, 9, 0))
    register(first, 2, now=now)
    workflow = factories.home_page().get_workflow()
    workflow.start(factories.make_article(), moderator)
    factories.make_staff("Moderator")  # another reviewer changes nothing
    CertificateRun.objects.create(episode=first)
    few = panel_queries(moderator)

    for week in range(1, 8):
        episode = factories.make_episode(
            series_number=41 + week, start=wita(2025, 8, 8, 9, 0) + datetime.timedelta(weeks=week)
        )
        register(episode, 3, now=now)
        register(episode, 1, RegistrationStatus.WAITLISTED, now=now)
        workflow.start(factories.make_article(), moderator)
        CertificateRun.objects.create(episode=episode)
    many = panel_queries(moderator)

    # The episodes 1, the user's permissions 2 (then cached for the request), the active review
    # tasks and whether the user is one of their reviewers 3, the two counts 2, the latest
    # certificate run 1.
    assert few <= 9
    assert many == few


def certificate_section(response):
    section = soup(response).select_one(
        '#staff-summary-section [aria-labelledby="staff-summary-certificates"]'
    )
    return section and " ".join(section.get_text(" ").split())


def test_registrars_see_the_latest_certificate_run(client, now):
    episode = factories.make_episode(series_number=40, start=wita(2025, 7, 10, 9, 0))
    CertificateRun.objects.create(episode=episode, status=RunStatus.DONE, total=10, processed=10, issued=2)
    CertificateRun.objects.create(
        episode=episode,
        status=RunStatus.RUNNING,
        total=3000,
        processed=1200,
        issued=1150,
        skipped_not_attended=50,
    )

    client.force_login(factories.make_staff("Admin Peserta"))
    text = certificate_section(client.get("/admin/"))
    client.force_login(factories.make_staff("Penulis"))
    writer_view = client.get("/admin/")

    assert f"Seri ke-40: {episode.title}" in text
    assert "berjalan (1.200 dari 3.000 pendaftar diproses)" in text
    assert "1.150 sertifikat terbit, 50 tidak hadir." in text
    assert certificate_section(writer_view) is None
