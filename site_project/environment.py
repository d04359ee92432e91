"""One environment for every process: the env file named by ASN_ENV_FILE, read with django-environ.

The web server (wsgi.py, gunicorn), the task worker, the reminder loop, scheduled publishing and
the daily anonymisation all start through ``load()``: each reads the same file the same way, so
a command run by cron acts on the same database as the site. ``ASN_ENV_FILE`` is the only
variable a process needs from outside; variables already in the process's environment win over
the file's (a one-off ``REDIS_URL=… manage.py …`` still works).

Which settings a process runs with:

- ``DJANGO_SETTINGS_MODULE`` from the environment or the file, if set;
- otherwise production when an env file is named (an env file means a deployment);
- otherwise development (``make run`` on a laptop, no configuration at all).

A named env file that is missing, or production settings missing a required variable, stop the
process with a clear message (``ConfigurationError``) instead of falling back to development.
"""

import os
from pathlib import Path

import environ

ENV_FILE_VARIABLE = "ASN_ENV_FILE"
DEVELOPMENT = "site_project.settings.dev"
PRODUCTION = "site_project.settings.production"


class ConfigurationError(Exception):
    """The configuration a process needs is missing; the message says what, in Indonesian and English."""


def load(default_settings=DEVELOPMENT):
    """Read the env file named by ASN_ENV_FILE into os.environ (once; later calls read nothing new)
    and choose DJANGO_SETTINGS_MODULE as the module docstring says. Returns the settings module.

    Raises ConfigurationError when ASN_ENV_FILE names a file that does not exist or cannot be read.
    """
    path = os.environ.get(ENV_FILE_VARIABLE, "").strip()
    if path:
        env_file = Path(path)
        if not env_file.is_file():
            raise ConfigurationError(
                f"Berkas konfigurasi {ENV_FILE_VARIABLE}={path} tidak ditemukan; perintah dihentikan "
                f"agar tidak berjalan dengan pengaturan pengembangan.\n"
                f"Configuration file {ENV_FILE_VARIABLE}={path} not found; stopped rather than falling "
                f"back to the development settings."
            )
        if not os.access(env_file, os.R_OK):
            raise ConfigurationError(
                f"Berkas konfigurasi {path} tidak dapat dibaca oleh pengguna ini.\n"
                f"Configuration file {path} cannot be read by this user."
            )
        environ.Env.read_env(env_file, overwrite=False, parse_comments=True)
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", PRODUCTION)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", default_settings)
    return os.environ["DJANGO_SETTINGS_MODULE"]


def missing_configuration(names):
    """ConfigurationError for production settings started without the variables in `names`."""
    listed = ", ".join(names)
    source = os.environ.get(ENV_FILE_VARIABLE) or f"(tidak ada {ENV_FILE_VARIABLE} / no {ENV_FILE_VARIABLE})"
    return ConfigurationError(
        f"Konfigurasi produksi belum lengkap: {listed} belum diisi di {source}. "
        f"Lihat docs/deploy.md, bagian 1.\n"
        f"Production configuration incomplete: {listed} not set in {source}. See docs/deploy.md, section 1."
    )
