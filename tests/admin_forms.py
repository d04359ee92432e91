"""What the admin's page editor posts, for tests that create pages the way staff do."""

from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield


def article_form(**fields):
    """The add/edit form of a news article: a valid one, with ``fields`` (or actions) on top."""
    data = {
        "title": "Seri ke-41 dibuka untuk umum",
        "slug": "seri-41-dibuka",
        "date": "2025-08-01",
        "author": "Humas BPSDM Sulsel",
        "intro": "Pendaftaran Seri ke-41 ASN Adaptif dibuka bagi ASN dan masyarakat umum.",
        "body": streamfield([("paragraph", rich_text("<p>Daftar lewat situs ASN Adaptif.</p>"))]),
        "episode_links": inline_formset([]),
        "tags": "",
        "comments": inline_formset([]),
    }
    data.update(fields)
    return nested_form_data(data)
