"""One origin for every link: the Wagtail Site serving the page (core/site_address.py).

Two Sites on one install: the agency's own address (the default Site, "testserver" in the tests)
and a second name for the same pages (kedua.example, as when a province moves its sites to a new
domain), plus a third Site with a root page of its own. Each serves its pages and forms on its own
host and builds its links there; emails, which have no request, use the Site the episode belongs
to (the default one when it belongs to both).
"""

import io
import re

from django.core import mail
from django.core.management import CommandError, call_command

from wagtail.models import Site

import icalendar
import pytest

from tests.factories import home_page, make_episode, make_standard_page, wita
from tests.html import soup
from tests.webinars.registrations.test_registration import VALID
from webinars.certificates import pdf as certificate_pdf
from webinars.certificates.issuing import sheet_for
from webinars.models import Certificate, Registration

pytestmark = pytest.mark.django_db

PERSON = {**VALID, "email": "andi.baso@contoh.go.id"}


@pytest.fixture
def two_sites(settings, now):
    settings.ALLOWED_HOSTS = ["testserver", "kedua.example", "mitra.example"]
    home = home_page()
    second = Site.objects.create(hostname="kedua.example", port=80, root_page=home, site_name="Kedua")
    partner_root = make_standard_page(slug="mitra", title="Mitra")
    third = Site.objects.create(hostname="mitra.example", port=80, root_page=partner_root, site_name="Mitra")
    episode = make_episode(
        series_number=41,
        slug="seri-41",
        start=wita(2025, 8, 14, 9, 0),
        registration_opens_at=wita(2025, 7, 25, 8, 0),
    )
    return episode, second, third


def canonical(response):
    page = soup(response)
    return page.find("link", rel="canonical")["href"], page.find("meta", property="og:url")["content"]


def everything_said(messages):
    return "\n".join(
        [m.body for m in messages] + [alt[0] for m in messages for alt in getattr(m, "alternatives", [])]
    )


@pytest.mark.parametrize("host", ["testserver", "kedua.example"])
def test_each_site_serves_the_pages_and_the_form_with_its_own_links(
    client, two_sites, host, django_capture_on_commit_callbacks
):
    episode, _second, _third = two_sites
    origin = f"http://{host}"

    home = client.get("/", HTTP_HOST=host)
    assert home.status_code == 200
    assert canonical(home) == (f"{origin}/", f"{origin}/")

    page = client.get("/webinar/seri-41/?utm_source=wa", HTTP_HOST=host)
    assert page.status_code == 200
    assert canonical(page) == (f"{origin}/webinar/seri-41/", f"{origin}/webinar/seri-41/")

    form = client.get("/webinar/seri-41/daftar/", HTTP_HOST=host)
    assert form.status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        done = client.post("/webinar/seri-41/daftar/", PERSON, HTTP_HOST=host)
    assert done.status_code == 302
    assert done["Location"].startswith("/webinar/seri-41/daftar/selesai/")
    assert client.get(done["Location"], HTTP_HOST=host).status_code == 200
    assert Registration.objects.filter(episode=episode).count() == 1

    said = everything_said(mail.outbox)
    assert "http://testserverhttp" not in said and "localhost" not in said
    # The episode belongs to both Sites; mail, with no request, uses the default one.
    assert "http://testserver/webinar/seri-41/daftar/selesai/" in said
    assert "http://testserver/webinar/seri-41/batal/" in said

    ics = icalendar.Calendar.from_ical(client.get("/webinar/seri-41/kalender/", HTTP_HOST=host).content)
    event = next(iter(ics.walk("VEVENT")))
    assert f"Informasi: {origin}/webinar/seri-41/" in str(event["description"])

    robots = client.get("/robots.txt", HTTP_HOST=host).content.decode()
    assert f"Sitemap: {origin}/sitemap.xml" in robots
    locs = [loc.get_text() for loc in soup(client.get("/sitemap.xml", HTTP_HOST=host)).find_all("loc")]
    assert f"{origin}/webinar/seri-41/" in locs
    assert all(loc.startswith(f"{origin}/") for loc in locs)


def test_a_site_with_its_own_root_serves_its_own_pages(client, two_sites):
    response = client.get("/", HTTP_HOST="mitra.example")
    assert response.status_code == 200
    assert soup(response).h1.get_text(strip=True) == "Mitra"
    assert canonical(response)[0] == "http://mitra.example/"
    assert client.get("/webinar/seri-41/", HTTP_HOST="mitra.example").status_code == 404


def test_set_site_address_sets_the_default_site_and_every_link_follows(client, now):
    home_page()
    out = io.StringIO()
    call_command("set_site_address", "http://127.0.0.1:8601", stdout=out)
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port, site.root_url) == ("127.0.0.1", 8601, "http://127.0.0.1:8601")
    episode = make_episode(slug="seri-41", start=wita(2025, 8, 14, 9, 0))
    # The QR code and the certificate email carry these.
    certificate = Certificate(episode=episode, verification_code="ABCD2345")
    assert certificate.verification_url() == "http://127.0.0.1:8601/sertifikat/verifikasi/ABCD2345/"
    assert certificate.download_url() == "http://127.0.0.1:8601/sertifikat/unduh/ABCD2345/"
    sheet = sheet_for(episode)
    assert certificate_pdf.verification_url(certificate, sheet) == certificate.verification_url()

    # Any host the default Site answers for (here the test client's) links to the Site's address.
    response = client.get("/webinar/seri-41/")
    assert canonical(response)[0] == "http://127.0.0.1:8601/webinar/seri-41/"
    assert "Sitemap: http://127.0.0.1:8601/sitemap.xml" in client.get("/robots.txt").content.decode()
    locs = [loc.get_text() for loc in soup(client.get("/sitemap.xml")).find_all("loc")]
    assert locs and all(loc.startswith("http://127.0.0.1:8601/") for loc in locs)

    call_command("set_site_address", "https://asnadaptif.example.go.id", stdout=out)
    assert Site.objects.get(is_default_site=True).root_url == "https://asnadaptif.example.go.id"


@pytest.mark.parametrize(
    "url", ["asnadaptif.example.go.id", "ftp://x.example", "https://x.example:8443", "http://x.example/sub/"]
)
def test_set_site_address_refuses_what_a_site_cannot_hold(url, now):
    home_page()
    before = Site.objects.values_list("hostname", "port").get(is_default_site=True)
    with pytest.raises(CommandError, match="Alamat tidak valid"):
        call_command("set_site_address", url, stdout=io.StringIO())
    assert Site.objects.values_list("hostname", "port").get(is_default_site=True) == before


def test_links_carry_no_doubled_origin_anywhere(client, two_sites):
    body = client.get("/webinar/seri-41/", HTTP_HOST="kedua.example").content.decode()
    assert not re.search(r"https?://[^\s\"'<>]*https?://", body.replace("youtube-nocookie", ""))
