"""Settings shared by every environment. The environment is read here and nowhere else."""

import os
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env(name, default=None):
    return os.environ.get(name, default)


def env_list(name, default=""):
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


DEBUG = False
SECRET_KEY = env("SECRET_KEY")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")

INSTALLED_APPS = [
    "home",
    "webinars",
    "news",
    "search",
    "demo",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.table_block",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_tasks",
    "django_tasks_db",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before everything that reads the session or the CSRF cookie: a cached page costs no more.
    "home.page_cache.PageCacheMiddleware",
    # Inside the page cache, which keeps the compressed and the plain page apart.
    "django.middleware.gzip.GZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "site_project.urls"
WSGI_APPLICATION = "site_project.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"), conn_max_age=60
    )
}
IS_POSTGRES = DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
if IS_POSTGRES:
    INSTALLED_APPS.append("django.contrib.postgres")

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {
    "default": (
        {"BACKEND": "home.cache.RedisCache", "LOCATION": env("REDIS_URL")}
        if env("REDIS_URL")
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Wagtail's Indonesian catalogue lives under id_ID and Django's under id: "id-id" finds both
# (gettext falls back from id_ID to id), and Django's Indonesian formats give "10 Juli 2025"
# and 2.888.
LANGUAGE_CODE = "id-id"
LANGUAGES = [("id-id", "Bahasa Indonesia"), ("en", "English")]
# The public site is always Indonesian (no LocaleMiddleware); Wagtail switches the admin to
# each user's chosen language on its own.
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
# Our catalogue comes first: it fills in the Wagtail strings its Indonesian one leaves in English.
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Makassar"
USE_I18N = True
USE_TZ = True
USE_THOUSAND_SEPARATOR = True
FORMAT_MODULE_PATH = ["site_project.formats"]

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", BASE_DIR / "media"))
# Django serving uploads itself: for development and tests (production: the web server, or S3).
SERVE_MEDIA = False
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# The public address of the site, for links in emails (which have no request to read it from).
SITE_URL = env("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

EMAIL_BACKEND = env("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = env("EMAIL_HOST", "localhost")
EMAIL_PORT = int(env("EMAIL_PORT", "25"))
EMAIL_HOST_USER = env("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env("EMAIL_USE_TLS", "false") == "true"
EMAIL_TIMEOUT = 20
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "ASN Adaptif <noreply@localhost>")

# Wagtail
WAGTAIL_SITE_NAME = "ASN Adaptif"
WAGTAILADMIN_BASE_URL = SITE_URL
WAGTAIL_GRAVATAR_PROVIDER_URL = None  # the site must work offline
WAGTAILSEARCH_BACKENDS = {
    "default": {
        "BACKEND": "wagtail.search.backends.database",
        # Stems Indonesian words on PostgreSQL ("belajar" finds "pembelajaran"); ignored on SQLite.
        "SEARCH_CONFIG": "indonesian",
    }
}
WAGTAILEMBEDS_FINDERS = []  # videos are embedded from their URL, never via oEmbed
WAGTAILIMAGES_FORMAT_CONVERSIONS = {"avif": "webp", "png": "webp", "gif": "webp", "bmp": "webp"}
WAGTAILDOCS_EXTENSIONS = ["pdf", "pptx", "docx", "xlsx", "odt", "odp", "zip"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAIL_ENABLE_UPDATE_CHECK = False
# Workflow emails (submitted, approved, rejected) go to the Moderator group and the author, in each
# user's admin language; the technical administrator (superuser) is left out of the editors' mail.
WAGTAILADMIN_NOTIFICATION_INCLUDE_SUPERUSERS = False
WAGTAIL_DATE_FORMAT = "%d-%m-%Y"
WAGTAIL_DATETIME_FORMAT = "%d-%m-%Y %H.%M"

# Emails and other slow work run in the background: `python manage.py db_worker`.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# Registration attempts allowed per client address per window (seconds). Offices share one
# address behind NAT, so the limit is generous; it stops scripts, not colleagues.
REGISTRATION_RATE_LIMIT = (int(env("REGISTRATION_RATE_LIMIT", "60")), 600)
# Check-ins come in a burst while the keyword is on screen, many from one office address.
CHECKIN_RATE_LIMIT = (int(env("CHECKIN_RATE_LIMIT", "120")), 600)
# Each certificate look-up is a guess at someone's email and NIP: far fewer are allowed.
CERTIFICATE_LOOKUP_RATE_LIMIT = (int(env("CERTIFICATE_LOOKUP_RATE_LIMIT", "20")), 600)
# How long an anonymous reader may see a page as it was (home/page_cache.py); 0 turns it off.
# Edits show at once; only what changes with the clock (registration opening) waits this long.
PAGE_CACHE_SECONDS = int(env("PAGE_CACHE_SECONDS", "60"))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
