"""The registration form, and the proof of being a registrant that check-in and the certificate
look-up ask for; clear Indonesian messages."""

from django import forms
from django.core.exceptions import ValidationError
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from core.printing import validate_printable_name
from core.text import clean_text, spoken_key
from webinars.registrations.models import CODE_LENGTH, PERSON_FIELDS, ParticipantType, Registration
from webinars.registrations.nip import clean_nip
from webinars.registrations.phone import normalise_whatsapp
from webinars.registrations.regions import Regency

REQUIRED = {"required": _("Bagian ini wajib diisi.")}
# Registration codes use Crockford's alphabet, which has no O, I or L: typed, they mean 0 and 1.
LOOK_ALIKES = str.maketrans("OIL", "011")


class FixedChoiceField(forms.ChoiceField):
    """Choices that are the same for every form, shared rather than deep-copied into each one.

    Deep-copying the regencies' translated labels was a tenth of a registration's CPU.
    """

    def __deepcopy__(self, memo):
        return forms.Field.__deepcopy__(self, memo)


class PersonTextCleaning:
    """How a participant's own words are cleaned, in the public form and the registrar's edit form
    alike: control and invisible characters refused, spaces collapsed, a name the certificate's
    fonts cannot print refused, the email lower-cased and the WhatsApp number normalised to +62."""

    def clean_full_name(self):
        name = clean_text(self.cleaned_data["full_name"])
        if len(name) < 3:
            raise ValidationError(_("Tulis nama lengkap Anda."), code="short")
        # The public form skips the model's own validators (see RegistrationForm._post_clean).
        validate_printable_name(name)
        return name

    def clean_agency(self):
        return clean_text(self.cleaned_data["agency"])

    def clean_position(self):
        return clean_text(self.cleaned_data["position"])

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()

    def clean_whatsapp(self):
        return normalise_whatsapp(self.cleaned_data["whatsapp"])


class RegistrationForm(PersonTextCleaning, forms.ModelForm):
    # Everything is declared on the class, not set up in __init__: a registration rush builds this
    # form hundreds of times a second.
    participant_type = FixedChoiceField(
        label=_("Jenis peserta"),
        choices=ParticipantType.choices,
        widget=forms.RadioSelect,
        error_messages={**REQUIRED, "invalid_choice": _("Pilih PNS, PPPK, atau Non-ASN.")},
    )
    # Longer than the 18 digits stored: people type NIPs with spaces or dots, removed in clean().
    nip = forms.CharField(
        label=_("NIP"),
        required=False,
        max_length=30,
        help_text=_("18 angka, wajib untuk PNS dan PPPK."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    regency = FixedChoiceField(
        label=_("Kabupaten/kota"),
        choices=[("", _("Pilih kabupaten/kota")), *Regency.choices],
        error_messages={**REQUIRED, "invalid_choice": _("Pilih kabupaten/kota dari daftar.")},
    )
    # A field people never see; bots that fill every input give themselves away.
    website = forms.CharField(
        required=False,
        label=_("Jangan diisi"),
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    consent = forms.BooleanField(
        required=True,
        label=_(
            "Saya menyetujui pemrosesan data pribadi saya sesuai UU No. 27 Tahun 2022 tentang "
            "Pelindungan Data Pribadi, sebagaimana dijelaskan dalam kebijakan privasi."
        ),
        error_messages={"required": _("Centang persetujuan ini untuk dapat mendaftar.")},
    )

    class Meta:
        model = Registration
        fields = PERSON_FIELDS
        labels = {
            "full_name": _("Nama lengkap dengan gelar"),
            "email": _("Email"),
            "whatsapp": _("Nomor WhatsApp"),
            "agency": _("Instansi"),
            "position": _("Jabatan"),
        }
        help_texts = {
            "full_name": _("Tulis seperti yang akan tercetak di sertifikat, mis. Dr. Andi Baso, S.E., M.Si."),
            "email": _("Konfirmasi dan sertifikat dikirim ke alamat ini."),
            "whatsapp": _("Mis. 081234567890."),
            "agency": _('Mis. Dinas Pendidikan Kabupaten Gowa. Tulis "Umum" bila bukan ASN.'),
            "position": _("Mis. Analis Kebijakan Ahli Muda."),
        }
        error_messages = {
            "full_name": REQUIRED,
            "email": {**REQUIRED, "invalid": _("Masukkan alamat email yang benar, mis. nama@contoh.go.id.")},
            "whatsapp": REQUIRED,
            "agency": REQUIRED,
            "position": REQUIRED,
        }
        widgets = {
            "full_name": forms.TextInput(attrs={"autocomplete": "name"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email", "inputmode": "email"}),
            "whatsapp": forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
            "agency": forms.TextInput(attrs={"autocomplete": "organization"}),
            "position": forms.TextInput(attrs={"autocomplete": "organization-title"}),
        }

    def clean_website(self):
        if self.cleaned_data["website"]:
            raise ValidationError(_("Formulir tidak dapat diproses."), code="honeypot")
        return ""

    def clean(self):
        cleaned = super().clean()
        participant_type = cleaned.get("participant_type")
        nip = (self.data.get(self.add_prefix("nip")) or "").strip()
        if participant_type in {ParticipantType.PNS, ParticipantType.PPPK}:
            if not nip:
                self.add_error("nip", _("NIP wajib diisi untuk PNS dan PPPK."))
            else:
                try:
                    cleaned["nip"] = clean_nip(nip, participant_type)
                except ValidationError as error:
                    self.add_error("nip", error)
        else:
            cleaned["nip"] = None  # a NIP typed by a non-ASN participant is not kept
        return cleaned

    def _post_clean(self):
        # The registration service builds the row: an existing registration is an answer for the
        # participant, not a form error, so the model's uniqueness checks do not run here.
        pass

    def registration_data(self):
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class RegistrationAdminForm(PersonTextCleaning, forms.ModelForm):
    """A registrar's correction of a registration: the same cleaning as the public form, and an
    email already used for the episode refused with a message rather than by the database."""

    class Meta:
        model = Registration
        fields = ["full_name", "email", "whatsapp", "agency", "position", "regency"]

    def clean_email(self):
        email = super().clean_email()
        taken = (
            Registration.objects.alias(email_lower=Lower("email"))
            .filter(episode_id=self.instance.episode_id, email_lower=email)
            .exclude(pk=self.instance.pk)
        )
        if taken.exists():
            raise ValidationError(
                _("Email ini sudah dipakai pendaftar lain di episode yang sama."), code="taken"
            )
        return email


def _is_nip(secret):
    """Digits only, and not a registration code's length: about one code in 10.000 is all digits
    (the alphabet has 10 digits in 32), and it is still a code."""
    return secret.isdigit() and len(secret) != CODE_LENGTH


class ParticipantProofForm(forms.Form):
    """Who someone is, for their check-in or certificates: never enough alone to learn anything."""

    email = forms.EmailField(
        label=_("Email"),
        max_length=254,
        required=False,
        help_text=_("Alamat yang Anda pakai saat mendaftar."),
        error_messages={"invalid": _("Masukkan alamat email yang benar, mis. nama@contoh.go.id.")},
    )
    secret = forms.CharField(
        label=_("NIP atau kode pendaftaran"),
        max_length=30,
        help_text=_("NIP 18 angka, atau kode pendaftaran 8 karakter dari email konfirmasi."),
        error_messages={"required": _("Bagian ini wajib diisi.")},
    )
    email_required = True

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].widget.attrs.update({"autocomplete": "email", "inputmode": "email"})
        self.fields["secret"].widget.attrs.update({"autocomplete": "off", "autocapitalize": "characters"})

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        if self.email_required and not email:
            raise ValidationError(_("Bagian ini wajib diisi."), code="required")
        return email

    def clean_secret(self):
        """A NIP or a registration code however it was typed or read out: spaces, dots, dashes and
        other punctuation set aside, any case, and the letters Crockford's alphabet leaves out
        read as the digits they look like (O as 0, I and L as 1)."""
        return spoken_key(self.cleaned_data["secret"]).upper().translate(LOOK_ALIKES)

    def clean(self):
        cleaned = super().clean()
        secret, email = cleaned.get("secret", ""), cleaned.get("email")
        if _is_nip(secret) and not email and "email" not in self.errors:
            self.add_error("email", _("Isi email bila memakai NIP."))
        return cleaned

    def registrations(self, queryset):
        """Registrations in the queryset matching both halves; none when either is wrong."""
        email, secret = self.cleaned_data["email"], self.cleaned_data["secret"]
        queryset = queryset.alias(email_lower=Lower("email"))
        if _is_nip(secret):
            return queryset.filter(nip=secret, email_lower=email)
        matches = queryset.filter(code=secret)
        return matches.filter(email_lower=email) if email else matches
