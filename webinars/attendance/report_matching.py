"""Matching a meeting report's rows to an episode's registrations, and what the import will record.

Rules, in this order:

* **Email first.** A row whose email is a confirmed registration's (letter case aside) belongs to
  it; failing that, the same address without a ``+tag`` (``budi+webinar@…`` is delivered to
  ``budi@…``) when exactly one registration has it.
* **Then the name, the way meeting tools mangle it** (``name_key``): accents, letter case,
  academic and religious titles, degrees, text in brackets and device names ("iPhone",
  "Galaxy A12") set aside, and, when the whole name fits nobody, what people add after a dash
  ("Andi Ahmad - Dinas Kominfo"). A name that fits more than one registration is left unmatched and
  listed with the registrations it fits, for the registrar to settle by hand.
* **A participant's minutes come only from their own rows.** Rows matched by name to someone
  already matched by email, but with another email, are another person with the same name;
  and rows of several different emails that all fit one registration by name cannot be told
  apart. Both are left unmatched and listed.
* A person's rows are added up (one row per join), the minutes when two of their stays overlap
  (two devices at once) are counted once, and the total is capped at the episode's length plus
  the check-in margins. Saving keeps the longer of this and any duration saved before
  (``service.record_durations``).
"""

import datetime
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models.functions import Lower
from django.utils.translation import gettext as _

from webinars.attendance.meeting_reports import ReportRow
from webinars.registrations.models import Registration, RegistrationStatus

# Names
# -----

# fmt: off
LEADING_TITLES = frozenset({
    "prof", "dr", "drs", "dra", "drg", "ir", "h", "hj", "kh", "apt", "ns", "ust", "ustadz", "ustaz",
    "ustadzah", "ustazah", "habib", "hajjah", "haji", "bapak", "bpk", "pak", "ibu", "bu", "sdr", "sdri",
    "sdra", "tn", "ny", "nn", "mr", "mrs", "ms", "mx", "dipl",
})
DEGREE_WORDS = frozenset({
    "ipu", "ipm", "ipp", "phd", "mba", "mpa", "mph", "msc", "ma", "mm", "mt", "msi", "mpd", "mkes", "mkom",
    "mh", "mhum", "mag", "mars", "mkm", "spd", "st", "se", "sh", "skom", "sked", "ssos", "sip", "ssi",
    "ssit", "sst", "str", "stp", "sag", "spsi", "skep", "skm", "sap", "sak", "amd", "ners", "apt", "sp",
    "spa", "spog", "spb", "sppd", "cht", "cpa", "ca", "ak", "asean", "eng", "dipl", "bsc", "ba", "bba",
    "llm", "lc", "mec", "mi", "mps", "cpm", "chrp", "mpm", "fisqua", "cfa", "cma", "cfp", "pmp", "qia",
    "crma", "crmp", "chrmp", "cqa", "mmed", "mmedsc",
})
# Degrees recognised at the end of a name even without their dots ("Andi Ridwan S.Kom MKom").
TRAILING_DEGREES = frozenset({
    "ipu", "ipm", "phd", "mba", "msc", "msi", "mpd", "mkes", "mkom", "spd", "skom", "ssos", "amd", "skep",
    "skm", "mhum", "mars",
})
# fmt: on
# What Zoom, Meet and Teams add to a name: the device someone joined from.
DEVICE_PATTERNS = [
    re.compile(pattern, re.IGNORECASE)
    for pattern in (
        r"\b[\w.\-]+['’`]s\s+(?:iphone|ipad|macbook(?:\s+(?:air|pro))?|imac|android|galaxy|laptop|pc|phone|hp)\b"
        r"[\w\s\-]*",
        r"\biphone(?:\s*(?:\d{1,2}|x[rs]?|se|pro|max|mini|plus))*\b",
        r"\bipad(?:\s*(?:\d{1,2}|pro|air|mini))*\b",
        r"\bmacbook(?:\s*(?:air|pro))?\b",
        r"\b(?:samsung\s+)?galaxy(?:\s+(?:note|tab))?(?:\s+[a-z]{0,2}\d{1,3}[a-z]{0,2})*"
        r"(?:\s+(?:plus|ultra|lite|fe|5g|pro))*\b",
        r"\bsamsung(?:\s+sm-?[a-z]?\d+[a-z]*)?\b",
        r"\bsm-[a-z]\d{3,4}[a-z]*\b",
        r"\b(?:xiaomi\s+)?redmi(?:\s+note)?(?:\s+\d{1,2}[a-z]?)?(?:\s+(?:pro|plus|prime|5g))*\b",
        r"\bxiaomi(?:\s+(?:mi\s+)?\d{1,2}[a-z]?)?\b",
        r"\bpoco(?:\s+[a-z]?\d{1,2}[a-z]?)?(?:\s+pro)?\b",
        r"\boppo(?:\s+[a-z]{1,4}\d{1,3}[a-z]?)?(?:\s+(?:pro|5g|plus))*\b",
        r"\bvivo(?:\s+[a-z]{0,2}\d{1,4}[a-z]?)?(?:\s+(?:pro|5g))*\b",
        r"\brealme(?:\s+[a-z]{0,2}\d{1,3}[a-z]?)?(?:\s+(?:pro|5g|plus))*\b",
        r"\binfinix(?:\s+(?:hot|note|smart|zero))?(?:\s+\d{1,2}[a-z]?)?\b",
        r"\btecno(?:\s+(?:spark|camon|pova))?(?:\s+\d{1,2}[a-z]?)?\b",
        r"\bhuawei(?:\s+[a-z]{1,4}\s*\d{1,3}[a-z]?)?\b",
        r"\bnokia(?:\s+[a-z]?\d{1,3}(?:\.\d)?)?\b",
        r"\basus(?:\s+(?:rog|zenfone))?(?:\s+\d{1,2})?\b",
        r"\blenovo\b",
        r"\bandroid\b",
        r"\bzoom\s+rooms?\b",
    )
]
BRACKETED = re.compile(r"\([^()]*\)|\[[^\[\]]*\]|\{[^{}]*\}")


def _is_degree(token):
    core = token.strip(".").replace("'", "")
    if not core:
        return True
    if "." in core:
        parts = [part for part in core.split(".") if part]
        return bool(parts) and all(part.isalpha() and len(part) <= 5 for part in parts)
    return core in DEGREE_WORDS


def _without_leading_titles(tokens):
    tokens = list(tokens)
    while len(tokens) > 1:
        pieces = [piece for piece in tokens[0].split(".") if piece]
        if pieces and all(piece in LEADING_TITLES for piece in pieces):
            tokens.pop(0)  # "dr." and the glued "prof.dr.ir.h."
            continue
        if len(pieces) > 1 and pieces[0] in LEADING_TITLES and not tokens[0].endswith("."):
            # "prof.dr.andi": the titles glued to the name go, the name stays
            kept = next((pieces[k:] for k, piece in enumerate(pieces) if piece not in LEADING_TITLES), [])
            tokens[0] = ".".join(kept)
            if not tokens[0]:
                tokens.pop(0)
            continue
        break
    return tokens


def name_key(name):
    """The key two spellings of one person's name share, e.g. "andi nurhaedah" for both
    "Dra. Hj. ANDI  Nurhaedah, M.Si. (Dinas Pendidikan Gowa)" and "andi nurhaedah".

    Accents and letter case go; so do text in brackets (Zoom's "(Original Name)", an agency),
    device names ("iPhone", "Galaxy A12", "Redmi Note 8"; "John's iPad" goes whole), degrees after
    a comma or dotted at the end ("…, S.Pd., M.Si., Ph.D."), leading titles and forms of address
    (Prof., Dr., dr., Drs., Dra., Ir., H., Hj., Bapak, Ibu …) and punctuation; apostrophes join
    ("Nur’aini" is "nuraini"). Abbreviations are not expanded ("Muh." stays "muh"). "" when
    nothing of a name is left: such a row is never matched by name.
    """
    if not name:
        return ""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(char for char in text if not unicodedata.combining(char)).casefold()
    text = re.sub(r"[\u2019`]", "'", text)
    previous = None
    while previous != text:
        previous, text = text, BRACKETED.sub(" ", text)
    text = re.sub(r"[()\[\]{}]", " ", text)
    for pattern in DEVICE_PATTERNS:
        text = pattern.sub(" ", text)
    text = text.replace("'", "")
    text = re.sub(r"[_|/\\]+", " ", text)
    text = re.sub(r"\s+-\s+|\s+-$|^-\s+", " , ", text)
    head, *tail = (segment.strip() for segment in text.split(","))
    kept = [segment for segment in tail if segment.split() and not all(map(_is_degree, segment.split()))]
    tokens = _without_leading_titles(" ".join([head, *kept]).split())
    while len(tokens) > 1 and (
        ("." in tokens[-1].strip(".") and _is_degree(tokens[-1])) or tokens[-1].strip(".") in TRAILING_DEGREES
    ):
        tokens.pop()
    tokens = [token for token in tokens if not ("." in token.strip(".") and _is_degree(token))]
    return " ".join(re.sub(r"[\W_]", " ", " ".join(tokens)).split())


# What people add after their name in a meeting: "Andi Ahmad - Dinas Kominfo", "Rina | BKD Gowa".
ADDED_AFTER_NAME = re.compile(r"\s+[-–—|/]\s+.*$", re.DOTALL)


def name_keys(name):
    """The keys to try for a name from a report, best first: the whole name's, then (if different)
    that of the part before what people add after their name ("Andi Ahmad – Dinas Kominfo")."""
    keys = [name_key(name)]
    before = ADDED_AFTER_NAME.sub("", name or "")
    if before != name and name_key(before) not in keys:
        keys.append(name_key(before))
    return [key for key in keys if key]


def email_without_tag(email):
    """``budi+webinar@contoh.go.id`` as ``budi@contoh.go.id``: where mail servers deliver it."""
    local, at, domain = email.partition("@")
    return local.split("+", 1)[0] + at + domain


# Matching
# --------

BY_EMAIL, BY_NAME = "email", "nama"


@dataclass
class Credit:
    """What one registration will be credited: ``rows`` (the report's rows that are this
    person's, each with how it matched: "email" or "nama"), ``minutes`` to record, and the
    minutes taken off because two stays overlapped (``counted_once``) or the total passed the
    episode's length with the check-in margins (``capped_at``: that limit, or None)."""

    registration: Registration
    rows: list = field(default_factory=list)
    minutes: int = 0
    counted_once: int = 0
    capped_at: int | None = None

    @property
    def matched_by(self):
        found = {how for _row, how in self.rows}
        return ", ".join(how for how in (BY_EMAIL, BY_NAME) if how in found)

    @property
    def sources(self):
        """Where the minutes came from, one Indonesian line per row (in the report's order)."""
        return [
            _("%(source)s: %(minutes)d menit") % {"source": row.source, "minutes": row.minutes}
            for row, _how in sorted(self.rows, key=lambda pair: pair[0].line)
        ]

    @property
    def notes(self):
        notes = []
        if self.counted_once:
            notes.append(
                _("%(minutes)d menit tumpang tindih (dua perangkat sekaligus) dihitung sekali")
                % {"minutes": self.counted_once}
            )
        if self.capped_at is not None:
            notes.append(
                _("dibatasi %(minutes)d menit (lama acara dengan jendela presensi)")
                % {"minutes": self.capped_at}
            )
        return notes


@dataclass
class Unsettled:
    """Rows the import leaves for the registrar: ``reason`` in Indonesian and the registrations
    their name fits."""

    rows: list
    reason: str
    registrations: list


@dataclass
class Preview:
    """What saving a report would record: ``credits`` (one per registration, by name),
    ``unsettled`` (rows that fit more than one person), ``unmatched`` (rows that fit nobody)."""

    layout_label: str
    credits: list
    unsettled: list
    unmatched: list

    @property
    def row_count(self):
        return (
            sum(len(credit.rows) for credit in self.credits)
            + sum(len(item.rows) for item in self.unsettled)
            + len(self.unmatched)
        )

    def minutes_by_registration(self):
        return {credit.registration.pk: credit.minutes for credit in self.credits}


def preview(episode, rows, layout_label=""):
    """The Preview of importing these ReportRows for the episode; saves nothing."""
    registrations = list(
        Registration.objects.filter(episode=episode, status=RegistrationStatus.CONFIRMED)
        .annotate(email_lower=Lower("email"))
        .only("pk", "full_name", "email", "code", "episode_id")
    )
    by_pk = {registration.pk: registration for registration in registrations}
    by_email = {registration.email_lower: registration for registration in registrations}
    by_untagged_email, by_name = defaultdict(list), defaultdict(list)
    for registration in registrations:
        by_untagged_email[email_without_tag(registration.email_lower)].append(registration)
        if key := name_key(registration.full_name):
            by_name[key].append(registration)

    credits, named, unsettled_by_key, unmatched = {}, defaultdict(list), defaultdict(list), []
    for row in rows:
        registration = _by_email(row.email, by_email, by_untagged_email)
        if registration is not None:
            credits.setdefault(registration.pk, Credit(registration)).rows.append((row, BY_EMAIL))
            continue
        key, candidates = next(
            ((key, by_name[key]) for key in name_keys(row.name) if key in by_name), ("", [])
        )
        if len(candidates) == 1:
            named[candidates[0].pk].append(row)
        elif candidates:
            unsettled_by_key[key].append(row)
        else:
            unmatched.append(row)

    unsettled = [
        Unsettled(key_rows, _("Nama ini cocok dengan lebih dari satu pendaftar."), by_name[key])
        for key, key_rows in unsettled_by_key.items()
    ]
    for registration_pk, name_rows in named.items():
        registration = by_pk[registration_pk]
        other_emails = {row.email for row in name_rows if row.email}
        if registration_pk in credits and other_emails:
            unsettled.append(
                Unsettled(
                    [row for row in name_rows if row.email],
                    _("Nama sama dengan pendaftar yang sudah cocok lewat email, tetapi emailnya lain."),
                    [registration],
                )
            )
            name_rows = [row for row in name_rows if not row.email]
        elif len(other_emails) > 1:
            unsettled.append(
                Unsettled(
                    name_rows,
                    _(
                        "Beberapa orang dengan email berbeda di laporan cocok dengan nama pendaftar "
                        "yang sama."
                    ),
                    [registration],
                )
            )
            continue
        if name_rows:
            credits.setdefault(registration_pk, Credit(registration)).rows.extend(
                (row, BY_NAME) for row in name_rows
            )

    cap = int((episode.checkin_closes_at - episode.checkin_opens_at).total_seconds() // 60)
    for credit in credits.values():
        _count(credit, cap)
    return Preview(
        layout_label=layout_label,
        credits=sorted(credits.values(), key=lambda credit: credit.registration.full_name.casefold()),
        unsettled=unsettled,
        unmatched=unmatched,
    )


def _by_email(email, by_email, by_untagged_email):
    if not email:
        return None
    if email in by_email:
        return by_email[email]
    candidates = by_untagged_email.get(email_without_tag(email), [])
    return candidates[0] if len(candidates) == 1 else None


def _count(credit, cap):
    """Add the credit's rows up, counting overlapping stays once, capped at ``cap`` minutes."""
    rows = [row for row, _how in credit.rows]
    total = sum(row.minutes for row in rows)
    if len(rows) > 1 and all(row.joined and row.left for row in rows):
        stays = sorted((row.joined, row.left) for row in rows)
        covered = datetime.timedelta()
        start, end = stays[0]
        for next_start, next_end in stays[1:]:
            if next_start > end:
                covered += end - start
                start, end = next_start, next_end
            else:
                end = max(end, next_end)
        covered += end - start
        overlap = sum((left - joined for joined, left in stays), datetime.timedelta()) - covered
        credit.counted_once = int(overlap.total_seconds() // 60)
        total -= credit.counted_once
    if total > cap:
        total, credit.capped_at = cap, cap
    credit.minutes = max(total, 0)


# Between the preview and the confirmation
# ----------------------------------------


def encode(report):
    """The report's rows as JSON-ready values, kept in the registrar's session until they confirm."""
    return {
        "layout_label": report.layout_label,
        "rows": [
            [
                row.line,
                row.name,
                row.email,
                row.minutes,
                row.source,
                row.joined.isoformat() if row.joined else None,
                row.left.isoformat() if row.left else None,
            ]
            for row in report.rows
        ],
    }


def decode(data):
    """(layout label, ReportRows) from what ``encode`` kept."""
    rows = [
        ReportRow(
            line,
            name,
            email,
            minutes,
            source,
            datetime.datetime.fromisoformat(joined) if joined else None,
            datetime.datetime.fromisoformat(left) if left else None,
        )
        for line, name, email, minutes, source, joined, left in data["rows"]
    ]
    return data["layout_label"], rows
