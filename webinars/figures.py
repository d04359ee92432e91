"""The series' headline figures. The home page and episode pages both read them from here."""

from dataclasses import dataclass

from django.db.models import Count, Max, Q, Sum

from home.models import SiteSettings
from webinars.models import EpisodePage


@dataclass(frozen=True)
class SeriesFigures:
    episodes_held: int
    participants: int
    participant_episodes: int
    certificates: int | None
    certificates_through_episode: int | None


def series_figures(request, now=None):
    """Figures from what editors reported: the certificate baseline plus later reported counts.

    "Episodes held" is the highest series number that has ended, since the series began long
    before the site and its early episodes may never be entered.
    """
    site_settings = SiteSettings.for_request(request)
    baseline_episode = site_settings.certificates_baseline_episode or 0
    totals = (
        EpisodePage.objects.live()
        .past(now)
        .order_by()
        .aggregate(
            held=Count("pk"),
            last_number=Max("series_number"),
            participants=Sum("reported_participants"),
            participant_episodes=Count("pk", filter=Q(reported_participants__isnull=False)),
            later_certificates=Sum("reported_certificates", filter=Q(series_number__gt=baseline_episode)),
            last_certificate_episode=Max("series_number", filter=Q(reported_certificates__isnull=False)),
        )
    )
    certificates = None
    if site_settings.certificates_baseline is not None or totals["later_certificates"] is not None:
        certificates = (site_settings.certificates_baseline or 0) + (totals["later_certificates"] or 0)
    return SeriesFigures(
        episodes_held=max(totals["held"], totals["last_number"] or 0),
        participants=totals["participants"] or 0,
        participant_episodes=totals["participant_episodes"],
        certificates=certificates,
        certificates_through_episode=max(baseline_episode, totals["last_certificate_episode"] or 0) or None,
    )
