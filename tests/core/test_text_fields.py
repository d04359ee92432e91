"""Text that editors paste into the admin is stored without the characters XML and spreadsheets
cannot hold: every text field of every admin form, and the field case of the RSS feed."""

from django import forms
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from wagtail.admin.forms.tags import TagField
from wagtail.blocks.base import BlockField
from wagtail.contrib.settings.registry import registry as settings_registry
from wagtail.contrib.settings.views import get_setting_edit_handler
from wagtail.documents import get_document_model
from wagtail.documents.forms import get_document_form
from wagtail.images import get_image_model
from wagtail.images.forms import get_image_form
from wagtail.models import Collection, get_page_models
from wagtail.snippets.models import get_snippet_models
from wagtail.test.utils.form_data import rich_text, streamfield

import feedparser
import pytest

from core.text_fields import StorableBlockField, StorableCharField, StorableTagField, StorableTextForm
from news.models import ArticlePage
from tests import factories
from tests.admin_forms import article_form

WORD = "Dewi\x0bLestari"  # Word's soft line break, as pasted


def admin_forms():
    """(name, form class) of every model form the admin builds for this site, inline forms included."""
    found = [(model.__name__, model.get_edit_handler().get_form_class()) for model in get_page_models()]
    found += [
        (model.__name__, get_setting_edit_handler(model).get_form_class()) for model in settings_registry
    ]
    found += [(model.__name__, model.snippet_viewset.get_form_class()) for model in get_snippet_models()]
    found += [
        ("Image", get_image_form(get_image_model())),
        ("Document", get_document_form(get_document_model())),
    ]
    for name, form_class in list(found):
        formsets = getattr(form_class, "formsets", {})
        found += [(f"{name}.{relation}", formset.form) for relation, formset in formsets.items()]
    return found


@pytest.mark.parametrize(
    ("name", "form_class"),
    # Comments on pages are shown only inside the admin (core/text_fields.py).
    [(name, form_class) for name, form_class in admin_forms() if not name.endswith(".comments")],
    ids=[name for name, _ in admin_forms() if not name.endswith(".comments")],
)
def test_every_text_field_of_every_admin_form_stores_only_what_outputs_can_carry(name, form_class):
    for field_name, field in form_class.base_fields.items():
        where = f"{name}.{field_name}"
        if isinstance(field, StorableCharField):
            assert field.clean(WORD) == "Dewi Lestari", where
        elif type(field) is forms.CharField:
            assert issubclass(form_class, StorableTextForm), where
        elif isinstance(field, BlockField):
            assert isinstance(field, StorableBlockField), where
        elif isinstance(field, TagField):
            assert isinstance(field, StorableTagField), where


@pytest.mark.django_db
def test_an_article_pasted_from_word_keeps_the_feed_valid(client):
    # rss-article-intro-control-character.txt, with the same character in every kind of field.
    news = factories.news_index()
    moderator = factories.make_staff("Moderator")
    client.force_login(moderator)
    url = reverse("wagtailadmin_pages:add", args=("news", "articlepage", news.pk))
    response = client.post(
        url,
        article_form(
            title="Seri 41\x07dibuka",
            intro="Pendaftaran dibuka.\x0bDisalin dari dokumen Word.",
            body=streamfield(
                [
                    ("heading", "Cara\x0cmendaftar"),
                    ("paragraph", rich_text("<p>Isi formulir\x0bdi situs.</p>")),
                ]
            ),
            tags='"Word\x0bTag", pembelajaran',
            **{"action-publish": "Terbitkan"},
        ),
    )
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    article = ArticlePage.objects.get(slug="seri-41-dibuka")
    assert (article.title, article.intro) == (
        "Seri 41 dibuka",
        "Pendaftaran dibuka. Disalin dari dokumen Word.",
    )
    assert article.body[0].value == "Cara mendaftar"
    assert "Isi formulir di situs." in article.body[1].value.source
    assert sorted(tag.name for tag in article.tags.all()) == ["Word Tag", "pembelajaran"]

    feed = client.get("/berita/rss/")
    assert feed.status_code == 200
    parsed = feedparser.parse(feed.content)
    assert not parsed.bozo
    assert parsed.entries[0].title == "Seri 41 dibuka"


@pytest.mark.django_db
def test_site_settings_pasted_from_word_are_stored_clean():
    settings = factories.site_settings()
    form_class = get_setting_edit_handler(type(settings)).get_form_class()
    data = {
        "organisation_name": "BPSDM\x0bSulsel",
        "organisation_short_name": "BPSDM Sulsel",
        "footer_text": "Kantor\x08kami buka Senin–Jumat.",
    }
    form = form_class(data, instance=settings)
    assert form.is_valid(), form.errors
    assert form.cleaned_data["organisation_name"] == "BPSDM Sulsel"
    assert form.cleaned_data["footer_text"] == "Kantor kami buka Senin–Jumat."


@pytest.mark.django_db
def test_a_document_title_pasted_from_word_is_stored_clean():
    form_class = get_document_form(get_document_model())
    upload = SimpleUploadedFile("materi.pdf", b"%PDF-1.4 materi", content_type="application/pdf")
    form = form_class(
        {"title": "Materi\x0bSeri 41", "collection": Collection.get_first_root_node().pk}, {"file": upload}
    )
    assert form.is_valid(), form.errors
    assert form.cleaned_data["title"] == "Materi Seri 41"
