"""The verification page's two forms: a certificate number typed by hand, and a PDF to check."""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from webinars.certificates.models import parse_certificate_number


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
        number = parse_certificate_number(self.cleaned_data["nomor"])
        if number is None:
            raise ValidationError(
                _("Nomor sertifikat terdiri dari ASNA, nomor seri dan nomor urut, mis. ASNA-041-00017."),
                code="format",
            )
        return number


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
