"""The staff summary on the admin home: what needs attention this week, in one panel.

The panel is a list of sections, each a small component with its own template; a new concern
becomes one more section in ``StaffSummaryPanel.sections``.
"""

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone

from wagtail.admin.ui.components import Component
from wagtail.models import TaskState, WorkflowState

from webinars.models import CertificateRun, EpisodePage, RegistrationStatus


class UpcomingEpisodesSection(Component):
    """The next episodes, live or still in draft, with their registrations and days to go."""

    template_name = "wagtailadmin/home/staff_summary/upcoming_episodes.html"
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


class ModerationSection(Component):
    """How much waits for this user's review, and where their own submissions stand."""

    template_name = "wagtailadmin/home/staff_summary/moderation.html"

    def get_context_data(self, parent_context):
        user = parent_context["request"].user
        own = WorkflowState.objects.filter(requested_by=user).aggregate(
            in_review=Count("pk", filter=Q(status=WorkflowState.STATUS_IN_PROGRESS)),
            returned=Count("pk", filter=Q(status=WorkflowState.STATUS_NEEDS_CHANGES)),
        )
        return {"to_review": TaskState.objects.reviewable_by(user).count(), **own}


class CertificateRunSection(Component):
    """The latest certificate run and how far it got, for those who may see the runs."""

    template_name = "wagtailadmin/home/staff_summary/certificate_run.html"

    def render_html(self, parent_context=None):
        if not parent_context["request"].user.has_perm("webinars.view_certificaterun"):
            return ""
        return super().render_html(parent_context)

    def get_context_data(self, parent_context):
        run = CertificateRun.objects.select_related("episode").order_by("-created_at", "-pk").first()
        return {"run": run, "runs_url": reverse("penerbitan-sertifikat:index")}


class StaffSummaryPanel(Component):
    name = "staff_summary"
    order = 50  # above Wagtail's own panels
    template_name = "wagtailadmin/home/staff_summary.html"
    sections = [UpcomingEpisodesSection, ModerationSection, CertificateRunSection]

    def get_context_data(self, parent_context):
        # Sections render with this panel's context: pass the request on to them.
        return {"sections": [section() for section in self.sections], "request": parent_context["request"]}
