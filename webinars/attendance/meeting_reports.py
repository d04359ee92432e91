"""Reading the attendance report a meeting platform exports, into one row per stay of a participant.

``read_report(data, filename)`` takes the uploaded bytes and returns a ``Report``: the layout it
recognised and a ``ReportRow`` per stay (a rejoin is a row of its own; the matching in
``report_matching.py`` adds a person's rows up). Where each layout comes from, with a sample of
each kept in ``tests/webinars/attendance/reports/``, is in ``docs/attendance-formats.md``.

=================================  ==============================================================
``layout``                         the report
=================================  ==============================================================
``zoom-participants``              Zoom: Reports › Usage › Participants › Export
``zoom-participants-meeting-data`` the same with "Export with meeting data": a meeting block above
                                   the table, or one header row that repeats User Email and
                                   Duration (Minutes), the host's and the meeting's first
``zoom-unique-users``              the same with "Show unique users" (Total Duration (Minutes))
``zoom-unique-users-meeting-data`` both options
``zoom-webinar-attendees``         Zoom Webinar: Reports › Webinar › Attendee report
``google-meet``                    Google Meet attendance report (Sheets, CSV or XLSX)
``teams``                          Microsoft Teams attendance report ("1. Summary",
                                   "2. Participants", "3. In-Meeting activities")
``teams-legacy``                   the older Teams list of Joined/Left events
``generic``                        any table with a name and a duration, or join and leave times
=================================  ==============================================================

What decides a participant's minutes:

* Only the participant's own row. The meeting block, the Teams summary and the webinar's Host
  and Panelist sections are never read. On a header row that also carries the meeting's columns
  (Zoom's one-header "with meeting data"), only the columns from the participant's name onwards
  count, and a repeated column name means its last occurrence.
* Seconds are rounded down to whole minutes, per row.

No library reads these reports (their layouts are the platforms' own, and change between export
options), so the reading is ours; the CSV and XLSX underneath are read by ``core/tables.py``
(the standard library's ``csv`` and openpyxl), like every other upload. Files come as the
platform wrote them or as Excel in an Indonesian locale saved them again: UTF-8 with or without
a byte-order mark, UTF-16 (little or big endian, with or without one), Windows-1252; comma,
semicolon or tab; preambles and repeated column names.
"""

import datetime
import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

from core import tables

MAX_BYTES = 5 * 1024 * 1024
# Where a time-only value ("9:01 AM", Google Meet's "Time joined") is placed: on one fixed day,
# so a person's stays within the report can still be compared.
TIME_ONLY_DAY = datetime.date(2000, 1, 1)


class ReportError(tables.TableError):
    """The file cannot be read as an attendance report; the message says why in Indonesian and,
    for a bad row, names its line."""


@dataclass(frozen=True)
class ReportRow:
    """One stay of one participant, as the report gives it.

    ``line``: the line (CSV) or row (XLSX) of the file it starts on (for a legacy Teams
    Joined/Left pair, the "Joined" line); ``name`` as written in the report, spaces collapsed;
    ``email`` lower-cased, or ""; ``minutes``: whole minutes, seconds rounded down; ``source``: in
    Indonesian, where the minutes came from ("Duration (Minutes), baris 12"); ``joined`` and
    ``left``: naive local times of the stay when the report gives them (time-only values sit on
    ``TIME_ONLY_DAY``), else None.
    """

    line: int
    name: str
    email: str
    minutes: int
    source: str
    joined: datetime.datetime | None = None
    left: datetime.datetime | None = None


@dataclass(frozen=True)
class Report:
    """A report read: ``layout`` (a key of ``LAYOUT_LABELS``), its Indonesian label, and the rows
    in the order of the file (legacy Teams: per person in order of first appearance)."""

    layout: str
    layout_label: str
    rows: list[ReportRow]


LAYOUT_LABELS = {
    "zoom-participants": "Zoom – laporan Participants (Reports › Usage)",
    "zoom-participants-meeting-data": "Zoom – laporan Participants, diekspor dengan data rapat",
    "zoom-unique-users": "Zoom – laporan Participants, pengguna unik (total durasi per orang)",
    "zoom-unique-users-meeting-data": "Zoom – laporan Participants, pengguna unik, dengan data rapat",
    "zoom-webinar-attendees": "Zoom Webinar – Attendee Report (bagian Attendee Details)",
    "google-meet": "Google Meet – laporan kehadiran",
    "teams": "Microsoft Teams – laporan kehadiran (bagian Participants)",
    "teams-legacy": "Microsoft Teams – daftar hadir lama (Joined/Left)",
    "generic": "Tabel kehadiran (nama, dengan durasi atau waktu bergabung dan keluar)",
}

# Column names, compared case-insensitively with spaces collapsed; earlier names win.
NAME_ZOOM = (
    "name (original name)",
    "user name (original name)",
    "nama (nama asli)",
    "nama pengguna (nama asli)",
)
NAME_STRONG = ("full name", "nama lengkap", "participant name", "nama peserta", "attendee name")
# "User Name" is the host in Zoom's meeting block: these are not names on a row with meeting columns.
NAME_WEAK = ("name", "nama", "user name", "nama pengguna", "display name", "nama tampilan")
FIRST_NAME = ("first name", "nama depan")
LAST_NAME = ("last name", "nama belakang")
EMAIL = ("user email", "email pengguna", "email", "e-mail", "email address", "alamat email", "surel")
EMAIL_FALLBACK = ("participant id (upn)",)
DURATION_TOTAL = ("total duration (minutes)", "total durasi (menit)", "durasi total (menit)")
DURATION = (
    "duration (minutes)",
    "durasi (menit)",
    "time in session (minutes)",
    "waktu dalam sesi (menit)",
    "in-meeting duration",
    "durasi dalam rapat",
    "duration",
    "durasi",
)
JOIN = ("join time", "waktu bergabung", "first join", "time joined", "joined", "waktu masuk", "jam masuk")
LEAVE = ("leave time", "waktu keluar", "last leave", "time exited", "left", "jam keluar")
ACTION = ("user action", "tindakan pengguna")
TIMESTAMP = ("timestamp", "stempel waktu", "tanda waktu")
ATTENDED = ("attended", "hadir")
MEETING_COLUMNS = frozenset(
    {
        "meeting id",
        "topic",
        "participants",
        "start time",
        "end time",
        "has zoom rooms",
        "creation time",
        "department",
        "group",
        "webinar id",
        "id rapat",
        "topik",
        "peserta",
        "waktu mulai",
        "waktu berakhir",
        "nama host",
        "host name",
        "total menit peserta",
    }
)
ALL_COLUMN_NAMES = (
    frozenset(
        NAME_ZOOM
        + NAME_STRONG
        + NAME_WEAK
        + FIRST_NAME
        + LAST_NAME
        + EMAIL
        + EMAIL_FALLBACK
        + DURATION_TOTAL
        + DURATION
        + JOIN
        + LEAVE
        + ACTION
        + TIMESTAMP
        + ATTENDED
    )
    | MEETING_COLUMNS
)
# What the registrar is told to look for when a column is missing.
EXPECTED_NAME = (
    "Name (Original Name), User Name (Original Name), Nama (nama asli), Full Name, Nama Lengkap, "
    "First Name + Last Name, Nama depan + Nama belakang, Name, Nama"
)
EXPECTED_DURATION = (
    "Duration (Minutes), Total Duration (Minutes), Durasi (Menit), Total Durasi (Menit), "
    "Time in Session (minutes), In-Meeting Duration, Duration, Durasi"
)
EXPECTED_JOIN_LEAVE = (
    "Join Time + Leave Time, Waktu bergabung + Waktu keluar, First Join + Last Leave, "
    "Time joined + Time exited"
)

# Sections never credited: the host, the speakers, the meeting's summary, the registrations.
SECTIONS_NOT_CREDITED = frozenset(
    {
        "host details",
        "panelist details",
        "registration report",
        "registrant details",
        "performance report",
        "poll report",
        "summary",
        "ringkasan",
    }
)
SECTIONS_OTHER = SECTIONS_NOT_CREDITED | {"attendee report", "report generated"}
SECTIONS_ATTENDEES = frozenset({"attendee details", "other attended"})
NUMBERED_SECTION = re.compile(r"^(\d{1,2})\s*\.\s*\S")

ATTENDED_NO = frozenset({"no", "tidak", "n", "false"})
ACTION_JOIN = frozenset({"joined", "joined before", "bergabung", "bergabung sebelumnya", "join"})
ACTION_LEAVE = frozenset({"left", "keluar", "meninggalkan", "leave"})
EMPTY_CELLS = frozenset({"", "--", "-", "—", "NA", "N/A", "n/a"})
QUOTES = "\"'“”‘’"
NEEDS_NORMALISING = re.compile(r"[\ufeff\u00a0\t\r\n]|\s{2}")


def read_report(data, filename=""):
    """The ``Report`` in these bytes of an uploaded CSV or XLSX file (at most ``MAX_BYTES``).

    XLSX is recognised by its zip signature, not by ``filename``, which only names the file in
    messages. Raises ReportError, with an Indonesian message, for an empty, oversized, old
    ``.xls`` or unreadable file, a file with no participant table (the message names the columns
    missing and what was expected), a table without participant rows, and a row whose duration
    or times cannot be read (the message names the line).
    """
    label = tables.file_label(filename)
    if len(data) > MAX_BYTES:
        raise ReportError(
            _("%(file)s terlalu besar (%(size).1f MB); batasnya 5 MB.")
            % {"file": label, "size": len(data) / (1024 * 1024)}
        )
    try:
        if tables.check_kind(data[: tables.SNIFF_BYTES], label):
            return _read_first_table(tables.xlsx_sheets(data, label))
        text = tables.decode(data, label)
        return _read_first_table([tables.csv_rows(text, delimiter, label) for delimiter in (",", ";", "\t")])
    except tables.TableError as error:
        raise ReportError(str(error)) from None


# Finding the participant table
# -----------------------------


def _norm(value):
    """A header cell compared: byte-order mark, quotes and outer spaces gone, spaces collapsed, casefolded."""
    if value is None:
        return ""
    if isinstance(value, str):
        text = value.strip()
        if not text:
            return ""
        if not (NEEDS_NORMALISING.search(text) or text[0] in QUOTES or text[-1] in QUOTES):
            return text.casefold()
    text = str(value).replace("\ufeff", "").replace("\u00a0", " ").strip().strip(QUOTES).strip()
    return re.sub(r"\s+", " ", text).casefold()


def _is_blank(cells):
    return all(_norm(cell) == "" for cell in cells)


@dataclass(frozen=True)
class Columns:
    """Where each column of a header row is (None: absent), and the names it was found under."""

    name: int | None
    name_alias: str
    first: int | None
    last: int | None
    email: int | None
    email_fallback: int | None
    duration: int | None
    duration_alias: str
    join: int | None
    leave: int | None
    action: int | None
    timestamp: int | None
    attended: int | None
    meeting_level: bool
    headers: tuple

    @property
    def has_name(self):
        return self.name is not None or self.first is not None

    @property
    def legacy(self):
        return self.has_name and self.action is not None and self.timestamp is not None

    @property
    def usable(self):
        has_minutes = self.duration is not None or (self.join is not None and self.leave is not None)
        return self.legacy or (self.has_name and has_minutes)


def _pick(cells, aliases, start=0):
    """(index, alias) of the last cell from ``start`` equal to the first of ``aliases`` present."""
    for alias in aliases:
        found = [index for index, cell in enumerate(cells) if cell == alias and index >= start]
        if found:
            return found[-1], alias
    return None, ""


def _columns(raw, normed=None):
    """The Columns of a candidate header row."""
    cells = list(normed) if normed is not None else [_norm(cell) for cell in raw]
    meeting_level = any(cell in MEETING_COLUMNS for cell in cells)
    name, name_alias = _pick(cells, NAME_ZOOM + NAME_STRONG)
    first, _alias = _pick(cells, FIRST_NAME)
    if name is None and first is None and not meeting_level:
        name, name_alias = _pick(cells, NAME_WEAK)
    # With the meeting's columns on the same row, the participant's start at the participant's name.
    start = 0
    if meeting_level:
        anchors = [index for index in (name, first) if index is not None]
        start = min(anchors) if anchors else len(cells)
    duration, duration_alias = _pick(cells, DURATION_TOTAL + DURATION, start)
    headers = tuple(
        "" if cell is None else str(cell).replace("\ufeff", "").strip().strip('"').strip() for cell in raw
    )
    return Columns(
        name=name,
        name_alias=name_alias,
        first=first,
        last=_pick(cells, LAST_NAME, start)[0],
        email=_pick(cells, EMAIL, start)[0],
        email_fallback=_pick(cells, EMAIL_FALLBACK, start)[0],
        duration=duration,
        duration_alias=duration_alias,
        join=_pick(cells, JOIN, start)[0],
        leave=_pick(cells, LEAVE, start)[0],
        action=_pick(cells, ACTION, start)[0],
        timestamp=_pick(cells, TIMESTAMP, start)[0],
        attended=_pick(cells, ATTENDED, start)[0],
        meeting_level=meeting_level,
        headers=headers,
    )


def _section_title(normed):
    """The section a title row opens ("attendee details", "2. participants"), or None."""
    filled = [cell for cell in normed if cell != ""]
    if not filled:
        return None
    first = filled[0].rstrip(":").strip()
    if len(filled) == 1 and (first in SECTIONS_ATTENDEES or first in SECTIONS_OTHER):
        return first
    if first == "report generated" and len(filled) <= 2:
        return first
    if len(filled) == 1 and NUMBERED_SECTION.match(first):
        return first
    return None


@dataclass(frozen=True)
class Table:
    section: str
    header_index: int
    end_index: int
    columns: Columns
    after_meeting_block: bool


def _row_kind(cells):
    """(section title, Columns) of a row; (None, None) for an ordinary data row."""
    normed = [_norm(cell) for cell in cells]
    title = _section_title(normed)
    if title is not None:
        return title, None
    if ALL_COLUMN_NAMES.isdisjoint(normed):
        return None, None
    return None, _columns(cells, normed)


def _find_tables(grid):
    """Every table of a grid with a usable header, and the section it sits in."""
    kinds = [_row_kind(cells) for _line, cells in grid]
    tables = []
    section = ""
    meeting_block_seen = False
    index = 0
    while index < len(grid):
        title, columns = kinds[index]
        if title is not None:
            section = title
            index += 1
            continue
        if columns is not None and columns.usable:
            end = index + 1
            while end < len(grid):
                next_title, next_columns = kinds[end]
                if next_title is not None or (next_columns is not None and next_columns.usable):
                    break
                end += 1
            tables.append(Table(section, index, end, columns, meeting_block_seen))
            index = end
            continue
        if columns is not None and columns.meeting_level and not columns.has_name:
            meeting_block_seen = True
        index += 1
    return tables


def _tables_to_read(tables):
    """The webinar's attendee sections, Teams' section 2, or else the first table outside the
    sections never credited; empty when only those (host, panelists, summary) have a table."""
    attendees = [table for table in tables if table.section in SECTIONS_ATTENDEES]
    if attendees:
        return attendees
    numbered = [table for table in tables if NUMBERED_SECTION.match(table.section)]
    if numbered:
        participants = [table for table in numbered if table.section.startswith("2")]
        return [participants[0] if participants else numbered[0]]
    return [table for table in tables if table.section not in SECTIONS_NOT_CREDITED][:1]


def _read_first_table(grids):
    """Read the participant table of the grid (separator or worksheet) whose table is widest."""
    best = None
    only_not_credited = False
    for grid in grids:
        tables = _find_tables(grid)
        if not tables:
            continue
        chosen = _tables_to_read(tables)
        if not chosen:
            only_not_credited = True
            continue
        width = sum(1 for header in chosen[0].columns.headers if header)
        if best is None or width > best[0]:
            best = (width, grid, chosen)
    if best is None:
        if only_not_credited:
            raise ReportError(
                _(
                    "Laporan hanya berisi bagian host, narasumber (panelist) atau ringkasan rapat; "
                    "bagian peserta (Attendee Details / Participants) tidak ada, jadi tidak ada menit "
                    "yang dapat dicatat."
                )
            )
        raise ReportError(_missing_columns_message(grids))
    _width, grid, chosen = best
    return _read_tables(grid, chosen)


def _missing_columns_message(grids):
    """Which columns the most header-like row of the file lacks, and which names were expected."""
    best_row, best_score = None, (-1, -1)
    for grid in grids:
        for line, cells in grid[:300]:
            if _is_blank(cells):
                continue
            columns = _columns(cells)
            score = (
                2 * columns.has_name
                + (columns.duration is not None)
                + (columns.join is not None)
                + (columns.leave is not None)
                + (columns.email is not None),
                sum(1 for header in columns.headers if header),
            )
            if score > best_score:
                best_score, best_row = score, (line, columns)
    parts = [_("Tabel peserta tidak ditemukan.")]
    if best_row is None or not best_row[1].has_name:
        parts.append(_("Kolom nama tidak ditemukan. Diharapkan salah satu dari: %s.") % EXPECTED_NAME)
    if best_row is None or best_row[1].duration is None:
        parts.append(
            _(
                "Kolom durasi tidak ditemukan. Diharapkan salah satu dari: %(duration)s; "
                "atau pasangan kolom: %(times)s."
            )
            % {"duration": EXPECTED_DURATION, "times": EXPECTED_JOIN_LEAVE}
        )
    if best_row is not None:
        present = [header[:40] for header in best_row[1].headers if header][:12]
        if present:
            parts.append(
                _("Kolom yang ada (baris %(line)d): %(columns)s.")
                % {"line": best_row[0], "columns": ", ".join(present)}
            )
    return " ".join(parts)


# Reading the rows
# ----------------


def _cell(cells, index):
    if index is None or index >= len(cells):
        return None
    value = cells[index]
    if isinstance(value, str):
        value = value.replace("\ufeff", "").strip()
        if value in EMPTY_CELLS:
            return None
    return value


def _text(value):
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return re.sub(r"\s+", " ", str(value)).strip()


def _email(cells, columns):
    for index in (columns.email, columns.email_fallback):
        value = _text(_cell(cells, index)).casefold()
        if "@" in value and " " not in value:
            return value
    return ""


def _name(cells, columns):
    if columns.name is not None:
        return _text(_cell(cells, columns.name))
    parts = [_text(_cell(cells, columns.first)), _text(_cell(cells, columns.last))]
    return " ".join(part for part in parts if part)


def _layout(tables):
    """The key of LAYOUT_LABELS for the tables read."""
    table = tables[0]
    columns = table.columns
    names = {_norm(header) for header in columns.headers}
    if columns.legacy:
        return "teams-legacy"
    webinar_columns = "time in session (minutes)" in names and columns.attended is not None
    if table.section in SECTIONS_ATTENDEES or webinar_columns:
        return "zoom-webinar-attendees"
    if NUMBERED_SECTION.match(table.section) or names & {
        "in-meeting duration",
        "first join",
        "last leave",
        "participant id (upn)",
    }:
        return "teams"
    if names & {"time joined", "time exited"} or (
        columns.first is not None
        and columns.name is None
        and columns.duration_alias in ("duration", "durasi")
    ):
        return "google-meet"
    if columns.name_alias in NAME_ZOOM or columns.duration_alias in (
        *DURATION_TOTAL,
        "duration (minutes)",
        "durasi (menit)",
    ):
        base = "zoom-unique-users" if columns.duration_alias in DURATION_TOTAL else "zoom-participants"
        with_meeting_data = columns.meeting_level or table.after_meeting_block
        return base + ("-meeting-data" if with_meeting_data else "")
    return "generic"


def _read_tables(grid, tables):
    layout = _layout(tables)
    rows = []
    for table in tables:
        body = grid[table.header_index + 1 : table.end_index]
        if table.columns.legacy:
            rows.extend(_legacy_rows(body, table.columns))
        else:
            rows.extend(_stay_rows(body, table.columns))
    if not rows:
        raise ReportError(
            _(
                "Tabel peserta ditemukan (judul kolom di baris %(line)d), tetapi tidak ada baris "
                "peserta di bawahnya."
            )
            % {"line": grid[tables[0].header_index][0]}
        )
    return Report(layout=layout, layout_label=LAYOUT_LABELS[layout], rows=rows)


def _day_first(values):
    """Whether the column's numeric dates put the day first: a day above 12 decides; else AM/PM
    means month first (US) and none means day first (as Excel in an Indonesian locale writes)."""
    day_first_votes = month_first_votes = 0
    has_meridiem = False
    for value in values:
        if not isinstance(value, str):
            continue
        match = NUMERIC_DATE.search(value)
        if not match or len(match.group(1)) == 4:
            continue
        first, second = int(match.group(1)), int(match.group(2))
        if first > 12 >= second:
            day_first_votes += 1
        elif second > 12 >= first:
            month_first_votes += 1
        if re.search(r"\b[ap]\.?m\.?\b", value, re.IGNORECASE):
            has_meridiem = True
    if day_first_votes or month_first_votes:
        return day_first_votes >= month_first_votes
    return not has_meridiem


def _clock(moment):
    return f"{moment.hour:02d}.{moment.minute:02d}"


def _stay(joined, left, day_first):
    """(start, end) of a stay, or None when either time is missing or unreadable."""
    if joined is None or left is None:
        return None
    try:
        start, end = parse_datetime(joined, day_first), parse_datetime(left, day_first)
    except ValueError:
        return None
    if end < start and start.date() == end.date() == TIME_ONLY_DAY:
        end += datetime.timedelta(days=1)  # time-only values across midnight
    return (start, end) if end >= start else None


def _stay_rows(body, columns):
    """Rows of a table with a duration column, or join and leave columns, or both."""
    day_first = _day_first(
        _cell(cells, index) for _line, cells in body for index in (columns.join, columns.leave)
    )
    duration_header = columns.headers[columns.duration] if columns.duration is not None else ""
    rows = []
    for line, cells in body:
        if _is_blank(cells):
            continue
        name, email = _name(cells, columns), _email(cells, columns)
        if not name and not email:
            continue
        if columns.attended is not None and _norm(_cell(cells, columns.attended)) in ATTENDED_NO:
            continue
        who = name or email
        joined, left = _cell(cells, columns.join), _cell(cells, columns.leave)
        stay = _stay(joined, left, day_first)
        raw = _cell(cells, columns.duration)
        if raw is not None:
            try:
                minutes = parse_duration(raw)
            except ValueError:
                raise ReportError(
                    _(
                        "Baris %(line)d: durasi %(value)r untuk %(who)r tidak dapat dibaca "
                        "(kolom %(column)s). Contoh yang dikenali: 45, 12,5, 1:05:00, 1 jam 5 mnt, "
                        "45 menit, 1 hr 5 min, 1h 2m 3s."
                    )
                    % {"line": line, "value": _text(raw), "who": who, "column": duration_header}
                ) from None
            source = _("%(column)s, baris %(line)d") % {"column": duration_header, "line": line}
            rows.append(ReportRow(line, name, email, minutes, source, *(stay or (None, None))))
            continue
        if joined is None or left is None:
            raise ReportError(
                _("Baris %(line)d: durasi dan waktu bergabung/keluar kosong untuk %(who)r.")
                % {"line": line, "who": who}
                if columns.join is not None
                else _("Baris %(line)d: durasi kosong untuk %(who)r.") % {"line": line, "who": who}
            )
        if stay is None:
            raise ReportError(
                _(
                    "Baris %(line)d: waktu bergabung %(joined)r dan keluar %(left)r untuk %(who)r "
                    "tidak dapat dibaca, atau keluar lebih awal dari bergabung."
                )
                % {"line": line, "joined": _text(joined), "left": _text(left), "who": who}
            )
        start, end = stay
        source = _("Waktu bergabung %(start)s–%(end)s, baris %(line)d") % {
            "start": _clock(start),
            "end": _clock(end),
            "line": line,
        }
        minutes = int((end - start).total_seconds() // 60)
        rows.append(ReportRow(line, name, email, minutes, source, start, end))
    return rows


def _legacy_rows(body, columns):
    """Legacy Teams Joined/Left events paired into one row per stay; a stay never closed runs to the
    report's last time."""
    day_first = _day_first(_cell(cells, columns.timestamp) for _line, cells in body)
    events, latest = {}, None
    for position, (line, cells) in enumerate(body):
        if _is_blank(cells):
            continue
        name = _name(cells, columns)
        if not name:
            continue
        action = _norm(_cell(cells, columns.action))
        if action not in ACTION_JOIN | ACTION_LEAVE:
            raise ReportError(
                _(
                    "Baris %(line)d: tindakan %(action)r untuk %(who)r tidak dikenali "
                    "(diharapkan Joined atau Left)."
                )
                % {"line": line, "action": _text(_cell(cells, columns.action)), "who": name}
            )
        stamp = _cell(cells, columns.timestamp)
        try:
            moment = parse_datetime(stamp, day_first)
        except ValueError:
            raise ReportError(
                _("Baris %(line)d: waktu %(value)r untuk %(who)r tidak dapat dibaca.")
                % {"line": line, "value": _text(stamp), "who": name}
            ) from None
        latest = moment if latest is None or moment > latest else latest
        events.setdefault(name, []).append((moment, position, action in ACTION_JOIN, line))
    rows = []
    for name, person_events in events.items():
        open_stay = None
        for moment, _position, is_join, line in sorted(person_events):
            if is_join:
                open_stay = open_stay or (moment, line)
                continue
            if open_stay is None:
                continue  # "Left" without a "Joined" before it: nothing to credit
            start, join_line = open_stay
            source = _("Bergabung %(start)s (baris %(join)d), keluar %(end)s (baris %(leave)d)") % {
                "start": _clock(start),
                "join": join_line,
                "end": _clock(moment),
                "leave": line,
            }
            minutes = int((moment - start).total_seconds() // 60)
            rows.append(ReportRow(join_line, name, "", minutes, source, start, moment))
            open_stay = None
        if open_stay is not None:
            start, join_line = open_stay
            source = _(
                "Bergabung %(start)s (baris %(join)d), tanpa catatan keluar: dihitung sampai waktu terakhir "
                "laporan, %(end)s"
            ) % {"start": _clock(start), "join": join_line, "end": _clock(latest)}
            minutes = int((latest - start).total_seconds() // 60)
            rows.append(ReportRow(join_line, name, "", minutes, source, start, latest))
    return rows


# Durations and times
# -------------------

UNIT_SECONDS = {
    **dict.fromkeys(("h", "hr", "hrs", "hour", "hours", "j", "jam"), 3600),
    **dict.fromkeys(("m", "min", "mins", "minute", "minutes", "mnt", "menit", "mn"), 60),
    **dict.fromkeys(("s", "sec", "secs", "second", "seconds", "dtk", "detik", "det"), 1),
}
UNIT_TOKEN = re.compile(r"(\d+(?:[.,]\d+)?)\s*([a-z]+)\.?")
UNIT_FILLER = re.compile(r"^(?:[\s,;]|dan|and)*$")


def parse_duration(value):
    """Whole minutes (seconds and fractions rounded down) in a duration cell.

    Accepts minutes as a number (12, 12.5, "12,5"), clock text ("1:05:30"; "1:05" is hours and
    minutes), units in English or Indonesian ("1h 2m 3s", "1 hr 5 min", "45 min", "30 sec",
    "1 jam 5 mnt", "45 menit", "2 menit 10 detik") and XLSX time or duration cells. Raises
    ValueError for an empty, negative or unrecognised value.
    """
    if value is None or isinstance(value, bool):
        raise ValueError("empty duration")
    if isinstance(value, datetime.timedelta):
        seconds = value.total_seconds()
    elif isinstance(value, datetime.time):
        seconds = value.hour * 3600 + value.minute * 60 + value.second
    elif isinstance(value, int | float):
        if value != value or value < 0:  # NaN or negative
            raise ValueError("bad number")
        return int(value)
    elif isinstance(value, datetime.date):
        raise ValueError("a date is not a duration")
    else:
        seconds = _text_duration_seconds(str(value).strip().casefold().replace("\u00a0", " "))
    if seconds < 0:
        raise ValueError("negative duration")
    return int(seconds // 60)


def _text_duration_seconds(text):
    if not text:
        raise ValueError("empty duration")
    if re.fullmatch(r"\d+", text):
        return int(text) * 60
    if re.fullmatch(r"\d+[.,]\d+", text):
        return int(float(text.replace(",", "."))) * 60
    clock = re.fullmatch(r"(\d{1,3}):(\d{2})(?::(\d{2}))?", text)
    if clock:
        hours, minutes, seconds = int(clock.group(1)), int(clock.group(2)), int(clock.group(3) or 0)
        if minutes > 59 or seconds > 59:
            raise ValueError("bad clock duration")
        return hours * 3600 + minutes * 60 + seconds
    total, rest, cursor = 0.0, [], 0
    for match in UNIT_TOKEN.finditer(text):
        unit = match.group(2)
        if unit not in UNIT_SECONDS:
            raise ValueError(f"unknown unit {unit!r}")
        total += float(match.group(1).replace(",", ".")) * UNIT_SECONDS[unit]
        rest.append(text[cursor : match.start()])
        cursor = match.end()
    if cursor == 0:
        raise ValueError("no duration found")
    rest.append(text[cursor:])
    if not UNIT_FILLER.match("".join(rest)):
        raise ValueError("unexpected text in duration")
    return total


NUMERIC_DATE = re.compile(r"\b(\d{1,4})[/.\-](\d{1,2})[/.\-](\d{2,4})\b")
CLOCK = re.compile(
    r"(?<![\d/.\-])(\d{1,2})[:.](\d{2})(?:[:.](\d{2})(?:[.,]\d+)?)?\s*(a\.?m\.?|p\.?m\.?)?(?![\d/])",
    re.IGNORECASE,
)
ISO_MOMENT = re.compile(
    r"(\d{4})-(\d{2})-(\d{2})[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?\s*(?:Z|[+-]\d{2}:?\d{2})?",
    re.IGNORECASE,
)
# fmt: off
MONTHS = {
    "jan": 1, "feb": 2, "peb": 2, "mar": 3, "apr": 4, "may": 5, "mei": 5, "jun": 6, "jul": 7,
    "aug": 8, "agu": 8, "agt": 8, "agus": 8, "sep": 9, "sept": 9, "oct": 10, "okt": 10,
    "nov": 11, "nop": 11, "dec": 12, "des": 12,
}
# fmt: on
NAMED_DATE_MONTH_FIRST = re.compile(r"\b([a-z]{3,9})\.?\s+(\d{1,2}),?\s+(\d{4})\b", re.IGNORECASE)
NAMED_DATE_DAY_FIRST = re.compile(r"\b(\d{1,2})\s+([a-z]{3,9})\.?,?\s+(\d{4})\b", re.IGNORECASE)
ALLOWED_LEFTOVER = re.compile(
    r"[\s,]*(?:[a-z]{2,5}|utc[+-]?\d*|gmt[+-]?\d*|wib|wita|wit)?[\s,]*", re.IGNORECASE
)


def _month(word):
    word = word.casefold()
    for length in (4, 3):
        if word[:length] in MONTHS:
            return MONTHS[word[:length]]
    raise ValueError(f"unknown month {word!r}")


def _named_date(text):
    """(date, span) of "Mar 28, 2020" or "28 Okt 2026" in the text, or (None, None)."""
    for pattern, month_first in ((NAMED_DATE_MONTH_FIRST, True), (NAMED_DATE_DAY_FIRST, False)):
        for match in pattern.finditer(text):
            try:
                if month_first:
                    found = datetime.date(int(match.group(3)), _month(match.group(1)), int(match.group(2)))
                else:
                    found = datetime.date(int(match.group(3)), _month(match.group(2)), int(match.group(1)))
            except ValueError:
                continue
            return found, match.span()
    return None, None


def _numeric_date(match, day_first):
    first, second, third = match.group(1), match.group(2), match.group(3)
    if len(first) == 4:
        return datetime.date(int(first), int(second), int(third))
    a, b = int(first), int(second)
    year = int(third) + (2000 if len(third) == 2 else 0)
    if a > 12 >= b or (day_first and not b > 12 >= a):
        return datetime.date(year, b, a)
    return datetime.date(year, a, b)


def parse_datetime(value, day_first=True):
    """A join, leave or event time as a naive datetime.

    Accepts XLSX date and time cells, and text such as "12/10/2026 09:00:00 AM" (US, month
    first), "6/1/2021, 2:59:38 PM", "10/07/2025 9:01" and "10-07-2025 09.01" (day first, with
    ``.`` or ``:`` in the time), "15/11/22, 09:30:47", ISO 8601 (any offset dropped),
    "Mar 28, 2020 08:07:27", "12 Okt 2026 09.01", and a time alone ("9:01 AM", "18.02"), placed
    on ``TIME_ONLY_DAY``. ``day_first`` settles a numeric date that could be either (01/02/2026).
    Raises ValueError for anything else.
    """
    if value is None or isinstance(value, int | float):
        raise ValueError("not a time")
    if isinstance(value, datetime.datetime):
        return value.replace(tzinfo=None)
    if isinstance(value, datetime.date):
        return datetime.datetime(value.year, value.month, value.day)
    if isinstance(value, datetime.time):
        return datetime.datetime.combine(TIME_ONLY_DAY, value)
    text = re.sub(r"\s+", " ", str(value).replace("\u00a0", " ")).strip()
    if not text:
        raise ValueError("empty time")
    iso = ISO_MOMENT.fullmatch(text)
    if iso:
        year, month, day, hour, minute = (int(iso.group(k)) for k in range(1, 6))
        return datetime.datetime(year, month, day, hour, minute, int(iso.group(6) or 0))
    day, rest = None, text
    match = NUMERIC_DATE.search(text)
    if match:
        day = _numeric_date(match, day_first)
        rest = text[: match.start()] + " " + text[match.end() :]
    else:
        day, span = _named_date(text)
        if span is not None:
            rest = text[: span[0]] + " " + text[span[1] :]
    clock = CLOCK.search(rest)
    if not clock:
        raise ValueError(f"no time in {text!r}")
    hour, minute, second = int(clock.group(1)), int(clock.group(2)), int(clock.group(3) or 0)
    meridiem = (clock.group(4) or "").replace(".", "").casefold()
    if meridiem:
        if not 1 <= hour <= 12:
            raise ValueError("bad 12-hour clock")
        hour = hour % 12 + (12 if meridiem == "pm" else 0)
    leftover = rest[: clock.start()] + rest[clock.end() :]
    if re.search(r"[0-9a-z]", leftover, re.IGNORECASE) and not ALLOWED_LEFTOVER.fullmatch(leftover):
        raise ValueError(f"unexpected text in {text!r}")
    return datetime.datetime.combine(day or TIME_ONLY_DAY, datetime.time(hour, minute, second))
