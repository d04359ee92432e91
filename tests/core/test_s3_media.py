"""Media on S3-compatible storage, against a real S3 protocol server (moto's standalone server).

The test starts ``moto_server`` on a free local port (skipped when it cannot start), points the
production storage settings at it (django-storages, as site_project/settings/production.py
builds them), uploads an image through the admin, renders its renditions, serves a page whose
HTML carries the image's URL on the bucket and fetches that URL, then backs the bucket up and
restores it with the ``aws s3 sync`` lines of docs/deploy.md (skipped when the aws CLI is absent).
"""

import io
import json
import os
import re
import shutil
import subprocess
import time
import urllib.request
from pathlib import Path

from django.core.files.storage import storages
from django.test import override_settings

from wagtail.images import get_image_model

import pytest
from PIL import Image as PillowImage

from tests.conftest import free_port
from tests.factories import make_episode, wita

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parent.parent.parent
MOTO = ROOT / ".venv" / "bin" / "moto_server"
BUCKET = "asn-adaptif-media"
BACKUP = "asn-adaptif-backup"
PUBLIC_READ = {
    "Version": "2012-10-17",
    "Statement": [
        {
            "Effect": "Allow",
            "Principal": "*",
            "Action": "s3:GetObject",
            "Resource": f"arn:aws:s3:::{BUCKET}/media/*",
        }
    ],
}
CREDENTIALS = {
    "AWS_ACCESS_KEY_ID": "testing",
    "AWS_SECRET_ACCESS_KEY": "testing",
    "AWS_DEFAULT_REGION": "us-east-1",
}


@pytest.fixture(scope="module")
def s3_server():
    if not MOTO.exists():
        pytest.skip("moto_server is not installed (requirements-dev.txt: moto[server])")
    port = free_port()
    server = subprocess.Popen(  # noqa: S603 (the pinned test dependency's own server)
        [str(MOTO), "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    endpoint = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(endpoint, timeout=1).read()
                break
            except OSError:
                if server.poll() is not None:
                    pytest.skip("moto_server could not start")
                time.sleep(0.1)
        else:
            pytest.skip("moto_server did not answer")
        yield endpoint
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.fixture
def s3_media(s3_server, monkeypatch):
    """The default storage on the bucket, configured as production.py configures it."""
    for name, value in CREDENTIALS.items():
        monkeypatch.setenv(name, value)
    boto3 = pytest.importorskip("boto3")
    client = boto3.client("s3", endpoint_url=s3_server, region_name="us-east-1")
    for bucket in (BUCKET, BACKUP):
        client.create_bucket(Bucket=bucket)
    # Media is publicly readable (docs/deploy.md): a bucket policy, as an administrator sets it.
    client.put_bucket_policy(Bucket=BUCKET, Policy=json.dumps(PUBLIC_READ))
    options = {
        "bucket_name": BUCKET,
        "endpoint_url": s3_server,
        "region_name": "us-east-1",
        "location": "media",
        "querystring_auth": False,
        "file_overwrite": False,
        "default_acl": None,
        "object_parameters": {"CacheControl": "max-age=86400"},
    }
    storage_settings = {
        "default": {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": options},
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    with override_settings(STORAGES=storage_settings):
        storages._storages = {}
        try:
            yield client
        finally:
            storages._storages = {}
            for bucket in (BUCKET, BACKUP):
                for item in client.list_objects_v2(Bucket=bucket).get("Contents", []):
                    client.delete_object(Bucket=bucket, Key=item["Key"])
                client.delete_bucket(Bucket=bucket)


def keys(client, bucket, prefix=""):
    return sorted(
        item["Key"] for item in client.list_objects_v2(Bucket=bucket, Prefix=prefix).get("Contents", [])
    )


def poster_bytes():
    buffer = io.BytesIO()
    PillowImage.new("RGB", (1600, 900), (11, 79, 108)).save(buffer, "JPEG")
    return buffer.getvalue()


def test_images_uploaded_in_the_admin_live_on_the_bucket_and_pages_show_them(
    client, s3_media, s3_server, django_user_model, now, tmp_path
):
    client.force_login(django_user_model.objects.create_superuser("admin", "a@contoh.go.id", "pw"))
    upload = io.BytesIO(poster_bytes())
    upload.name = "poster-seri-41.jpg"
    response = client.post(
        "/admin/images/add/", {"title": "Poster Seri 41", "file": upload, "description": "Poster"}
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    image = get_image_model().objects.get(title="Poster Seri 41")
    assert image.file.name in [
        key.removeprefix("media/") for key in keys(s3_media, BUCKET, "media/original_images/")
    ]

    rendition = image.get_rendition("fill-600x400|format-webp")
    assert rendition.file.name.startswith("images/")
    assert f"media/{rendition.file.name}" in keys(s3_media, BUCKET, "media/images/")
    assert rendition.url.startswith(f"{s3_server}/{BUCKET}/media/images/")

    episode = make_episode(slug="seri-41", start=wita(2025, 8, 14, 9, 0), image=image)
    client.logout()
    html = client.get(episode.url).content.decode()
    urls = set(re.findall(rf"{re.escape(s3_server)}/{BUCKET}/media/images/[^\"' ,]+", html))
    assert urls, "the page shows the poster from the bucket"
    for url in urls:
        with urllib.request.urlopen(url, timeout=5) as served:  # noqa: S310 (the local S3 server)
            assert served.status == 200 and served.read()[:4] in (b"RIFF", b"\xff\xd8\xff\xe0", b"\x89PNG")

    # Back up and restore as docs/deploy.md says, with the aws CLI against the same endpoint.
    aws = shutil.which("aws")
    if aws is None:
        pytest.skip("the aws CLI is not installed: backup and restore not run")
    guide = (ROOT / "docs" / "deploy.md").read_text()
    backup_line = next(
        line for line in guide.splitlines() if line.startswith("aws s3 sync s3://asn-adaptif-media")
    )
    restore_line = next(
        line for line in guide.splitlines() if line.startswith("aws s3 sync s3://asn-adaptif-backup")
    )
    env = {**os.environ, **CREDENTIALS, "AWS_S3_ENDPOINT_URL": s3_server}
    before = keys(s3_media, BUCKET)
    # The shell's date, as the guide's $(date +%F) reads it (the test's own clock is frozen).
    day = subprocess.run(["date", "+%F"], capture_output=True, text=True, check=True).stdout.strip()  # noqa: S607

    def run(line):
        command = line.split("#")[0].strip()
        done = subprocess.run(  # noqa: S603 (the guide's own line)
            ["/bin/sh", "-c", command], env=env, capture_output=True, text=True, timeout=120
        )
        assert done.returncode == 0, command + done.stderr

    run(backup_line)
    assert keys(s3_media, BACKUP, f"{day}/") == [f"{day}/{key}" for key in before]
    for key in before:
        s3_media.delete_object(Bucket=BUCKET, Key=key)
    assert keys(s3_media, BUCKET) == []
    run(restore_line.replace("2026-11-28", day))
    assert keys(s3_media, BUCKET) == before
    with urllib.request.urlopen(rendition.url, timeout=5) as served:  # noqa: S310
        assert served.status == 200
