"""The register of certificates issued before this site, imported from the agency's CSV or XLSX.

``import_register(file, filename)`` streams the file (``core.tables.stream_rows``: one row in
memory at a time, plus the numbers seen so far) and stores each good row as a
``LegacyCertificate`` with bulk inserts of ``BATCH_SIZE`` rows. Columns (header row, any order,
any case; documented in ``docs/legacy-certificates.md``):

=============  ======================================================================
``nomor``      the number as printed (required, at most 64 characters)
``nama``       the holder's name as printed (required)
``email``      the holder's email, and/or
``nip``        the holder's 18-digit NIP (at least one of the two)
``seri``       the episode's series number (required)
``tanggal``    the episode's date, day first (14/03/2024, 2024-03-14, an Excel date)
``jp``         the JP the certificate records (required, 1–100)
=============  ======================================================================

Nothing is merged or overwritten. A row whose number is already stored with the same holder,
series and JP is *unchanged* (so importing the same file again is a no-op); a number already
stored for something else, one a certificate of this site carries, or one given in two rows of
the file (both rows) is a *conflict*; a row that cannot be read is *invalid*. Conflicts and
invalid rows are reported with their line and left out; the other rows are stored.
"""

import datetime
import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Q

from core import tables
from webinars.attendance.meeting_reports import parse_datetime
from webinars.certificates.models import (
    Certificate,
    LegacyCertificate,
    legacy_number_key,
    parse_certificate_number,
)
from webinars.registrations.signals import participation_changed

BATCH_SIZE = 2000
# Problems listed in full; beyond this only counted (a wrong file would list 75,000 lines).
MAX_PROBLEMS_LISTED = 500
COLUMNS = {
    "number": ("nomor", "nomor sertifikat", "no sertifikat", "no. sertifikat"),
    "full_name": ("nama", "nama peserta", "nama lengkap"),
    "email": ("email", "e-mail", "surel", "alamat email"),
    "nip": ("nip",),
    "series_number": ("seri", "seri ke-", "nomor seri"),
    "episode_date": ("tanggal", "tanggal acara"),
    "jp": ("jp", "nilai jp"),
}
REQUIRED = ("number", "full_name", "series_number", "episode_date", "jp")
COMPARED = ("full_name", "email", "nip", "series_number", "episode_date", "jp")


class RegisterError(tables.TableError):
    """The file as a whole cannot be imported (no header with the required columns)."""


@dataclass(frozen=True)
class Problem:
    line: int
    number: str
    message: str


@dataclass
class RegisterOutcome:
    """What an import did: rows stored, already present, in conflict, unreadable, and the first
    ``MAX_PROBLEMS_LISTED`` problems by line."""

    created: int = 0
    unchanged: int = 0
    conflicts: int = 0
    invalid: int = 0
    problems: list = field(default_factory=list)

    def report(self, line, number, message, conflict):
        if conflict:
            self.conflicts += 1
        else:
            self.invalid += 1
        if len(self.problems) < MAX_PROBLEMS_LISTED:
            self.problems.append(Problem(line, number, message))

    @property
    def problems_not_listed(self):
        return self.conflicts + self.invalid - len(self.problems)


def _header(cells):
    aliases = {alias: key for key, names in COLUMNS.items() for alias in names}
    found = tables.find_columns(cells, aliases)
    missing = [COLUMNS[key][0] for key in REQUIRED if key not in found]
    if missing:
        raise RegisterError(
            f"Kolom wajib tidak ditemukan: {', '.join(missing)}. Baris pertama berkas harus berisi "
            "judul kolom: nomor, nama, email dan/atau nip, seri, tanggal, jp."
        )
    if "email" not in found and "nip" not in found:
        raise RegisterError("Berkas harus punya kolom email atau nip (atau keduanya).")
    return found


_text = tables.cell_text


def _whole(value, label, low, high):
    if isinstance(value, int | float) and not isinstance(value, bool) and float(value).is_integer():
        number = int(value)
    else:
        text = _text(value)
        if not re.fullmatch(r"\d{1,9}", text):
            raise ValidationError(f"{label} harus bilangan bulat (tertulis “{text}”).")
        number = int(text)
    if not low <= number <= high:
        raise ValidationError(f"{label} {number} di luar batas {low}–{high}.")
    return number


def _date(value):
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = _text(value)
    try:
        # A date alone: parse_datetime needs a clock, so give it midnight.
        return parse_datetime(f"{text} 00:00", day_first=True).date() if text else None
    except ValueError:
        pass
    raise ValidationError(f"Tanggal “{text}” tidak terbaca; tulis mis. 14/03/2024 atau 2024-03-14.")


def _row(cells, columns):
    """The LegacyCertificate of one row (not saved); ValidationError listing every problem."""
    record = tables.RecordReader(cells, columns)
    cell, check, problems = record.cell, record.check, record.problems

    number = check(_text, cell("number")) or ""
    key = legacy_number_key(number)
    if not key:
        problems.append("Nomor sertifikat kosong.")
    elif len(number) > 64:
        problems.append("Nomor sertifikat lebih dari 64 karakter.")
    full_name = check(_text, cell("full_name")) or ""
    if not full_name:
        problems.append("Nama kosong.")
    elif len(full_name) > 150:
        problems.append("Nama lebih dari 150 karakter.")
    email = (check(_text, cell("email")) or "").lower()
    if email:
        try:
            validate_email(email)
        except ValidationError:
            problems.append(f"Email “{email}” tidak benar.")
    nip = re.sub(r"[\s.\-]", "", check(_text, cell("nip")) or "")
    if isinstance(cell("nip"), int | float) and not isinstance(cell("nip"), bool):
        # Excel keeps 15 significant digits of a number: an 18-digit NIP typed as one has lost
        # its last three.
        problems.append(
            "NIP tersimpan sebagai angka di Excel sehingga angka terakhirnya hilang; "
            "format kolom NIP sebagai Teks lalu ketik ulang."
        )
    elif nip and not re.fullmatch(r"\d{18}", nip):
        problems.append(f"NIP “{nip}” harus 18 angka.")
    if not email and not nip:
        problems.append("Isi email atau NIP pemegang sertifikat.")
    series_number = check(_whole, cell("series_number"), "Nomor seri", 1, 9999)
    episode_date = check(_date, cell("episode_date"))
    if episode_date is None and not any(problem.startswith("Tanggal") for problem in problems):
        problems.append("Tanggal kosong.")
    jp = check(_whole, cell("jp"), "JP", 1, 100)
    if problems:
        raise ValidationError(problems)
    return LegacyCertificate(
        number=number,
        number_key=key,
        full_name=full_name,
        email=email,
        nip=nip,
        series_number=series_number,
        episode_date=episode_date,
        jp=jp,
    )


def _records(file, filename):
    """(line, cells) of the rows under the header, and the header's columns, from the stream."""
    rows = tables.stream_rows(file, filename)
    for _line, cells in rows:
        if not tables.is_blank(cells):
            columns = _header(cells)
            break
    else:
        raise RegisterError("Berkas tidak berisi judul kolom maupun baris sertifikat.")
    return columns, rows


def _repeated_numbers(file, filename):
    """The number keys that appear in more than one row of the file (a first streamed pass)."""
    columns, rows = _records(file, filename)
    index = columns["number"]
    seen, repeated = set(), set()
    for _line, cells in rows:
        key = legacy_number_key(str(cells[index] or "") if index < len(cells) else "")
        if key in seen:
            repeated.add(key)
        seen.add(key)
    repeated.discard("")
    return repeated


def import_register(file, filename="", user=None):
    """Store the register in ``file`` (a binary file object that can seek), each new row marked
    as imported by ``user``; see the module for what counts as created, unchanged, conflict and
    invalid. Raises ``tables.TableError`` when
    the file cannot be read at all. Returns a RegisterOutcome."""
    repeated = _repeated_numbers(file, filename)
    columns, rows = _records(file, filename)
    outcome = RegisterOutcome()
    batch = []
    for line, cells in rows:
        if tables.is_blank(cells):
            continue
        index = columns["number"]
        shown = " ".join(str(cells[index] or "").split())[:64] if index < len(cells) else ""
        try:
            certificate = _row(cells, columns)
            certificate.imported_by = user
        except ValidationError as error:
            outcome.report(line, shown, " ".join(error.messages), conflict=False)
            continue
        if certificate.number_key in repeated:
            outcome.report(line, shown, "Nomor ini ada di lebih dari satu baris berkas.", conflict=True)
            continue
        batch.append((line, certificate))
        if len(batch) >= BATCH_SIZE:
            _store(batch, outcome)
            batch = []
    if batch:
        _store(batch, outcome)
    if outcome.created:
        # The archive's certificate figures read the register.
        participation_changed.send(sender=LegacyCertificate, episode=None)
    return outcome


def _store(batch, outcome):
    keys = [certificate.number_key for _line, certificate in batch]
    stored = {
        existing.number_key: existing for existing in LegacyCertificate.objects.filter(number_key__in=keys)
    }
    # A number in the site's own format ("ASNA-041-00017") may belong to a certificate issued here.
    site_numbers = {}
    for _line, certificate in batch:
        number = parse_certificate_number(certificate.number)
        if number:
            site_numbers[number] = certificate.number_key
    on_site = set(Certificate.objects.filter(number__in=list(site_numbers)).values_list("number", flat=True))
    on_site_keys = {site_numbers[number] for number in on_site}
    new = []
    for line, certificate in batch:
        existing = stored.get(certificate.number_key)
        if certificate.number_key in on_site_keys:
            outcome.report(
                line,
                certificate.number,
                "Nomor ini dipakai sertifikat yang diterbitkan situs.",
                conflict=True,
            )
        elif existing is None:
            new.append(certificate)
        elif all(getattr(existing, name) == getattr(certificate, name) for name in COMPARED):
            outcome.unchanged += 1
        else:
            outcome.report(
                line,
                certificate.number,
                f"Nomor ini sudah tercatat untuk {existing.full_name} (seri {existing.series_number}); "
                "tidak digabung.",
                conflict=True,
            )
    with transaction.atomic():
        LegacyCertificate.objects.bulk_create(new, batch_size=BATCH_SIZE)
    outcome.created += len(new)


# Reading it back
# ---------------


def find_by_number(text):
    """The LegacyCertificate whose number is ``text`` however it was typed (case, spaces and
    punctuation set aside), or None."""
    key = legacy_number_key(text)
    return LegacyCertificate.objects.filter(number_key=key).first() if key else None


def for_holder(email, nip, proven_email=False):
    """The legacy certificates of the person who proved ``email`` with ``nip`` (digits, or "").

    A row with a NIP is listed when the NIP matches and its email (if any) too; a row without a
    NIP when its email matches and ``proven_email`` (a registration of the site confirms the
    address belongs to this person). Newest first."""
    condition = Q(pk__in=[])
    if nip:
        condition |= Q(nip=nip) & (Q(email="") | Q(email=email))
    if proven_email and email:
        condition |= Q(email=email) & (Q(nip="") | Q(nip=nip) if nip else Q())
    return list(LegacyCertificate.objects.filter(condition).order_by("-episode_date", "-series_number"))
