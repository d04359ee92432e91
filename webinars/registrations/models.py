import secrets

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel

from core.printing import validate_printable_name
from webinars.registrations.regions import Regency

# Crockford's alphabet: no I, L, O or U, so a code read aloud or typed from a phone is not misread.
CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_LENGTH = 8


# What a participant tells us about themselves, in the order the form asks for it.
PERSON_FIELDS = ["full_name", "email", "whatsapp", "participant_type", "nip", "agency", "position", "regency"]


def new_registration_code():
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


class ParticipantType(models.TextChoices):
    PNS = "pns", _("PNS")
    PPPK = "pppk", _("PPPK")
    NON_ASN = "non-asn", _("Non-ASN / umum")


class RegistrationStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("Terdaftar")
    WAITLISTED = "waitlisted", _("Daftar tunggu")
    CANCELLED = "cancelled", _("Dibatalkan")


class Registration(models.Model):
    """One person's place in one episode. Never deleted by the site: cancelling keeps the row."""

    episode = models.ForeignKey(
        "webinars.EpisodePage",
        on_delete=models.PROTECT,
        related_name="registrations",
        verbose_name=_("episode"),
    )
    code = models.CharField(
        _("kode pendaftaran"),
        max_length=CODE_LENGTH,
        unique=True,
        default=new_registration_code,
        editable=False,
    )
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=RegistrationStatus.choices,
        default=RegistrationStatus.CONFIRMED,
        db_index=True,
    )
    # Printed on the certificate: every character must have a glyph in its fonts.
    full_name = models.CharField(_("nama lengkap"), max_length=150, validators=[validate_printable_name])
    email = models.EmailField(_("email"), max_length=254)
    whatsapp = models.CharField(_("nomor WhatsApp"), max_length=16)
    participant_type = models.CharField(_("jenis peserta"), max_length=8, choices=ParticipantType.choices)
    # NULL, not "", for non-ASN participants: the one-per-NIP constraint must ignore them.
    nip = models.CharField(_("NIP"), max_length=18, null=True, blank=True)  # noqa: DJ001
    agency = models.CharField(_("instansi"), max_length=200)
    position = models.CharField(_("jabatan"), max_length=150)
    regency = models.CharField(_("kabupaten/kota"), max_length=24, choices=Regency.choices)
    consented_at = models.DateTimeField(_("persetujuan PDP"))
    created_at = models.DateTimeField(_("didaftarkan"), auto_now_add=True, db_index=True)
    # Order on the waiting list: reset when a cancelled person comes back, so nobody jumps the queue.
    queued_at = models.DateTimeField(_("masuk antrean"), default=timezone.now)
    updated_at = models.DateTimeField(_("diubah"), auto_now=True)
    cancelled_at = models.DateTimeField(_("dibatalkan pada"), null=True, blank=True)
    # When the personal fields were blanked (retention period over, or at the person's request).
    anonymised_at = models.DateTimeField(_("dianonimkan pada"), null=True, blank=True)

    # Nothing links to a registration from content; indexing each save would cost a background
    # task per registration in a rush.
    wagtail_reference_index_ignore = True

    class Meta:
        verbose_name = _("pendaftaran")
        verbose_name_plural = _("pendaftaran")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(Lower("email"), "episode", name="one_registration_per_email"),
            models.UniqueConstraint(
                fields=["episode", "nip"],
                condition=models.Q(nip__isnull=False),
                name="one_registration_per_nip",
            ),
            models.CheckConstraint(
                condition=models.Q(participant_type="non-asn") | models.Q(nip__isnull=False),
                name="asn_registration_has_nip",
            ),
        ]
        indexes = [models.Index(fields=["episode", "status", "queued_at"])]

    def __str__(self):
        return f"{self.code} · {self.full_name}"

    @property
    def is_active(self):
        return self.status != RegistrationStatus.CANCELLED

    def waitlist_position(self):
        """1 for the first person waiting; None when not on the waiting list."""
        if self.status != RegistrationStatus.WAITLISTED:
            return None
        ahead = Registration.objects.filter(
            episode_id=self.episode_id, status=RegistrationStatus.WAITLISTED
        ).filter(models.Q(queued_at__lt=self.queued_at) | models.Q(queued_at=self.queued_at, pk__lt=self.pk))
        return ahead.count() + 1


class EpisodeSeats(models.Model):
    """How many confirmed seats an episode has given out.

    Kept apart from the page row so that publishing a page revision never overwrites the count,
    and so that claiming a seat is one short conditional UPDATE instead of a lock held for the
    whole request.
    """

    episode = models.OneToOneField(
        "webinars.EpisodePage", on_delete=models.CASCADE, related_name="seats", primary_key=True
    )
    confirmed = models.PositiveIntegerField(default=0)

    wagtail_reference_index_ignore = True

    class Meta:
        verbose_name = _("kursi episode")
        verbose_name_plural = _("kursi episode")

    def __str__(self):
        return f"{self.episode_id}: {self.confirmed}"


class RegistrationState(models.TextChoices):
    NOT_OFFERED = "not_offered", _("Belum dibuka")
    NOT_OPEN_YET = "not_open_yet", _("Segera dibuka")
    OPEN = "open", _("Dibuka")
    CLOSED = "closed", _("Ditutup")


class EpisodeRegistrationMixin(models.Model):
    """When and how many people may register for an episode, and its registration pages."""

    registration_opens_at = models.DateTimeField(
        _("pendaftaran dibuka"),
        null=True,
        blank=True,
        help_text=_("Kosongkan bila episode ini tidak menerima pendaftaran lewat situs."),
    )
    registration_closes_at = models.DateTimeField(
        _("pendaftaran ditutup"),
        null=True,
        blank=True,
        help_text=_("Kosongkan untuk menutup pendaftaran saat acara selesai."),
    )
    capacity = models.PositiveIntegerField(
        _("kuota peserta"),
        null=True,
        blank=True,
        help_text=_("Jumlah tempat, mis. 1000 (kapasitas Zoom). Kosongkan bila tidak dibatasi."),
    )
    waiting_list_enabled = models.BooleanField(
        _("daftar tunggu"),
        default=True,
        help_text=_(
            "Bila kuota penuh, pendaftar berikutnya masuk daftar tunggu dan naik saat ada yang batal."
        ),
    )
    meeting_url_is_private = models.BooleanField(
        _("tautan Zoom hanya untuk pendaftar"),
        default=False,
        help_text=_("Tautan Zoom tidak tampil di halaman publik; hanya di email dan halaman konfirmasi."),
    )

    panels = [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("registration_opens_at"), FieldPanel("registration_closes_at")]),
                FieldRowPanel([FieldPanel("capacity"), FieldPanel("waiting_list_enabled")]),
                FieldPanel("meeting_url_is_private"),
            ],
            heading=_("Pendaftaran"),
        )
    ]

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        opens, closes = self.registration_opens_at, self.registration_closes_at
        if opens and closes and closes <= opens:
            raise ValidationError({"registration_closes_at": _("Pendaftaran harus ditutup setelah dibuka.")})
        if closes and not opens:
            raise ValidationError({"registration_opens_at": _("Isi juga kapan pendaftaran dibuka.")})

    @property
    def registration_deadline(self):
        return self.registration_closes_at or self.end

    def registration_state(self, now=None):
        now = now or timezone.now()
        if self.registration_opens_at is None:
            return RegistrationState.NOT_OFFERED
        if now < self.registration_opens_at:
            return RegistrationState.NOT_OPEN_YET
        if now >= self.registration_deadline:
            return RegistrationState.CLOSED
        return RegistrationState.OPEN

    def registration_is_open(self, now=None):
        return self.registration_state(now) == RegistrationState.OPEN

    @property
    def public_meeting_url(self):
        return "" if self.meeting_url_is_private else self.meeting_url


class EmailKind(models.TextChoices):
    CONFIRMATION = "confirmation", _("Konfirmasi pendaftaran")
    WAITLISTED = "waitlisted", _("Masuk daftar tunggu")
    PROMOTED = "promoted", _("Naik dari daftar tunggu")
    CANCELLED = "cancelled", _("Pembatalan")
    REMINDER_DAY = "reminder-day", _("Pengingat H-1")
    REMINDER_HOUR = "reminder-hour", _("Pengingat 1 jam")
    CERTIFICATE = "certificate", _("Sertifikat terbit")
    EVALUATION = "evaluation", _("Permintaan evaluasi")


class EmailStatus(models.TextChoices):
    PENDING = "pending", _("Menunggu dikirim")
    SENT = "sent", _("Terkirim")
    FAILED = "failed", _("Gagal")


class OutgoingEmail(models.Model):
    """An email the site owes a participant. Rows outlive failures so none is silently lost."""

    registration = models.ForeignKey(
        "webinars.Registration",
        on_delete=models.CASCADE,
        related_name="emails",
        verbose_name=_("pendaftaran"),
    )
    kind = models.CharField(_("jenis"), max_length=16, choices=EmailKind.choices)
    status = models.CharField(
        _("status"), max_length=8, choices=EmailStatus.choices, default=EmailStatus.PENDING, db_index=True
    )
    attempts = models.PositiveSmallIntegerField(_("percobaan"), default=0)
    last_error = models.CharField(_("galat terakhir"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    next_attempt_at = models.DateTimeField(_("percobaan berikutnya"), null=True, blank=True)
    sent_at = models.DateTimeField(_("terkirim pada"), null=True, blank=True)

    wagtail_reference_index_ignore = True

    class Meta:
        verbose_name = _("email peserta")
        verbose_name_plural = _("email peserta")
        ordering = ["-created_at"]
        constraints = [
            # A reminder (and the request to evaluate) goes to each person once, however often
            # the reminder job runs.
            models.UniqueConstraint(
                fields=["registration", "kind"],
                condition=models.Q(kind__in=["reminder-day", "reminder-hour", "evaluation"]),
                name="one_reminder_of_each_kind",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} · {self.registration.code}"
