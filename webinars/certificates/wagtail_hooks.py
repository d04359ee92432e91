from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.permissions import register_permission_policy

from core.admin_records import ReadOnlyPolicy
from webinars.certificates.admin import CertificateRunViewSet, CertificateViewSet, LegacyCertificateViewSet
from webinars.certificates.dashboard import CertificateRunSection
from webinars.certificates.models import Certificate, CertificateRun, LegacyCertificate

# Certificates change only through their own views (issue, revoke), which check the model
# permissions themselves and write the history.
register_permission_policy(Certificate, ReadOnlyPolicy(Certificate))
register_permission_policy(CertificateRun, ReadOnlyPolicy(CertificateRun))
register_permission_policy(LegacyCertificate, ReadOnlyPolicy(LegacyCertificate))


@hooks.register("register_admin_viewset")
def register_certificate_viewsets():
    return [
        CertificateViewSet("sertifikat"),
        CertificateRunViewSet("penerbitan-sertifikat"),
        LegacyCertificateViewSet("sertifikat-lama"),
    ]


@hooks.register("register_staff_summary_section")
def certificate_run_section():
    return CertificateRunSection


@hooks.register("register_log_actions")
def register_certificate_log_actions(actions):
    actions.register_action(
        "webinars.certificate.issue", _("Terbitkan sertifikat"), _("Penerbitan sertifikat dimulai")
    )
    actions.register_action("webinars.certificate.revoke", _("Cabut sertifikat"), _("Sertifikat dicabut"))
    actions.register_action(
        "webinars.certificate.resend", _("Kirim ulang email sertifikat"), _("Email sertifikat dikirim ulang")
    )
