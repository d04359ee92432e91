import re
import secrets

from django.conf import settings
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

from core.site_address import page_root_url
from webinars.registrations.models import ParticipantType
from webinars.registrations.nip import clean_nip

NUMBER_PREFIX = "ASNA"
VERIFICATION_CODE_LENGTH = 24
# Lower-case letters and digits without look-alikes: a code copied by hand from a printout still works.
VERIFICATION_ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz"


def new_verification_code():
    return "".join(secrets.choice(VERIFICATION_ALPHABET) for _ in range(VERIFICATION_CODE_LENGTH))


def certificate_number(series_number, sequence):
    """ASNA-041-00017: the series, the episode and the certificate's place in it, never reused."""
    return f"{NUMBER_PREFIX}-{series_number:03d}-{sequence:05d}"


def parse_certificate_number(text):
    """The number as issued ("ASNA-041-00017") from however someone typed it: any case, spaces,
    dots or slashes, dashes missing ("asna 41 17", "ASNA04100017", "041-00017"); None when it
    cannot be a certificate number."""
    tokens = [token for token in re.split(r"[^0-9A-Z]+", (text or "").upper()) if token]
    if tokens and tokens[0].startswith(NUMBER_PREFIX):
        tokens[0] = tokens[0].removeprefix(NUMBER_PREFIX)
        tokens = [token for token in tokens if token]
    if not tokens or not all(token.isdigit() for token in tokens) or sum(map(len, tokens)) > 12:
        return None
    if len(tokens) == 2:
        series, sequence = tokens
    elif len(tokens) == 1 and len(tokens[0]) > 5:
        series, sequence = tokens[0][:-5], tokens[0][-5:]
    else:
        return None
    if int(series) == 0 or int(sequence) == 0:
        return None
    return certificate_number(int(series), int(sequence))


def pdf_upload_to(instance, filename):
    # Random folder: the file's address cannot be guessed from its number even if the storage
    # is ever served directly.
    return f"sertifikat/{instance.series_number}/{secrets.token_hex(16)}/{filename}"


@register_setting(icon="doc-full")
class CertificateSettings(BaseSiteSetting):
    """What every certificate of the site prints besides the participant: the signatory, the
    place, the agency's emblem, and the yearly JP targets the look-up counts against."""

    signatory_name = models.CharField(
        _("nama penanda tangan"),
        max_length=150,
        blank=True,
        help_text=_("Dicetak di bawah tanda tangan, lengkap dengan gelar, mis. Dr. Andi Baso, M.Si."),
    )
    signatory_title = models.CharField(
        _("jabatan penanda tangan"),
        max_length=200,
        blank=True,
        help_text=_("Mis. Kepala BPSDM Provinsi Sulawesi Selatan."),
    )
    signatory_nip = models.CharField(
        _("NIP penanda tangan"),
        max_length=18,
        blank=True,
        help_text=_("18 angka; dicetak di bawah nama penanda tangan."),
    )
    place = models.CharField(
        _("tempat penandatanganan"),
        max_length=60,
        default="Makassar",
        blank=True,
        help_text=_("Dicetak sebelum tanggal, mis. Makassar."),
    )
    emblem = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("lambang instansi"),
        help_text=_("Dicetak di atas sertifikat. PNG berlatar transparan, kira-kira 400×400 piksel."),
    )
    signature_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("gambar tanda tangan atau cap"),
        help_text=_("Boleh kosong. PNG berlatar transparan, kira-kira 600×250 piksel."),
    )
    issue_within_days = models.PositiveSmallIntegerField(
        _("sertifikat terbit paling lambat (hari setelah acara)"),
        default=7,
        help_text=_("Dijanjikan kepada peserta di halaman sertifikat, mis. 7."),
    )
    jp_target_pns = models.PositiveSmallIntegerField(
        _("target JP per tahun: PNS"),
        default=20,
        help_text=_("Jam pelajaran pengembangan kompetensi setahun yang diminta dari PNS, mis. 20."),
    )
    jp_target_pppk = models.PositiveSmallIntegerField(
        _("target JP per tahun: PPPK"),
        default=24,
        help_text=_("Jam pelajaran pengembangan kompetensi setahun yang diminta dari PPPK, mis. 24."),
    )

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("signatory_name"),
                FieldPanel("signatory_title"),
                FieldPanel("signatory_nip"),
                FieldPanel("place"),
                FieldPanel("emblem"),
                FieldPanel("signature_image"),
            ],
            heading=_("Penanda tangan sertifikat"),
        ),
        FieldPanel("issue_within_days"),
        FieldRowPanel([FieldPanel("jp_target_pns"), FieldPanel("jp_target_pppk")], heading=_("Target JP")),
    ]
    select_related = ["emblem", "signature_image"]

    class Meta:
        verbose_name = _("pengaturan sertifikat")

    def clean(self):
        super().clean()
        if self.signatory_nip:
            try:
                self.signatory_nip = clean_nip(self.signatory_nip, ParticipantType.PNS)
            except ValidationError as error:
                raise ValidationError({"signatory_nip": error.messages}) from error

    def missing(self):
        """What a certificate needs and these settings lack: a list of the fields' labels, in the
        order of the form (empty when issuing may start)."""
        required = ["signatory_name", "signatory_title", "signatory_nip", "place", "emblem"]
        return [
            str(self._meta.get_field(name).verbose_name)
            for name in required
            if not (getattr(self, f"{name}_id") if name == "emblem" else getattr(self, name).strip())
        ]

    def jp_target(self, participant_type):
        """The yearly target for this kind of participant; None for non-ASN (no target applies)."""
        return {ParticipantType.PNS: self.jp_target_pns, ParticipantType.PPPK: self.jp_target_pppk}.get(
            participant_type
        )


class CertificateStatus(models.TextChoices):
    VALID = "valid", _("Sah")
    REVOKED = "revoked", _("Dicabut")


class Certificate(models.Model):
    """One participant's certificate for one episode.

    It keeps its own copy of what it certifies (name as registered, episode, date, JP, participant
    type), so it stays verifiable after the registration's personal data is erased.
    """

    registration = models.OneToOneField(
        "webinars.Registration",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="certificate",
        verbose_name=_("pendaftaran"),
    )
    episode = models.ForeignKey(
        "webinars.EpisodePage",
        on_delete=models.PROTECT,
        related_name="certificates",
        verbose_name=_("episode"),
    )
    sequence = models.PositiveIntegerField(_("urutan"))
    number = models.CharField(_("nomor"), max_length=32, unique=True)
    verification_code = models.CharField(
        _("kode verifikasi"),
        max_length=VERIFICATION_CODE_LENGTH,
        unique=True,
        default=new_verification_code,
        editable=False,
    )
    full_name = models.CharField(_("nama peserta"), max_length=150)
    participant_type = models.CharField(_("jenis peserta"), max_length=8, choices=ParticipantType.choices)
    series_number = models.PositiveIntegerField(_("seri ke-"))
    episode_title = models.CharField(_("tema"), max_length=255)
    episode_date = models.DateField(_("tanggal acara"))
    jp = models.PositiveSmallIntegerField(_("JP"))
    pdf = models.FileField(_("berkas PDF"), upload_to=pdf_upload_to, max_length=200)
    # The SHA-256 of the signed file as issued: an uploaded copy with the same digest is exactly
    # that file. Empty for certificates issued before files were signed.
    pdf_sha256 = models.CharField(_("SHA-256 berkas"), max_length=64, blank=True, db_index=True)
    status = models.CharField(
        _("status"), max_length=8, choices=CertificateStatus.choices, default=CertificateStatus.VALID
    )
    revoked_reason = models.CharField(_("alasan pencabutan"), max_length=300, blank=True)
    revoked_at = models.DateTimeField(_("dicabut pada"), null=True, blank=True)
    issued_at = models.DateTimeField(_("diterbitkan"), auto_now_add=True, db_index=True)

    wagtail_reference_index_ignore = True

    class Meta:
        verbose_name = _("sertifikat")
        verbose_name_plural = _("sertifikat")
        ordering = ["-issued_at", "-sequence"]
        constraints = [
            models.UniqueConstraint(fields=["episode", "sequence"], name="one_certificate_per_sequence"),
            models.CheckConstraint(
                condition=models.Q(status="valid", revoked_at__isnull=True)
                | models.Q(status="revoked", revoked_at__isnull=False),
                name="revoked_certificate_has_time",
            ),
        ]
        indexes = [models.Index(fields=["episode", "status"])]

    def __str__(self):
        return f"{self.number} · {self.full_name}"

    @property
    def is_valid(self):
        return self.status == CertificateStatus.VALID

    def verification_path(self):
        return reverse("certificate_verify", args=[self.verification_code])

    def verification_url(self):
        """On the Site serving the certificate's episode: the address its QR code and email carry."""
        return page_root_url(self.episode) + self.verification_path()

    def download_path(self):
        return reverse("certificate_download", args=[self.verification_code])

    def download_url(self):
        return page_root_url(self.episode) + self.download_path()


class CertificateCounter(models.Model):
    """The last sequence number given out in an episode; its row is locked while numbers are taken."""

    episode = models.OneToOneField(
        "webinars.EpisodePage", on_delete=models.CASCADE, related_name="certificate_counter", primary_key=True
    )
    last_sequence = models.PositiveIntegerField(default=0)

    wagtail_reference_index_ignore = True

    class Meta:
        verbose_name = _("penghitung sertifikat")
        verbose_name_plural = _("penghitung sertifikat")

    def __str__(self):
        return f"{self.episode_id}: {self.last_sequence}"


class RunStatus(models.TextChoices):
    QUEUED = "queued", _("Dalam antrean")
    RUNNING = "running", _("Berjalan")
    DONE = "done", _("Selesai")
    FAILED = "failed", _("Gagal")


class CertificateRun(models.Model):
    """One request to issue an episode's certificates, and what came of it."""

    episode = models.ForeignKey(
        "webinars.EpisodePage",
        on_delete=models.CASCADE,
        related_name="certificate_runs",
        verbose_name=_("episode"),
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("diminta oleh"),
    )
    # Set when the run is for one person only: queued when they answered the evaluation their
    # episode requires before the certificate.
    registration = models.ForeignKey(
        "webinars.Registration",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("hanya untuk"),
    )
    status = models.CharField(_("status"), max_length=8, choices=RunStatus.choices, default=RunStatus.QUEUED)
    total = models.PositiveIntegerField(_("pendaftar"), default=0)
    processed = models.PositiveIntegerField(_("diproses"), default=0)
    issued = models.PositiveIntegerField(_("terbit"), default=0)
    skipped_already_issued = models.PositiveIntegerField(_("sudah punya sertifikat"), default=0)
    skipped_not_attended = models.PositiveIntegerField(_("tidak hadir"), default=0)
    skipped_too_short = models.PositiveIntegerField(_("durasi kurang"), default=0)
    skipped_not_confirmed = models.PositiveIntegerField(_("batal / daftar tunggu"), default=0)
    skipped_no_evaluation = models.PositiveIntegerField(_("belum mengisi evaluasi"), default=0)
    error = models.CharField(_("galat"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("diminta"), auto_now_add=True)
    started_at = models.DateTimeField(_("mulai"), null=True, blank=True)
    finished_at = models.DateTimeField(_("selesai"), null=True, blank=True)

    wagtail_reference_index_ignore = True

    class Meta:
        verbose_name = _("penerbitan sertifikat")
        verbose_name_plural = _("penerbitan sertifikat")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.episode} · {self.created_at:%Y-%m-%d %H:%M}"

    @admin.display(description=_("kemajuan"))
    def progress(self):
        return f"{self.processed}/{self.total}"

    @admin.display(description=_("dilewati"))
    def skipped(self):
        """The registrations skipped and why, e.g. "2 tidak hadir, 1 durasi kurang"; "–" for none."""
        counts = [
            (self.skipped_already_issued, _("sudah punya sertifikat")),
            (self.skipped_not_attended, _("tidak hadir")),
            (self.skipped_too_short, _("durasi kurang")),
            (self.skipped_not_confirmed, _("batal / daftar tunggu")),
            (self.skipped_no_evaluation, _("belum mengisi evaluasi")),
        ]
        return ", ".join(f"{count} {label}" for count, label in counts if count) or "–"


def legacy_number_key(text):
    """How a certificate number as printed is compared when typed: letters and digits only,
    upper case ("ASN/Adaptif-12/0034" and "asn adaptif 12 0034" are both "ASNADAPTIF120034"); ""
    when nothing is left."""
    return re.sub(r"[^0-9A-Z]", "", (text or "").upper())


class LegacyCertificate(models.Model):
    """A certificate issued before this site, from the agency's register (no PDF on the site).

    Verification by number finds it, the participant's look-up lists it and counts its JP; it
    is never changed by an import once stored (a different row with the same number is reported
    as a conflict, see ``webinars/certificates/legacy.py``).
    """

    number = models.CharField(_("nomor (seperti tercetak)"), max_length=64)
    number_key = models.CharField(_("nomor untuk pencarian"), max_length=64, unique=True, editable=False)
    full_name = models.CharField(_("nama peserta"), max_length=150)
    email = models.EmailField(_("email"), max_length=254, blank=True, db_index=True)
    nip = models.CharField(_("NIP"), max_length=18, blank=True, db_index=True)
    series_number = models.PositiveIntegerField(_("seri ke-"), db_index=True)
    episode_date = models.DateField(_("tanggal acara"))
    jp = models.PositiveSmallIntegerField(_("JP"))
    imported_at = models.DateTimeField(_("diimpor"), auto_now_add=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("diimpor oleh"),
    )

    wagtail_reference_index_ignore = True

    class Meta:
        verbose_name = _("sertifikat sebelum situs")
        verbose_name_plural = _("sertifikat sebelum situs")
        ordering = ["series_number", "number_key"]

    def __str__(self):
        return f"{self.number} · {self.full_name}"

    # What verification shows, read like a Certificate's (certificates/facts.html).
    is_valid = True
    is_legacy = True
    episode_title = ""
    revoked_at = None

    def get_status_display(self):
        return _("Sah; diterbitkan sebelum situs ini (tanpa berkas PDF di situs)")
