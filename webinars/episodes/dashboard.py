"""The admin home's section on the next episodes (see home/dashboard.py)."""

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone

from wagtail.admin.ui.components import Component

from webinars.episodes.models import EpisodePage
from webinars.registrations.models import RegistrationStatus


class UpcomingEpisodesSection(Component):
    """The next episodes, live or still in draft, with their registrations and days to go."""

    template_name = "episodes/admin/upcoming_episodes.html"
    order = 10
    limit = 5

    def get_context_data(self, parent_context):
        request = parent_context["request"]
        now = timezone.now()
        episodes = list(
            EpisodePage.objects.upcoming(now).annotate(
                confirmed_count=Count(
                    "registrations", filter=Q(registrations__status=RegistrationStatus.CONFIRMED)
                ),
                waitlisted_count=Count(
                    "registrations", filter=Q(registrations__status=RegistrationStatus.WAITLISTED)
                ),
            )[: self.limit]
        )
        today = timezone.localdate(now)
        for episode in episodes:
            episode.days_to_go = (timezone.localdate(episode.start) - today).days
            episode.is_running = episode.start <= now
        # Registrations are personal data: only registrars get the link to the list. The link is
        # built here: a template would print an id of 1234 as "1.234" (Indonesian digit grouping).
        if request.user.has_perm("webinars.view_registration"):
            for episode in episodes:
                episode.registrations_url = f"{reverse('pendaftaran:index')}?episode={episode.pk}"
        return {"episodes": episodes}
