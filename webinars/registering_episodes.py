"""The episodes behind /webinar/<slug>/daftar/, kept for a few seconds in each process.

In a registration rush hundreds of requests a second ask for the same episode, and loading an
EpisodePage took a third of each POST's CPU. Nothing that decides a registration goes stale:
whether registration is open is computed from the clock on every request, and seats are claimed
in the database. An editor's change reaches other processes at most TTL seconds late; the process
that saved it drops its copy at once (webinars/signals.py).
"""

import threading
import time

from webinars.models import EpisodePage

TTL = 5.0


class RegisteringEpisodes:
    def __init__(self, ttl=TTL):
        self.ttl = ttl
        self._entries = {}
        self._lock = threading.Lock()

    def get(self, slug):
        """The live, public episode served at /webinar/<slug>/, or None."""
        now = time.monotonic()
        entry = self._entries.get(slug)
        if entry is not None and entry[0] > now:
            return entry[1]
        episode = EpisodePage.objects.live().public().filter(slug=slug).first()
        if episode is None or episode.url != f"/webinar/{slug}/":
            # Not kept: unknown slugs are unbounded, and a 404 costs one query.
            return None
        with self._lock:
            self._entries[slug] = (now + self.ttl, episode)
        return episode

    def clear(self):
        with self._lock:
            self._entries.clear()


registering_episodes = RegisteringEpisodes()
