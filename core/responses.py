"""Responses that must never be kept by a cache."""

from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers


def render_uncached(request, template, context, status=200):
    """A page that carries a CSRF token or someone's own details: never kept by any cache.

    Returns a TemplateResponse (rendered later by Django) with no-cache, no-store headers, which
    the page cache (core/page_cache.py) and any proxy respect.
    """
    response = TemplateResponse(request, template, context, status=status)
    add_never_cache_headers(response)
    return response


def render_refused(request, template, context, attempt):
    """429 for an attempt the rate limits refused (core/rate_limits.py), never cached, with
    ``Retry-After`` in seconds: when the window the client filled ends."""
    response = render_uncached(request, template, context, status=429)
    response["Retry-After"] = str(attempt.retry_after)
    return response
