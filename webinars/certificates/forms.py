"""The verification page's two forms: a certificate number typed by hand, and a PDF to check."""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from webinars.certificates.models import legacy_number_key, parse_certificate_number


class NumberForm(forms.Form):
    nomor = forms.CharField(
        label=_("Nomor sertifikat"),
        max_length=40,
        help_text=_("Seperti tercetak di sertifikat, mis. ASNA-041-00017. Huruf besar atau kecil sama saja."),
        error_messages={"required": _("Tulis nomor sertifikat.")},
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}
        ),
    )

    def clean_nomor(self):
        """The number as this site issues it ("ASNA-041-00017") when it can be one, else the text
        as typed, spaces collapsed, for the certificates issued before the site (their numbers
        are whatever was printed, but always carry digits)."""
        typed = " ".join(self.cleaned_data["nomor"].split())
        number = parse_certificate_number(typed)
        if number is None and not any(char.isdigit() for char in legacy_number_key(typed)):
            raise ValidationError(
                _(
                    "Nomor sertifikat terdiri dari ASNA, nomor seri dan nomor urut, mis. ASNA-041-00017; "
                    "untuk sertifikat sebelum situs ini, tulis nomor seperti tercetak."
                ),
                code="format",
            )
        self.typed = typed
        return number or typed


class UploadForm(forms.Form):
    berkas = forms.FileField(
        label=_("Berkas sertifikat (PDF)"),
        help_text=_("Berkas tidak disimpan; hanya diperiksa."),
        error_messages={
            "required": _("Pilih berkas PDF sertifikat."),
            "empty": _("Berkas ini kosong."),
        },
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,.pdf"}),
    )

    def clean_berkas(self):
        upload = self.cleaned_data["berkas"]
        limit = settings.CERTIFICATE_UPLOAD_MAX_BYTES
        if upload.size > limit:
            raise ValidationError(
                _("Berkas lebih besar dari %(limit)s; sertifikat kami jauh lebih kecil."),
                code="size",
                params={"limit": filesizeformat(limit)},
            )
        data = upload.read()
        if not data.startswith(b"%PDF-"):
            raise ValidationError(_("Ini bukan berkas PDF. Unggah sertifikat dalam bentuk PDF."), code="type")
        return data
