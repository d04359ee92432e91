from django import template
from django.utils import timezone
from django.utils.formats import date_format

from webinars.figures import series_figures as compute_series_figures
from webinars.models import EpisodePage

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
    return compute_series_figures(context["request"])
