"""Wagtail admin for registrars: registrations, the emails sent to participants, and a person's
requests about their personal data.

Other rooms add buttons to each registration's row through the ``register_registration_listing_buttons``
hook (attendance adds "Tandai hadir"), so this room imports none of them.
"""

import uuid

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.widgets import Button, ListingButton
from wagtail.log_actions import log

from core.admin_records import RecordIndexView, RecordViewSet
from webinars.registrations.forms import RegistrationAdminForm
from webinars.registrations.models import PERSON_FIELDS, OutgoingEmail, Registration, RegistrationStatus
from webinars.registrations.personal_data import erase, export, find_person
from webinars.registrations.service import cancel, restore

LISTING_BUTTONS_HOOK = "register_registration_listing_buttons"

STATUS_ACTIONS = {
    "cancel": (_("Batalkan"), cancel, "webinars.registration.cancel"),
    "restore": (_("Pulihkan"), restore, "webinars.registration.restore"),
}


def log_each(registrations, action, user):
    """One history entry per registration, named by its code: the history is kept for years.

    Each gets its own uuid, since Wagtail's history shows one entry per uuid and action.
    """
    for registration in registrations:
        log(registration, action, user=user, title=registration.code, uuid=uuid.uuid4())


class PersonLookupForm(forms.Form):
    email = forms.EmailField(label=_("Email"), required=False)
    nip = forms.CharField(label=_("NIP"), required=False, max_length=18)
    confirm = forms.BooleanField(
        label=_(
            "Saya memahami bahwa data pribadi orang ini dihapus permanen "
            "dan pendaftarannya yang belum berlangsung dibatalkan."
        ),
        required=False,
    )

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("email") and not cleaned.get("nip"):
            raise forms.ValidationError(_("Isi email atau NIP orang yang meminta."))
        return cleaned


class RegistrationIndexView(RecordIndexView):
    status_url_name = None
    person_data_url_name = None

    @cached_property
    def header_more_buttons(self):
        buttons = super().header_more_buttons
        if self.permission_policy.user_has_permission(self.request.user, "change"):
            url = reverse(self.person_data_url_name)
            buttons.append(Button(_("Permintaan data pribadi"), url=url, icon_name="user", priority=50))
        return buttons

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        action = "restore" if instance.status == RegistrationStatus.CANCELLED else "cancel"
        label = STATUS_ACTIONS[action][0]
        if self.permission_policy.user_has_permission(self.request.user, "change"):
            url = reverse(self.status_url_name, args=[action, instance.pk])
            buttons.append(ListingButton(label, url=url, icon_name="redirect", priority=40))
        for add_buttons in hooks.get_hooks(LISTING_BUTTONS_HOOK):
            buttons.extend(add_buttons(instance, self.request.user))
        return buttons


class RegistrationViewSet(RecordViewSet):
    model = Registration
    icon = "group"
    menu_label = _("Pendaftaran")
    menu_order = 210
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
    list_export = ["code", "episode", "status", *PERSON_FIELDS, "created_at", "cancelled_at"]
    export_filename = "pendaftaran-asn-adaptif"
    form_fields = RegistrationAdminForm.Meta.fields
    inspect_view_fields = [
        "code",
        "episode",
        "status",
        *PERSON_FIELDS,
        "consented_at",
        "created_at",
        "cancelled_at",
        "anonymised_at",
    ]

    def get_form_class(self, for_update=False):
        return RegistrationAdminForm

    def get_queryset(self, request):
        # The attendance row is read by the hand-marking button that attendance adds to each row.
        return Registration.objects.select_related("episode", "attendance")

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(
            status_url_name=self.get_url_name("status"),
            person_data_url_name=self.get_url_name("person_data"),
            **kwargs,
        )

    def status_view(self, request, action, pk):
        if action not in STATUS_ACTIONS:
            return redirect(self.get_url_name("index"))
        if not self.permission_policy.user_has_permission(request.user, "change"):
            raise PermissionDenied
        registration = get_object_or_404(Registration, pk=pk)
        label, change, log_action = STATUS_ACTIONS[action]
        if request.method == "POST":
            registration = change(registration)
            # The history is kept for years: it names the registration by its code, not the person.
            log(registration, log_action, user=request.user, title=registration.code)
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
            "registrations/admin/confirm_status.html",
            {
                "registration": registration,
                "action_label": label,
                "header_icon": self.icon,
                "page_title": label,
                "back_url": reverse(self.get_url_name("index")),
            },
        )

    def person_data_view(self, request):
        """A person's request to see or delete their data (UU No. 27/2022), found by email or NIP.

        Looked up by POST only, so the address or NIP never lands in a URL or an access log.
        """
        if not self.permission_policy.user_has_permission(request.user, "change"):
            raise PermissionDenied
        form = PersonLookupForm(request.POST or None)
        registrations = None
        if request.method == "POST" and form.is_valid():
            registrations = list(find_person(form.cleaned_data["email"], form.cleaned_data["nip"]))
            action = request.POST.get("action")
            if registrations and action == "export":
                return self._export_person(request, registrations)
            if registrations and action == "erase":
                if form.cleaned_data["confirm"]:
                    return self._erase_person(request, registrations)
                form.add_error("confirm", _("Centang pernyataan ini untuk menghapus."))
        return TemplateResponse(
            request,
            "registrations/admin/person_data.html",
            {
                "form": form,
                "registrations": registrations,
                "header_icon": "user",
                "page_title": _("Permintaan data pribadi"),
                "back_url": reverse(self.get_url_name("index")),
            },
        )

    def _export_person(self, request, registrations):
        log_each(registrations, "webinars.registration.export", request.user)
        response = JsonResponse(export(registrations), json_dumps_params={"ensure_ascii": False, "indent": 2})
        response["Content-Disposition"] = 'attachment; filename="data-pribadi-peserta.json"'
        return response

    def _erase_person(self, request, registrations):
        log_each(registrations, "webinars.registration.anonymise", request.user)
        count = erase(Registration.objects.filter(pk__in=[registration.pk for registration in registrations]))
        messages.success(
            request, _("Data pribadi pada %(count)d pendaftaran telah dihapus.") % {"count": count}
        )
        return redirect(self.get_url_name("person_data"))

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("status/<str:action>/<int:pk>/", self.status_view, name="status"),
            path("data-pribadi/", self.person_data_view, name="person_data"),
        ]


class OutgoingEmailViewSet(RecordViewSet):
    model = OutgoingEmail
    icon = "mail"
    menu_label = _("Email peserta")
    menu_order = 220
    list_display = ["registration", "kind", "status", "attempts", "last_error", "created_at", "sent_at"]
    list_filter = ["status", "kind"]
    search_fields = ["registration__code"]
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
