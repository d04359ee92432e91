"""What a participant's look-up at /sertifikat/ shows: every episode they registered for with
the state of its certificate and, when there is none, why or when, and the JP of this year."""

import datetime
from dataclasses import dataclass
from enum import StrEnum

from django.utils import timezone
from django.utils.formats import date_format

from core.dates import wita_text
from webinars.certificates.issuing import Skip, reason_to_skip
from webinars.certificates.models import Certificate, CertificateRun, CertificateSettings, RunStatus
from webinars.evaluations.links import evaluation_path
from webinars.evaluations.service import may_evaluate
from webinars.registrations.models import Registration, RegistrationStatus


class Standing(StrEnum):
    ISSUED = "issued"  # a valid certificate: download and verify
    REVOKED = "revoked"
    AWAITED = "awaited"  # not issued yet: the explanation says when it will be
    NOT_ELIGIBLE = "not_eligible"  # none will be issued: the explanation says why


@dataclass(frozen=True)
class EpisodeStanding:
    """One registration's episode and where its certificate stands (explanation in Indonesian)."""

    registration: Registration
    certificate: Certificate | None
    standing: Standing
    explanation: str = ""

    @property
    def evaluation(self):
        """The participant's evaluation of the episode: None when they cannot evaluate (not
        recorded present, or the episode has not ended), else a dict with ``answered``,
        ``open`` (can still be given or changed), ``closes`` (WITA, in words) and ``path``."""
        registration, episode = self.registration, self.registration.episode
        if episode.evaluation_state() == "not_yet" or not may_evaluate(registration, episode):
            return None
        return {
            "answered": getattr(registration, "evaluation", None) is not None,
            "open": episode.evaluation_is_open(),
            "closes": wita_text(episode.evaluation_closing_time),
            "path": evaluation_path(registration),
        }


def standing_of(registration, settings, now, running_episode_ids):
    """The EpisodeStanding of one registration (with its episode, attendance and certificate
    loaded). ``running_episode_ids``: episodes whose certificates are being issued right now."""
    episode = registration.episode
    certificate = getattr(registration, "certificate", None)
    if certificate is not None:
        return EpisodeStanding(
            registration, certificate, Standing.ISSUED if certificate.is_valid else Standing.REVOKED
        )
    if registration.status == RegistrationStatus.CANCELLED:
        return EpisodeStanding(registration, None, Standing.NOT_ELIGIBLE, "Pendaftaran dibatalkan.")
    if registration.status == RegistrationStatus.WAITLISTED:
        return EpisodeStanding(
            registration, None, Standing.NOT_ELIGIBLE, "Tidak mendapat tempat: masih di daftar tunggu."
        )
    promised = date_format(
        timezone.localdate(episode.end) + datetime.timedelta(days=settings.issue_within_days), "l, j F Y"
    )
    if episode.end > now:
        who = (
            "yang tercatat hadir dan mengisi evaluasi"
            if episode.evaluation_required
            else "yang tercatat hadir"
        )
        return EpisodeStanding(
            registration,
            None,
            Standing.AWAITED,
            f"Terbit setelah acara selesai bagi {who}, paling lambat {promised}.",
        )
    reason = reason_to_skip(registration, episode)
    if reason == Skip.NOT_ATTENDED:
        return EpisodeStanding(registration, None, Standing.NOT_ELIGIBLE, "Tidak tercatat hadir.")
    if reason == Skip.TOO_SHORT:
        explanation = (
            f"Tercatat hadir {registration.attendance.minutes} menit; "
            f"minimal {episode.certificate_minimum_minutes} menit."
        )
        return EpisodeStanding(registration, None, Standing.NOT_ELIGIBLE, explanation)
    if reason == Skip.NO_EVALUATION:
        closes = wita_text(episode.evaluation_closing_time)
        if now >= episode.evaluation_closing_time:
            explanation = (
                f"Sertifikat episode ini mensyaratkan evaluasi, yang ditutup {closes} tanpa Anda isi."
            )
            return EpisodeStanding(registration, None, Standing.NOT_ELIGIBLE, explanation)
        explanation = (
            f"Isi evaluasi dulu: sertifikat terbit setelah Anda mengisinya. Evaluasi dibuka sampai {closes}."
        )
        return EpisodeStanding(registration, None, Standing.AWAITED, explanation)
    if episode.pk in running_episode_ids:
        return EpisodeStanding(registration, None, Standing.AWAITED, "Sedang diterbitkan; muat ulang nanti.")
    return EpisodeStanding(registration, None, Standing.AWAITED, f"Belum terbit; paling lambat {promised}.")


def participant_summary(request, email, earlier=()):
    """What the look-up shows for this address (already proven with its NIP or registration
    code): ``standings`` (newest episode first), ``earlier``: the LegacyCertificates issued to
    this person before the site (``legacy.for_holder``), the current ``year``, ``jp_total`` of
    that year from valid certificates of both kinds, ``jp_target`` for the participant type
    (None for non-ASN or when only earlier certificates are known) and ``jp_percent``, capped
    at 100."""
    registrations = list(
        Registration.objects.filter(email__iexact=email)
        .select_related("episode", "attendance", "certificate", "evaluation")
        .order_by("-episode__start", "-pk")
    )
    settings = CertificateSettings.for_request(request)
    now = timezone.now()
    running = set(
        CertificateRun.objects.filter(
            episode__in=[registration.episode_id for registration in registrations],
            status__in=[RunStatus.QUEUED, RunStatus.RUNNING],
        ).values_list("episode_id", flat=True)
    )
    standings = [standing_of(registration, settings, now, running) for registration in registrations]
    year = timezone.localdate().year
    jp_total = sum(
        item.certificate.jp
        for item in standings
        if item.standing == Standing.ISSUED and item.certificate.episode_date.year == year
    ) + sum(certificate.jp for certificate in earlier if certificate.episode_date.year == year)
    participant_type = registrations[0].participant_type if registrations else None
    target = settings.jp_target(participant_type)
    return {
        "standings": standings,
        "earlier": list(earlier),
        "year": year,
        "jp_total": jp_total,
        "jp_target": target,
        "jp_percent": min(100, round(jp_total * 100 / target)) if target else None,
        "participant_type": participant_type,
    }
