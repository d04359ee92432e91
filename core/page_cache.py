"""Whole public pages kept in the cache for anonymous readers.

A reader without a session (no login, no pending message) gets the page as it was rendered for
the last such reader, for at most PAGE_CACHE_SECONDS. Everyone with a session — staff above all —
gets a fresh page. Only 200 responses are kept, and never one that sets a cookie (a page with a
CSRF token sets it, so forms always get their own token) or says it must not be cached (the
registration pages, search, the admin's login).

Every change that shows on public pages calls ``invalidate()`` (the receivers at the end of this
module; a page saved, published, moved or deleted, settings, images, documents, sites, view
restrictions), which starts a new generation: entries of older generations are never served again and
expire on their own. The time limit covers what changes with the clock alone (registration
opening, a countdown, an episode ending), so those show at most PAGE_CACHE_SECONDS late.

The burst. An editor publishes an episode and shares its link; every cached page was just dropped
and hundreds of readers ask for the same pages in the same seconds. One request per page (and
compression) takes a short render lock in the cache (``RENDER_LOCK_SECONDS``) and renders; the
others meanwhile get the previous copy when there is one (stale-while-revalidate, marked
``X-Page-Cache: stale``), or wait for the new one (at most ``RENDER_WAIT_SECONDS``, then render
themselves). A page that answers with something not to keep (a form, a 404) is marked for the
generation, so nobody waits for it again. Tracking parameters (``utm_*``, ``fbclid``, ``gclid``)
make no new entry.
"""

import logging
import time
import uuid
from urllib.parse import parse_qsl, urlencode

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.utils.cache import cc_delim_re

from wagtail.contrib.settings.models import BaseSiteSetting
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

logger = logging.getLogger(__name__)

# After an invalidation one request per page renders it; how long it may hold the page before
# another request renders it anyway (a render takes a tenth of a second; a crash frees it here).
RENDER_LOCK_SECONDS = 10
# How long a request with no previous copy waits for that render before rendering itself.
RENDER_WAIT_SECONDS = 5
RENDER_POLL_SECONDS = 0.05
# Parameters that only say where a reader came from: the page is the same without them, so they
# make no new cache entry ("?utm_source=whatsapp" from every shared link).
TRACKING_PARAMETERS = {"fbclid", "gclid", "dclid", "msclkid", "igshid", "mc_cid", "mc_eid"}

GENERATION_KEY = "page-cache:generation"
# Cookies that mean the page may differ for this reader.
PERSONAL_COOKIES = {settings.SESSION_COOKIE_NAME, "messages"}
NOT_KEPT = {"private", "no-cache", "no-store"}


def invalidate():
    """Drop every cached page (a new generation), for all processes sharing the cache."""
    try:
        cache.set(GENERATION_KEY, uuid.uuid4().hex, timeout=None)
    except Exception:  # noqa: BLE001 (a cache that is down holds no stale page either)
        logger.warning("Page cache not invalidated: cache unavailable")


def start_generation():
    """The current generation, begun now if there is none yet (after a start or a flush).

    Also used by core/page_routes.py, whose entries live and die with the cached pages.
    """
    cache.add(GENERATION_KEY, uuid.uuid4().hex, timeout=None)
    return cache.get(GENERATION_KEY)


class PageCacheMiddleware:
    """Serves kept pages; after an invalidation, one request per page renders it (see the module
    docstring, "The burst") while the others get the previous copy or wait for the new one."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not self._may_use_cache(request):
            return self.get_response(request)
        key = cache_key(request)
        not_kept_key, lock_key = f"{key}:not-kept", f"{key}:rendering"
        try:
            found = cache.get_many([GENERATION_KEY, key, not_kept_key])
        except Exception:  # noqa: BLE001 (serve uncached rather than fail when the cache is down)
            logger.warning("Page cache unavailable: serving uncached")
            return self.get_response(request)
        generation = found.get(GENERATION_KEY)
        entry = found.get(key)
        if entry is not None and entry[0] == generation:
            return _served(entry[1], "hit")
        if generation is None:
            # The first page after a start or a flush (or a cache that is down): begin a
            # generation for the next reader.
            response = self.get_response(request)
            try:
                start_generation()
            except Exception:  # noqa: BLE001
                logger.warning("Page cache unavailable: no generation started")
            return response
        if found.get(not_kept_key) == generation:
            # A page this generation already answered with something not to keep (a form).
            return self.get_response(request)
        try:
            rendering_here = cache.add(lock_key, 1, timeout=RENDER_LOCK_SECONDS)
        except Exception:  # noqa: BLE001
            rendering_here = None
        if rendering_here or rendering_here is None:
            try:
                return self._render_and_keep(request, key, not_kept_key, generation)
            finally:
                if rendering_here:
                    cache.delete(lock_key)
        if entry is not None:
            # Another worker is rendering the new version: the previous one, for a moment more.
            return _served(entry[1], "stale")
        deadline = time.monotonic() + RENDER_WAIT_SECONDS
        while time.monotonic() < deadline:
            time.sleep(RENDER_POLL_SECONDS)
            found = cache.get_many([key, lock_key, not_kept_key])
            entry = found.get(key)
            if entry is not None and entry[0] == generation:
                return _served(entry[1], "hit")
            if lock_key not in found or found.get(not_kept_key) == generation:
                break
        return self._render_and_keep(request, key, not_kept_key, generation)

    def _render_and_keep(self, request, key, not_kept_key, generation):
        response = self.get_response(request)
        keep = self._may_keep(request, response)
        try:
            if keep:
                response["X-Page-Cache"] = "miss"
                cache.set(key, (generation, response), timeout=settings.PAGE_CACHE_SECONDS)
            else:
                cache.set(not_kept_key, generation, timeout=settings.PAGE_CACHE_SECONDS)
        except Exception:  # noqa: BLE001
            logger.warning("Page cache unavailable: page not kept")
        return response

    def _may_use_cache(self, request):
        return (
            settings.PAGE_CACHE_SECONDS > 0
            and request.method == "GET"
            and "Authorization" not in request.headers
            and not PERSONAL_COOKIES.intersection(request.COOKIES)
        )

    def _may_keep(self, request, response):
        cache_control = {
            part.split("=")[0].strip().lower()
            for part in cc_delim_re.split(response.get("Cache-Control", ""))
        }
        return (
            response.status_code == 200
            and not response.streaming
            # A page that used a CSRF token (re)sets its cookie, so it is never kept.
            and not response.cookies
            and not NOT_KEPT.intersection(cache_control)
        )


def cache_key(request):
    """The entry for this request: host, compression, path and query without tracking parameters
    (``utm_*``, ``fbclid``, ``gclid`` …), in the order given."""
    query = [
        (name, value)
        for name, value in parse_qsl(request.META.get("QUERY_STRING", ""), keep_blank_values=True)
        if not name.lower().startswith("utm_") and name.lower() not in TRACKING_PARAMETERS
    ]
    return "page-cache:{}:{}:{}{}".format(
        request.get_host(),
        "gzip" if "gzip" in request.headers.get("Accept-Encoding", "") else "identity",
        request.path,
        "?" + urlencode(query) if query else "",
    )


def _served(response, state):
    response["X-Page-Cache"] = state
    return response


# Columns Wagtail fills in by itself the first time a file is used; no page shows them.
FILE_METADATA = {"file_size", "file_hash"}


def page_content_changed(update_fields=None, **kwargs):
    """Drop the cached pages now, and again after the commit, in case a reader cached the old
    page in between. Not for the first use of an image or document (Wagtail records its size and
    hash): no page changes with it."""
    if update_fields and set(update_fields) <= FILE_METADATA:
        return
    invalidate()
    transaction.on_commit(invalidate)


def connect_receivers(models):
    """Listen to every change public pages show (called once, from CoreConfig.ready()).

    Models are connected by name rather than with one receiver for every save in the project: a
    registration rush saves thousands of rows that no cached page shows.
    """
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(page_content_changed)
    for model in (Site, PageViewRestriction, get_image_model(), get_document_model()):
        post_save.connect(page_content_changed, sender=model)
        post_delete.connect(page_content_changed, sender=model)
    for model in models:
        if issubclass(model, Page):
            # Deleting a page sends no unpublishing signal, and a live page's row may be saved
            # without publishing (by code, or fields Wagtail keeps on it): the remembered routes
            # (core/page_routes.py) hold its values.
            post_save.connect(page_content_changed, sender=model)
            post_delete.connect(page_content_changed, sender=model)
        if issubclass(model, BaseSiteSetting):
            # Settings are models of any app (the site's details, the certificates' signatory …).
            post_save.connect(page_content_changed, sender=model)
            post_delete.connect(page_content_changed, sender=model)
