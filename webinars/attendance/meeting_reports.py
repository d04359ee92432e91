"""Reading a meeting platform's participant report (Zoom's CSV) and matching it to registrations.

Zoom writes one row per join: someone whose connection dropped twice appears three times. Rows
are matched to the episode's confirmed registrations by email first (case-insensitive), then by
the name written the same way once titles' punctuation, letter case and accents are set aside,
and only when exactly one registration has that name. A person's durations within one report are
added up (they are separate stretches of the same meeting, capped at the episode's length plus
the check-in margins); saving keeps the longer of that and any duration saved before.
"""

import csv
import datetime
import re
import unicodedata
from dataclasses import dataclass, field

from django.db.models.functions import Lower
from django.utils.translation import gettext as _

from webinars.registrations.models import Registration, RegistrationStatus

MAX_BYTES = 5 * 1024 * 1024
HEADER_NAMES = {
    "name": ["name (original name)", "name", "nama", "participant", "peserta", "nama peserta"],
    "email": ["user email", "email", "e-mail", "alamat email"],
    "join": ["join time", "waktu bergabung", "bergabung"],
    "leave": ["leave time", "waktu keluar", "keluar"],
    "minutes": ["duration (minutes)", "duration", "durasi (menit)", "durasi"],
}
TIME_FORMATS = ["%m/%d/%Y %I:%M:%S %p", "%m/%d/%Y %H:%M:%S", "%Y-%m-%d %H:%M:%S", "%d/%m/%Y %H:%M:%S"]


class ReportError(ValueError):
    """The file is not a participant report we can read; the message says why, in Indonesian."""


@dataclass
class ReportRow:
    line: int
    name: str
    email: str
    minutes: int


@dataclass
class Match:
    registration: Registration
    minutes: int
    matched_by: str  # "email" or "nama"
    rows: list = field(default_factory=list)


@dataclass
class Preview:
    matches: list
    unmatched: list

    def minutes_by_registration(self):
        return {match.registration.pk: match.minutes for match in self.matches}


def normalise_name(name):
    """'Dra. Hj. ANDI  Nurhaedah, M.Si.' and 'dra hj andi nurhaedah msi' compare equal."""
    decomposed = unicodedata.normalize("NFKD", name or "")
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(re.sub(r"[^\w\s]", "", plain.casefold()).split())


def read_report(data):
    """The report's rows; raises ReportError when it cannot be read."""
    if len(data) > MAX_BYTES:
        raise ReportError(_("Berkas terlalu besar (maksimal 5 MB)."))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")  # Excel on Windows saves CSV this way
    lines = text.splitlines()
    # Zoom's export may start with a block about the meeting; the participants' header follows it.
    header_at = next((index for index, line in enumerate(lines) if _is_header(line)), None)
    if header_at is None:
        raise ReportError(
            _(
                "Kolom nama dan durasi (atau waktu bergabung dan keluar) tidak ditemukan. "
                "Unggah laporan peserta Zoom dalam format CSV."
            )
        )
    dialect = _dialect(lines[header_at])
    reader = csv.reader(lines[header_at:], dialect)
    columns = _columns(next(reader))
    rows = []
    for number, values in enumerate(reader, start=header_at + 2):
        if not any(value.strip() for value in values):
            continue
        cells = {key: values[index].strip() if index < len(values) else "" for key, index in columns.items()}
        minutes = _minutes(cells.get("minutes", ""), cells.get("join", ""), cells.get("leave", ""))
        if minutes is None:
            raise ReportError(_("Baris %(line)s: durasi tidak dapat dibaca.") % {"line": number})
        rows.append(
            ReportRow(
                line=number, name=cells.get("name", ""), email=cells.get("email", "").lower(), minutes=minutes
            )
        )
    if not rows:
        raise ReportError(_("Laporan tidak berisi peserta."))
    return rows


def _is_header(line):
    found = _columns(next(csv.reader([line], _dialect(line)), [])).keys()
    return "name" in found and ("minutes" in found or {"join", "leave"} <= found)


def _dialect(line):
    return "excel-semicolon" if line.count(";") > line.count(",") else "excel"


csv.register_dialect("excel-semicolon", delimiter=";")


def _columns(headers):
    wanted = {}
    for index, header in enumerate(headers):
        label = header.strip().lower()
        for key, names in HEADER_NAMES.items():
            if key not in wanted and label in names:
                wanted[key] = index
    return wanted


def _minutes(duration, joined, left):
    if duration:
        return int(float(duration.replace(",", "."))) if re.fullmatch(r"\d+([.,]\d+)?", duration) else None
    start, end = _time(joined), _time(left)
    if start and end and end >= start:
        return int((end - start).total_seconds() // 60)
    return None


def _time(value):
    for time_format in TIME_FORMATS:
        try:
            return datetime.datetime.strptime(value, time_format)
        except ValueError:
            continue
    return None


def preview(episode, rows):
    """What saving this report would record, without saving anything."""
    registrations = list(
        Registration.objects.filter(episode=episode, status=RegistrationStatus.CONFIRMED)
        .annotate(email_lower=Lower("email"))
        .only("pk", "full_name", "email", "code", "episode_id")
    )
    by_email = {registration.email_lower: registration for registration in registrations}
    by_name = {}
    for registration in registrations:
        by_name.setdefault(normalise_name(registration.full_name), []).append(registration)
    cap = int((episode.checkin_closes_at - episode.checkin_opens_at).total_seconds() // 60)
    matches, unmatched = {}, []
    for row in rows:
        registration, matched_by = by_email.get(row.email) if row.email else None, "email"
        if registration is None:
            candidates = by_name.get(normalise_name(row.name), [])
            registration, matched_by = (candidates[0], "nama") if len(candidates) == 1 else (None, "")
        if registration is None:
            unmatched.append(row)
            continue
        match = matches.setdefault(registration.pk, Match(registration, 0, matched_by))
        match.minutes = min(match.minutes + row.minutes, cap)
        match.rows.append(row.line)
    ordered = sorted(matches.values(), key=lambda match: match.registration.full_name.casefold())
    return Preview(matches=ordered, unmatched=unmatched)


def encode(rows):
    """Rows to keep between the preview and the confirmation (in the registrar's session)."""
    return [[row.line, row.name, row.email, row.minutes] for row in rows]


def decode(data):
    return [ReportRow(*values) for values in data]
