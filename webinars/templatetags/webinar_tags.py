from django import template
from django.contrib.humanize.templatetags.humanize import intcomma
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.safestring import mark_safe

from core.dates import wita_text
from webinars.episodes.models import EpisodePage
from webinars.evaluations.links import evaluation_url as signed_evaluation_url
from webinars.evaluations.satisfaction import satisfaction_index
from webinars.statistics import figures as statistics
from webinars.statistics.models import StatisticsPage

register = template.Library()


@register.filter
def wita_range(episode):
    """'Kamis, 10 Juli 2025, pukul 09.00–12.00 WITA', or both days when it runs past midnight."""
    start, end = timezone.localtime(episode.start), timezone.localtime(episode.end)
    day = date_format(start, "l, j F Y")
    if start.date() == end.date():
        return f"{day}, pukul {start:%H.%M}–{end:%H.%M} WITA"
    return f"{day}, pukul {start:%H.%M} – {date_format(end, 'l, j F Y')}, pukul {end:%H.%M} WITA"


@register.filter
def wita_moment(moment):
    """'Kamis, 10 Juli 2025 pukul 09.00 WITA'."""
    return wita_text(moment) if moment else ""


@register.simple_tag
def evaluation_url(registration):
    """The full signed address of this registration's evaluation, for emails."""
    return signed_evaluation_url(registration)


@register.simple_tag
def episode_satisfaction(episode):
    """The episode's SatisfactionIndex, or None below the respondents it needs."""
    return satisfaction_index(episode)


@register.filter
def duration_text(duration):
    """'2 jam 45 menit', '45 menit'."""
    if not duration:
        return ""
    minutes = round(duration.total_seconds() / 60)
    hours, minutes = divmod(minutes, 60)
    parts = [f"{hours} jam"] if hours else []
    if minutes or not hours:
        parts.append(f"{minutes} menit")
    return " ".join(parts)


@register.simple_tag
def upcoming_episodes(limit=3):
    return list(EpisodePage.objects.live().public().upcoming().for_listing()[:limit])


@register.simple_tag
def recent_recordings(limit=3):
    return list(EpisodePage.objects.live().public().with_recording().for_listing()[:limit])


@register.simple_tag(takes_context=True)
def series_figures(context):
    """The series' headline totals, the same ones /statistik/ shows."""
    return statistics.for_request(context["request"]).totals


@register.simple_tag
def episode_figures(episode):
    """One episode's registrations, participants and certificates, by the archive's source rule."""
    return statistics.for_episode(episode)


@register.simple_tag
def statistics_page():
    return StatisticsPage.objects.live().public().first()


_SOURCE_LABELS = {
    statistics.REPORTED: "dilaporkan",
    statistics.COUNTED: "dihitung dari data situs",
    statistics.MIXED: "dilaporkan dan dihitung",
}


@register.filter
def source_label(source):
    """'reported' → 'dilaporkan'."""
    return _SOURCE_LABELS.get(source, "")


_UNKNOWN = mark_safe('<span aria-hidden="true">–</span><span class="visually-hidden">belum tersedia</span>')


@register.filter
def figure(value):
    """2888 → '2.888'; an unknown figure → a dash that screen readers read as 'belum tersedia'."""
    if value is None:
        return _UNKNOWN
    return intcomma(value)
