"""Security headers, the admin's protection and the production settings' own checks."""

import ipaddress
import os
import subprocess
import sys
from pathlib import Path

from django.template import loader
from django.test import Client, override_settings

import pytest
from axes.models import AccessAttempt, AccessLog

from tests.factories import home_page, make_episode, wita
from tests.html import csp_directives

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parent.parent.parent
PRODUCTION = {
    "DJANGO_SETTINGS_MODULE": "site_project.settings.production",
    "SECRET_KEY": "k" * 30 + "-production-like-secret-key-for-the-check",
    "ALLOWED_HOSTS": "asnadaptif.example.go.id",
    "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/unused",
}
SECURITY_HEADERS = [
    "Content-Security-Policy",
    "Permissions-Policy",
    "Referrer-Policy",
    "X-Content-Type-Options",
]


def manage(*args, env):
    environment = {key: value for key, value in os.environ.items() if key not in PRODUCTION}
    return subprocess.run(  # noqa: S603 (our own manage.py)
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**environment, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_settings_pass_the_deployment_checks():
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize("missing", ["SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL"])
@pytest.mark.parametrize("unset", [True, False], ids=["unset", "empty"])
def test_production_refuses_to_start_without_its_required_settings(missing, unset):
    env = {**PRODUCTION, missing: ""}
    if unset:
        del env[missing]
    result = manage("check", env=env)
    assert result.returncode != 0
    assert result.returncode == 2
    assert f"Konfigurasi produksi belum lengkap: {missing} belum diisi" in result.stderr
    assert f"Production configuration incomplete: {missing} not set" in result.stderr
    assert "Traceback" not in result.stderr


def assert_secure_headers(response):
    for header in SECURITY_HEADERS:
        assert response.has_header(header), header
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "camera=()" in response["Permissions-Policy"]


def test_public_pages_get_a_strict_policy_that_still_allows_the_video_player(client):
    home_page()
    response = client.get("/")
    assert response.status_code == 200
    assert_secure_headers(response)
    policy = csp_directives(response)
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["img-src"] == ["'self'", "data:"]
    assert policy["frame-src"] == ["https://www.youtube-nocookie.com"]
    assert policy["object-src"] == ["'none'"]
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]


def test_error_pages_and_static_files_carry_the_headers_too(client):
    home_page()
    assert_secure_headers(client.get("/tidak-ada/"))
    with override_settings(WHITENOISE_USE_FINDERS=True, WHITENOISE_AUTOREFRESH=True):
        response = Client().get("/static/css/site.css")
    assert response.status_code == 200
    assert_secure_headers(response)


def test_error_pages_need_no_inline_style_or_script(client):

    for name in ["403.html", "500.html", "503.html", "axes/lockout.html"]:
        html = loader.get_template(name).render({})
        assert "<style" not in html and "style=" not in html and "<script" not in html


def test_the_admin_gets_its_own_policy(client):
    response = client.get("/admin/login/")
    assert response.status_code == 200
    policy = csp_directives(response)
    assert "'unsafe-inline'" in policy["script-src"]
    assert_secure_headers(response)


@override_settings(SECURE_HSTS_SECONDS=31_536_000, SECURE_HSTS_INCLUDE_SUBDOMAINS=True)
def test_https_responses_carry_hsts(client):
    home_page()
    response = client.get("/", secure=True)
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"


# Admin login


@pytest.fixture
def staff(django_user_model):
    return django_user_model.objects.create_superuser("staf", "staf@contoh.go.id", "sandi-yang-benar")


def log_in(client, password, username="staf", address="203.0.113.5"):
    return client.post("/admin/login/", {"username": username, "password": password}, REMOTE_ADDR=address)


def test_five_wrong_passwords_lock_that_username_from_that_address(client, staff):
    for _ in range(4):
        assert log_in(client, "salah").status_code == 200
    locked = log_in(client, "salah")
    assert locked.status_code == 429
    assert "Akses masuk dikunci sementara" in locked.content.decode()
    assert "coba lagi setelah 30 menit" in locked.content.decode()
    # Now even the right password is refused from there, without saying whether it was right.
    assert log_in(client, "sandi-yang-benar").status_code == 429
    assert "_auth_user_id" not in client.session
    # A colleague elsewhere is not locked out by someone guessing at her account.
    assert log_in(Client(), "sandi-yang-benar", address="198.51.100.7").status_code == 302


def test_a_successful_login_resets_the_count(client, staff):
    for _ in range(4):
        log_in(client, "salah")
    assert log_in(client, "sandi-yang-benar").status_code == 302
    assert not AccessAttempt.objects.filter(failures_since_start__gt=0).exists()
    assert not AccessLog.objects.exists()  # successful logins are not recorded


def test_staff_sessions_end_after_a_working_day_or_when_the_browser_closes(client, staff):
    log_in(client, "sandi-yang-benar")
    assert client.session.get_expire_at_browser_close()
    assert client.session.get_expiry_age() == 8 * 60 * 60
    assert client.cookies["sessionid"]["max-age"] == ""  # a browser-session cookie


# Admin networks

OFFICE = [ipaddress.ip_network("10.20.0.0/16")]
PROXY = [ipaddress.ip_network("127.0.0.1/32")]


@override_settings(ADMIN_ALLOWED_NETWORKS=OFFICE)
@pytest.mark.parametrize(
    ("remote", "forwarded", "allowed"),
    [
        ("10.20.3.4", None, True),
        ("203.0.113.5", None, False),
        # X-Forwarded-For from someone who is not our proxy is not believed.
        ("203.0.113.5", "10.20.3.4", False),
    ],
)
@pytest.mark.parametrize("path", ["/admin/login/", "/_util/login/"])
def test_the_admin_answers_only_the_allowed_networks(client, remote, forwarded, allowed, path):
    headers = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded else {}
    response = client.get(path, REMOTE_ADDR=remote, **headers)
    assert response.status_code == (200 if allowed else 403)
    assert allowed or "Akses ditolak" in response.content.decode()


@override_settings(ADMIN_ALLOWED_NETWORKS=OFFICE, TRUSTED_PROXIES=PROXY)
@pytest.mark.parametrize(
    ("forwarded", "allowed"),
    [
        ("10.20.3.4", True),
        ("198.51.100.1, 10.20.3.4", True),
        # A client cannot slip an office address in front of its own: the proxy appends the real one.
        ("10.20.3.4, 198.51.100.1", False),
        ("bukan-alamat", False),
    ],
)
def test_behind_a_trusted_proxy_the_forwarded_address_counts(client, forwarded, allowed):
    response = client.get("/admin/login/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=forwarded)
    assert response.status_code == (200 if allowed else 403)


@override_settings(ADMIN_ALLOWED_NETWORKS=OFFICE)
def test_the_public_site_and_its_forms_stay_open_to_everyone(client, time_machine):
    time_machine.move_to(wita(2025, 8, 1, 10, 0), tick=False)
    episode = make_episode(
        series_number=41, start=wita(2025, 8, 14, 9, 0), registration_opens_at=wita(2025, 7, 25, 8, 0)
    )
    assert client.get(episode.url, REMOTE_ADDR="203.0.113.5").status_code == 200
    assert client.get(episode.url + "daftar/", REMOTE_ADDR="203.0.113.5").status_code == 200


@override_settings(ADMIN_ALLOWED_NETWORKS=OFFICE)
def test_a_refused_address_never_reaches_the_login(client, staff):
    assert log_in(client, "sandi-yang-benar").status_code == 403
    assert not AccessAttempt.objects.exists()


def test_media_goes_to_s3_compatible_storage_when_a_bucket_is_named():
    script = (
        "from django.conf import settings; from django.core.files.storage import default_storage; "
        "print(default_storage.url('images/poster.jpg')); "
        "print(settings.CONTENT_SECURITY_POLICY['DIRECTIVES']['img-src'])"
    )
    bucket = {"AWS_STORAGE_BUCKET_NAME": "asn-media", "AWS_S3_ENDPOINT_URL": "https://s3.example.go.id"}
    result = manage("shell", "-c", script, env={**PRODUCTION, **bucket})
    assert result.returncode == 0, result.stderr
    url, image_sources = result.stdout.splitlines()[-2:]
    assert url == "https://s3.example.go.id/asn-media/media/images/poster.jpg"
    assert "https://s3.example.go.id" in image_sources
    without = manage("shell", "-c", script, env=PRODUCTION)
    assert without.stdout.splitlines()[-2] == "/media/images/poster.jpg"
