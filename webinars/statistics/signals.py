"""Keep the cached statistics in step with what they are computed from.

Connected in WebinarsConfig.ready(). Attendance and certificates written in bulk (the meeting
report import, issuing) send ``participation_changed`` instead of a save per row.
"""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils import timezone

from wagtail.models import PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished

from home.models import SiteSettings
from webinars.attendance.models import Attendance
from webinars.certificates.models import Certificate
from webinars.episodes.models import EpisodeIndexPage, EpisodePage
from webinars.registrations.models import Registration
from webinars.registrations.signals import participation_changed
from webinars.statistics import figures


# The index page is here because its slug is part of every episode's URL in the archive.
@receiver(page_published, sender=EpisodePage)
@receiver(page_unpublished, sender=EpisodePage)
@receiver(page_published, sender=EpisodeIndexPage)
@receiver(page_unpublished, sender=EpisodeIndexPage)
@receiver(post_delete, sender=EpisodePage)
@receiver(post_save, sender=SiteSettings)
@receiver(post_delete, sender=SiteSettings)
# Only public episodes count, and the site's root decides their URLs.
@receiver(post_save, sender=PageViewRestriction)
@receiver(post_delete, sender=PageViewRestriction)
@receiver(post_save, sender=Site)
@receiver(post_delete, sender=Site)
# Attendance imported or certificates issued in bulk.
@receiver(participation_changed)
def invalidate_statistics(**kwargs):
    # After the commit: dropped any sooner, another request could cache the old rows again
    # before this change is visible to it.
    transaction.on_commit(figures.invalidate)


@receiver(post_save, sender=Registration)
# A check-in, a registrar's mark or unmark, a revocation.
@receiver(post_save, sender=Attendance)
@receiver(post_delete, sender=Attendance)
@receiver(post_save, sender=Certificate)
def invalidate_statistics_for_participant(instance, **kwargs):
    # Only ended episodes are in the archive: the registration rush before an episode leaves the
    # cached statistics alone.
    if instance.episode.end < timezone.now():
        transaction.on_commit(figures.invalidate)
