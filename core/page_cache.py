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
"""

import logging
import uuid

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
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not self._may_use_cache(request):
            return self.get_response(request)
        key = "page-cache:{}:{}:{}".format(
            request.get_host(),
            "gzip" if "gzip" in request.headers.get("Accept-Encoding", "") else "identity",
            request.get_full_path(),
        )
        try:
            found = cache.get_many([GENERATION_KEY, key])
        except Exception:  # noqa: BLE001 (serve uncached rather than fail when the cache is down)
            logger.warning("Page cache unavailable: serving uncached")
            return self.get_response(request)
        generation = found.get(GENERATION_KEY)
        entry = found.get(key)
        if entry is not None and entry[0] == generation:
            response = entry[1]
            response["X-Page-Cache"] = "hit"
            return response
        response = self.get_response(request)
        if generation is not None and self._may_keep(request, response):
            response["X-Page-Cache"] = "miss"
            try:
                cache.set(key, (generation, response), timeout=settings.PAGE_CACHE_SECONDS)
            except Exception:  # noqa: BLE001
                logger.warning("Page cache unavailable: page not kept")
        elif generation is None:
            # The first page after a start or a flush: begin a generation for the next reader.
            try:
                start_generation()
            except Exception:  # noqa: BLE001
                logger.warning("Page cache unavailable: no generation started")
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
