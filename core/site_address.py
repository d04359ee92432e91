"""The one origin every absolute link is built on: the Wagtail Site that serves the page.

Emails, the certificates' QR codes, `.ics` files, the sitemap, robots.txt, canonical and Open Graph
links all take their scheme, host and port from a Wagtail ``Site`` record (``Site.root_url``:
``https://host`` for port 443, ``http://host`` for 80, ``http://host:port`` otherwise), never from
whatever Host header a request happened to carry nor from a setting that can disagree with it.
``manage.py set_site_address URL`` sets the default Site (``make run`` does it for its own port);
with several Sites, each page's links use the Site it belongs to, and a request's links the Site
that serves it. ``SITE_URL`` is the last resort, for an install with no Site at all.
"""

from urllib.parse import urljoin, urlsplit

from django.conf import settings

from wagtail.models import Site


def root_url(request=None):
    """'https://asnadaptif.example.go.id' (no trailing slash) for the Site serving `request`
    (Wagtail's own choice: hostname and port, else the default Site); SITE_URL when none."""
    site = Site.find_for_request(request) if request is not None else None
    if site is None:
        site = Site.objects.filter(is_default_site=True).first()
    return site.root_url if site is not None else settings.SITE_URL


def page_root_url(page, request=None):
    """The origin of the Site `page` belongs to (the request's Site first when the page is in
    several); SITE_URL for a page outside every Site. Reads Wagtail's cached site root paths,
    so it costs no query once they are cached."""
    parts = page.get_url_parts(request)
    if parts is None or parts[1] is None:
        return settings.SITE_URL
    return parts[1].rstrip("/")


def page_url(page, request=None):
    """The page's absolute URL on its Site ('https://host/webinar/seri-41/')."""
    parts = page.get_url_parts(request)
    if parts is None:
        return None
    _site_id, origin, path = parts
    return (origin or settings.SITE_URL).rstrip("/") + path


def absolute(request, url):
    """`url` (a path such as a rendition's, or already absolute, e.g. on S3) on the request's Site."""
    if urlsplit(url).scheme:
        return url
    return urljoin(root_url(request) + "/", url)


def parse(url):
    """('https', 'asnadaptif.example.go.id', 443) from an address such as
    'https://asnadaptif.example.go.id' or 'http://127.0.0.1:8601'. Raises ValueError for anything
    that is not http(s)://host[:port] with no path."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.path not in ("", "/"):
        raise ValueError(url)
    if parts.query or parts.fragment or parts.username:
        raise ValueError(url)
    port = parts.port or (443 if parts.scheme == "https" else 80)
    if parts.scheme == "https" and port != 443:
        # Wagtail's Site.root_url writes https only for port 443.
        raise ValueError(url)
    return parts.scheme, parts.hostname, port
