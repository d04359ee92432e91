"""The series' history imported from the agency's spreadsheet: one row per past episode.

``read_history(file, filename)`` reads a CSV or XLSX (``core/tables.py``) into ``HistoryRow``
values and per-row errors in Indonesian; ``apply_history(rows, user, publish)`` creates or
updates the episode pages by series number. The format (columns, accepted values) is in
``docs/history-import.md``; ``COLUMNS`` below is its source.

Importing is idempotent: a page whose latest content already says what its row says is left
alone (no revision, no log entry), so importing the same file twice changes nothing the second
time. Every page changed gets one revision attributed to the importing user, so the page's
history shows who imported what. Participants and certificates enter as the episode's
*reported* figures (``reported_participants``, ``reported_certificates``): the archive shows
them as reported unless the site holds the episode's registrations (see
``webinars/statistics/figures.py``).
"""

import datetime
import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from core import tables
from webinars.attendance.meeting_reports import parse_datetime
from webinars.episodes.models import EpisodeIndexPage, EpisodePage, EpisodeSpeaker, SpeakerRole
from webinars.episodes.speakers import SpeakerIndexPage, SpeakerPage

MAX_ROWS = 500
# When the file gives the start only: how long the episodes of the series ran.
DEFAULT_DURATION = datetime.timedelta(hours=3)
PEOPLE_SEPARATOR = ";"


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    required: bool
    description: str
    example: str
    aliases: tuple = ()


# The template's columns, in order: (key, header, required, what it holds, an invented example).
COLUMNS = (
    Column("series_number", "seri", True, "Nomor seri episode, mis. 12.", "901", ("seri ke-", "nomor seri")),
    Column(
        "start",
        "mulai",
        True,
        "Tanggal dan jam mulai dalam WITA: 14/03/2024 09.00, 2024-03-14 09:00 atau sel tanggal Excel.",
        "14/03/2024 09.00",
        ("tanggal", "waktu mulai", "tanggal dan jam"),
    ),
    Column(
        "end",
        "selesai",
        False,
        "Jam atau tanggal dan jam selesai (WITA). Kosong: tiga jam setelah mulai.",
        "12.00",
        ("waktu selesai", "jam selesai"),
    ),
    Column(
        "title", "tema", True, "Tema episode; menjadi judul halamannya.", "Contoh Tema Rekaan", ("judul",)
    ),
    Column(
        "summary",
        "ringkasan",
        False,
        "Satu atau dua kalimat, paling banyak 400 karakter. Kosong: tema dipakai.",
        "Baris contoh rekaan, bukan data seri.",
    ),
    Column(
        "speakers",
        "narasumber",
        False,
        "Nama lengkap dengan gelar; lebih dari satu dipisah titik koma (;).",
        "Dr. Contoh Narasumber, M.Si.; Contoh Narasumber Kedua, S.E.",
    ),
    Column(
        "moderators",
        "moderator",
        False,
        "Nama moderator; lebih dari satu dipisah titik koma.",
        "Contoh Moderator, S.Sos.",
    ),
    Column("opening", "sambutan", False, "Pemberi sambutan pembuka, bila ada.", "", ("sambutan pembuka",)),
    Column("jp", "jp", False, "Nilai JP pada sertifikat, bilangan bulat, mis. 2.", "2", ("nilai jp",)),
    Column(
        "participants",
        "peserta",
        False,
        "Jumlah peserta seperti dilaporkan, mis. 2888 atau 2.888.",
        "1234",
        ("jumlah peserta",),
    ),
    Column(
        "certificates",
        "sertifikat",
        False,
        "Jumlah sertifikat terbit seperti dilaporkan.",
        "1100",
        ("jumlah sertifikat", "sertifikat terbit"),
    ),
    Column(
        "recording_url",
        "rekaman",
        False,
        "Tautan rekaman (YouTube), dimulai https://.",
        "https://www.youtube.com/watch?v=contoh00000",
        ("tautan rekaman", "url rekaman"),
    ),
    Column("tags", "topik", False, "Topik, dipisah koma.", "contoh, rekaan", ("tag", "tags")),
)
ROLE_COLUMNS = (
    ("speakers", SpeakerRole.SPEAKER),
    ("moderators", SpeakerRole.MODERATOR),
    ("opening", SpeakerRole.OPENING),
)


class HistoryError(tables.TableError):
    """The file as a whole cannot be imported (no header, a column missing, too many rows)."""


@dataclass
class HistoryRow:
    """One past episode as the file gives it, already checked: ``line`` of the file, the page's
    values, the people as (name, role) in the file's order and the topics."""

    line: int
    series_number: int
    title: str
    summary: str
    start: datetime.datetime
    end: datetime.datetime
    jp: int | None
    participants: int | None
    certificates: int | None
    recording_url: str
    people: list = field(default_factory=list)
    tags: list = field(default_factory=list)

    def as_data(self):
        """The row as JSON-able data (for the preview kept in the session)."""
        return {
            **self.__dict__,
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "people": [list(person) for person in self.people],
        }

    @classmethod
    def from_data(cls, data):
        return cls(
            **{
                **data,
                "start": datetime.datetime.fromisoformat(data["start"]),
                "end": datetime.datetime.fromisoformat(data["end"]),
                "people": [tuple(person) for person in data["people"]],
            }
        )


@dataclass(frozen=True)
class RowError:
    line: int
    series_number: str
    messages: list


@dataclass
class History:
    """A file read: the good rows and the errors, by line."""

    rows: list
    errors: list


def _columns(header):
    """{column key: index} for a header row; HistoryError naming the required columns missing."""
    aliases = {alias: column.key for column in COLUMNS for alias in (column.header, *column.aliases)}
    found = tables.find_columns(header, aliases)
    missing = [column.header for column in COLUMNS if column.required and column.key not in found]
    if missing:
        raise HistoryError(
            f"Kolom wajib tidak ditemukan: {', '.join(missing)}. Baris pertama berkas harus berisi "
            "judul kolom seperti pada templat (seri, mulai, tema, …)."
        )
    return found


_text = tables.cell_text


def _whole_number(value, label):
    """A count or number as written in Indonesia ("2.888", "2888", an Excel number) or None."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        if float(value) != int(value) or value < 0:
            raise ValidationError(f"{label} harus bilangan bulat tidak negatif.")
        return int(value)
    text = _text(value)
    if not text:
        return None
    if not re.fullmatch(r"\d{1,3}(\.\d{3})+|\d+", text):
        raise ValidationError(f"{label} harus bilangan bulat, mis. 2888 atau 2.888 (tertulis “{text}”).")
    return int(text.replace(".", ""))


def _moment(value, label):
    if isinstance(value, datetime.datetime | datetime.date):
        moment = parse_datetime(value)
    else:
        text = _text(value)
        if not text:
            raise ValidationError(f"{label} kosong.")
        try:
            moment = parse_datetime(text, day_first=True)
        except ValueError:
            raise ValidationError(
                f"{label} “{text}” tidak terbaca; tulis mis. 14/03/2024 09.00 atau 2024-03-14 09:00."
            ) from None
    return moment


def _end(value, start):
    if value is None or _text(value) == "":
        return start + DEFAULT_DURATION
    if isinstance(value, datetime.time):
        return datetime.datetime.combine(start.date(), value)
    moment = _moment(value, "Waktu selesai")
    if moment.date() == datetime.date(2000, 1, 1):  # a time alone: on the day of the start
        moment = datetime.datetime.combine(start.date(), moment.time())
    return moment


def _people(cells):
    people, seen = [], set()
    for key, role in cells:
        for name in cells[(key, role)].split(PEOPLE_SEPARATOR):
            name = name.strip()
            if name and (name.casefold(), role) not in seen:
                seen.add((name.casefold(), role))
                people.append((name, str(role)))
    return people


def _row(line, cells, columns):
    """A HistoryRow from one record's cells; ValidationError with every problem of the row."""
    record = tables.RecordReader(cells, columns)
    cell, check, problems = record.cell, record.check, record.problems

    series_number = check(_whole_number, cell("series_number"), "Nomor seri")
    if series_number == 0 or (
        series_number is None and not any(p.startswith("Nomor seri") for p in problems)
    ):
        problems.append("Nomor seri kosong atau 0.")
    title = check(_text, cell("title")) or ""
    if not title:
        problems.append("Tema kosong.")
    elif len(title) > 255:
        problems.append(f"Tema terlalu panjang ({len(title)} karakter; paling banyak 255).")
    summary = check(_text, cell("summary")) or title
    if len(summary) > 400:
        problems.append(f"Ringkasan terlalu panjang ({len(summary)} karakter; paling banyak 400).")
    start = check(_moment, cell("start"), "Waktu mulai")
    end = check(_end, cell("end"), start) if start else None
    if start and end and end <= start:
        problems.append("Waktu selesai harus setelah waktu mulai.")
    jp = check(_whole_number, cell("jp"), "JP")
    if jp is not None and not 1 <= jp <= 100:
        problems.append(f"JP {jp} tidak masuk akal; tulis antara 1 dan 100.")
    participants = check(_whole_number, cell("participants"), "Jumlah peserta")
    certificates = check(_whole_number, cell("certificates"), "Jumlah sertifikat")
    recording_url = check(_text, cell("recording_url")) or ""
    if recording_url:
        try:
            URLValidator(schemes=["https", "http"])(recording_url)
        except ValidationError:
            problems.append(f"Tautan rekaman “{recording_url}” bukan alamat web (https://…).")
    people = check(_people, {(key, role): check(_text, cell(key)) or "" for key, role in ROLE_COLUMNS}) or []
    tags = sorted({tag.strip() for tag in (check(_text, cell("tags")) or "").split(",") if tag.strip()})
    if problems:
        raise ValidationError(problems)
    return HistoryRow(
        line=line,
        series_number=series_number,
        title=title,
        summary=summary,
        start=timezone.make_aware(start),
        end=timezone.make_aware(end),
        jp=jp,
        participants=participants,
        certificates=certificates,
        recording_url=recording_url,
        people=people,
        tags=tags,
    )


def read_history(file, filename=""):
    """The History in an uploaded CSV or XLSX (a binary file object): the rows that can be
    imported and, per line, what is wrong with the others (Indonesian). A series number given
    twice is an error on both lines. Raises ``tables.TableError`` (or HistoryError) when the file
    itself cannot be read, has no header with the required columns, or more than MAX_ROWS rows."""
    records = tables.stream_rows(file, filename)
    columns = None
    rows, errors = [], []
    for line, cells in records:
        if tables.is_blank(cells):
            continue
        if columns is None:
            columns = _columns(cells)
            continue
        if len(rows) + len(errors) >= MAX_ROWS:
            raise HistoryError(
                f"Berkas berisi lebih dari {MAX_ROWS} baris episode; bagi menjadi beberapa berkas."
            )
        try:
            rows.append(_row(line, cells, columns))
        except ValidationError as error:
            index = columns.get("series_number")
            shown = tables.header_key(cells[index]) if index is not None and index < len(cells) else ""
            errors.append(RowError(line, shown, error.messages))
    if columns is None:
        raise HistoryError("Berkas tidak berisi judul kolom maupun baris episode.")
    lines_by_number = {}
    for row in rows:
        lines_by_number.setdefault(row.series_number, []).append(row.line)
    repeated = {number: lines for number, lines in lines_by_number.items() if len(lines) > 1}
    if repeated:
        for row in [row for row in rows if row.series_number in repeated]:
            others = ", ".join(str(line) for line in repeated[row.series_number] if line != row.line)
            errors.append(
                RowError(
                    row.line,
                    str(row.series_number),
                    [f"Seri {row.series_number} juga ada di baris {others}."],
                )
            )
        rows = [row for row in rows if row.series_number not in repeated]
    errors.sort(key=lambda error: error.line)
    return History(rows=rows, errors=errors)


# Applying
# --------


@dataclass
class Outcome:
    """What an import did: series numbers created, updated and left unchanged, speakers created."""

    created: list = field(default_factory=list)
    updated: list = field(default_factory=list)
    unchanged: list = field(default_factory=list)
    speakers_created: list = field(default_factory=list)


def plan(rows):
    """{series number: "baru" | "diperbarui" | "tetap"} for the preview, without saving anything."""
    pages = {
        page.series_number: page
        for page in EpisodePage.objects.filter(series_number__in=[r.series_number for r in rows])
    }
    speakers = _speakers_by_name()
    result = {}
    for row in rows:
        page = pages.get(row.series_number)
        if page is None:
            result[row.series_number] = "baru"
        else:
            draft = page.get_latest_revision_as_object()
            people = _resolved_people(row, speakers)
            same = people is not None and _differences(draft, row, people) == [] and not _needs_publish(page)
            result[row.series_number] = "tetap" if same else "diperbarui"
    return result


def _needs_publish(page, publish=True):
    return publish and (not page.live or page.has_unpublished_changes)


def _name_key(name):
    return " ".join(name.split()).casefold()


def _speakers_by_name():
    speakers = {}
    for speaker in SpeakerPage.objects.only("id", "title", "sort_name"):
        for name in (speaker.title, speaker.sort_name):
            if name:
                speakers.setdefault(_name_key(name), speaker)
    return speakers


def _resolved_people(row, speakers):
    """[(speaker id, role)] when every person of the row has a speaker page, else None."""
    resolved = []
    for name, role in row.people:
        speaker = speakers.get(_name_key(name))
        if speaker is None:
            return None
        resolved.append((speaker.pk, role))
    return resolved


def _values(row):
    return {
        "title": row.title,
        "summary": row.summary,
        "start": row.start,
        "end": row.end,
        "jp": row.jp,
        "reported_participants": row.participants,
        "reported_certificates": row.certificates,
        "recording_url": row.recording_url,
    }


def _differences(page, row, people):
    """The names of what differs between a page's content and its row ([] when nothing does)."""
    changed = [name for name, value in _values(row).items() if getattr(page, name) != value]
    current = [(role.speaker_id, role.role) for role in page.speaker_roles.all()]
    if current != people:
        changed.append("speaker_roles")
    if sorted(tag.name for tag in page.tags.all()) != row.tags:
        changed.append("tags")
    return changed


def _unique_slug(parent, base):
    base = base[:70].strip("-") or "episode"
    taken = set(parent.get_children().filter(slug__startswith=base).values_list("slug", flat=True))
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    return slug


def _speaker(name, index, user, publish, outcome, speakers):
    speaker = speakers.get(_name_key(name))
    if speaker is not None:
        return speaker
    speaker = SpeakerPage(title=name[:255], slug=_unique_slug(index, slugify(name)), live=False)
    index.add_child(instance=speaker)
    revision = speaker.save_revision(user=user, log_action=True)
    if publish:
        revision.publish(user=user)
    speakers[_name_key(name)] = speaker
    outcome.speakers_created.append(name)
    return speaker


def apply_history(rows, user, publish):
    """Create or update one episode page per row, by series number, in one transaction.

    ``publish``: publish every page changed (and every speaker created); otherwise changes stay
    drafts for a moderator to publish. A page whose latest content matches its row (and, when
    publishing, is live without unpublished changes) is not touched. Raises HistoryError when the
    site has no episode index or speaker index to put new pages under. Returns an Outcome.
    """
    episode_index = EpisodeIndexPage.objects.first()
    speaker_index = SpeakerIndexPage.objects.first()
    if episode_index is None or speaker_index is None:
        raise HistoryError("Buat dulu halaman daftar webinar dan daftar narasumber di situs.")
    outcome = Outcome()
    with transaction.atomic():
        speakers = _speakers_by_name()
        pages = {
            page.series_number: page
            for page in EpisodePage.objects.filter(series_number__in=[row.series_number for row in rows])
        }
        for row in sorted(rows, key=lambda row: row.series_number):
            people = [
                (_speaker(name, speaker_index, user, publish, outcome, speakers).pk, role)
                for name, role in row.people
            ]
            page = pages.get(row.series_number)
            if page is None:
                page = EpisodePage(series_number=row.series_number, live=False)
                page.slug = _unique_slug(episode_index, slugify(f"seri-{row.series_number}-{row.title}"))
                _fill(page, row, people)
                episode_index.add_child(instance=page)
                outcome.created.append(row.series_number)
            else:
                draft = page.get_latest_revision_as_object()
                if not _differences(draft, row, people):
                    if not _needs_publish(page, publish):
                        outcome.unchanged.append(row.series_number)
                        continue
                    page.get_latest_revision().publish(user=user)
                    outcome.updated.append(row.series_number)
                    continue
                page = draft
                _fill(page, row, people)
                outcome.updated.append(row.series_number)
            revision = page.save_revision(user=user, log_action=True)
            if publish:
                revision.publish(user=user)
    return outcome


def _fill(page, row, people):
    for name, value in _values(row).items():
        setattr(page, name, value)
    page.speaker_roles = [
        EpisodeSpeaker(speaker_id=speaker_id, role=role, sort_order=position)
        for position, (speaker_id, role) in enumerate(people)
    ]
    page.tags.clear()
    page.tags.add(*row.tags)
