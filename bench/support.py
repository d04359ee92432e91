"""What the benchmark and failover scripts share: a throwaway production-like site, and its clients."""

import http.client
import os
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
PYTHON = str(ROOT / ".venv" / "bin" / "python")
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")
CSRF = "benchmarkcsrfsecret0123456789abc"  # Django accepts this same unmasked secret in cookie and form

SETUP = """
import datetime
from django.utils import timezone
from tests.factories import make_episode
now = timezone.now()
episode = make_episode(series_number=9999, slug="bench", start=now + datetime.timedelta(days=3),
                       registration_opens_at=now - datetime.timedelta(days=1), capacity={capacity})
print(episode.url)
"""


def production_env(database, redis_db, **extra):
    """The production settings against a database of the script's own and one Redis database."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "site_project.settings.production",
        "SECRET_KEY": "benchmark-only-" + "x" * 50,
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{database}",
        "REDIS_URL": f"redis://127.0.0.1:6379/{redis_db}",
        "SECURE_SSL_REDIRECT": "false",
        "REGISTRATION_RATE_LIMIT": "1000000",
        "RATE_LIMIT_PER_PERSON": "1000000",
        "RATE_LIMIT_FAILURES": "1000000",
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        **extra,
    }


def manage(env, *args, stdin=None):
    done = subprocess.run(
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, input=stdin, text=True, capture_output=True
    )
    if done.returncode:
        sys.exit(f"manage.py {' '.join(args)} failed:\n{done.stderr}")
    return done.stdout


def psql(sql, database="postgres"):
    subprocess.run(["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", database, "-qc", sql], check=True)


def fresh_database(env, database):
    """A new database with the schema, and the static files collected."""
    psql(f"DROP DATABASE IF EXISTS {database}")
    psql(f"CREATE DATABASE {database}")
    manage(env, "migrate", "--no-input")
    manage(env, "collectstatic", "--no-input")


def fresh_site(env, database, capacity):
    """A new database with one episode open for registration; returns its form's path."""
    fresh_database(env, database)
    return manage(env, "shell", stdin=SETUP.format(capacity=capacity)).strip().splitlines()[-1] + "daftar/"


def start_gunicorn(env, port, workers):
    """gunicorn (gunicorn.conf.py: gthread) in its own process group, so that killing the group
    is a crash of the whole server."""
    return subprocess.Popen(
        [
            GUNICORN,
            "site_project.wsgi",
            "-b",
            f"127.0.0.1:{port}",
            "-w",
            str(workers),
            "--no-control-socket",
            "--access-logfile",
            "/dev/null",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
        start_new_session=True,
    )


def wait_until_serving(port):
    for _ in range(150):
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", "/robots.txt")
            connection.getresponse().read()
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"nothing serving on port {port}")


@contextmanager
def gunicorn(env, port, workers=2):
    """A server for the length of a `with` block."""
    server = start_gunicorn(env, port, workers)
    try:
        wait_until_serving(port)
        yield server
    finally:
        server.terminate()
        server.wait()


def registration_body(number):
    return urlencode(
        {
            "csrfmiddlewaretoken": CSRF,
            "full_name": f"Peserta Uji {number}",
            "email": f"bench{number}@contoh.go.id",
            "whatsapp": "081234567890",
            "participant_type": "non-asn",
            "nip": "",
            "agency": "BPSDM Sulsel",
            "position": "Analis",
            "regency": "makassar",
            "consent": "on",
            "website": "",
        }
    )


def post_registration(connection, path, number):
    """POST one person's registration; returns (status, body)."""
    headers = {"Content-Type": "application/x-www-form-urlencoded", "Cookie": f"csrftoken={CSRF}"}
    connection.request("POST", path, registration_body(number), headers)
    response = connection.getresponse()
    return response.status, response.read()
