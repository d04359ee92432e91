"""The series' statistics: the one place every figure on the site comes from.

``/statistik/`` (and its CSV and JSON), the home page's headline figures and each episode page's
figures all read from here, so they cannot disagree.

Where each figure comes from
============================
An episode's figures have two possible sources:

* **reported** (``"reported"``): what editors enter on the episode for episodes run before the
  site took registrations (``reported_participants``, ``reported_certificates``), plus the series
  baseline in the site settings (``certificates_baseline`` certificates issued up to and including
  episode ``certificates_baseline_episode``);
* **counted** (``"counted"``): what the site itself holds for the episode: registrations,
  attendance and issued certificates.

The rule, one for every figure: **once the site holds at least one registration for an episode,
all of that episode's figures are counted; otherwise all of them are reported.** An episode never
mixes the two sources, so each row of the archive can be checked against one source. A reported
episode has no registration figure (``None``, shown as "belum tersedia"), never 0. Totals add up
what is known and say how many episodes they cover; nothing is estimated.

``counted_figures()`` counts registrations that were not cancelled, participants as the people
recorded as attending (check-in, the Zoom report or a registrar's mark) and certificates as the
valid ones issued. Before any attendance is recorded (or any certificate issued) for an episode,
that figure is ``None`` ("belum tersedia"), not 0: it is not known yet. The reach breakdowns
(``counted_reach()``) group the same registrations. Both take a fixed number of grouped queries,
and ``invalidate()`` is called when a registration of an ended episode, an attendance or a
certificate changes (``webinars/statistics/signals.py``: their saves, and the
``participation_changed`` signal the bulk writers send).

The headline figures
--------------------
* ``episodes_held``: the highest series number among the episodes that have ended (the series ran
  long before the site, so its early episodes may never be entered), or the number of ended
  episodes on the site if that is larger.
* ``certificates``: the baseline plus the certificates of every later episode (by series number)
  whose figure is known. Episodes up to the baseline episode are already in the baseline. When
  the register of certificates issued before the site (``LegacyCertificate``) holds a whole
  episode (at least its reported number), the register's count is that episode's certificates;
  when it holds every episode the baseline covers, their counts replace the baseline.
* ``jp_delivered``: certificates × JP, summed over the episodes where both are known. The baseline
  has no per-episode JP, so it is not in this figure.
* ``agencies_reached`` and ``regencies_reached``: distinct agencies and regencies/cities among the
  registrations the site holds.

Caching
-------
``for_request()`` caches the archive's raw rows per site in Django's cache (locmem, Redis in
production), so every app server shares it. ``webinars/statistics/signals.py`` drops it once a
change commits: an episode (or the episode index) published, unpublished or deleted, the site
settings or a site saved, a page's privacy changed. The entry also expires when the next episode
ends, since that episode then joins the archive.

Small counts
------------
Breakdowns of registrations (participant type, regency/city, agency) pass through ``suppress()``:
every count under ``SUPPRESSION_THRESHOLD`` (5) is hidden, and more counts are hidden until none of
the hidden ones can be worked out from the total and the others (see ``suppress()``).

JSON format (``/statistik/json/``), schema_version 1
====================================================
Field names are English snake_case; integers are plain numbers; a figure that is not known is
``null`` (never 0); times are ISO 8601 in WITA (+08:00). New fields may be added within a
version; a field is renamed, removed or changes meaning only with a new ``schema_version``.

.. code-block:: text

    {
      "schema_version": 1,
      "generated_at": "2025-08-01T10:00:00+08:00",
      "url": "https://…/statistik/",
      "source_rule": "…",                           # the rule above, in one sentence
      "totals": {
        "episodes_held": 40,                        # see "The headline figures"
        "episodes_listed": 1,                       # ended episodes entered on the site
        "episodes_counted": 0,                      # … of which counted (site holds registrations)
        "registrations": null,                      # counted only
        "participants": 2888,                       # sum over the episodes with a figure
        "participants_episodes": 1,                 # how many episodes that sum covers
        "participants_source": "reported",          # "reported", "counted", "mixed" or null
        "certificates": 75404,
        "certificates_source": "reported",
        "certificates_baseline": 75404,
        "certificates_baseline_episode": 40,
        "certificates_through_episode": 40,         # highest series number the total covers
        "certificates_missing_episodes": 0,         # held episodes that total lacks a figure for
        "jp_delivered": null,
        "jp_delivered_episodes": 0,
        "agencies_reached": null,
        "regencies_reached": null
      },
      "episodes": [                                 # ended episodes, by series number
        {
          "series_number": 40, "title": "…", "url": "https://…/webinar/…/",
          "start": "2025-07-10T09:00:00+08:00", "end": "2025-07-10T12:00:00+08:00",
          "jp": null, "source": "reported",
          "registrations": null, "participants": 2888, "certificates": null, "jp_delivered": null,
          "satisfaction": null                      # or the satisfaction index (IKM), from 5
        }                                           # respondents: {"index": 89.5, "grade": "A",
                                                    # "performance": "Sangat Baik", "respondents": 12}
      ],
      "years": [
        {"year": 2025, "episodes": 1, "participants": 2888, "participants_episodes": 1,
         "certificates": null, "certificates_episodes": 0}
      ],
      "reach": {                                    # from registrations the site holds
        "episodes": 0,                              # episodes the breakdowns cover
        "participant_type": null,                   # null until the site holds registrations
        "regency": null,
        "agency": null
      }
    }

A breakdown, once the site holds registrations::

    {"total": 812, "withheld": false, "cells": [
      {"label": "PNS", "count": 640, "under_threshold": false},
      {"label": "PPPK", "count": null, "under_threshold": false},    # hidden to protect the next
      {"label": "Non-ASN", "count": null, "under_threshold": true}   # fewer than 5
    ]}

A ``count`` of ``null`` is a hidden cell; ``"withheld": true`` means no cells are given at all
(and ``total`` is ``null`` when the total itself is under 5).

The CSV (``/statistik/csv/``) has one row per ended episode with the columns of ``CSV_COLUMNS``,
named as in the JSON episodes, UTF-8 with a byte-order mark so that Excel reads it correctly; a
title is written as ``core.exports.csv_text`` writes every spreadsheet's text (never a formula).
The satisfaction index is written with a decimal point and two decimals (``89.50``), as other
systems read it; its three columns are empty below 5 respondents.
"""

import csv
import datetime
import io
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import Count, Min, Q
from django.db.models.functions import Upper
from django.utils import timezone

from wagtail.models import Site

from core import page_cache
from core.exports import BYTE_ORDER_MARK, csv_text
from home.models import SiteSettings
from webinars.attendance.models import Attendance
from webinars.certificates.models import Certificate, CertificateStatus, LegacyCertificate
from webinars.episodes.models import EpisodePage
from webinars.registrations.models import ParticipantType, Registration, RegistrationStatus
from webinars.registrations.regions import Regency

SCHEMA_VERSION = 1
SUPPRESSION_THRESHOLD = 5
REPORTED = "reported"
COUNTED = "counted"
MIXED = "mixed"
SOURCE_RULE = (
    "Once the site holds at least one registration for an episode, all of that episode's figures "
    "are counted from the site's registrations, attendance and certificates; otherwise they are the "
    "figures reported by editors. The certificate total adds the reported series baseline."
)
CSV_COLUMNS = [
    "series_number",
    "date",
    "title",
    "url",
    "jp",
    "source",
    "registrations",
    "participants",
    "certificates",
    "jp_delivered",
    "satisfaction_index",
    "satisfaction_grade",
    "satisfaction_respondents",
]
# Bump when the cached payload changes shape, so a deploy never reads an old one from Redis.
_CACHE_KEY = "webinars:statistics:v2:site-{}"
# A safety net only: every change that matters invalidates the cache at once.
_MAX_CACHE_SECONDS = 24 * 60 * 60


# The source rule
# ---------------


@dataclass(frozen=True)
class Counted:
    """What the site counts for one episode whose registrations it holds."""

    registrations: int
    participants: int
    certificates: int


@dataclass(frozen=True)
class EpisodeFigures:
    registrations: int | None
    participants: int | None
    certificates: int | None
    source: str
    # The certificates figure is the count of the register of earlier certificates
    # (LegacyCertificate), which holds the whole episode.
    certificates_from_register: bool = False

    @property
    def is_counted(self):
        return self.source == COUNTED


def resolve(
    reported_participants, reported_certificates, counted: Counted | None, registered: int | None = None
) -> EpisodeFigures:
    """Apply the source rule to one episode. ``registered``: the certificates of its series in the
    register of certificates issued before the site; when they are at least the reported figure
    the register holds the whole episode, and its count is the episode's certificates."""
    if counted is not None:
        return EpisodeFigures(counted.registrations, counted.participants, counted.certificates, COUNTED)
    if registered and reported_certificates is not None and registered >= reported_certificates:
        return EpisodeFigures(
            None, reported_participants, registered, REPORTED, certificates_from_register=True
        )
    return EpisodeFigures(None, reported_participants, reported_certificates, REPORTED)


def counted_figures(episode_ids: Iterable[int]) -> dict[int, Counted]:
    """Counted figures of those episodes whose registrations the site holds, by episode id."""
    episode_ids = list(episode_ids)
    rows = (
        _active_registrations(episode_ids).values("episode_id").annotate(registrations=Count("pk")).order_by()
    )
    registrations = {row["episode_id"]: row["registrations"] for row in rows}
    if not registrations:
        return {}
    attended = dict(
        Attendance.objects.filter(episode_id__in=list(registrations))
        .values("episode_id")
        .annotate(n=Count("pk"))
        .order_by()
        .values_list("episode_id", "n")
    )
    certificates = {
        row["episode_id"]: row["valid"]
        for row in Certificate.objects.filter(episode_id__in=list(registrations))
        .values("episode_id")
        .annotate(valid=Count("pk", filter=Q(status=CertificateStatus.VALID)))
        .order_by()
    }
    return {
        episode_id: Counted(
            registrations=count,
            participants=attended.get(episode_id),
            certificates=certificates.get(episode_id),
        )
        for episode_id, count in registrations.items()
    }


def counted_reach(episode_ids: Iterable[int]) -> dict[str, Mapping[str, int]] | None:
    """Registrations of these episodes counted by category, or None when the site holds none.

    The shape is ``{"participant_type": {"PNS": 640, …}, "regency": {…}, "agency": {…}}``: only
    categories someone registered under, so no count is 0. Agencies are grouped as typed, ignoring
    letter case.
    """
    registrations = _active_registrations(episode_ids)
    labels = {
        "participant_type": dict(ParticipantType.choices),
        "regency": dict(Regency.choices),
    }
    reach = {}
    for field in ["participant_type", "regency"]:
        counts = registrations.values(field).annotate(n=Count("pk")).order_by()
        reach[field] = {str(labels[field].get(row[field], row[field])): row["n"] for row in counts}
    # Anonymised registrations (webinars/privacy.py) no longer say where the person works.
    agencies = (
        registrations.exclude(agency="")
        .annotate(key=Upper("agency"))
        .values("key")
        .annotate(n=Count("pk"), label=Min("agency"))
        .order_by()
    )
    reach["agency"] = {row["label"]: row["n"] for row in agencies}
    return reach if any(reach.values()) else None


def _active_registrations(episode_ids):
    return Registration.objects.filter(episode_id__in=list(episode_ids)).exclude(
        status=RegistrationStatus.CANCELLED
    )


def for_episode(episode) -> EpisodeFigures:
    """An episode page's own figures, by the same rule as the archive (drafts included)."""
    # An episode that never offered registration holds none: no need to count them.
    offered = episode.registration_opens_at is not None
    counted = counted_figures([episode.pk]).get(episode.pk) if offered else None
    return resolve(episode.reported_participants, episode.reported_certificates, counted)


# Small counts
# ------------


@dataclass(frozen=True)
class Cell:
    label: str
    count: int | None  # None: hidden
    small: bool = False  # hidden because it is under the threshold ("<5"), not to protect another

    @property
    def suppressed(self):
        return self.count is None


@dataclass(frozen=True)
class Breakdown:
    cells: tuple[Cell, ...]
    total: int | None  # None: the total itself is under the threshold
    withheld: bool = False  # True: too few to break down without singling someone out


def suppress(counts: Mapping[str, int], threshold: int = SUPPRESSION_THRESHOLD) -> Breakdown:
    """Hide the counts that could single out a person, largest first in the result.

    1. Every count under ``threshold`` is hidden ("<5" on the page).
    2. The total is published (the headline registrations figure gives it away anyway), so the
       smallest visible counts are hidden too until no hidden count can be worked out from the
       total and the visible ones, even by someone who knows this rule: a hidden count is at
       least 1 if it is under the threshold and at least ``threshold`` otherwise.
    3. If hiding everything is still not enough, or the total is under the threshold, no count is
       given (``withheld``).

    Counts of 0 are dropped: a breakdown lists only categories someone registered under.
    """
    counts = {label: count for label, count in counts.items() if count > 0}
    total = sum(counts.values())
    if total < threshold:
        return Breakdown(cells=(), total=None if total else 0, withheld=bool(total))
    ordered = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    hidden = {label for label, count in ordered if count < threshold}
    visible = [label for label, _ in reversed(ordered) if label not in hidden]  # smallest first
    while hidden and _recoverable({label: counts[label] for label in hidden}, threshold):
        if not visible:
            return Breakdown(cells=(), total=total, withheld=True)
        hidden.add(visible.pop(0))
    cells = tuple(
        Cell(label, None if label in hidden else count, small=count < threshold) for label, count in ordered
    )
    return Breakdown(cells=cells, total=total)


def _recoverable(hidden: Mapping[str, int], threshold: int) -> bool:
    """Whether the total of the hidden counts pins any one of them to a single value."""
    bounds = {
        label: (1, threshold - 1) if count < threshold else (threshold, math.inf)
        for label, count in hidden.items()
    }
    hidden_total = sum(hidden.values())
    low_sum = sum(low for low, _ in bounds.values())
    high_sum = sum(high for _, high in bounds.values())
    for low, high in bounds.values():
        least = max(low, hidden_total - (high_sum - high))
        most = min(high, hidden_total - (low_sum - low))
        if least == most:
            return True
    return False


# The archive
# -----------


@dataclass(frozen=True)
class EpisodeRow:
    page_id: int
    series_number: int
    title: str
    url: str | None
    start: datetime.datetime
    end: datetime.datetime
    jp: int | None
    figures: EpisodeFigures

    @property
    def registrations(self):
        return self.figures.registrations

    @property
    def participants(self):
        return self.figures.participants

    @property
    def certificates(self):
        return self.figures.certificates

    @property
    def source(self):
        return self.figures.source

    @property
    def year(self):
        return timezone.localtime(self.start).year

    @property
    def jp_delivered(self):
        if self.certificates is None or self.jp is None:
            return None
        return self.certificates * self.jp


@dataclass(frozen=True)
class YearRow:
    year: int
    episodes: int
    participants: int | None
    participants_episodes: int
    certificates: int | None
    certificates_episodes: int


@dataclass(frozen=True)
class Totals:
    episodes_held: int
    episodes_listed: int
    episodes_counted: int
    registrations: int | None
    participants: int | None
    participant_episodes: int
    participants_source: str | None
    certificates: int | None
    certificates_source: str | None
    certificates_baseline: int | None
    certificates_baseline_episode: int | None
    certificates_through_episode: int | None
    certificates_missing_episodes: int
    jp_delivered: int | None
    jp_delivered_episodes: int
    agencies_reached: int | None
    regencies_reached: int | None


@dataclass(frozen=True)
class ColumnTotals:
    """The sums of the episode table's columns, over the episodes with a figure."""

    registrations: int | None
    participants: int | None
    certificates: int | None
    jp_delivered: int | None


@dataclass(frozen=True)
class Reach:
    episodes: int
    participant_type: Breakdown | None
    regency: Breakdown | None
    agency: Breakdown | None

    @property
    def has_data(self):
        return self.episodes > 0


@dataclass(frozen=True)
class SeriesStatistics:
    episodes: tuple[EpisodeRow, ...]  # ended episodes, newest series first
    totals: Totals
    column_totals: ColumnTotals
    years: tuple[YearRow, ...]
    reach: Reach
    generated_at: datetime.datetime

    def sorted_episodes(self, key="seri", descending=True):
        """The rows ordered by a column of SORT_KEYS; unknown figures always go last."""
        value = SORT_KEYS[key]
        known = [row for row in self.episodes if value(row) is not None]
        unknown = [row for row in self.episodes if value(row) is None]
        known.sort(key=lambda row: (value(row), row.series_number), reverse=descending)
        unknown.sort(key=lambda row: row.series_number, reverse=descending)
        return known + unknown


SORT_KEYS = {
    "seri": lambda row: row.series_number,
    "tanggal": lambda row: row.start,
    "peserta": lambda row: row.participants,
    "sertifikat": lambda row: row.certificates,
}


def for_request(request) -> SeriesStatistics:
    """The archive as of now, for the request's site, from the cache when it is there."""
    site_settings = SiteSettings.for_request(request)
    key = _CACHE_KEY.format(site_settings.site_id)
    payload = cache.get(key)
    if payload is None:
        payload = _collect(request)
        cache.set(key, payload, _seconds_until(payload["next_change"]))
    return _build(payload, site_settings, timezone.now())


def invalidate():
    """Forget the cached archive of every site, and the cached pages that show its figures."""
    cache.delete_many([_CACHE_KEY.format(pk) for pk in Site.objects.values_list("pk", flat=True)])
    page_cache.invalidate()


def _collect(request):
    """Everything the archive needs, as plain data for the cache, in a fixed number of queries.

    Only ended episodes are in the archive, so the payload changes when the next episode ends:
    ``next_change`` says when, and the cache entry expires then.
    """
    now = timezone.now()
    live = EpisodePage.objects.live().public()
    episodes = list(
        live.past(now)
        .select_related(None)
        .only(
            "id",
            "title",
            "url_path",
            "series_number",
            "start",
            "end",
            "jp",
            "reported_participants",
            "reported_certificates",
        )
    )
    next_end = live.filter(end__gte=now).order_by("end").values_list("end", flat=True).first()
    ids = [episode.pk for episode in episodes]
    return {
        "next_change": next_end,
        "episodes": [
            {
                "page_id": episode.pk,
                "series_number": episode.series_number,
                "title": episode.title,
                "url": episode.get_url(request),
                "start": episode.start,
                "end": episode.end,
                "jp": episode.jp,
                "reported_participants": episode.reported_participants,
                "reported_certificates": episode.reported_certificates,
            }
            for episode in episodes
        ],
        "counted": counted_figures(ids),
        "registered": dict(
            LegacyCertificate.objects.filter(
                series_number__in=[episode.series_number for episode in episodes]
            )
            .values("series_number")
            .annotate(n=Count("pk"))
            .order_by()
            .values_list("series_number", "n")
        ),
        "reach": counted_reach(ids),
    }


def _seconds_until(moment):
    if moment is None:
        return _MAX_CACHE_SECONDS
    seconds = math.ceil((moment - timezone.now()).total_seconds()) + 1
    return max(1, min(seconds, _MAX_CACHE_SECONDS))


def _build(payload, site_settings, now) -> SeriesStatistics:
    counted = payload["counted"]
    rows = tuple(
        sorted(
            (
                EpisodeRow(
                    page_id=data["page_id"],
                    series_number=data["series_number"],
                    title=data["title"],
                    url=data["url"],
                    start=data["start"],
                    end=data["end"],
                    jp=data["jp"],
                    figures=resolve(
                        data["reported_participants"],
                        data["reported_certificates"],
                        counted.get(data["page_id"]),
                        payload["registered"].get(data["series_number"]),
                    ),
                )
                for data in payload["episodes"]
            ),
            key=lambda row: row.series_number,
            reverse=True,
        )
    )
    reach = _reach(payload["reach"], rows)
    return SeriesStatistics(
        episodes=rows,
        totals=_totals(rows, site_settings, reach),
        column_totals=ColumnTotals(
            registrations=_sum(row.registrations for row in rows),
            participants=_sum(row.participants for row in rows),
            certificates=_sum(row.certificates for row in rows),
            jp_delivered=_sum(row.jp_delivered for row in rows),
        ),
        years=_years(rows),
        reach=reach,
        generated_at=now,
    )


def _sum(values):
    known = [value for value in values if value is not None]
    return sum(known) if known else None


def _source(rows):
    sources = {row.source for row in rows}
    if not sources:
        return None
    return sources.pop() if len(sources) == 1 else MIXED


def _totals(rows, site_settings, reach):
    baseline = site_settings.certificates_baseline
    # Without a baseline figure, an episode number alone covers nothing.
    baseline_episode = (site_settings.certificates_baseline_episode or 0) if baseline is not None else 0
    with_participants = [row for row in rows if row.participants is not None]
    later_certificates = [
        row for row in rows if row.certificates is not None and row.series_number > baseline_episode
    ]
    with_jp_delivered = [row for row in rows if row.jp_delivered is not None]
    counted_rows = [row for row in rows if row.figures.is_counted]
    last_held = max((row.series_number for row in rows), default=0)

    # Where the register of earlier certificates holds every episode the baseline covers, their
    # certificates, counted one by one, replace the reported baseline.
    from_register = {
        row.series_number: row.certificates for row in rows if row.figures.certificates_from_register
    }
    baseline_part = baseline
    if baseline_episode and all(number in from_register for number in range(1, baseline_episode + 1)):
        baseline_part = sum(from_register[number] for number in range(1, baseline_episode + 1))
    certificates = None
    if baseline is not None or later_certificates:
        certificates = (baseline_part or 0) + sum(row.certificates for row in later_certificates)
    certificate_sources = {row.source for row in later_certificates}
    if baseline is not None:
        certificate_sources.add(REPORTED)
    covered = set(range(1, baseline_episode + 1)) | {row.series_number for row in later_certificates}
    through = max(covered, default=0)

    return Totals(
        episodes_held=max(len(rows), last_held),
        episodes_listed=len(rows),
        episodes_counted=len(counted_rows),
        registrations=_sum(row.registrations for row in counted_rows),
        participants=_sum(row.participants for row in with_participants),
        participant_episodes=len(with_participants),
        participants_source=_source(with_participants),
        certificates=certificates,
        certificates_source=(
            None
            if certificates is None
            else (certificate_sources.pop() if len(certificate_sources) == 1 else MIXED)
        ),
        certificates_baseline=baseline,
        certificates_baseline_episode=site_settings.certificates_baseline_episode,
        certificates_through_episode=through or None,
        certificates_missing_episodes=(
            len(set(range(1, last_held + 1)) - covered) if certificates is not None else 0
        ),
        jp_delivered=_sum(row.jp_delivered for row in with_jp_delivered),
        jp_delivered_episodes=len(with_jp_delivered),
        agencies_reached=len(reach.agency.cells) if reach.agency else None,
        regencies_reached=len(reach.regency.cells) if reach.regency else None,
    )


def _years(rows):
    by_year = {}
    for row in rows:
        by_year.setdefault(row.year, []).append(row)
    return tuple(
        YearRow(
            year=year,
            episodes=len(year_rows),
            participants=_sum(row.participants for row in year_rows),
            participants_episodes=sum(row.participants is not None for row in year_rows),
            certificates=_sum(row.certificates for row in year_rows),
            certificates_episodes=sum(row.certificates is not None for row in year_rows),
        )
        for year, year_rows in sorted(by_year.items())
    )


def _reach(counts, rows):
    if not counts:
        return Reach(episodes=0, participant_type=None, regency=None, agency=None)
    return Reach(
        episodes=sum(row.figures.is_counted for row in rows),
        participant_type=suppress(counts.get("participant_type", {})),
        regency=suppress(counts.get("regency", {})),
        agency=suppress(counts.get("agency", {})),
    )


# Exports
# -------


def as_json(statistics: SeriesStatistics, build_absolute_uri, page_url, satisfaction=None) -> dict:
    """The archive in the documented JSON format (see the module docstring). ``satisfaction``:
    {episode page id: SatisfactionIndex} for the episodes that publish one (webinars.evaluations)."""
    satisfaction = satisfaction or {}
    totals = statistics.totals

    def absolute(url):
        return build_absolute_uri(url) if url else None

    return {
        "schema_version": SCHEMA_VERSION,
        "generated_at": timezone.localtime(statistics.generated_at).isoformat(timespec="seconds"),
        "url": absolute(page_url),
        "source_rule": SOURCE_RULE,
        "totals": {
            "episodes_held": totals.episodes_held,
            "episodes_listed": totals.episodes_listed,
            "episodes_counted": totals.episodes_counted,
            "registrations": totals.registrations,
            "participants": totals.participants,
            "participants_episodes": totals.participant_episodes,
            "participants_source": totals.participants_source,
            "certificates": totals.certificates,
            "certificates_source": totals.certificates_source,
            "certificates_baseline": totals.certificates_baseline,
            "certificates_baseline_episode": totals.certificates_baseline_episode,
            "certificates_through_episode": totals.certificates_through_episode,
            "certificates_missing_episodes": totals.certificates_missing_episodes,
            "jp_delivered": totals.jp_delivered,
            "jp_delivered_episodes": totals.jp_delivered_episodes,
            "agencies_reached": totals.agencies_reached,
            "regencies_reached": totals.regencies_reached,
        },
        "episodes": [
            {
                "series_number": row.series_number,
                "title": row.title,
                "url": absolute(row.url),
                "start": timezone.localtime(row.start).isoformat(timespec="seconds"),
                "end": timezone.localtime(row.end).isoformat(timespec="seconds"),
                "jp": row.jp,
                "source": row.source,
                "registrations": row.registrations,
                "participants": row.participants,
                "certificates": row.certificates,
                "jp_delivered": row.jp_delivered,
                "satisfaction": _satisfaction_json(satisfaction.get(row.page_id)),
            }
            for row in statistics.sorted_episodes("seri", descending=False)
        ],
        "years": [
            {
                "year": year.year,
                "episodes": year.episodes,
                "participants": year.participants,
                "participants_episodes": year.participants_episodes,
                "certificates": year.certificates,
                "certificates_episodes": year.certificates_episodes,
            }
            for year in statistics.years
        ],
        "reach": {
            "episodes": statistics.reach.episodes,
            "participant_type": _breakdown_json(statistics.reach.participant_type),
            "regency": _breakdown_json(statistics.reach.regency),
            "agency": _breakdown_json(statistics.reach.agency),
        },
    }


def _satisfaction_json(index):
    if index is None:
        return None
    return {
        "index": float(index.value),
        "grade": index.grade,
        "performance": index.performance,
        "respondents": index.respondents,
    }


def _breakdown_json(breakdown):
    if breakdown is None:
        return None
    return {
        "total": breakdown.total,
        "withheld": breakdown.withheld,
        "cells": [
            {"label": cell.label, "count": cell.count, "under_threshold": cell.small}
            for cell in breakdown.cells
        ],
    }


def as_csv(statistics: SeriesStatistics, build_absolute_uri, satisfaction=None) -> str:
    """One row per ended episode, oldest first, with a byte-order mark for Excel. ``satisfaction``
    as for as_json()."""
    satisfaction = satisfaction or {}
    buffer = io.StringIO()
    buffer.write(BYTE_ORDER_MARK)
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for row in statistics.sorted_episodes("seri", descending=False):
        writer.writerow(
            [
                row.series_number,
                timezone.localtime(row.start).date().isoformat(),
                csv_text(row.title),
                build_absolute_uri(row.url) if row.url else "",
                _blank(row.jp),
                row.source,
                _blank(row.registrations),
                _blank(row.participants),
                _blank(row.certificates),
                _blank(row.jp_delivered),
                *_satisfaction_cells(satisfaction.get(row.page_id)),
            ]
        )
    return buffer.getvalue()


def _satisfaction_cells(index):
    if index is None:
        return ["", "", ""]
    return [f"{index.value:.2f}", index.grade, index.respondents]


def _blank(value):
    return "" if value is None else value
