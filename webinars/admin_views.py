"""Wagtail admin for registrars: registrations and the emails sent to participants.

Attendance and certificates have their own modules: admin_attendance.py, admin_certificates.py.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import ListingButton
from wagtail.log_actions import log

from webinars.admin_attendance import can_change_attendance, hand_action_button
from webinars.models import PERSON_FIELDS, Attendance, OutgoingEmail, Registration, RegistrationStatus
from webinars.registration_service import cancel, restore

STATUS_ACTIONS = {
    "cancel": (_("Batalkan"), cancel, "webinars.registration.cancel"),
    "restore": (_("Pulihkan"), restore, "webinars.registration.restore"),
}


class RegistrationIndexView(IndexView):
    status_url_name = None

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        action = "restore" if instance.status == RegistrationStatus.CANCELLED else "cancel"
        label = STATUS_ACTIONS[action][0]
        if self.permission_policy.user_has_permission(self.request.user, "change"):
            url = reverse(self.status_url_name, args=[action, instance.pk])
            buttons.append(ListingButton(label, url=url, icon_name="redirect", priority=40))
        if instance.status == RegistrationStatus.CONFIRMED and can_change_attendance(self.request.user):
            try:
                has_attendance = instance.attendance is not None
            except Attendance.DoesNotExist:
                has_attendance = False
            buttons.append(hand_action_button(instance, has_attendance))
        return buttons


class RegistrationViewSet(ModelViewSet):
    model = Registration
    icon = "group"
    menu_label = _("Pendaftaran")
    menu_order = 210
    add_to_admin_menu = True
    copy_view_enabled = False
    inspect_view_enabled = True
    index_view_class = RegistrationIndexView
    list_display = ["code", "full_name", "episode", "participant_type", "status", "created_at"]
    list_filter = {
        "episode": ["exact"],
        "status": ["exact"],
        "participant_type": ["exact"],
        "regency": ["exact"],
        "agency": ["icontains"],
    }
    search_fields = ["full_name", "email", "nip", "code"]
    search_backend_name = None  # plain database filtering; personal data stays out of the search index
    list_export = ["code", "episode", "status", *PERSON_FIELDS, "created_at", "cancelled_at"]
    export_filename = "pendaftaran-asn-adaptif"
    form_fields = ["full_name", "email", "whatsapp", "agency", "position", "regency"]
    inspect_view_fields = [
        "code",
        "episode",
        "status",
        *PERSON_FIELDS,
        "consented_at",
        "created_at",
        "cancelled_at",
    ]

    def get_queryset(self, request):
        return Registration.objects.select_related("episode", "attendance")

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(status_url_name=self.get_url_name("status"), **kwargs)

    def status_view(self, request, action, pk):
        if action not in STATUS_ACTIONS:
            return redirect(self.get_url_name("index"))
        if not self.permission_policy.user_has_permission(request.user, "change"):
            raise PermissionDenied
        registration = get_object_or_404(Registration, pk=pk)
        label, change, log_action = STATUS_ACTIONS[action]
        if request.method == "POST":
            registration = change(registration)
            log(registration, log_action, user=request.user)
            messages.success(
                request,
                _("%(code)s: %(status)s.")
                % {
                    "code": registration.code,
                    "status": registration.get_status_display(),
                },
            )
            return redirect(self.get_url_name("index"))
        return TemplateResponse(
            request,
            "wagtailadmin/registrations/confirm_status.html",
            {
                "registration": registration,
                "action_label": label,
                "header_icon": self.icon,
                "page_title": label,
                "back_url": reverse(self.get_url_name("index")),
            },
        )

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("status/<str:action>/<int:pk>/", self.status_view, name="status"),
        ]


class OutgoingEmailViewSet(ModelViewSet):
    model = OutgoingEmail
    icon = "mail"
    menu_label = _("Email peserta")
    menu_order = 220
    add_to_admin_menu = True
    copy_view_enabled = False
    inspect_view_enabled = True
    list_display = ["registration", "kind", "status", "attempts", "last_error", "created_at", "sent_at"]
    list_filter = ["status", "kind"]
    search_fields = ["registration__code"]
    search_backend_name = None
    form_fields = ["status"]  # required by ModelViewSet; ReadOnlyPolicy refuses every edit
    inspect_view_fields = [
        "registration",
        "kind",
        "status",
        "attempts",
        "last_error",
        "created_at",
        "next_attempt_at",
        "sent_at",
    ]

    def get_queryset(self, request):
        return OutgoingEmail.objects.select_related("registration")
