"""Who may do what with participants' data in the admin."""

from wagtail.permission_policies import ModelPermissionPolicy


class NoCreateOrDeletePolicy(ModelPermissionPolicy):
    """Registrations are only made by participants and never deleted, only cancelled."""

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
    """Email records are written by the site alone."""

    forbidden_actions = {"add", "change", "delete"}
