from .base import *  # noqa: F403
from .base import BASE_DIR, LOGGING, env

DEBUG = True
SECRET_KEY = env("SECRET_KEY", "dev-only-not-for-production")
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
EMAIL_BACKEND = env("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
SERVE_MEDIA = True
DEMO_CONTENT_ALLOWED = True
# A self-signed key made on first use, in a git-ignored folder (webinars/certificates/signing.py).
CERTIFICATE_SIGNING_KEY_FILE = env("CERTIFICATE_SIGNING_KEY_FILE", str(BASE_DIR / ".signing" / "dev-key.p12"))
CERTIFICATE_SIGNING_KEY_PASSPHRASE = env("CERTIFICATE_SIGNING_KEY_PASSPHRASE", "dev-only-not-secret")
CERTIFICATE_SIGNING_DEV_KEY = not env("CERTIFICATE_SIGNING_KEY_FILE")

# `make run` shares one terminal between the server's request lines, the printed emails and the
# task worker, which logs a line per task at INFO: only warnings and errors reach the terminal.
LOGGING = {
    **LOGGING,
    "handlers": {"console": {"class": "logging.StreamHandler", "level": "WARNING"}},
}
