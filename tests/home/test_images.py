"""Images: WebP renditions at the sizes the templates ask for, cropped around the focal point
editors set in the admin."""

import io
import re
from pathlib import Path

from django.conf import settings
from django.core.files.images import ImageFile

import pytest
from PIL import Image as PILImage

from tests import factories

pytestmark = pytest.mark.django_db

IMAGE_TAG = re.compile(r"{%\s*(?:image|picture)\s[^%]*%}")


def test_every_image_in_the_templates_is_webp():
    tags = []
    for template in Path(settings.BASE_DIR, "templates").rglob("*.html"):
        tags += [(template.name, tag) for tag in IMAGE_TAG.findall(template.read_text())]

    assert tags
    assert [tag for tag in tags if "format-webp" not in tag[1]] == []


def two_halves():
    """400×100: red on the left, blue on the right."""
    picture = PILImage.new("RGB", (400, 100), (220, 0, 0))
    picture.paste((0, 0, 220), (200, 0, 400, 100))
    buffer = io.BytesIO()
    picture.save(buffer, "PNG")
    return ImageFile(buffer, name="dua-warna.png")


def test_square_crops_keep_the_focal_point():
    image = factories.make_image(file=two_halves())
    image.focal_point_x, image.focal_point_y, image.focal_point_width, image.focal_point_height = (
        340,
        50,
        40,
        40,
    )
    image.save()

    rendition = image.get_rendition("fill-100x100|format-webp")

    with rendition.file.open() as file, PILImage.open(file) as cropped:
        assert cropped.format == "WEBP"
        red, green, blue = cropped.convert("RGB").resize((1, 1)).getpixel((0, 0))
    assert blue > 150 and red < 60


def test_moderators_set_the_focal_point_in_the_admin(client):
    image = factories.make_image()
    client.force_login(factories.make_staff("Moderator"))

    response = client.get(f"/admin/images/{image.pk}/")

    html = response.content.decode()
    assert response.status_code == 200
    for field in ("focal_point_x", "focal_point_y", "focal_point_width", "focal_point_height"):
        assert f'name="{field}"' in html
