"""Wagtail admin for registrars: issuing certificates per episode, the runs, and for one
certificate its PDF, re-sending its email (through the outbox) and revoking it."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from wagtail.admin.widgets import Button, HeaderButton, ListingButton
from wagtail.log_actions import log
from wagtail.models import Site

from core.admin_records import RecordIndexView, RecordInspectView, RecordViewSet
from core.tables import TableError
from webinars.certificates import legacy
from webinars.certificates.issuing import (
    EpisodeNotOver,
    NoJPValue,
    SetupIncomplete,
    revoke,
    setup_problems,
    start_run,
)
from webinars.certificates.models import (
    Certificate,
    CertificateRun,
    LegacyCertificate,
)
from webinars.certificates.views import pdf_response
from webinars.registrations.mail import queue_email
from webinars.registrations.models import EmailKind

ISSUE_PERMISSION = "webinars.add_certificate"
REVOKE_PERMISSION = "webinars.change_certificate"
VIEW_PERMISSION = "webinars.view_certificate"
LEGACY_MAX_BYTES = 50 * 1024 * 1024


def certificate_buttons(certificate, user, button_class):
    """The registrar's actions on one certificate, for its row and its details page."""
    buttons = [
        button_class(
            _("Unduh PDF"),
            url=reverse("sertifikat:download", args=[certificate.pk]),
            icon_name="download",
            priority=20,
        ),
        button_class(
            _("Halaman verifikasi"), url=certificate.verification_path(), icon_name="link", priority=50
        ),
    ]
    if user.has_perm(REVOKE_PERMISSION):
        if certificate.registration_id:
            url = reverse("sertifikat:resend", args=[certificate.pk])
            buttons.append(button_class(_("Kirim ulang email"), url=url, icon_name="mail", priority=30))
        if certificate.is_valid:
            url = reverse("sertifikat:revoke", args=[certificate.pk])
            buttons.append(button_class(_("Cabut"), url=url, icon_name="cross", priority=40))
    return buttons


class IssueForm(forms.Form):
    # Episodes through the foreign key: this room never imports the page module.
    episode = forms.ModelChoiceField(
        label=_("Episode"),
        queryset=Certificate.episode.field.related_model.objects.order_by("-start"),
        empty_label=None,
    )


class RevokeForm(forms.Form):
    reason = forms.CharField(
        label=_("Alasan pencabutan"),
        max_length=300,
        help_text=_(
            "Tampil di riwayat admin, tidak di halaman verifikasi. Mis. nama salah, diganti sertifikat baru."
        ),
    )


class IssueButtonIndexView(RecordIndexView):
    """Both certificate listings offer the registrar the way to issue an episode's certificates."""

    @property
    def header_buttons(self):
        buttons = super().header_buttons
        if self.request.user.has_perm(ISSUE_PERMISSION):
            buttons.append(
                HeaderButton(_("Terbitkan sertifikat"), url=reverse("sertifikat:issue"), icon_name="doc-full")
            )
        return buttons


class CertificateIndexView(IssueButtonIndexView):
    def get_list_more_buttons(self, instance):
        return [
            *super().get_list_more_buttons(instance),
            *certificate_buttons(instance, self.request.user, ListingButton),
        ]


class CertificateInspectView(RecordInspectView):
    @cached_property
    def header_more_buttons(self):
        return [*super().header_more_buttons, *certificate_buttons(self.object, self.request.user, Button)]


class CertificateViewSet(RecordViewSet):
    model = Certificate
    icon = "doc-full"
    menu_label = _("Sertifikat")
    menu_order = 225
    index_view_class = CertificateIndexView
    inspect_view_class = CertificateInspectView
    list_display = ["number", "full_name", "series_number", "jp", "status", "issued_at"]
    list_filter = {"episode": ["exact"], "status": ["exact"], "participant_type": ["exact"]}
    search_fields = ["number", "full_name"]
    list_export = [
        "number",
        "full_name",
        "participant_type",
        "series_number",
        "episode_date",
        "jp",
        "status",
        "issued_at",
    ]
    export_filename = "sertifikat-asn-adaptif"
    form_fields = ["full_name"]  # required by ModelViewSet; ReadOnlyPolicy refuses every edit
    inspect_view_fields = [
        "number",
        "full_name",
        "participant_type",
        "series_number",
        "episode_title",
        "episode_date",
        "jp",
        "status",
        "revoked_reason",
        "revoked_at",
        "issued_at",
        "pdf_sha256",
    ]

    def get_queryset(self, request):
        return Certificate.objects.all()

    def download_view(self, request, pk):
        """The certificate's PDF for the registrar, revoked or not."""
        if not request.user.has_perm(VIEW_PERMISSION):
            raise PermissionDenied
        return pdf_response(get_object_or_404(Certificate, pk=pk))

    def resend_view(self, request, pk):
        """Ask again, then queue the certificate email to the participant through the outbox."""
        if not request.user.has_perm(REVOKE_PERMISSION):
            raise PermissionDenied
        certificate = get_object_or_404(Certificate.objects.select_related("registration"), pk=pk)
        registration = certificate.registration
        if request.method == "POST":
            if registration is None or not registration.email or registration.anonymised_at:
                messages.error(
                    request, _("Peserta ini tidak lagi mempunyai alamat email; tidak ada yang dikirim.")
                )
            else:
                queue_email(registration, EmailKind.CERTIFICATE)
                log(certificate, "webinars.certificate.resend", user=request.user)
                messages.success(
                    request,
                    _("Email sertifikat %(number)s masuk antrean kirim.") % {"number": certificate.number},
                )
            return redirect(self.get_url_name("inspect"), certificate.pk)
        return TemplateResponse(
            request,
            "certificates/admin/resend.html",
            {
                "certificate": certificate,
                "email": registration.email if registration else "",
                "header_icon": self.icon,
                "page_title": _("Kirim ulang email sertifikat"),
                "back_url": reverse(self.get_url_name("inspect"), args=[certificate.pk]),
            },
        )

    def revoke_view(self, request, pk):
        if not request.user.has_perm(REVOKE_PERMISSION):
            raise PermissionDenied
        certificate = get_object_or_404(Certificate, pk=pk)
        form = RevokeForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            certificate = revoke(certificate, form.cleaned_data["reason"])
            log(
                certificate,
                "webinars.certificate.revoke",
                user=request.user,
                data={"reason": form.cleaned_data["reason"]},
            )
            messages.success(request, _("Sertifikat %(number)s dicabut.") % {"number": certificate.number})
            return redirect(self.get_url_name("index"))
        return TemplateResponse(
            request,
            "certificates/admin/revoke.html",
            {
                "certificate": certificate,
                "form": form,
                "header_icon": self.icon,
                "page_title": _("Cabut sertifikat"),
                "back_url": reverse(self.get_url_name("index")),
            },
        )

    def issue_view(self, request):
        if not request.user.has_perm(ISSUE_PERMISSION):
            raise PermissionDenied
        form = IssueForm(request.POST or None)
        site = Site.find_for_request(request) or Site.objects.get(is_default_site=True)
        if request.method == "POST" and form.is_valid():
            episode = form.cleaned_data["episode"]
            try:
                start_run(episode, request.user)
            except EpisodeNotOver:
                form.add_error("episode", _("Sertifikat baru dapat diterbitkan setelah acara selesai."))
            except NoJPValue:
                form.add_error("episode", _("Isi dulu nilai JP episode ini: sertifikat mencantumkannya."))
            except SetupIncomplete as incomplete:
                form.add_error(
                    None,
                    _(
                        "Sertifikat belum dapat diterbitkan. Lengkapi dulu di Pengaturan › Pengaturan "
                        "sertifikat: %(missing)s."
                    )
                    % {"missing": ", ".join(incomplete.missing)},
                )
            else:
                log(episode, "webinars.certificate.issue", user=request.user)
                messages.success(
                    request,
                    _(
                        "Penerbitan sertifikat Seri ke-%(number)s dimulai. Muat ulang halaman ini "
                        "untuk melihat kemajuannya."
                    )
                    % {"number": episode.series_number},
                )
                return redirect("penerbitan-sertifikat:index")
        return TemplateResponse(
            request,
            "certificates/admin/issue.html",
            {
                "form": form,
                "header_icon": self.icon,
                "page_title": _("Terbitkan sertifikat"),
                "back_url": reverse(self.get_url_name("index")),
                "runs_url": reverse("penerbitan-sertifikat:index"),
                "problems": setup_problems(site),
                "settings_url": reverse(
                    "wagtailsettings:edit", args=["webinars", "certificatesettings", site.pk]
                ),
            },
        )

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("cabut/<int:pk>/", self.revoke_view, name="revoke"),
            path("unduh/<int:pk>/", self.download_view, name="download"),
            path("kirim-ulang/<int:pk>/", self.resend_view, name="resend"),
            path("terbitkan/", self.issue_view, name="issue"),
        ]


class CertificateRunViewSet(RecordViewSet):
    model = CertificateRun
    icon = "time"
    menu_label = _("Penerbitan sertifikat")
    menu_order = 226
    index_view_class = IssueButtonIndexView
    # Six columns: the skip reasons in one, so the episode's title keeps its width at 1280 px.
    list_display = ["episode", "status", "progress", "issued", "skipped", "created_at"]
    list_filter = ["status", "episode"]
    form_fields = ["status"]  # required by ModelViewSet; ReadOnlyPolicy refuses every edit
    inspect_view_fields = [
        "episode",
        "requested_by",
        "status",
        "total",
        "processed",
        "issued",
        "skipped_already_issued",
        "skipped_not_attended",
        "skipped_too_short",
        "skipped_not_confirmed",
        "error",
        "created_at",
        "started_at",
        "finished_at",
    ]

    def get_queryset(self, request):
        return CertificateRun.objects.select_related("episode")


class RegisterForm(forms.Form):
    berkas = forms.FileField(
        label=_("Daftar sertifikat lama (CSV atau XLSX)"),
        help_text=_(
            "Satu baris per sertifikat, dengan judul kolom: nomor, nama, email dan/atau nip, seri, "
            "tanggal, jp. Paling besar 50 MB."
        ),
        error_messages={"required": _("Pilih berkas daftar sertifikat.")},
    )

    def clean_berkas(self):
        upload = self.cleaned_data["berkas"]
        if upload.size > LEGACY_MAX_BYTES:
            raise forms.ValidationError(_("Berkas lebih besar dari 50 MB; bagi menjadi beberapa berkas."))
        return upload


class LegacyIndexView(RecordIndexView):
    @property
    def header_buttons(self):
        buttons = super().header_buttons
        if self.request.user.has_perm(ISSUE_PERMISSION):
            url = reverse("sertifikat-lama:import")
            buttons.append(HeaderButton(_("Impor daftar sertifikat lama"), url=url, icon_name="upload"))
        return buttons


class LegacyCertificateViewSet(RecordViewSet):
    """Certificates issued before the site: listed, searched, and imported from the register."""

    model = LegacyCertificate
    icon = "doc-empty"
    menu_label = _("Sertifikat sebelum situs")
    menu_order = 226
    index_view_class = LegacyIndexView
    list_display = ["number", "full_name", "series_number", "episode_date", "jp"]
    list_filter = {"series_number": ["exact"]}
    search_fields = ["number", "full_name", "email", "nip"]
    list_export = [
        "number",
        "full_name",
        "email",
        "nip",
        "series_number",
        "episode_date",
        "jp",
        "imported_at",
    ]
    export_filename = "sertifikat-sebelum-situs"
    form_fields = ["full_name"]  # required by ModelViewSet; ReadOnlyPolicy refuses every edit
    inspect_view_fields = [*list_export, "imported_by"]

    def import_view(self, request):
        """Upload the register; good rows are stored at once, conflicts and bad rows reported."""
        if not request.user.has_perm(ISSUE_PERMISSION):
            raise PermissionDenied
        form = RegisterForm(request.POST or None, request.FILES or None)
        context = {"header_icon": self.icon, "page_title": _("Impor daftar sertifikat lama"), "form": form}
        if request.method == "POST" and form.is_valid():
            upload = form.cleaned_data["berkas"]
            try:
                outcome = legacy.import_register(upload.file, upload.name, user=request.user)
            except TableError as error:
                form.add_error("berkas", str(error))
            else:
                context["outcome"] = outcome
                return TemplateResponse(request, "certificates/admin/legacy_result.html", context)
        return TemplateResponse(request, "certificates/admin/legacy_import.html", context)

    def get_urlpatterns(self):
        return [*super().get_urlpatterns(), path("impor/", self.import_view, name="import")]
