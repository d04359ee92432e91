"""iCalendar files for episodes: one episode's download and the feed of upcoming ones."""

from urllib.parse import urlsplit

from django.http import HttpResponse
from django.utils import timezone
from django.utils.text import Truncator

from icalendar import Calendar, Event

from core.site_address import root_url
from core.text import without_unstorable


def base_url(request):
    """The address of the Site serving the request, e.g. https://asnadaptif.example.go.id."""
    return root_url(request)


def build(episodes, site_url, private_details=False):
    """A calendar of these episodes; private_details adds the Zoom link (for registrants' email)."""
    cal = Calendar()
    cal.add("prodid", "-//BPSDM Sulsel//ASN Adaptif//ID")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", "Webinar ASN Adaptif")
    cal.add("x-wr-timezone", "Asia/Makassar")
    for episode in episodes:
        cal.add_component(_event(episode, site_url, private_details))
    return cal


def _event(episode, site_url, private_details):
    # The page's path on its Site, on the address the calendar is served from (or the email's).
    url = site_url + episode.get_url_parts()[2]
    event = Event()
    # The UID stays the same when an episode is edited, so calendars update it instead of
    # adding a second entry.
    event.add("uid", f"asn-adaptif-episode-{episode.pk}@{urlsplit(site_url).hostname}")
    event.add("dtstamp", timezone.now())
    event.add("dtstart", episode.start)
    event.add("dtend", episode.end)
    # RFC 5545 text holds no control characters; text stored before the admin cleaned it may.
    event.add("summary", without_unstorable(f"ASN Adaptif Seri ke-{episode.series_number}: {episode.title}"))
    lines = [Truncator(episode.summary).chars(500)]
    meeting_url = episode.meeting_url if private_details else episode.public_meeting_url
    if meeting_url:
        lines.append(f"Zoom: {meeting_url}")
    if episode.livestream_url:
        lines.append(f"Siaran langsung: {episode.livestream_url}")
    lines.append(f"Informasi: {url}")
    event.add("description", without_unstorable("\n\n".join(lines)))
    event.add("location", meeting_url or episode.livestream_url or url)
    event.add("url", url)
    return event


def response(cal, filename):
    result = HttpResponse(cal.to_ical(), content_type="text/calendar; charset=utf-8")
    result["Content-Disposition"] = f'attachment; filename="{filename}"'
    return result
