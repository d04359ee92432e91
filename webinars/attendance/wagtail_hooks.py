from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.permissions import register_permission_policy

from core.admin_records import ReadOnlyPolicy
from webinars.attendance.admin import AttendanceViewSet, can_change_attendance, hand_action_button
from webinars.attendance.models import Attendance
from webinars.registrations.models import RegistrationStatus

# Attendance changes only through its own views (mark, import), which check the model
# permissions themselves and write the history.
register_permission_policy(Attendance, ReadOnlyPolicy(Attendance))


@hooks.register("register_admin_viewset")
def register_attendance_viewset():
    return AttendanceViewSet("kehadiran")


@hooks.register("register_registration_listing_buttons")
def attendance_button(registration, user):
    """ "Tandai hadir" (or "Hapus kehadiran") on each confirmed registration's row."""
    if registration.status != RegistrationStatus.CONFIRMED or not can_change_attendance(user):
        return []
    try:
        has_attendance = registration.attendance is not None
    except Attendance.DoesNotExist:
        has_attendance = False
    return [hand_action_button(registration, has_attendance)]


@hooks.register("register_log_actions")
def register_attendance_log_actions(actions):
    actions.register_action("webinars.attendance.mark", _("Tandai hadir"), _("Ditandai hadir oleh admin"))
    actions.register_action(
        "webinars.attendance.unmark", _("Hapus kehadiran"), _("Kehadiran dihapus oleh admin")
    )
    actions.register_action(
        "webinars.attendance.import", _("Impor laporan kehadiran"), _("Laporan kehadiran rapat diimpor")
    )
