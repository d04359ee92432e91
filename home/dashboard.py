"""The staff summary on the admin home: what needs attention this week, in one panel.

The panel is a list of sections, each a small component with its own template. Moderation is
this app's own; other rooms add theirs with the ``register_staff_summary_section`` hook (a
Component class with an ``order``), so a new concern is one more hook, not an edit here.
"""

from django.db.models import Count, Q

from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.models import TaskState, WorkflowState

SECTIONS_HOOK = "register_staff_summary_section"


class ModerationSection(Component):
    """How much waits for this user's review, and where their own submissions stand."""

    template_name = "wagtailadmin/home/staff_summary/moderation.html"
    order = 20

    def get_context_data(self, parent_context):
        user = parent_context["request"].user
        own = WorkflowState.objects.filter(requested_by=user).aggregate(
            in_review=Count("pk", filter=Q(status=WorkflowState.STATUS_IN_PROGRESS)),
            returned=Count("pk", filter=Q(status=WorkflowState.STATUS_NEEDS_CHANGES)),
        )
        return {"to_review": TaskState.objects.reviewable_by(user).count(), **own}


class StaffSummaryPanel(Component):
    name = "staff_summary"
    order = 50  # above Wagtail's own panels
    template_name = "wagtailadmin/home/staff_summary.html"

    def get_context_data(self, parent_context):
        sections = [ModerationSection, *(register() for register in hooks.get_hooks(SECTIONS_HOOK))]
        # Sections render with this panel's context: pass the request on to them.
        return {
            "sections": [section() for section in sorted(sections, key=lambda section: section.order)],
            "request": parent_context["request"],
        }
