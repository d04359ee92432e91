"""Wagtail admin for registrars: attendance, marked by hand or imported from the meeting report."""

import secrets

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _

from wagtail.admin.widgets import HeaderButton, ListingButton
from wagtail.log_actions import log

from core.admin_records import RecordIndexView, RecordViewSet
from webinars.attendance import meeting_reports, report_matching
from webinars.attendance.models import Attendance
from webinars.attendance.service import mark, record_durations, unmark
from webinars.registrations.models import Registration

CHANGE_PERMISSION = "webinars.change_attendance"
SESSION_PREFIX = "attendance-import-"
HAND_ACTIONS = {
    "mark": (_("Tandai hadir"), mark, "webinars.attendance.mark"),
    "unmark": (_("Hapus kehadiran"), unmark, "webinars.attendance.unmark"),
}


def can_change_attendance(user):
    return user.has_perm(CHANGE_PERMISSION)


def hand_action_button(registration, has_attendance):
    action = "unmark" if has_attendance else "mark"
    url = reverse("kehadiran:hand", args=[action, registration.pk])
    return ListingButton(HAND_ACTIONS[action][0], url=url, icon_name="tick", priority=45)


class ImportForm(forms.Form):
    # Episodes through the foreign key: this room never imports the page module.
    episode = forms.ModelChoiceField(
        label=_("Episode"),
        queryset=Attendance.episode.field.related_model.objects.order_by("-start"),
        empty_label=None,
    )
    report = forms.FileField(
        label=_("Laporan kehadiran (CSV atau XLSX)"),
        help_text=_(
            "Laporan peserta dari Zoom (Reports › Usage › Participants, dengan pilihan ekspor apa pun; "
            "atau Attendee Report webinar), Google Meet atau Microsoft Teams, seperti diunduh atau "
            "setelah disimpan ulang di Excel. Kolom yang dibaca: nama, email, durasi atau waktu "
            "bergabung dan keluar."
        ),
    )


class AttendanceIndexView(RecordIndexView):
    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if can_change_attendance(self.request.user):
            buttons.append(hand_action_button(instance.registration, has_attendance=True))
        return buttons

    @property
    def header_buttons(self):
        buttons = super().header_buttons
        if can_change_attendance(self.request.user):
            buttons.append(
                HeaderButton(
                    _("Impor laporan kehadiran"), url=reverse("kehadiran:import"), icon_name="upload"
                )
            )
        return buttons


class AttendanceViewSet(RecordViewSet):
    model = Attendance
    icon = "tick-inverse"
    menu_label = _("Kehadiran")
    menu_order = 215
    index_view_class = AttendanceIndexView
    list_display = ["registration", "episode", "sources", "checked_in_at", "minutes", "created_at"]
    list_filter = {"episode": ["exact"], "marked_by_hand": ["exact"]}
    search_fields = ["registration__full_name", "registration__code"]
    list_export = [
        "registration",
        "episode",
        "sources",
        "checked_in_at",
        "minutes",
        "marked_by_hand",
        "created_at",
    ]
    export_filename = "kehadiran-asn-adaptif"
    form_fields = ["minutes"]  # required by ModelViewSet; ReadOnlyPolicy refuses every edit
    inspect_view_fields = [
        "registration",
        "episode",
        "checked_in_at",
        "minutes",
        "marked_by_hand",
        "created_at",
    ]

    def get_queryset(self, request):
        return Attendance.objects.select_related("registration", "episode")

    def hand_view(self, request, action, registration_pk):
        """Mark or unmark one person by hand; the change goes to the registration's history."""
        if action not in HAND_ACTIONS:
            return redirect(self.get_url_name("index"))
        if not can_change_attendance(request.user):
            raise PermissionDenied
        registration = get_object_or_404(Registration.objects.select_related("episode"), pk=registration_pk)
        label, change, log_action = HAND_ACTIONS[action]
        if request.method == "POST":
            if change(registration):
                log(registration, log_action, user=request.user)
            messages.success(
                request, _("%(code)s: %(action)s.") % {"code": registration.code, "action": label}
            )
            return redirect(
                _same_site(request, request.POST.get("next")) or reverse(self.get_url_name("index"))
            )
        return TemplateResponse(
            request,
            "attendance/admin/confirm.html",
            {
                "registration": registration,
                "action_label": label,
                "header_icon": self.icon,
                "page_title": label,
                "back_url": reverse(self.get_url_name("index")),
            },
        )

    def import_view(self, request):
        """Upload → preview of who matches whom (nothing saved) → confirm saves."""
        if not can_change_attendance(request.user):
            raise PermissionDenied
        context = {"header_icon": self.icon, "page_title": _("Impor laporan kehadiran")}
        if request.method == "POST" and "token" in request.POST:
            return self._confirm_import(request)
        form = ImportForm(request.POST or None, request.FILES or None)
        context["form"] = form
        if request.method == "POST" and form.is_valid():
            episode = form.cleaned_data["episode"]
            upload = form.cleaned_data["report"]
            try:
                report = meeting_reports.read_report(upload.read(), upload.name)
            except meeting_reports.ReportError as error:
                form.add_error("report", str(error))
                return TemplateResponse(request, "attendance/admin/import.html", context)
            token = secrets.token_urlsafe(12)
            request.session[SESSION_PREFIX + token] = {
                "episode": episode.pk,
                "report": report_matching.encode(report),
            }
            context.update(
                episode=episode,
                token=token,
                preview=report_matching.preview(episode, report.rows, report.layout_label),
            )
            return TemplateResponse(request, "attendance/admin/preview.html", context)
        return TemplateResponse(request, "attendance/admin/import.html", context)

    def _confirm_import(self, request):
        stored = request.session.pop(SESSION_PREFIX + request.POST["token"], None)
        if stored is None:
            messages.error(
                request, _("Pratinjau ini sudah disimpan atau kedaluwarsa. Unggah laporannya lagi.")
            )
            return redirect(self.get_url_name("import"))
        episode = get_object_or_404(ImportForm.base_fields["episode"].queryset, pk=stored["episode"])
        layout_label, rows = report_matching.decode(stored["report"])
        preview = report_matching.preview(episode, rows, layout_label)
        created, updated = record_durations(episode, preview.minutes_by_registration())
        left_over = len(preview.unmatched) + sum(len(item.rows) for item in preview.unsettled)
        log(
            episode,
            "webinars.attendance.import",
            user=request.user,
            data={"created": created, "updated": updated, "unmatched": left_over, "layout": layout_label},
        )
        messages.success(
            request,
            _(
                "Laporan disimpan: %(created)d kehadiran baru, %(updated)d diperbarui, "
                "%(unmatched)d baris tanpa pasangan."
            )
            % {"created": created, "updated": updated, "unmatched": left_over},
        )
        return redirect(reverse(self.get_url_name("index")) + f"?episode={episode.pk}")

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("tangan/<str:action>/<int:registration_pk>/", self.hand_view, name="hand"),
            path("impor/", self.import_view, name="import"),
        ]


def _same_site(request, url):
    """`url` when it leads back into this site (a path, or this host over this scheme); None for
    anything else, so a crafted form cannot send a registrar to another site (open redirect)."""
    if url and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return None
