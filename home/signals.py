"""Drop the cached public pages (home/page_cache.py) whenever something they show changes."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from wagtail.contrib.settings.models import BaseSiteSetting
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from home import page_cache


def invalidate_pages():
    # Now, and again after the commit, in case a reader cached the old page in between.
    page_cache.invalidate()
    transaction.on_commit(page_cache.invalidate)


@receiver(page_published)
@receiver(page_unpublished)
@receiver(post_page_move)
@receiver(post_save, sender=Site)
@receiver(post_delete, sender=Site)
@receiver(post_save, sender=PageViewRestriction)
@receiver(post_delete, sender=PageViewRestriction)
@receiver(post_save, sender=get_image_model())
@receiver(post_delete, sender=get_image_model())
@receiver(post_save, sender=get_document_model())
@receiver(post_delete, sender=get_document_model())
def page_content_changed(**kwargs):
    invalidate_pages()


def connect_model_receivers(models):
    """Connect the models that no signal above covers, each by name rather than one receiver for
    every save in the project (a registration rush saves thousands of rows)."""
    for model in models:
        if issubclass(model, Page):
            # Deleting a page sends no unpublishing signal.
            post_delete.connect(page_content_changed, sender=model)
        if issubclass(model, BaseSiteSetting):
            # Settings are models of any app (the site's details, the certificates' signatory …).
            post_save.connect(page_content_changed, sender=model)
            post_delete.connect(page_content_changed, sender=model)
