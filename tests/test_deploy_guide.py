"""docs/deploy.md, run as written: the scheduled commands act on the production database.

The crontab of docs/deploy.md is read from the guide itself (its ```cron block): its variable
lines and each job's command, run by ``/bin/sh`` as cron runs it, from an environment as empty
as cron's (PATH, HOME, SHELL, LOGNAME) plus the crontab's own variables. Only two paths are
swapped for this machine's: the checkout for ``/srv/asn-adaptif`` and a scratch env file for
``/etc/asn-adaptif/env``. The env file names a PostgreSQL database of the test's own; each job
must change that database (and leave the development SQLite file alone).
"""

import json
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import TEST_REDIS_DB

ROOT = Path(__file__).resolve().parent.parent
GUIDE = ROOT / "docs" / "deploy.md"
INSTALL_DIR = "/srv/asn-adaptif"
ENV_FILE = "/etc/asn-adaptif/env"
DATABASE = f"asn_scheduled_test_{TEST_REDIS_DB}"
PG = ["-h", "127.0.0.1", "-U", "postgres"]

SEED = """
import datetime, time
from django.utils import timezone
from tests.factories import make_episode, make_registration, make_standard_page
now = timezone.now()
old = make_episode(slug="lama", start=now - datetime.timedelta(days=800))
make_registration(old, email="lama@contoh.go.id")
soon = make_episode(slug="segera", start=now + datetime.timedelta(minutes=30))
make_registration(soon, email="segera@contoh.go.id")
page = make_standard_page(slug="terjadwal", title="Terjadwal")
page.unpublish()
page.go_live_at = timezone.now() + datetime.timedelta(seconds=2)
page.save_revision().publish()  # scheduled: approved to go live in two seconds
time.sleep(3)
print("SEEDED")
"""

STATE = """
import json
from wagtail.models import Page
from webinars.models import OutgoingEmail, Registration
print("STATE " + json.dumps({
    "anonymised": Registration.objects.filter(email__startswith="anonim-").count(),
    "old_kept": Registration.objects.filter(email="lama@contoh.go.id").count(),
    "reminders": OutgoingEmail.objects.filter(kind="reminder-hour").count(),
    "scheduled_live": Page.objects.filter(slug="terjadwal", live=True).count(),
}))
"""


def crontab():
    """(variables, commands) of the guide's ```cron block, in its order."""
    block = re.search(r"```cron\n(.*?)```", GUIDE.read_text(), re.DOTALL)
    assert block, "docs/deploy.md has no ```cron block"
    variables, commands = {}, []
    for line in block.group(1).splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        assignment = re.fullmatch(r"([A-Z_]+)=(.*)", line)
        if assignment:
            variables[assignment.group(1)] = assignment.group(2)
            continue
        commands.append(line.split(None, 5)[5])
    return variables, commands


def on_this_machine(text, env_file):
    return text.replace(ENV_FILE, str(env_file)).replace(INSTALL_DIR, str(ROOT))


def postgres_is_up():
    try:
        done = subprocess.run(["pg_isready", "-q", *PG], timeout=10, check=False)  # noqa: S603, S607
    except (OSError, subprocess.TimeoutExpired):
        return False
    return done.returncode == 0


def psql(sql):
    subprocess.run(["psql", *PG, "-d", "postgres", "-qc", sql], check=True, capture_output=True)  # noqa: S603, S607


@pytest.fixture
def production(tmp_path):
    """A PostgreSQL database of the test's own, migrated, and an env file naming it."""
    if not postgres_is_up():
        pytest.skip("PostgreSQL is not running on 127.0.0.1:5432")
    psql(f"DROP DATABASE IF EXISTS {DATABASE}")
    psql(f"CREATE DATABASE {DATABASE}")
    env_file = tmp_path / "env"
    env_file.write_text(
        "# as in .env.example\n"
        "SECRET_KEY=scheduled-test-" + "s" * 40 + "\n"
        "ALLOWED_HOSTS=asnadaptif.example.go.id\n"
        f"DATABASE_URL=postgres://postgres@127.0.0.1:5432/{DATABASE}\n"
        "EMAIL_BACKEND=django.core.mail.backends.locmem.EmailBackend\n"
    )
    yield env_file
    psql(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")


def cron_environment(variables, env_file):
    """What cron gives a job: almost nothing, plus the crontab's variable lines."""
    return {
        "PATH": "/usr/bin:/bin",
        "HOME": str(env_file.parent),
        "SHELL": "/bin/sh",
        "LOGNAME": "asn",
        **{name: on_this_machine(value, env_file) for name, value in variables.items()},
    }


def manage(env, *args, stdin=None):
    done = subprocess.run(  # noqa: S603 (our own manage.py)
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def manage_with_only(env_file, *args):
    """manage.py with nothing in its environment but PATH and ASN_ENV_FILE."""
    return subprocess.run(  # noqa: S603 (our own manage.py)
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={"PATH": os.environ["PATH"], "ASN_ENV_FILE": str(env_file)},
        capture_output=True,
        text=True,
        timeout=120,
    )


def state(env):
    line = next(line for line in manage(env, "shell", stdin=STATE).splitlines() if line.startswith("STATE "))
    return json.loads(line.removeprefix("STATE "))


def test_the_guides_crontab_names_the_env_file_and_every_scheduled_command():
    variables, commands = crontab()
    assert variables.get("ASN_ENV_FILE") == ENV_FILE
    names = {shlex.split(command.split("&&")[-1])[2] for command in commands}
    assert names == {"send_reminders", "anonymise_registrations", "publish_scheduled"}


def test_each_scheduled_command_as_written_acts_on_postgresql(production):
    variables, commands = crontab()
    env = cron_environment(variables, production)
    sqlite_file = ROOT / "db.sqlite3"
    sqlite_before = sqlite_file.stat().st_mtime if sqlite_file.exists() else None

    manage(env, "migrate", "--no-input")
    assert "SEEDED" in manage(env, "shell", stdin=SEED)
    before = state(env)
    assert before == {"anonymised": 0, "old_kept": 1, "reminders": 0, "scheduled_live": 0}

    for command in commands:
        done = subprocess.run(  # noqa: S603 (the guide's own line)
            ["/bin/sh", "-c", on_this_machine(command, production)],
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert done.returncode == 0, f"{command}\n{done.stdout}{done.stderr}"

    assert state(env) == {"anonymised": 1, "old_kept": 0, "reminders": 1, "scheduled_live": 1}
    assert (sqlite_file.stat().st_mtime if sqlite_file.exists() else None) == sqlite_before


def test_a_scheduled_command_without_its_configuration_stops_with_a_message(tmp_path):
    variables, commands = crontab()
    env = cron_environment(variables, tmp_path / "missing-env")
    done = subprocess.run(  # noqa: S603
        ["/bin/sh", "-c", on_this_machine(commands[0], tmp_path / "missing-env")],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 2
    assert "tidak ditemukan" in done.stderr and "not found" in done.stderr
    assert "Traceback" not in done.stderr


def test_an_env_file_without_the_database_stops_instead_of_using_sqlite(tmp_path):
    env_file = tmp_path / "env"
    env_file.write_text("SECRET_KEY=x\nALLOWED_HOSTS=asnadaptif.example.go.id\n")
    done = manage_with_only(env_file, "anonymise_registrations")
    assert done.returncode == 2
    assert "DATABASE_URL" in done.stderr and "Traceback" not in done.stderr


def test_load_demo_refuses_under_production_settings(tmp_path):
    env_file = tmp_path / "env"
    env_file.write_text(
        "SECRET_KEY=" + "p" * 50 + "\nALLOWED_HOSTS=asnadaptif.example.go.id\n"
        "DATABASE_URL=postgres://postgres@127.0.0.1:5432/never_touched\n"
    )
    done = manage_with_only(env_file, "load_demo")
    assert done.returncode != 0
    assert "hanya untuk pengaturan pengembangan" in done.stderr
    assert "runs only with the development settings" in done.stderr
    assert "admin-asn-adaptif" not in done.stdout + done.stderr
