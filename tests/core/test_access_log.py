"""Access logs keep no personal data from admin searches (gunicorn.conf.py, docs/deploy.md's nginx).

A registrar searches the admin for a participant's email and NIP; the request and the next page
(whose Referer is the search) are written by gunicorn's own access logger, configured from our
gunicorn.conf.py, to a real log file: neither the email nor the NIP is in any line.
"""

import datetime
import re
import runpy
from pathlib import Path

from django.contrib.auth.models import Group

import pytest
from gunicorn.config import Config
from gunicorn.glogging import Logger

from tests.factories import make_episode, make_registration

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parent.parent.parent
EMAIL = "rahasia.pribadi@contoh.go.id"
NIP = "199001152015031777"


class Sent:
    """What gunicorn's logger reads of a response it has sent."""

    def __init__(self, response):
        self.status = f"{response.status_code} {response.reason_phrase}"
        self.sent = len(response.content)
        self.headers = list(response.items())


def gunicorn_logger(log_file):
    settings = runpy.run_path(str(ROOT / "gunicorn.conf.py"))
    config = Config()
    config.set("accesslog", str(log_file))
    config.set("access_log_format", settings["access_log_format"])
    return Logger(config)


def test_an_admin_search_for_an_email_is_in_no_access_log_line(client, tmp_path, django_user_model, now):
    episode = make_episode()
    make_registration(episode, email=EMAIL, nip=NIP)
    registrar = django_user_model.objects.create_user("registrar", password="pw")
    registrar.groups.add(Group.objects.get(name="Admin Peserta"))
    client.force_login(registrar)
    log_file = tmp_path / "access.log"
    logger = gunicorn_logger(log_file)

    search = client.get("/admin/pendaftaran/", {"q": EMAIL})
    assert search.status_code == 200 and EMAIL in search.content.decode()
    by_nip = client.get("/admin/pendaftaran/", {"q": NIP, "status": "confirmed"})
    next_page = client.get(
        "/admin/pendaftaran/", HTTP_REFERER=f"http://testserver/admin/pendaftaran/?q={EMAIL}"
    )
    public_search = client.get("/cari/", {"q": EMAIL})
    for response in (search, by_nip, next_page, public_search):
        environ = {**response.wsgi_request.environ, "RAW_URI": response.wsgi_request.get_full_path()}
        logger.access(Sent(response), environ, environ, datetime.timedelta(milliseconds=12))
    for handler in logger.access_log.handlers:
        handler.flush()

    lines = log_file.read_text().splitlines()
    assert len(lines) == 4
    assert all('"GET /admin/pendaftaran/ HTTP/1.1" 200' in line for line in lines[:3])
    for line in lines:
        assert "rahasia" not in line and NIP not in line and "?" not in line, line


def test_the_deploy_guides_nginx_log_format_leaves_out_query_strings():
    guide = (ROOT / "docs" / "deploy.md").read_text()
    nginx = "\n".join(re.findall(r"```nginx\n(.*?)```", guide, re.DOTALL))
    log_format = re.search(r"log_format\s+(\w+)(.*?);", nginx, re.DOTALL)
    assert log_format, "the nginx example defines its own log_format"
    assert f"access_log /var/log/nginx/asn-adaptif.access.log {log_format.group(1)}" in nginx
    for variable in ("$request ", "$request_uri", "$args", "$query_string", "$http_referer", "$arg_"):
        assert variable not in log_format.group(2) + " ", variable
    assert "$uri" in log_format.group(2)
