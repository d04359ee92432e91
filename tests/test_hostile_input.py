"""Hostile input at every public address that reads input: never a 500, never reflected markup.

tests/webinars/test_registration_hostile_input.py explores the registration form's fields with
Hypothesis; this file fires a fixed arsenal at everything public. A new public form or query
parameter is covered by adding it to QUERY_PARAMETERS or FORMS below.
"""

from urllib.parse import quote

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, override_settings

import pytest

from tests.factories import (
    home_page,
    make_article,
    make_speaker,
    news_index,
    site_settings,
    speaker_index,
    statistics_page,
)
from tests.webinars.registrations.test_registration import VALID, open_episode
from webinars.models import Registration

pytestmark = pytest.mark.django_db

MARKUP = ["<script>alert(1)</script>", "<svg onload=alert(1)>", "<img src=x onerror=alert(1)>"]
HOSTILE = [
    *MARKUP,
    '"><script>alert(1)</script>',
    "x" * 20_000,
    "\x00",
    "a\x00b\x1b[31m\x7f",
    "\r\nSet-Cookie: hijacked=1",
    "' OR '1'='1' --",
    "1; DROP TABLE webinars_registration; --",
    "../../../../etc/passwd",
    "..\\..\\windows\\win.ini",
    "%2e%2e%2f%2e%2e%2fetc%2fpasswd",
    "-1",
    "0",
    "99999999999999999999999999",
    "1e308",
    "NaN",
    "{{ 7*7 }}{% debug %}",
    "${jndi:ldap://127.0.0.1/a}",
    "\u202e\ufeff\u200b",
    "＜ｓｃｒｉｐｔ＞",
]
# Raw query-string fragments: percent-encodings that are not valid UTF-8, and repeated keys.
RAW_QUERIES = ["{name}=%ff%fe", "{name}=%c3%28", "{name}=%", "{name}=1&{name}=2", "{name}[]=1", "{name}"]

# Every public address that reads its query string, with the parameters it reads.
QUERY_PARAMETERS = {
    "/cari/": ["q", "halaman"],
    "/webinar/": ["waktu", "tahun", "topik", "halaman"],
    "/webinar/rekaman/": ["halaman"],
    "/berita/": ["topik", "halaman"],
    "/statistik/": ["urut", "arah"],
}
# Every public form: where it posts, and the valid data one hostile field at a time replaces.
FORMS = {
    "registration": ("{episode}daftar/", VALID),
    "check-in": (
        "{episode}presensi/",
        {"email": VALID["email"], "secret": VALID["nip"], "keyword": "ADAPTIF"},
    ),
    "certificate-look-up": ("/sertifikat/", {"email": VALID["email"], "secret": VALID["nip"]}),
    "admin-login": ("/admin/login/", {"username": "staf", "password": "rahasia"}),
}
# Addresses with a token in the path (links from emails).
TOKEN_PATHS = [
    "{episode}daftar/selesai/{token}/",
    "{episode}batal/{token}/",
    "{episode}evaluasi/{token}/",
    "/sertifikat/verifikasi/{token}/",
    "/sertifikat/unduh/{token}/",
]
PUBLIC_PATHS = [
    "/",
    "/webinar/",
    "/webinar/rekaman/",
    "/webinar/kalender/",
    "{episode}",
    "{episode}kalender/",
    "{episode}daftar/",
    "{episode}presensi/",
    "/sertifikat/",
    "/narasumber/",
    "/berita/",
    "/statistik/",
    "/statistik/csv/",
    "/statistik/json/",
    "/cari/",
    "/sitemap.xml",
    "/robots.txt",
    "/healthz",
]


@pytest.fixture
def site(now):
    home_page()
    site_settings()
    make_speaker(parent=speaker_index())
    make_article(parent=news_index(), tags=["pembelajaran"])
    statistics_page()
    episode = open_episode(tags=["kinerja"])
    with override_settings(REGISTRATION_RATE_LIMIT=(1_000_000, 600)):
        yield {"episode": episode.url}


def assert_harmless(response, sent):
    assert response.status_code < 500, sent
    body = response.content.decode(errors="replace")
    for markup in MARKUP:
        assert markup not in body, sent
    assert "hijacked" not in str(response.cookies)
    assert "\n" not in response.get("Location", "")


@pytest.mark.parametrize(
    ("path", "name"), [(path, name) for path, names in QUERY_PARAMETERS.items() for name in names]
)
def test_query_parameters(client, site, path, name):
    queries = [f"{name}={quote(value)}" for value in HOSTILE]
    queries += [raw.format(name=name) for raw in RAW_QUERIES]
    for query in queries:
        assert_harmless(client.get(f"{path}?{query}"), query[:80])


@pytest.mark.parametrize("form", FORMS)
def test_forms(client, site, form):
    path, valid = FORMS[form]
    path = path.format(**site)
    before = Registration.objects.count()
    for field in [*valid, "unexpected_field"]:
        for value in HOSTILE:
            assert_harmless(client.post(path, {**valid, field: value}), (field, value[:80]))
        assert_harmless(client.post(path, {**valid, field: [MARKUP[0], "2"]}), (field, "list"))
    # Hostile values are refused, with no row written; only a handful of harmless ones pass
    # (e.g. digits in the agency field).
    assert Registration.objects.count() - before < len(HOSTILE)


@pytest.mark.parametrize("template", TOKEN_PATHS)
@pytest.mark.parametrize("method", ["get", "post"])
def test_tokens_in_paths(client, site, template, method):
    for value in [*HOSTILE, "%ff%fe"]:
        path = template.format(episode=site["episode"], token=quote(value, safe="%"))
        assert_harmless(getattr(client, method)(path), value[:80])


@pytest.mark.parametrize("segment", [*HOSTILE, "%ff", "..%2f..%2f", "%00"])
def test_hostile_paths(client, site, segment):
    for template in ["/webinar/{}/", "/berita/{}/", "/narasumber/{}/", "/{}", "/static/{}"]:
        assert_harmless(client.get(template.format(quote(segment, safe="%"))), segment[:80])


@pytest.mark.parametrize("method", ["PUT", "PATCH", "DELETE", "OPTIONS", "TRACE", "PROPFIND", "HEAD", "POST"])
def test_wrong_methods_change_nothing(site, method):
    client = Client(enforce_csrf_checks=True)
    before = Registration.objects.count()
    for path in PUBLIC_PATHS:
        response = client.generic(method, path.format(**site), "email=x@contoh.go.id")
        assert_harmless(response, (method, path))
    assert Registration.objects.count() == before


def test_oversized_bodies_are_refused_before_reaching_a_form(client, site):
    path = site["episode"] + "daftar/"
    too_big = client.post(path, {**VALID, "agency": "x" * 6 * 1024 * 1024})
    assert too_big.status_code == 400
    too_many = client.generic(
        "POST", path, "&".join(f"f{n}=1" for n in range(11_000)), "application/x-www-form-urlencoded"
    )
    assert too_many.status_code == 400
    broken = client.generic("POST", path, b"--x\r\nbroken", "multipart/form-data; boundary=x")
    assert_harmless(broken, "broken multipart")
    assert not Registration.objects.exists()
    # A file nobody asked for is ignored (and spooled to disk, not memory); the form still works.
    upload = client.post(path, {**VALID, "poster": SimpleUploadedFile("poster.php", b"x" * 3 * 1024 * 1024)})
    assert upload.status_code == 302
    assert Registration.objects.count() == 1
