"""Where a page address leads, remembered as plain values so a rush does not walk the page tree.

Wagtail serves a page by finding the request's Site (a query), then walking the tree from its
root page, one or two queries per level, and checking view restrictions (two more). In a
registration rush that was most of each POST's work. This middleware remembers, per host and
page path, what that walk found, as plain values in the shared cache: the Site's fields, the
page's type and column values (with the objects it was loaded with, such as its poster), and
whether any view restriction applies. The next request builds its own Site and page instances
from them (nothing is shared between requests or threads) and hands them to Wagtail through the
attributes Wagtail memoises a request's site and route on (``request._wagtail_site``,
``request._wagtail_route_for_request``). Wagtail's ``serve()`` then runs as always: its
``before_serve_page`` hooks (privacy, passwords), ``on_serve_page`` and the page's own
``serve()``. Should a Wagtail upgrade stop reading those attributes, pages are still served
right, only slower (tests/core/test_page_routes.py counts the queries).

An address is routed from the deepest page remembered on its path, with the page's own
``route()``: exactly what Wagtail's walk from the root would do from that page on. The entries
belong to the page cache's generation (core/page_cache.py), which every page save, publish,
unpublish, move and deletion, and every view-restriction or site change renews, so an entry
never outlives the tree it describes. Only successful routes are kept, one entry per page (never
per token or query string).
"""

import hashlib
import logging

from django.apps import apps
from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS
from django.db.models import DEFERRED, Q
from django.http import Http404

from wagtail.models import Page, PageViewRestriction, Site
from wagtail.url_routing import RouteResult
from wagtail.views import serve as wagtail_serve

from core import page_cache

logger = logging.getLogger(__name__)

KEY = "page-route:{}"
# The site's pages are three levels deep at most; addresses with more parts are sub-routes or junk.
MAX_DEPTH = 6
# A safety net only: a new generation retires every entry at once.
TIMEOUT = 24 * 60 * 60
SITE_FIELDS = ["id", "hostname", "port", "site_name", "root_page_id", "is_default_site"]


class PageRouteMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if getattr(request, "_page_route_to_remember", False):
            remember(request)
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        if view_func is not wagtail_serve:
            return None
        path = view_args[0] if view_args else view_kwargs.get("path", "")
        if not recall(request, path):
            request._page_route_to_remember = True
        return None


def _key(host, page_path):
    # Hashed: an address may be as long as a client likes, a cache key may not.
    return KEY.format(hashlib.sha256(f"{host}/{page_path}".encode()).hexdigest())


def _page_paths(path):
    """'webinar/seri-41/daftar/' → ['webinar/seri-41/daftar/', 'webinar/seri-41/', 'webinar/', ''];
    at most MAX_DEPTH components deep (a deeper page is routed from its ancestor)."""
    components = [component for component in path.split("/") if component]
    deepest = min(len(components), MAX_DEPTH)
    return ["".join(f"{part}/" for part in components[:depth]) for depth in range(deepest, -1, -1)]


def recall(request, path):
    """Route this request from the deepest remembered page on its path; False when none is."""
    host = request.get_host()
    keys = {page_path: _key(host, page_path) for page_path in _page_paths(path)}
    try:
        found = cache.get_many([page_cache.GENERATION_KEY, *keys.values()])
    except Exception:  # noqa: BLE001 (a cache that is down means Wagtail walks the tree itself)
        return False
    generation = found.get(page_cache.GENERATION_KEY)
    remembered = [
        (page_path, found[key])
        for page_path, key in keys.items()
        if generation is not None and key in found and found[key]["generation"] == generation
    ]
    if not remembered:
        return False
    page_path, entry = remembered[0]  # the deepest
    request._wagtail_site = Site(**entry["site"])
    page = _page_from(entry)
    remaining = [component for component in path[len(page_path) :].split("/") if component]
    try:
        request._wagtail_route_for_request = page.route(request, remaining)
    except Http404:  # as Wagtail's own route_for_request does
        request._wagtail_route_for_request = None
    return True


def snapshot(instance):
    """A model instance as plain values: its model's label, its loaded columns as the database
    holds them, and the same for the objects its foreign keys already loaded (a page's image)."""
    deferred = instance.get_deferred_fields()
    fields = [field for field in instance._meta.concrete_fields if field.attname not in deferred]
    return {
        "model": instance._meta.label,
        "values": {field.attname: field.get_prep_value(getattr(instance, field.attname)) for field in fields},
        "related": {
            field.name: snapshot(field.get_cached_value(instance))
            for field in fields
            if field.is_relation
            and field.is_cached(instance)
            and field.get_cached_value(instance) is not None
        },
    }


def instance_from(plain):
    """A new model instance from snapshot()'s plain values; columns not kept load when read."""
    model = apps.get_model(plain["model"])
    fields = model._meta.concrete_fields
    instance = model.from_db(
        DEFAULT_DB_ALIAS,
        [field.attname for field in fields],
        [plain["values"].get(field.attname, DEFERRED) for field in fields],
    )
    for name, related in plain["related"].items():
        model._meta.get_field(name).set_cached_value(instance, instance_from(related))
    return instance


def _page_from(entry):
    page = instance_from(entry["page"])
    # Wagtail builds page URLs from the sites' root paths, memoised on the page: from the entry,
    # not one more cache read.
    page._wagtail_cached_site_root_paths = entry["root_paths"]
    if not entry["restricted"]:
        # Checked when the entry was made, and the entry dies with any change to restrictions:
        # Wagtail's privacy hook finds none without asking the database.
        page.get_view_restrictions = PageViewRestriction.objects.none
    return page


def has_view_restrictions(page):
    """Whether a view restriction applies to the page, as Wagtail's get_view_restrictions() decides
    (the page and its ancestors; for an alias, its source page), in one query instead of two."""
    steps = range(page.steplen, len(page.path) + 1, page.steplen)
    lineage = Page.objects.filter(path__in=[page.path[:end] for end in steps])
    sources = lineage.filter(alias_of__isnull=False).values("alias_of")
    return PageViewRestriction.objects.filter(
        Q(page__in=lineage.filter(alias_of__isnull=True)) | Q(page__in=sources)
    ).exists()


def remember(request):
    """Keep the route Wagtail just found for this request, for the next request to the page."""
    route = getattr(request, "_wagtail_route_for_request", None)
    site = getattr(request, "_wagtail_site", None)
    if not isinstance(route, RouteResult) or site is None or route.page.url_path is None:
        return
    page = route.page
    roots = Site.get_site_root_paths()
    site_root = next((root.root_path for root in roots if root.site_id == site.pk), None)
    if site_root is None or not page.url_path.startswith(site_root):
        return
    try:
        generation = cache.get(page_cache.GENERATION_KEY) or page_cache.start_generation()
        entry = {
            "generation": generation,
            "site": {field: getattr(site, field) for field in SITE_FIELDS},
            "root_paths": roots,
            "page": snapshot(page),
            "restricted": has_view_restrictions(page),
        }
        cache.set(_key(request.get_host(), page.url_path[len(site_root) :]), entry, TIMEOUT)
    except Exception:  # noqa: BLE001 (not remembered: the next request walks the tree again)
        logger.warning("Page route not remembered")
