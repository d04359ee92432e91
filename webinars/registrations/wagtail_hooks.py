from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.permissions import register_permission_policy

from core.admin_records import NoCreateOrDeletePolicy, ReadOnlyPolicy
from webinars.registrations.admin import OutgoingEmailViewSet, RegistrationViewSet
from webinars.registrations.models import OutgoingEmail, Registration

register_permission_policy(Registration, NoCreateOrDeletePolicy(Registration))
register_permission_policy(OutgoingEmail, ReadOnlyPolicy(OutgoingEmail))


@hooks.register("register_admin_viewset")
def register_registration_viewsets():
    return [RegistrationViewSet("pendaftaran"), OutgoingEmailViewSet("email-peserta")]


@hooks.register("register_log_actions")
def register_registration_log_actions(actions):
    actions.register_action(
        "webinars.registration.cancel", _("Batalkan pendaftaran"), _("Pendaftaran dibatalkan")
    )
    actions.register_action(
        "webinars.registration.restore", _("Pulihkan pendaftaran"), _("Pendaftaran dipulihkan")
    )
    actions.register_action(
        "webinars.registration.export", _("Ekspor data pribadi"), _("Data pribadi diekspor atas permintaan")
    )
    actions.register_action(
        "webinars.registration.anonymise", _("Hapus data pribadi"), _("Data pribadi dihapus atas permintaan")
    )
