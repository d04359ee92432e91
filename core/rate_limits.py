"""Limits that stop abuse, not offices: attempts counted per person and per address, in the
shared cache, so a limit holds across gunicorn workers and app servers.

Offices share one NAT address, and Indonesian mobile carriers put thousands of subscribers behind
one carrier-grade NAT address, so the address alone says little about who is asking. Each
attempt (a registration, a check-in, a certificate look-up) is counted three ways, in fixed
windows of ``RATE_LIMIT_WINDOW`` seconds (10 minutes):

- **per person** — each identifier the attempt names (email, NIP, registration code; hashed, never
  stored as typed): more than ``RATE_LIMIT_PER_PERSON`` attempts naming the same person are refused,
  from any address. One client repeating one person is stopped within a dozen attempts.
- **failures per address** — attempts that failed (invalid form, wrong keyword, nobody found) or
  were refused: once there are ``RATE_LIMIT_FAILURES`` of them *and* they are more than half of the
  address's attempts, the address is refused. A script sending junk is stopped within a few dozen
  attempts; an office where some people mistype is not, because most of its attempts succeed.
- **all attempts per address** — a ceiling (``REGISTRATION_RATE_LIMIT``, ``CHECKIN_RATE_LIMIT``,
  ``CERTIFICATE_LOOKUP_RATE_LIMIT``; 3.000 per 10 minutes by default) that a large office or a
  carrier NAT does not reach in a real rush, against a flood of valid-looking made-up people.

A refusal answers 429 with ``Retry-After`` (the seconds left in the window) and an Indonesian
message. When the cache is unreachable every attempt is allowed, as before: refusing every
participant because Redis is down would be worse than letting a few extra attempts through.
"""

import hashlib
import logging
import re
import time
from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import cache

from core.client_ip import client_ip

logger = logging.getLogger(__name__)


@dataclass
class Attempt:
    """One counted attempt. ``refused`` says whether to answer 429, ``retry_after`` in seconds;
    call ``failed()`` when the attempt turns out to fail (so junk counts against its address)."""

    scope: str
    address_key: str
    failures_key: str
    window: int
    retry_after: int
    refused: bool = False
    reasons: list = field(default_factory=list)
    _failure_counted: bool = False

    def failed(self):
        """Count this attempt as failed against its address (once; nothing when the cache is down)."""
        if self._failure_counted or not self.failures_key:
            return
        self._failure_counted = True
        try:
            _increment([self.failures_key], self.window)
        except Exception:  # noqa: BLE001 (not counted: see the module docstring)
            logger.warning("Rate limit failure for %s not counted: cache unavailable", self.scope)


# Shorter than this, a value names nobody (a half-typed NIP such as "1990" is shared by many
# people mistyping): it is not counted as a person, only as an attempt from its address.
PERSON_MIN_LENGTH = 8


def person_key(value):
    """An identifier as people type it, folded so variants count together: case, spaces, dots and
    dashes set aside ('Andi.Baso@Contoh.go.id ' = 'andibaso@contohgoid', '19900115 2015...' =
    '199001152015...'). Empty when the value is too short to name anyone."""
    folded = re.sub(r"[\s.\-]", "", str(value or "")[:200]).lower()
    return folded if len(folded) >= PERSON_MIN_LENGTH else ""


def attempt(scope, request, ceiling, people=()):
    """Count an attempt at `scope` from this request's address, naming `people` (raw identifiers
    from the form: email, NIP, code). `ceiling` is the address's attempts allowed per window.
    Returns an Attempt; ``attempt.refused`` is True when any of the three limits is passed."""
    window = settings.RATE_LIMIT_WINDOW
    now = time.time()
    bucket = int(now // window)
    retry_after = max(1, int((bucket + 1) * window - now))
    address = client_ip(request)
    address_key = f"ratelimit:{scope}:ip:{address}:{bucket}"
    failures_key = f"ratelimit:{scope}:fail:{address}:{bucket}"
    person_keys = sorted(
        {
            f"ratelimit:{scope}:person:{hashlib.sha256(key.encode()).hexdigest()[:32]}:{bucket}"
            for key in map(person_key, people)
            if key
        }
    )
    result = Attempt(scope, address_key, failures_key, window, retry_after)
    try:
        counts = _increment([address_key, *person_keys], window)
        failures = cache.get(failures_key) or 0
    except Exception:  # noqa: BLE001 (any cache failure means "not counted", never an error page)
        logger.warning("Rate limit for %s not counted: cache unavailable", scope)
        result.failures_key = ""
        return result
    from_address, per_person = counts[0], counts[1:]
    if from_address > ceiling:
        result.reasons.append("address")
    if any(count > settings.RATE_LIMIT_PER_PERSON for count in per_person):
        result.reasons.append("person")
    if failures >= settings.RATE_LIMIT_FAILURES and failures * 2 > from_address:
        result.reasons.append("failures")
    if result.reasons:
        result.refused = True
        # A refused attempt is a failed one: a client that keeps hammering stays refused.
        result.failed()
    return result


def _increment(keys, window_seconds):
    """Add one to each key (made with a lifetime of the window); their new values, in order."""
    redis_client = getattr(cache, "client", None)  # django-redis; None for the local-memory cache
    if redis_client is None:
        return [1 if cache.add(key, 1, timeout=window_seconds) else cache.incr(key) for key in keys]
    # One pipelined trip instead of add() and incr() per key (three, since incr() first checks
    # that the key exists): in a registration rush that was a tenth of a POST's CPU.
    pipeline = redis_client.get_client(write=True).pipeline(transaction=False)
    for key in keys:
        redis_key = redis_client.make_key(key)
        pipeline.set(redis_key, 0, ex=window_seconds, nx=True)
        pipeline.incr(redis_key)
    return pipeline.execute()[1::2]
