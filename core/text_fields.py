"""The Wagtail admin's text form fields, storing only what every output can carry.

Editors paste from Word and spreadsheets: a vertical tab (Word's soft line break) or another
control character in a title made the RSS feed answer 500 for every reader. ``register()`` (run
by ``CoreConfig.ready``) tells Wagtail's form-field registry (``register_form_field_override``,
its documented way to change the fields of every admin model form) to use these fields for every
plain text, long text, rich text, StreamField and tag field of every page, snippet, setting and
inline child form, so each ``core.text.UNSTORABLE`` character is replaced by a space as the form
is cleaned. Images and documents, whose forms Wagtail builds without that registry, get the same
from the base forms below (``WAGTAILIMAGES_IMAGE_FORM_BASE``, ``WAGTAILDOCS_DOCUMENT_FORM_BASE``).
Fields with a type of their own (email, URL, slug, choices) keep their own fields, which refuse
such characters already. Comments on pages stay as typed: they are shown only inside the admin.
"""

import re

from django import forms
from django.db import models

from taggit.managers import TaggableManager
from wagtail.admin import widgets
from wagtail.admin.forms.models import register_form_field_override
from wagtail.admin.forms.tags import TagField
from wagtail.blocks.base import BlockField
from wagtail.documents.forms import BaseDocumentForm
from wagtail.fields import RichTextField, StreamField
from wagtail.images.forms import BaseImageForm

from core.text import without_unstorable, without_unstorable_anywhere


class StorableCharField(forms.CharField):
    """Text without ``UNSTORABLE`` characters; on a one-line input, without line breaks either
    (a title with one would break an email subject)."""

    def to_python(self, value):
        value = super().to_python(value)
        if not isinstance(value, str):
            return value
        value = without_unstorable(value)
        return re.sub(r"[\r\n]+", " ", value) if isinstance(self.widget, forms.TextInput) else value


class StorableTagField(TagField):
    def clean(self, value):
        return super().clean(without_unstorable(value) if isinstance(value, str) else value)


class StorableBlockField(BlockField):
    """A StreamField's form field: every text inside every block (rich text and table cells
    included) is cleaned before the blocks validate it."""

    def clean(self, value):
        stored = self.block.get_prep_value(value)
        cleaned = without_unstorable_anywhere(stored)
        if cleaned != stored:
            value = self.block.to_python(cleaned)
        return super().clean(value)


class StorableTextForm:
    """For a model form that Wagtail builds without its registry (images and documents): every
    text in the cleaned data without ``UNSTORABLE`` characters."""

    def clean(self):
        cleaned = super().clean()
        for name, value in cleaned.items():
            if isinstance(value, str):
                cleaned[name] = without_unstorable(value)
        return cleaned


class StorableImageForm(StorableTextForm, BaseImageForm):
    """``WAGTAILIMAGES_IMAGE_FORM_BASE``: image titles and descriptions (the alt text) stored clean."""


class StorableDocumentForm(StorableTextForm, BaseDocumentForm):
    """``WAGTAILDOCS_DOCUMENT_FORM_BASE``: document titles stored clean."""


def register():
    """Make every Wagtail admin model form use the fields above (see the module docstring)."""
    register_form_field_override(
        models.CharField, override={"form_class": StorableCharField}, exact_class=True
    )
    register_form_field_override(
        models.TextField,
        override={"form_class": StorableCharField, "widget": widgets.AdminAutoHeightTextInput},
        exact_class=True,
    )
    register_form_field_override(RichTextField, override={"form_class": StorableCharField}, exact_class=True)
    register_form_field_override(StreamField, override={"form_class": StorableBlockField}, exact_class=True)
    register_form_field_override(
        TaggableManager,
        override=lambda db_field: {"form_class": StorableTagField, "tag_model": db_field.related_model},
    )
