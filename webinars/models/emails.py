from django.db import models
from django.utils.translation import gettext_lazy as _


class EmailKind(models.TextChoices):
    CONFIRMATION = "confirmation", _("Konfirmasi pendaftaran")
    WAITLISTED = "waitlisted", _("Masuk daftar tunggu")
    PROMOTED = "promoted", _("Naik dari daftar tunggu")
    CANCELLED = "cancelled", _("Pembatalan")
    REMINDER_DAY = "reminder-day", _("Pengingat H-1")
    REMINDER_HOUR = "reminder-hour", _("Pengingat 1 jam")
    CERTIFICATE = "certificate", _("Sertifikat terbit")


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
            # A reminder goes to each person once, however often the reminder job runs.
            models.UniqueConstraint(
                fields=["registration", "kind"],
                condition=models.Q(kind__in=["reminder-day", "reminder-hour"]),
                name="one_reminder_of_each_kind",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} · {self.registration.code}"
