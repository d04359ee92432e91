import json

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from wagtail.models import Site

from core.site_address import root_url
from home.seo import social_image_url

register = template.Library()


@register.simple_tag(takes_context=True)
def canonical_url(context):
    """This address on the Site serving it (core/site_address.py), without the query string."""
    request = context["request"]
    return root_url(request) + request.path


# JSON inside <script> must not be able to close the tag or open a comment.
_JSON_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


@register.simple_tag(takes_context=True)
def structured_data(context, page):
    """The page's schema.org JSON-LD in a script tag, or nothing."""
    get_data = getattr(page, "get_structured_data", None)
    data = get_data(context["request"]) if get_data else None
    if not data:
        return ""
    payload = json.dumps(data, ensure_ascii=False).translate(_JSON_SCRIPT_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(payload))  # noqa: S308


@register.simple_tag(takes_context=True)
def page_social_image_url(context, page):
    get_image = getattr(page, "get_social_image", None)
    return social_image_url(context["request"], get_image() if get_image else None)


@register.simple_tag(takes_context=True)
def main_menu(context):
    """The home page's children marked "show in menus", in their tree order."""
    site = Site.find_for_request(context["request"])
    if site is None:
        return []
    return list(site.root_page.get_children().live().in_menu().only("title", "url_path", "path"))
