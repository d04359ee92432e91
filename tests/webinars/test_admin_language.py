"""The admin in Indonesian: every list, edit and inspect view a staff member opens, rendered in
the site's language, with none of the English Wagtail leaves untranslated."""

import io

from django.contrib.auth import get_user_model

import pytest

from tests import factories
from tests.admin_forms import article_form
from tests.html import soup
from webinars.certificates import legacy
from webinars.certificates.issuing import run_issuing
from webinars.models import Certificate, CertificateRun, LegacyCertificate, Registration

pytestmark = pytest.mark.django_db

ENGLISH = [
    "There is 1 match",
    "There are no",
    "to display",
    "Cancel",
    "could not be created",
    "could not be saved",
    "halaman-halaman",
    "View history",
    "Referenced",
    "Date updated",
    "Owner",
    "Page type",
    "- Wagtail",
]


@pytest.fixture
def site(now, held_episode, attendee):
    run_issuing(CertificateRun.objects.create(episode=held_episode).pk)
    legacy.import_register(
        io.BytesIO(b"nomor,nama,email,seri,tanggal,jp\nL-1,Rekaan Satu,r@contoh.go.id,30,01/01/2025,2\n"),
        "x.csv",
    )
    factories.make_speaker()
    factories.make_article()
    return held_episode


def visible(response):
    html = soup(response)
    for tag in html(["script", "style", "template"]):
        tag.decompose()
    title = html.title.get_text() if html.title else ""
    return title + " " + " ".join(html.get_text(" ").split())


def test_admin_views_read_in_indonesian(client, site):
    admin = get_user_model().objects.create_superuser("admin-bahasa", "a@contoh.go.id", "pw")
    client.force_login(admin)
    certificate = Certificate.objects.get()
    registration = Registration.objects.get()
    earlier = LegacyCertificate.objects.get()
    urls = [
        "/admin/",
        f"/admin/pages/{site.get_parent().pk}/",
        f"/admin/pages/{site.get_parent().pk}/?q=Belajar",
        f"/admin/pages/{site.pk}/edit/",
        f"/admin/pages/{site.pk}/history/",
        "/admin/pages/search/?q=Belajar",
        "/admin/pendaftaran/",
        f"/admin/pendaftaran/inspect/{registration.pk}/",
        "/admin/email-peserta/",
        "/admin/kehadiran/",
        "/admin/sertifikat/",
        f"/admin/sertifikat/inspect/{certificate.pk}/",
        "/admin/penerbitan-sertifikat/",
        "/admin/sertifikat-lama/",
        f"/admin/sertifikat-lama/inspect/{earlier.pk}/",
        "/admin/sertifikat-lama/impor/",
        "/admin/impor-riwayat/",
        "/admin/kehadiran/impor/",
        "/admin/images/",
        "/admin/documents/",
        "/admin/reports/site-history/",
    ]
    found = {}
    for url in urls:
        response = client.get(url, HTTP_ACCEPT_LANGUAGE="id")
        assert response.status_code == 200, url
        text = visible(response)
        english = [phrase for phrase in ENGLISH if phrase in text]
        if english:
            found[url] = english
    # A page saved with a missing field says why in Indonesian.
    news = factories.news_index()
    response = client.post(f"/admin/pages/add/news/articlepage/{news.pk}/", article_form(title=""))
    assert response.status_code == 200
    english = [phrase for phrase in ENGLISH if phrase in visible(response)]
    if english:
        found["add episode (invalid)"] = english
    assert found == {}
