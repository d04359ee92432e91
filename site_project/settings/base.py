"""Settings shared by every environment. The environment is read here and nowhere else: the
process's own variables, and the env file named by ASN_ENV_FILE (site_project/environment.py)."""

import datetime
import ipaddress
import os
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF, UNSAFE_INLINE

from site_project import environment

# Already read by manage.py and wsgi.py; read here too for any other entry point (django-admin,
# a gunicorn config naming the settings). Reading it again changes nothing.
environment.load()

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env(name, default=None):
    return os.environ.get(name, default)


def env_list(name, default=""):
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


def env_networks(name):
    """A comma-separated list of addresses or CIDR ranges; a typo stops the server from starting."""
    return [ipaddress.ip_network(item, strict=False) for item in env_list(name)]


DEBUG = False
SECRET_KEY = env("SECRET_KEY")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")

INSTALLED_APPS = [
    "core",
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
    "axes",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
]

# The security headers come before WhiteNoise so static files carry them too; the admin network
# check comes before sessions and login so a refused address cannot even try a password; axes
# comes last, as its documentation requires.
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "core.security_headers.ContentSecurityPolicyMiddleware",
    "core.security_headers.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "core.admin_access.AdminNetworkMiddleware",
    # Before everything that reads the session or the CSRF cookie: a cached page costs no more.
    "core.page_cache.PageCacheMiddleware",
    # Inside the page cache, which keeps the compressed and the plain page apart.
    "django.middleware.gzip.GZipMiddleware",
    # Inside compression and the page cache: pages are cleaned once, before either keeps them.
    "core.text.StorableMarkupMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Hands Wagtail's serve() the page a remembered route leads to (core/page_routes.py).
    "core.page_routes.PageRouteMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "site_project.urls"
WSGI_APPLICATION = "site_project.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        # The site's pages and components, then each webinars room's own folder
        # (webinars/<room>/templates/<room>/…, see docs/architecture.md).
        "DIRS": [BASE_DIR / "templates", *sorted((BASE_DIR / "webinars").glob("*/templates"))],
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
        env("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=60,
        # A kept connection is checked before each request reuses it, so after a database
        # restart the site reconnects by itself instead of failing on the dead connection.
        conn_health_checks=True,
    )
}
IS_POSTGRES = DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
if IS_POSTGRES:
    INSTALLED_APPS.append("django.contrib.postgres")

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"


def redis_cache(url):
    """django-redis at `url`. While Redis is down every call answers as a miss (get → default,
    set → nothing kept), so pages are served uncached and rate limits let attempts through;
    /healthz says "cache": "unavailable"."""
    return {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": url,
        "OPTIONS": {
            "IGNORE_EXCEPTIONS": True,
            # Redis answers in a millisecond; waiting longer only holds up pages during an outage.
            "SOCKET_CONNECT_TIMEOUT": 0.5,
            "SOCKET_TIMEOUT": 0.5,
        },
    }


CACHES = {
    "default": (
        redis_cache(env("REDIS_URL"))
        if env("REDIS_URL")
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

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

# Admin pages with long StreamFields post many fields; the public forms post a dozen.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
# Form bodies (files aside) above this are refused with 400; a long admin page edit stays well
# below it. Uploaded files go to a temporary file above 2.5 MB (Django's default) and are capped
# by WAGTAILDOCS_MAX_UPLOAD_SIZE, Wagtail's 10 MB image limit and the reverse proxy (docs/deploy.md).
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# The public address of the site, for links in emails (which have no request to read it from).
SITE_URL = env("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

# The agency's key for the certificates' electronic signatures: a PKCS#12 file (key and X.509
# certificate, with its CA chain if any) and its passphrase, never in the repository. Development
# and test settings make a self-signed key at their own path on first use; production never does.
CERTIFICATE_SIGNING_KEY_FILE = env("CERTIFICATE_SIGNING_KEY_FILE", "")
CERTIFICATE_SIGNING_KEY_PASSPHRASE = env("CERTIFICATE_SIGNING_KEY_PASSPHRASE", "")
CERTIFICATE_SIGNING_DEV_KEY = False
# Uploads to the verification page larger than this are refused unread (a certificate is ~100 KB).
CERTIFICATE_UPLOAD_MAX_BYTES = 2 * 1024 * 1024

EMAIL_BACKEND = env("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = env("EMAIL_HOST", "localhost")
EMAIL_PORT = int(env("EMAIL_PORT", "25"))
EMAIL_HOST_USER = env("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env("EMAIL_USE_TLS", "false") == "true"
EMAIL_TIMEOUT = 20
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "ASN Adaptif <noreply@localhost>")

# `manage.py load_demo` (demo pages and an admin with a fixed password) refuses to run unless
# this is set: the development and test settings set it, production never does.
DEMO_CONTENT_ALLOWED = False

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
# Titles and alt texts without the characters no feed or spreadsheet can carry (core/text_fields.py).
WAGTAILIMAGES_IMAGE_FORM_BASE = "core.text_fields.StorableImageForm"
WAGTAILDOCS_DOCUMENT_FORM_BASE = "core.text_fields.StorableDocumentForm"
WAGTAIL_ENABLE_UPDATE_CHECK = False
# Workflow emails (submitted, approved, rejected) go to the Moderator group and the author, in each
# user's admin language; the technical administrator (superuser) is left out of the editors' mail.
WAGTAILADMIN_NOTIFICATION_INCLUDE_SUPERUSERS = False
WAGTAIL_DATE_FORMAT = "%d-%m-%Y"
WAGTAIL_DATETIME_FORMAT = "%d-%m-%Y %H.%M"

# Emails and other slow work run in the background: `python manage.py db_worker`.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# Rate limits (core/rate_limits.py): attempts are counted per person and per address in windows
# of RATE_LIMIT_WINDOW seconds. Offices and mobile carriers put hundreds of people behind one
# address, so the address ceilings below are high; one person named more than
# RATE_LIMIT_PER_PERSON times, or an address whose attempts mostly fail once RATE_LIMIT_FAILURES
# have failed, is what gets refused.
RATE_LIMIT_WINDOW = 600
RATE_LIMIT_PER_PERSON = int(env("RATE_LIMIT_PER_PERSON", "10"))
RATE_LIMIT_FAILURES = int(env("RATE_LIMIT_FAILURES", "30"))
# All attempts allowed from one address per window: the ceiling against made-up valid people.
REGISTRATION_RATE_LIMIT = (int(env("REGISTRATION_RATE_LIMIT", "3000")), RATE_LIMIT_WINDOW)
CHECKIN_RATE_LIMIT = (int(env("CHECKIN_RATE_LIMIT", "3000")), RATE_LIMIT_WINDOW)
CERTIFICATE_LOOKUP_RATE_LIMIT = (int(env("CERTIFICATE_LOOKUP_RATE_LIMIT", "3000")), RATE_LIMIT_WINDOW)
# How long an anonymous reader may see a page as it was (core/page_cache.py); 0 turns it off.
# Edits show at once; only what changes with the clock (registration opening) waits this long.
PAGE_CACHE_SECONDS = int(env("PAGE_CACHE_SECONDS", "60"))

# How many days after an episode ends its registrations keep the participants' personal data;
# `manage.py anonymise_registrations` (run daily) blanks it after that.
REGISTRATION_RETENTION_DAYS = int(env("REGISTRATION_RETENTION_DAYS", "730"))

# Security. ADMIN_PATH is where urls.py mounts the Wagtail admin.
ADMIN_PATH = "/admin/"
# The reverse proxies in front of the app servers (addresses or CIDR ranges): only requests from
# them have their X-Forwarded-For believed (core/client_ip.py). Empty: REMOTE_ADDR is the client.
TRUSTED_PROXIES = env_networks("TRUSTED_PROXIES")
# Networks allowed to reach the admin at all (e.g. the office's); empty: everyone.
ADMIN_ALLOWED_NETWORKS = env_networks("ADMIN_ALLOWED_NETWORKS")

# Staff sessions end after a working day, and when the browser closes (shared office computers).
SESSION_COOKIE_AGE = 8 * 60 * 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

# Admin login guessing: five failures for one username from one address lock that pair for 30
# minutes (an attacker elsewhere cannot lock a colleague out). Stored in the database, so every
# app server counts together.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = datetime.timedelta(minutes=30)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "core.client_ip.client_ip"
AXES_LOCKOUT_TEMPLATE = "axes/lockout.html"
AXES_VERBOSE = False
# Failed attempts are kept (they are what locks); a record of every successful login, with its
# address and browser, is not needed and would only grow.
AXES_DISABLE_ACCESS_LOG = True

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
PERMISSIONS_POLICY_DISABLED = ["camera", "microphone", "geolocation", "payment", "usb"]
YOUTUBE_EMBED_ORIGIN = "https://www.youtube-nocookie.com"
# The public site runs only its own scripts and styles (no inline script, no style attribute);
# the video player is the one frame it embeds. JSON-LD blocks are data, not scripts, and need
# no exception.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "frame-src": [YOUTUBE_EMBED_ORIGIN],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [SELF],
    }
}
# The Wagtail admin's own templates use inline scripts and style attributes (see
# core/security_headers.py for why this looser policy is confined to the admin).
ADMIN_CONTENT_SECURITY_POLICY = {
    **CONTENT_SECURITY_POLICY["DIRECTIVES"],
    "script-src": [SELF, UNSAFE_INLINE],
    "style-src": [SELF, UNSAFE_INLINE],
    "img-src": [SELF, "data:", "blob:"],
    "frame-src": [SELF, YOUTUBE_EMBED_ORIGIN],
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
