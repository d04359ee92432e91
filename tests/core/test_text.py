"""Pages whose stored text holds what XML cannot carry still answer valid, well-formed HTML."""

from wagtail.models import Page

import pytest

from tests import factories

pytestmark = pytest.mark.django_db


def test_a_page_with_stored_control_characters_answers_clean_html_of_the_right_length(client):
    page = factories.make_standard_page(title="Tentang")
    # Stored past the admin's cleaning, as an import or older code would.
    Page.objects.filter(pk=page.pk).update(title="Tentang\x0bkami \ufffe ASN")
    response = client.get(page.url)
    assert response.status_code == 200
    assert "Tentang kami   ASN" in response.content.decode()
    assert b"\x0b" not in response.content and "\ufffe".encode() not in response.content
    assert response["Content-Length"] == str(len(response.content))
