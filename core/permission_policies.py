"""Permission policies for records the site writes itself and the admin shows."""

from wagtail.permission_policies import ModelPermissionPolicy


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
