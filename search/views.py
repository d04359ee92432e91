from django.template.response import TemplateResponse
from django.utils.cache import patch_cache_control

from wagtail.models import Page

from home.pagination import paginate

MAX_QUERY_LENGTH = 100
RESULTS_PER_PAGE = 10


def search(request):
    # Control characters (a NUL breaks PostgreSQL), double quotes (an unmatched one breaks SQLite's
    # full-text search) and runs of spaces are dropped, not searched.
    printable = "".join(
        char if char.isprintable() and char != '"' else " " for char in request.GET.get("q", "")
    )
    query = " ".join(printable.split())[:MAX_QUERY_LENGTH]
    results = None
    if query:
        pages = Page.objects.live().public().exclude(depth__lte=2).specific()
        results = paginate(request, pages.search(query), RESULTS_PER_PAGE)
    response = TemplateResponse(request, "pages/search.html", {"query": query, "results": results})
    # Not kept by the page cache: every query typed would be an entry of its own.
    patch_cache_control(response, private=True)
    return response
