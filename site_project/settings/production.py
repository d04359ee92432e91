from site_project.environment import missing_configuration

from .base import *  # noqa: F403
from .base import ADMIN_CONTENT_SECURITY_POLICY, ALLOWED_HOSTS, CONTENT_SECURITY_POLICY, STORAGES, env

# Never an invented secret, never the development SQLite file: a process started without its
# configuration (a cron line without ASN_ENV_FILE) stops and says what is missing.
_missing = [name for name in ("SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL") if not env(name)]
if _missing:
    raise missing_configuration(_missing)

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env("SECURE_SSL_REDIRECT", "true") == "true"
# Load balancers probe app servers over plain HTTP.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = 31_536_000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
CSRF_TRUSTED_ORIGINS = [f"https://{host}" for host in ALLOWED_HOSTS]

# Uploaded media on S3-compatible storage (AWS, MinIO, Ceph, a cloud provider's object storage)
# when a bucket is named, so several app servers share one media store. Credentials come from
# AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY, which boto3 reads from the environment itself.
if env("AWS_STORAGE_BUCKET_NAME"):
    STORAGES = {
        **STORAGES,
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": env("AWS_STORAGE_BUCKET_NAME"),
                "endpoint_url": env("AWS_S3_ENDPOINT_URL"),
                "region_name": env("AWS_S3_REGION_NAME"),
                "custom_domain": env("AWS_S3_CUSTOM_DOMAIN"),
                "location": env("AWS_LOCATION", "media"),
                # Media is public (posters, speaker photos, documents): plain URLs, cacheable,
                # and never overwriting a file that has the same name.
                "querystring_auth": False,
                "file_overwrite": False,
                "default_acl": None,
                "object_parameters": {"CacheControl": "max-age=86400"},
            },
        },
    }
    # Images are then loaded from the storage's own address, which the CSP must allow.
    media_origin = env("MEDIA_ORIGIN") or (
        f"https://{env('AWS_S3_CUSTOM_DOMAIN')}"
        if env("AWS_S3_CUSTOM_DOMAIN")
        else env("AWS_S3_ENDPOINT_URL") or f"https://{env('AWS_STORAGE_BUCKET_NAME')}.s3.amazonaws.com"
    )
    CONTENT_SECURITY_POLICY = {
        "DIRECTIVES": {
            **CONTENT_SECURITY_POLICY["DIRECTIVES"],
            "img-src": [*CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"], media_origin],
        }
    }
    ADMIN_CONTENT_SECURITY_POLICY = {
        **ADMIN_CONTENT_SECURITY_POLICY,
        "img-src": [*ADMIN_CONTENT_SECURITY_POLICY["img-src"], media_origin],
    }
