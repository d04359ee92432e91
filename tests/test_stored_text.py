"""Whatever text the database holds, every output still answers and parses.

Hypothesis writes arbitrary Unicode (control characters, U+FFFE and U+FFFF, markup, formula
starts, right-to-left and invisible characters, emoji …) straight into every text field that
editors, registrars and participants fill, past the forms, as an import or older code would.
Then every output is asked for and read the way its consumers read it: HTML pages (with their
JSON-LD), the RSS feed (feedparser), the sitemap (xml.etree), the calendars (icalendar), the
statistics CSV and JSON, the registrar's CSV and XLSX downloads (csv, openpyxl), the certificate
PDF (pypdf) and the emails (the standard library's email parser). A bounded number of examples
runs in every suite, on SQLite and on PostgreSQL (which cannot store NUL at all, so it is left out
there).
"""

import csv
import email
import io
import json
import xml.etree.ElementTree as ElementTree
from email import policy
from urllib.parse import quote

from django.core.cache import cache
from django.db import connection, transaction
from django.utils.html import escape

from taggit.models import Tag
from wagtail.images import get_image_model
from wagtail.rich_text import RichText

import feedparser
import icalendar
import pytest
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from pypdf import PdfReader

from core.text import UNSTORABLE
from home.models import HomePage, SiteSettings
from news.models import ArticlePage
from tests import factories
from tests.factories import wita
from webinars.attendance.service import mark
from webinars.certificates.issuing import run_issuing
from webinars.certificates.models import Certificate, CertificateRun, CertificateSettings
from webinars.episodes.models import EpisodePage, EpisodeSpeaker
from webinars.episodes.speakers import SpeakerPage
from webinars.registrations.mail import build_message
from webinars.registrations.models import EmailKind, OutgoingEmail, Registration

pytestmark = pytest.mark.django_db

EXAMPLES = 12
# Pieces that broke, or could break, one output or another.
AWKWARD = [
    "\x00",
    "\x07",
    "\x0b",
    "\x0c",
    "\x1b",
    "\r",
    "\n",
    "\t",
    "\ufffe",
    "\uffff",
    "\u202e",
    "\u200b",
    "\u2028",
    "\x85",
    "<b>",
    "</script>",
    "]]>",
    "&amp;",
    '"',
    "=HYPERLINK(",
    "+62",
    "@SUM(1+1)",
    "-",
    "😀",
    "كتاب",
    "Ñoño",
]
FIELDS = [
    "home_intro",
    "episode_title",
    "episode_summary",
    "speaker_title",
    "speaker_position",
    "speaker_institution",
    "speaker_biography",
    "speaker_note",
    "image_title",
    "image_description",
    "article_title",
    "article_intro",
    "article_author",
    "article_heading",
    "article_paragraph",
    "tag",
    "organisation_name",
    "organisation_short_name",
    "address",
    "footer_text",
    "signatory_name",
    "signatory_title",
    "full_name",
    "agency",
    "position",
    "whatsapp",
]


def text(max_size):
    """Arbitrary text, NUL only where the database can store it, at most max_size characters."""
    nul_storable = connection.vendor != "postgresql"
    awkward = [piece for piece in AWKWARD if nul_storable or "\x00" not in piece]
    characters = st.characters(exclude_categories=("Cs",), exclude_characters="" if nul_storable else "\x00")
    piece = st.one_of(st.text(characters, max_size=10), st.sampled_from(awkward))
    return st.lists(piece, min_size=1, max_size=6).map(lambda pieces: "".join(pieces)[:max_size])


@pytest.fixture
def site(now):
    """A site with one of everything that has an output: pages, a held episode with a registrant
    who attended, an upcoming one with a registrant, an article with a tag, the settings."""
    factories.home_page()
    factories.statistics_page()
    factories.site_settings()
    held = factories.make_full_episode(
        series_number=41,
        slug="seri-41",
        start=wita(2025, 7, 24, 9, 0),
        jp=3,
        registration_opens_at=wita(2025, 7, 1),
    )
    factories.make_certificate_settings(held.get_site())
    upcoming = factories.make_episode(
        series_number=42,
        slug="seri-42",
        start=wita(2025, 8, 14, 9, 0),
        registration_opens_at=wita(2025, 7, 25),
    )
    article = factories.make_article(episodes=[held], tags=["pembelajaran"])
    attendee = factories.make_registration(held)
    mark(attendee)
    return {
        "held": held,
        "upcoming": upcoming,
        "article": article,
        "attendee": attendee,
        "registrant": factories.make_registration(upcoming),
        "speaker": held.speaker_roles.first().speaker,
        "registrar": factories.make_staff("Admin Peserta"),
    }


def store(site, values):
    """Write the values past every form, as data stored before the cleaning would be."""
    HomePage.objects.update(intro=values["home_intro"])
    EpisodePage.objects.filter(pk__in=[site["held"].pk, site["upcoming"].pk]).update(
        title=values["episode_title"], summary=values["episode_summary"]
    )
    SpeakerPage.objects.filter(pk=site["speaker"].pk).update(
        title=values["speaker_title"],
        position=values["speaker_position"],
        institution=values["speaker_institution"],
        biography=f"<p>{escape(values['speaker_biography'])}</p>",
    )
    EpisodeSpeaker.objects.update(note=values["speaker_note"])
    get_image_model().objects.update(title=values["image_title"], description=values["image_description"])
    article = ArticlePage.objects.get(pk=site["article"].pk)
    article.body = [
        ("heading", values["article_heading"]),
        ("paragraph", RichText(f"<p>{escape(values['article_paragraph'])}</p>")),
    ]
    ArticlePage.objects.filter(pk=article.pk).update(
        title=values["article_title"],
        intro=values["article_intro"],
        author=values["article_author"],
        body=article.body,
    )
    Tag.objects.filter(name="pembelajaran").update(name=values["tag"])
    SiteSettings.objects.update(
        organisation_name=values["organisation_name"],
        organisation_short_name=values["organisation_short_name"],
        address=values["address"],
        footer_text=values["footer_text"],
    )
    # Issuing refuses a blank signatory: whatever text came, something is printed.
    CertificateSettings.objects.filter(site_id=site["held"].get_site().pk).update(
        signatory_name=f"{values['signatory_name']} Penanda Tangan",
        signatory_title=f"{values['signatory_title']} Kepala",
    )
    Registration.objects.update(
        full_name=values["full_name"],
        agency=values["agency"],
        position=values["position"],
        whatsapp=values["whatsapp"],
    )


def get(client, path, **params):
    response = client.get(path, params)
    assert response.status_code == 200, path
    return b"".join(response.streaming_content) if response.streaming else response.content


def check_html(client, path):
    html = get(client, path).decode()
    assert not UNSTORABLE.search(html), path
    soup = BeautifulSoup(html, "html.parser")
    assert len(soup.find_all("h1")) == 1, path
    for script in soup.find_all("script", type="application/ld+json"):
        json.loads(script.string)


def check_public_outputs(client, site, values):
    held, article = site["held"], site["article"]
    certificate = Certificate.objects.get()
    for path in [
        "/",
        "/webinar/",
        held.url,
        site["upcoming"].url,
        "/berita/",
        article.url,
        "/narasumber/",
        site["speaker"].url,
        "/statistik/",
        f"/cari/?q={quote(values['article_title'][:20])}",
        f"/sertifikat/verifikasi/{certificate.verification_code}/",
    ]:
        check_html(client, path)

    feed = feedparser.parse(get(client, "/berita/rss/"))
    assert not feed.bozo, feed.bozo_exception
    assert len(feed.entries) == 1
    ElementTree.fromstring(get(client, "/sitemap.xml"))  # noqa: S314 - our own sitemap, as a crawler reads it
    for path in [f"{held.url}kalender/", "/webinar/kalender/"]:
        icalendar.Calendar.from_ical(get(client, path))
    assert list(csv.reader(io.StringIO(get(client, "/statistik/csv/").decode("utf-8-sig"))))
    json.loads(get(client, "/statistik/json/"))

    pdf = PdfReader(io.BytesIO(get(client, f"/sertifikat/unduh/{certificate.verification_code}/")))
    assert certificate.number in pdf.pages[0].extract_text()


def check_registrar_downloads(client, site):
    client.force_login(site["registrar"])
    for path in ["/admin/pendaftaran/", "/admin/kehadiran/", "/admin/sertifikat/"]:
        rows = list(csv.reader(io.StringIO(get(client, path, export="csv").decode("utf-8-sig"))))
        assert len(rows) > 1, path
        workbook = load_workbook(io.BytesIO(get(client, path, export="xlsx")))
        assert workbook.active.max_row == len(rows), path
    client.logout()


def check_emails(site):
    for registration, kind in [
        (site["registrant"], EmailKind.CONFIRMATION),
        (site["attendee"], EmailKind.CERTIFICATE),
    ]:
        outgoing = OutgoingEmail.objects.create(registration=registration, kind=kind)
        parsed = email.message_from_bytes(build_message(outgoing).message().as_bytes(), policy=policy.default)
        assert "Seri ke-" in parsed["Subject"]
        assert parsed.get_body(("plain",)).get_content()
        assert parsed.get_body(("html",)).get_content()
        for attachment in parsed.iter_attachments():
            icalendar.Calendar.from_ical(attachment.get_content())


def test_every_output_survives_any_stored_text(client, site):
    values = st.fixed_dictionaries({field: text(16 if field == "whatsapp" else 40) for field in FIELDS})

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    )
    @given(values=values)
    def every_output(values):
        cache.clear()
        with transaction.atomic():
            store(site, values)
            run_issuing(CertificateRun.objects.create(episode=site["held"]).pk)
            check_public_outputs(client, site, values)
            check_registrar_downloads(client, site)
            check_emails(site)
            transaction.set_rollback(True)

    every_output()
