"""The site under a lost database, a lost Redis and a lost mail server."""

import contextlib
import datetime
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path
from unittest import mock

from django.conf import settings
from django.core import mail
from django.core.cache import cache
from django.core.management import call_command
from django.db import OperationalError
from django.test import Client, override_settings

import pytest
from django_tasks_db.models import DBTaskResult, get_date_max

from site_project.settings.base import redis_cache
from tests.conftest import TEST_REDIS_DB, free_port, redis_is_up
from tests.factories import home_page
from tests.webinars.registrations.test_registration import VALID, open_episode, person
from webinars.models import EmailStatus, OutgoingEmail, Registration

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]


# PostgreSQL down


def unreachable_database():
    error = OperationalError('connection to server at "127.0.0.1", port 5432 failed: Connection refused')
    return mock.patch("django.db.backends.base.base.BaseDatabaseWrapper.cursor", side_effect=error)


@pytest.fixture
def database_down():
    with unreachable_database():
        yield


def test_without_the_database_pages_answer_503_with_a_friendly_page(database_down):
    client = Client(raise_request_exception=False)
    for path in ["/", "/webinar/", "/webinar/seri-41/daftar/", "/cari/?q=belajar", "/berita/"]:
        response = client.get(path)
        assert response.status_code == 503, path
        html = response.content.decode()
        assert "Situs sedang dalam pemulihan" in html
        assert "Traceback" not in html and "OperationalError" not in html and "5432" not in html
        assert response["Retry-After"] == "30"
        assert response["Cache-Control"] == "no-store"
        assert response.has_header("Content-Security-Policy")


def test_other_errors_still_get_the_500_page():
    home_page()
    client = Client(raise_request_exception=False)
    with mock.patch("home.models.HomePage.get_context", side_effect=KeyError("boom")):
        response = client.get("/")
    assert response.status_code == 500
    assert "Terjadi gangguan" in response.content.decode()


def test_the_site_recovers_when_the_database_returns():
    home_page()
    client = Client(raise_request_exception=False)
    with unreachable_database():
        assert client.get("/").status_code == 503
    assert client.get("/").status_code == 200


class Link:
    """A TCP relay to a service (PostgreSQL, Redis) that can be cut and restored, so a test can
    take the service away from one server without stopping the one everyone else on the machine
    uses."""

    def __init__(self, port, target):
        self.port, self.target = port, target
        self.sockets, self.listener = [], None

    def open(self):
        self.listener = socket.create_server(("127.0.0.1", self.port), reuse_port=True)
        threading.Thread(target=self._accept, args=(self.listener,), daemon=True).start()

    def cut(self):
        # shutdown() wakes the thread blocked in accept(); close() alone leaves it listening.
        with contextlib.suppress(OSError):
            self.listener.shutdown(socket.SHUT_RDWR)
        self.listener.close()
        for connection in self.sockets:
            with contextlib.suppress(OSError):
                connection.shutdown(socket.SHUT_RDWR)
        self.sockets = []

    def _accept(self, listener):
        with contextlib.suppress(OSError):
            while True:
                client, _ = listener.accept()
                upstream = socket.create_connection(self.target)
                self.sockets += [client, upstream]
                for source, sink in [(client, upstream), (upstream, client)]:
                    threading.Thread(target=self._pipe, args=(source, sink), daemon=True).start()

    @staticmethod
    def _pipe(source, sink):
        with contextlib.suppress(OSError):
            while data := source.recv(65536):
                sink.sendall(data)
        with contextlib.suppress(OSError):
            sink.shutdown(socket.SHUT_WR)


def status(url):
    try:
        with urllib.request.urlopen(url, timeout=20) as response:  # noqa: S310 (our own test server)
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


@pytest.mark.skipif(not settings.IS_POSTGRES, reason="a real outage needs PostgreSQL")
def test_a_real_server_answers_503_while_postgresql_is_unreachable_and_recovers_alone():
    link_port, http_port = free_port(), free_port()
    database = settings.DATABASES["default"]["NAME"]  # the migrated test database
    environment = {
        "PATH": "/usr/bin:/bin",
        "DJANGO_SETTINGS_MODULE": "site_project.settings.production",
        "SECRET_KEY": "outage-test-" + "x" * 50,
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:{link_port}/{database}",
        "SECURE_SSL_REDIRECT": "false",
    }
    # Production pages name their static files from the manifest collectstatic writes.
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--no-input"],
        cwd=ROOT,
        env=environment,
        check=True,
        capture_output=True,
    )
    link = Link(link_port, (settings.DATABASES["default"]["HOST"], 5432))
    link.open()
    server = subprocess.Popen(  # noqa: S603
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "site_project.wsgi",
            "-b",
            f"127.0.0.1:{http_port}",
            "-w",
            "1",
            "--no-control-socket",
        ],
        cwd=ROOT,
        env=environment,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{http_port}"
    try:
        for _ in range(100):
            with contextlib.suppress(OSError):
                if status(base + "/healthz") == 200:
                    break
            time.sleep(0.2)
        assert status(base + "/") == 200
        link.cut()
        # A page anonymous readers had is still served from the page cache; one that needs the
        # database (search reads it on every request) cannot be.
        assert status(base + "/") == 200
        assert status(base + "/cari/?q=belajar") == 503
        assert status(base + "/healthz") == 503
        link.open()
        assert status(base + "/cari/?q=belajar") == 200
        assert status(base + "/healthz") == 200
    finally:
        server.terminate()
        server.wait()
        link.cut()


# Redis down


@pytest.fixture
def redis_down():
    # Nothing listens on this port: every cache call fails to connect.
    with override_settings(CACHES={"default": redis_cache(f"redis://127.0.0.1:{free_port()}/0")}):
        yield


def test_without_redis_the_cache_behaves_as_empty(redis_down):
    assert cache.get("key", "default") == "default"
    assert not cache.add("key", 1)
    cache.set("key", 1)
    assert cache.get("key") is None
    assert cache.get_many(["a", "b"]) == {}
    assert cache.get_or_set("key", 5) == 5


def test_without_redis_pages_and_registrations_still_work(redis_down, now):
    home_page()
    episode = open_episode()
    client = Client()
    assert client.get("/").status_code == 200
    assert client.get(episode.url).status_code == 200
    with override_settings(REGISTRATION_RATE_LIMIT=(1, 600)):
        # The limit cannot be counted without Redis: attempts are allowed, not refused.
        for number in range(3):
            assert client.post(episode.url + "daftar/", person(number)).status_code == 302
    assert Registration.objects.count() == 3


@pytest.mark.skipif(not redis_is_up(), reason="Redis is not running on 127.0.0.1:6379")
def test_a_redis_that_comes_back_is_used_again():
    link = Link(free_port(), ("127.0.0.1", 6379))
    with override_settings(CACHES={"default": redis_cache(f"redis://127.0.0.1:{link.port}/{TEST_REDIS_DB}")}):
        link.open()
        try:
            cache.set("key", "kept")
            assert cache.get("key") == "kept"
            link.cut()
            assert cache.get("key", "missing") == "missing"
            link.open()
            assert cache.get("key") == "kept"
        finally:
            cache.clear()
            link.cut()


# Mail server down (the mail_server_down fixture is in conftest.py)


def test_with_the_mail_server_down_registrations_are_taken_and_emails_wait(
    mail_server_down, now, time_machine, django_capture_on_commit_callbacks
):
    episode = open_episode()
    client = Client()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(episode.url + "daftar/", VALID)
    assert response.status_code == 302
    registration = Registration.objects.get()
    email = OutgoingEmail.objects.get()
    assert (email.status, email.attempts, email.last_error) == (
        EmailStatus.PENDING,
        1,
        "ConnectionRefusedError",
    )
    assert email.next_attempt_at == now + datetime.timedelta(minutes=1)

    # The mail server is back; the periodic job sends what waited.
    time_machine.move_to(now + datetime.timedelta(minutes=10), tick=False)
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
        call_command("send_reminders", stdout=open("/dev/null", "w"))  # noqa: SIM115
    email.refresh_from_db()
    assert email.status == EmailStatus.SENT
    assert mail.outbox[-1].to == [registration.email]


# /healthz


def test_healthz_reports_every_part_cheaply_and_is_never_cached(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(2):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "database": "ok",
        "cache": "ok",
        "worker": "ok",
        "oldest_waiting_task_seconds": 0,
    }
    assert "no-store" in response["Cache-Control"]


def test_healthz_answers_503_without_the_database(database_down):
    response = Client(raise_request_exception=False).get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "unavailable"


def test_healthz_stays_up_but_degraded_without_redis(redis_down):
    response = Client().get("/healthz")
    assert response.status_code == 200
    assert response.json()["status"] == "degraded"
    assert response.json()["cache"] == "unavailable"


def test_healthz_says_when_the_worker_has_left_a_task_waiting(client, time_machine, now):
    time_machine.move_to(now - datetime.timedelta(minutes=20), tick=False)
    DBTaskResult.objects.create(
        args_kwargs={"args": [1], "kwargs": {}},
        task_path="webinars.tasks.deliver_email",
        backend_name="default",
        run_after=get_date_max(),  # "as soon as possible"
    )
    time_machine.move_to(now, tick=False)
    body = client.get("/healthz").json()
    assert (body["status"], body["worker"], body["oldest_waiting_task_seconds"]) == ("degraded", "late", 1200)
