from .base import *  # noqa: F403
from .base import BASE_DIR, STORAGES

SECRET_KEY = "test-only"
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MEDIA_ROOT = BASE_DIR / ".test-media"
# Tests render templates without running collectstatic first.
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}

# Background tasks run at once, inside the request, so tests see their effect.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
SITE_URL = "http://testserver"
# Tests see what each request renders; tests/core/test_page_cache.py turns the page cache on.
PAGE_CACHE_SECONDS = 0
SERVE_MEDIA = True
DEMO_CONTENT_ALLOWED = True
# A self-signed key, made on the first signature (git-ignored, like the test media).
CERTIFICATE_SIGNING_KEY_FILE = str(BASE_DIR / ".test-media" / "signing" / "test-key.p12")
CERTIFICATE_SIGNING_KEY_PASSPHRASE = "test-only"
CERTIFICATE_SIGNING_DEV_KEY = True
