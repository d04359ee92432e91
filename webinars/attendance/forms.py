"""The self check-in form of the live event."""

from django import forms
from django.utils.translation import gettext_lazy as _

from webinars.registrations.forms import ParticipantProofForm


class CheckInForm(ParticipantProofForm):
    # The registration code alone identifies someone; the keyword shows they are watching.
    email_required = False
    keyword = forms.CharField(
        label=_("Kata kunci presensi"),
        max_length=40,
        help_text=_("Diumumkan moderator selama acara."),
        error_messages={"required": _("Bagian ini wajib diisi.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].help_text = _(
            "Wajib bila Anda memakai NIP; boleh kosong bila memakai kode pendaftaran."
        )
        self.fields["keyword"].widget.attrs.update({"autocomplete": "off"})
