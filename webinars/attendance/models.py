import datetime

from django.contrib import admin
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel

from core.text import spoken_key


class Attendance(models.Model):
    """That one registered person attended an episode, however it became known.

    Check-in, the meeting platform's report and a registrar's hand all write the same row, so a
    person is counted once. The row records each source, because only an imported duration is
    held against the episode's minimum for a certificate.
    """

    registration = models.OneToOneField(
        "webinars.Registration",
        on_delete=models.CASCADE,
        related_name="attendance",
        verbose_name=_("pendaftaran"),
    )
    # Kept beside the registration so the per-episode listing and counts need no join.
    episode = models.ForeignKey(
        "webinars.EpisodePage",
        on_delete=models.CASCADE,
        related_name="attendances",
        verbose_name=_("episode"),
    )
    checked_in_at = models.DateTimeField(_("presensi mandiri"), null=True, blank=True)
    minutes = models.PositiveIntegerField(
        _("durasi (menit)"),
        null=True,
        blank=True,
        help_text=_("Dari laporan kehadiran rapat (Zoom, Google Meet atau Teams)."),
    )
    marked_by_hand = models.BooleanField(_("ditandai admin"), default=False)
    created_at = models.DateTimeField(_("dicatat"), auto_now_add=True)
    updated_at = models.DateTimeField(_("diubah"), auto_now=True)

    wagtail_reference_index_ignore = True

    class Meta:
        verbose_name = _("kehadiran")
        verbose_name_plural = _("kehadiran")
        ordering = ["-created_at"]

    def __str__(self):
        return str(self.registration)

    def meets_minimum(self, minimum_minutes):
        """Check-in and a registrar's mark count as attendance; a report's duration must reach the minimum."""
        if self.checked_in_at or self.marked_by_hand:
            return True
        return self.minutes is not None and self.minutes >= (minimum_minutes or 0)

    @admin.display(description=_("sumber"))
    def sources(self):
        found = []
        if self.checked_in_at:
            found.append(_("presensi"))
        if self.minutes is not None:
            found.append(_("laporan rapat"))
        if self.marked_by_hand:
            found.append(_("admin"))
        return ", ".join(str(source) for source in found)


class EpisodeAttendanceMixin(models.Model):
    """How an episode takes attendance and what earns its certificate."""

    # Never shown on public pages nor indexed for search: the moderator announces it live.
    attendance_keyword = models.CharField(
        _("kata kunci presensi"),
        max_length=40,
        blank=True,
        help_text=_(
            "Diumumkan moderator saat acara; peserta mengetiknya di halaman presensi. "
            "Kosongkan untuk menutup presensi mandiri."
        ),
    )
    checkin_opens_before = models.PositiveSmallIntegerField(
        _("presensi dibuka (menit sebelum mulai)"),
        default=30,
        help_text=_("Berapa menit sebelum acara mulai presensi sudah diterima, mis. 30."),
    )
    checkin_closes_after = models.PositiveSmallIntegerField(
        _("presensi ditutup (menit setelah selesai)"),
        default=60,
        help_text=_("Berapa menit setelah acara selesai presensi masih diterima, mis. 60."),
    )
    certificate_minimum_minutes = models.PositiveSmallIntegerField(
        _("durasi minimal untuk sertifikat (menit)"),
        null=True,
        blank=True,
        help_text=_(
            "Peserta dari laporan kehadiran rapat yang hadir kurang dari ini tidak mendapat sertifikat, "
            "mis. 90. Presensi mandiri dan tanda dari admin selalu dihitung hadir. Kosongkan bila tanpa "
            "batas."
        ),
    )

    attendance_panels = [
        MultiFieldPanel(
            [
                FieldPanel("attendance_keyword"),
                FieldRowPanel([FieldPanel("checkin_opens_before"), FieldPanel("checkin_closes_after")]),
            ],
            heading=_("Presensi"),
        ),
        MultiFieldPanel([FieldPanel("certificate_minimum_minutes")], heading=_("Sertifikat")),
    ]

    class Meta:
        abstract = True

    @property
    def checkin_opens_at(self):
        return self.start - datetime.timedelta(minutes=self.checkin_opens_before)

    @property
    def checkin_closes_at(self):
        return self.end + datetime.timedelta(minutes=self.checkin_closes_after)

    def checkin_is_open(self, now=None):
        now = now or timezone.now()
        return bool(self.attendance_keyword) and self.checkin_opens_at <= now <= self.checkin_closes_at

    def keyword_matches(self, keyword):
        """Whether the typed keyword is the announced one, as said aloud: case, spacing and
        punctuation set aside ("Sulsel Hebat" also as "sulselhebat" or "SULSEL  HEBAT")."""
        announced = spoken_key(self.attendance_keyword)
        return bool(announced) and spoken_key(keyword) == announced
