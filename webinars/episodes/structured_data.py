"""schema.org JSON-LD for episodes, so search engines and chat apps understand them."""

from django.utils import timezone

from home.seo import organization
from home.video import youtube_embed_url


def _iso_duration(duration):
    total = int(duration.total_seconds())
    hours, rest = divmod(total, 3600)
    minutes, seconds = divmod(rest, 60)
    return f"PT{hours}H{minutes}M{seconds}S"


def episode_event(episode, organiser, url, image_url=None):
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": f"Webinar ASN Adaptif Seri ke-{episode.series_number}: {episode.title}",
        "description": episode.summary,
        "startDate": timezone.localtime(episode.start).isoformat(),
        "endDate": timezone.localtime(episode.end).isoformat(),
        "eventStatus": "https://schema.org/EventScheduled",
        "eventAttendanceMode": "https://schema.org/OnlineEventAttendanceMode",
        "location": {
            "@type": "VirtualLocation",
            "url": episode.livestream_url or url,
        },
        "organizer": organization(organiser),
        "performer": [{"@type": "Person", "name": role.speaker.title} for role in episode.speakers],
        "inLanguage": "id",
        "isAccessibleForFree": True,
        "url": url,
    }
    if image_url:
        data["image"] = [image_url]
    if episode.recording_url:
        recording = {
            "@type": "VideoObject",
            "name": data["name"],
            "description": episode.summary,
            "uploadDate": timezone.localtime(episode.end).isoformat(),
            "contentUrl": episode.recording_url,
        }
        if embed_url := youtube_embed_url(episode.recording_url):
            recording["embedUrl"] = embed_url
        if image_url:
            recording["thumbnailUrl"] = image_url
        if episode.recording_duration:
            recording["duration"] = _iso_duration(episode.recording_duration)
        data["recordedIn"] = recording
    return data
