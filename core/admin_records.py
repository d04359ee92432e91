"""How the admin shows records the site writes itself (registrations, emails, attendance,
certificates): a base viewset and the permission policies that keep them from being made or
deleted by hand."""

import datetime

from wagtail.admin.views.generic import IndexView, InspectView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy

from core.dates import wita_text
from core.exports import SpreadsheetExport

EMPTY = "–"


class RecordIndexView(SpreadsheetExport, IndexView):
    """A listing of records whose CSV and XLSX downloads (``list_export``) open safely in Excel."""


class RecordInspectView(InspectView):
    """A record's details as staff read them: times in the site's zone (WITA) written out in
    full, and an empty value as a dash rather than "None"."""

    def get_field_display_value(self, field_name, field):
        value = super().get_field_display_value(field_name, field)
        if value is None or value == "":
            return EMPTY
        if isinstance(value, datetime.datetime):
            return wita_text(value)
        return value


class RecordViewSet(ModelViewSet):
    """In the admin menu, inspectable, never copied; searched with plain database filtering, so
    personal data stays out of the search index."""

    inspect_view_class = RecordInspectView
    add_to_admin_menu = True
    index_view_class = RecordIndexView
    copy_view_enabled = False
    inspect_view_enabled = True
    search_backend_name = None


class NoCreateOrDeletePolicy(ModelPermissionPolicy):
    """The model's own permissions, except that nobody adds or deletes in the admin.

    For records made only by the site's own forms and kept for good (registrations: made by
    participants, cancelled but never deleted).
    """

    forbidden_actions = {"add", "delete"}

    def user_has_permission(self, user, action):
        return action not in self.forbidden_actions and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def users_with_any_permission(self, actions):
        allowed = [action for action in actions if action not in self.forbidden_actions]
        if not allowed:
            return super().users_with_any_permission([]).none()
        return super().users_with_any_permission(allowed)


class ReadOnlyPolicy(NoCreateOrDeletePolicy):
    """Viewing only: for records the site alone writes (emails, attendance, certificates)."""

    forbidden_actions = {"add", "change", "delete"}
