from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.permissions import register_permission_policy

from webinars.admin_attendance import AttendanceViewSet
from webinars.admin_certificates import CertificateRunViewSet, CertificateViewSet
from webinars.admin_views import OutgoingEmailViewSet, RegistrationViewSet
from webinars.dashboard import StaffSummaryPanel
from webinars.models import Attendance, Certificate, CertificateRun, OutgoingEmail, Registration
from webinars.permissions import NoCreateOrDeletePolicy, ReadOnlyPolicy

register_permission_policy(Registration, NoCreateOrDeletePolicy(Registration))
register_permission_policy(OutgoingEmail, ReadOnlyPolicy(OutgoingEmail))
# Attendance and certificates change only through their own views (mark, import, issue, revoke),
# which check the model permissions themselves and write the history.
register_permission_policy(Attendance, ReadOnlyPolicy(Attendance))
register_permission_policy(Certificate, ReadOnlyPolicy(Certificate))
register_permission_policy(CertificateRun, ReadOnlyPolicy(CertificateRun))


@hooks.register("register_admin_viewset")
def register_registration_viewsets():
    return [
        RegistrationViewSet("pendaftaran"),
        OutgoingEmailViewSet("email-peserta"),
        AttendanceViewSet("kehadiran"),
        CertificateViewSet("sertifikat"),
        CertificateRunViewSet("penerbitan-sertifikat"),
    ]


@hooks.register("register_log_actions")
def register_registration_log_actions(actions):
    actions.register_action(
        "webinars.registration.cancel", _("Batalkan pendaftaran"), _("Pendaftaran dibatalkan")
    )
    actions.register_action(
        "webinars.registration.restore", _("Pulihkan pendaftaran"), _("Pendaftaran dipulihkan")
    )
    actions.register_action("webinars.attendance.mark", _("Tandai hadir"), _("Ditandai hadir oleh admin"))
    actions.register_action(
        "webinars.attendance.unmark", _("Hapus kehadiran"), _("Kehadiran dihapus oleh admin")
    )
    actions.register_action(
        "webinars.attendance.import", _("Impor laporan Zoom"), _("Laporan kehadiran Zoom diimpor")
    )
    actions.register_action(
        "webinars.certificate.issue", _("Terbitkan sertifikat"), _("Penerbitan sertifikat dimulai")
    )
    actions.register_action("webinars.certificate.revoke", _("Cabut sertifikat"), _("Sertifikat dicabut"))

    actions.register_action(
        "webinars.registration.export", _("Ekspor data pribadi"), _("Data pribadi diekspor atas permintaan")
    )
    actions.register_action(
        "webinars.registration.anonymise", _("Hapus data pribadi"), _("Data pribadi dihapus atas permintaan")
    )


@hooks.register("construct_homepage_panels")
def add_staff_summary_panel(request, panels):
    panels.append(StaffSummaryPanel())
