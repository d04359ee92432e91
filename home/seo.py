"""Helpers for what a page tells search engines and link previews."""

from core.site_address import absolute

SOCIAL_IMAGE_FILTER = "fill-1200x630|format-jpeg|jpegquality-80"


def social_image_url(request, image):
    """Absolute URL of the 1200×630 preview image link previews expect, or None."""
    if image is None:
        return None
    return absolute(request, image.get_rendition(SOCIAL_IMAGE_FILTER).url)


def organization(site_settings):
    data = {"@type": "Organization", "name": site_settings.organisation_name}
    if site_settings.website_url:
        data["url"] = site_settings.website_url
    return data
