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
