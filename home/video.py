"""Turn a video URL into something a page can show without asking any other server."""

import re
from urllib.parse import parse_qs, urlparse

_YOUTUBE_ID = re.compile(r"^[A-Za-z0-9_-]{11}$")
_YOUTUBE_HOSTS = {
    "youtube.com",
    "www.youtube.com",
    "m.youtube.com",
    "youtube-nocookie.com",
    "www.youtube-nocookie.com",
    "youtu.be",
    "www.youtu.be",
}


def youtube_id(url):
    """The video id of a YouTube watch, share, live, shorts or embed URL, or None."""
    if not url:
        return None
    parsed = urlparse(url.strip())
    host = (parsed.hostname or "").lower()
    if host not in _YOUTUBE_HOSTS:
        return None
    if host.endswith("youtu.be"):
        candidate = parsed.path.lstrip("/").split("/")[0]
    elif parsed.path == "/watch":
        candidate = parse_qs(parsed.query).get("v", [""])[0]
    else:
        parts = [part for part in parsed.path.split("/") if part]
        is_video_path = len(parts) == 2 and parts[0] in {"embed", "live", "shorts", "v"}
        candidate = parts[1] if is_video_path else ""
    return candidate if _YOUTUBE_ID.match(candidate) else None


def youtube_embed_url(url):
    """A privacy-friendly embed URL (youtube-nocookie.com) for a YouTube URL, or None."""
    video_id = youtube_id(url)
    return f"https://www.youtube-nocookie.com/embed/{video_id}" if video_id else None
