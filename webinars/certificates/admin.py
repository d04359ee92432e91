"""Wagtail admin for registrars: issuing certificates per episode, the runs, and revoking."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail.admin.widgets import HeaderButton, ListingButton
from wagtail.log_actions import log

from core.admin_records import RecordIndexView, RecordViewSet
from webinars.certificates.issuing import EpisodeNotOver, NoJPValue, revoke, start_run
from webinars.certificates.models import Certificate, CertificateRun

ISSUE_PERMISSION = "webinars.add_certificate"
REVOKE_PERMISSION = "webinars.change_certificate"


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
        buttons = super().get_list_more_buttons(instance)
        if instance.is_valid and self.request.user.has_perm(REVOKE_PERMISSION):
            url = reverse("sertifikat:revoke", args=[instance.pk])
            buttons.append(ListingButton(_("Cabut"), url=url, icon_name="cross", priority=40))
        buttons.append(
            ListingButton(
                _("Halaman verifikasi"), url=instance.verification_path(), icon_name="link", priority=50
            )
        )
        return buttons


class CertificateViewSet(RecordViewSet):
    model = Certificate
    icon = "doc-full"
    menu_label = _("Sertifikat")
    menu_order = 225
    index_view_class = CertificateIndexView
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
    ]

    def get_queryset(self, request):
        return Certificate.objects.all()

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
        if request.method == "POST" and form.is_valid():
            episode = form.cleaned_data["episode"]
            try:
                start_run(episode, request.user)
            except EpisodeNotOver:
                form.add_error("episode", _("Sertifikat baru dapat diterbitkan setelah acara selesai."))
            except NoJPValue:
                form.add_error("episode", _("Isi dulu nilai JP episode ini: sertifikat mencantumkannya."))
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
            },
        )

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("cabut/<int:pk>/", self.revoke_view, name="revoke"),
            path("terbitkan/", self.issue_view, name="issue"),
        ]


class CertificateRunViewSet(RecordViewSet):
    model = CertificateRun
    icon = "time"
    menu_label = _("Penerbitan sertifikat")
    menu_order = 226
    index_view_class = IssueButtonIndexView
    list_display = [
        "episode",
        "status",
        "progress",
        "issued",
        "skipped_already_issued",
        "skipped_not_attended",
        "skipped_too_short",
        "skipped_not_confirmed",
        "created_at",
        "finished_at",
    ]
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
