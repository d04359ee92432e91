"""iCalendar files for episodes: one episode's download and the feed of upcoming ones."""

from django.http import HttpResponse
from django.utils import timezone
from django.utils.text import Truncator

from icalendar import Calendar, Event


def build(request, episodes):
    cal = Calendar()
    cal.add("prodid", "-//BPSDM Sulsel//ASN Adaptif//ID")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", "Webinar ASN Adaptif")
    cal.add("x-wr-timezone", "Asia/Makassar")
    for episode in episodes:
        cal.add_component(_event(request, episode))
    return cal


def _event(request, episode):
    url = request.build_absolute_uri(episode.url)
    event = Event()
    # The UID stays the same when an episode is edited, so calendars update it instead of
    # adding a second entry.
    event.add("uid", f"asn-adaptif-episode-{episode.pk}@{request.get_host()}")
    event.add("dtstamp", timezone.now())
    event.add("dtstart", episode.start)
    event.add("dtend", episode.end)
    event.add("summary", f"ASN Adaptif Seri ke-{episode.series_number}: {episode.title}")
    lines = [Truncator(episode.summary).chars(500)]
    if episode.livestream_url:
        lines.append(f"Siaran langsung: {episode.livestream_url}")
    lines.append(f"Informasi: {url}")
    event.add("description", "\n\n".join(lines))
    event.add("location", episode.livestream_url or url)
    event.add("url", url)
    return event


def response(cal, filename):
    result = HttpResponse(cal.to_ical(), content_type="text/calendar; charset=utf-8")
    result["Content-Disposition"] = f'attachment; filename="{filename}"'
    return result
