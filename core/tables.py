"""Tables people upload (CSV or XLSX), read into rows of cells.

Used by every importer (the meeting reports of ``webinars/attendance/meeting_reports.py``, the
history of ``webinars/episodes/history.py``, the earlier certificates of
``webinars/certificates/legacy.py``), so a file Excel on Windows saved is read the same way
everywhere: UTF-8 with or without a byte-order mark, UTF-16 (little or big endian, with or
without one), Windows-1252; comma, semicolon or tab. XLSX is recognised by its zip signature,
never by the file's name, and read with openpyxl.

Two ways in:

* ``decode()``, ``csv_rows()`` and ``xlsx_sheets()`` read a whole (small) file held in memory;
* ``stream_rows()`` reads the first sheet of a file of any size row by row, holding a row at a
  time (openpyxl's read-only mode, or the CSV decoded as it is read).

Every error is a ``TableError`` whose message, in Indonesian, names the file and, for a broken
row, its line.
"""

import codecs
import csv
import io
import itertools
import zipfile

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from openpyxl import load_workbook

from core.text import clean_text

XLSX_SIGNATURE = b"PK\x03\x04"
OLD_XLS_SIGNATURE = b"\xd0\xcf\x11\xe0"
# What an uploaded XLSX may unpack to per megabyte of file; more is a zip bomb, not a table.
XLSX_UNPACK_RATIO = 16
SNIFF_BYTES = 64 * 1024


class TableError(ValueError):
    """The file cannot be read as a table; the message says why in Indonesian."""


def file_label(filename):
    """How messages name the file: "Berkas riwayat.csv", or "Berkas" without a name."""
    return _("Berkas %(name)s") % {"name": filename} if filename else _("Berkas")


def check_kind(head, label):
    """Raise TableError for an empty file or an old Excel one; True when ``head`` (the file's first
    bytes) is an XLSX (zip) file, False for text."""
    if not head.strip(b" \t\r\n\x00\xef\xbb\xbf\xff\xfe"):
        raise TableError(_("%(file)s kosong.") % {"file": label})
    if head.startswith(OLD_XLS_SIGNATURE):
        raise TableError(
            _(
                "%(file)s berformat Excel lama (.xls). Simpan ulang sebagai .xlsx atau CSV, "
                "lalu unggah kembali."
            )
            % {"file": label}
        )
    return head.startswith(XLSX_SIGNATURE)


def detect_encoding(head):
    """(encoding, bytes to skip) for a CSV whose first bytes are ``head``: a byte-order mark
    decides; else UTF-16 by its NUL bytes, UTF-8 when the head decodes as such, Windows-1252."""
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8", 3
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16", 0
    sample = head[:400]
    half = max(1, len(sample) // 2)
    even_nuls, odd_nuls = sample[0::2].count(0), sample[1::2].count(0)
    if odd_nuls > half * 0.4 and even_nuls < half * 0.1:
        return "utf-16-le", 0
    if even_nuls > half * 0.4 and odd_nuls < half * 0.1:
        return "utf-16-be", 0
    try:
        # A multi-byte character cut at the end of the sample is still UTF-8.
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
    except UnicodeDecodeError:
        # What Excel writes for "CSV (Comma delimited)" on Windows.
        return "cp1252", 0
    return "utf-8", 0


def decode(data, label):
    """CSV bytes as text (see ``detect_encoding``); TableError for a file that is not text."""
    encoding, skip = detect_encoding(data[:SNIFF_BYTES])
    if encoding == "utf-16":
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            raise TableError(
                _("%(file)s tampak UTF-16 tetapi tidak dapat dibaca.") % {"file": label}
            ) from None
    elif encoding == "utf-8" and skip == 3:
        text = data[3:].decode("utf-8", errors="replace")
    else:
        try:
            text = data.decode(encoding, errors="strict" if encoding in ("utf-8", "cp1252") else "replace")
        except UnicodeDecodeError:
            # UTF-8 past the sniffed head broke, or one of the five bytes Windows-1252 leaves
            # undefined: latin-1 takes every byte.
            text = data.decode("cp1252" if encoding == "utf-8" else "latin-1", errors="replace")
    text = text.lstrip("\ufeff")
    if "\x00" in text:
        raise TableError(_("%(file)s bukan berkas CSV maupun XLSX yang dapat dibaca.") % {"file": label})
    return text


def csv_rows(text, delimiter, label):
    """[(first line, cells)] of every CSV record of ``text``, split on ``delimiter``."""
    return list(_csv_records(io.StringIO(text, newline=""), delimiter, label))


def _csv_records(lines, delimiter, label):
    reader = csv.reader(lines, delimiter=delimiter, strict=False)
    previous_end = 0
    try:
        for cells in reader:
            yield previous_end + 1, list(cells)
            previous_end = reader.line_num
    except csv.Error as error:
        raise TableError(
            _("%(file)s: CSV tidak dapat dibaca di baris %(line)d (%(error)s).")
            % {"file": label, "line": previous_end + 1, "error": error}
        ) from None


def sniff_delimiter(first_line):
    """The delimiter of a CSV whose first record is ``first_line``: the most frequent of comma,
    semicolon (Excel in an Indonesian locale) and tab; comma when none."""
    counts = {delimiter: first_line.count(delimiter) for delimiter in (",", ";", "\t")}
    best = max(counts, key=counts.get)
    return best if counts[best] else ","


def _open_workbook(source, size, label, read_only):
    try:
        with zipfile.ZipFile(source) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
            names = set(archive.namelist())
    except zipfile.BadZipFile:
        raise TableError(_("%(file)s bukan berkas XLSX yang utuh.") % {"file": label}) from None
    if unpacked > max(size, 1024 * 1024) * XLSX_UNPACK_RATIO:
        raise TableError(_("%(file)s: isi XLSX terlalu besar setelah dibuka.") % {"file": label})
    if "xl/workbook.xml" not in names:
        raise TableError(_("%(file)s adalah arsip zip, bukan buku kerja Excel (.xlsx).") % {"file": label})
    source.seek(0)
    try:
        return load_workbook(source, data_only=True, read_only=read_only)
    except Exception as error:  # noqa: BLE001 - openpyxl raises many kinds for a broken file
        raise TableError(
            _("%(file)s: XLSX tidak dapat dibaca (%(error)s).")
            % {"file": label, "error": type(error).__name__}
        ) from None


def xlsx_sheets(data, label):
    """[[(row number, cells)] per worksheet] of an XLSX file held in memory."""
    workbook = _open_workbook(io.BytesIO(data), len(data), label, read_only=False)
    sheets = []
    try:
        for sheet in workbook.worksheets:
            values = sheet.iter_rows(
                min_row=1,
                max_row=max(1, sheet.max_row),
                min_col=1,
                max_col=max(1, sheet.max_column),
                values_only=True,
            )
            sheets.append([(number, list(cells)) for number, cells in enumerate(values, start=1)])
    finally:
        workbook.close()
    return sheets


def stream_rows(file, filename=""):
    """(line or row number, cells) of every record of the first sheet of an uploaded CSV or XLSX
    ``file`` (a binary file object that can seek), one at a time: memory stays bounded whatever
    the file's length. Raises TableError as described in the module."""
    label = file_label(filename)
    file.seek(0)
    head = file.read(SNIFF_BYTES)
    file.seek(0, io.SEEK_END)
    size = file.tell()
    file.seek(0)
    if check_kind(head, label):
        yield from _stream_xlsx(file, size, label)
        return
    encoding, skip = detect_encoding(head)
    file.seek(skip)
    # errors="replace": a stray byte shows as "\ufffd" in the preview rather than stopping the import.
    text = io.TextIOWrapper(file, encoding=encoding, errors="replace", newline="")
    try:
        first = text.readline().lstrip("\ufeff")
        for number, cells in _csv_records(itertools.chain([first], text), sniff_delimiter(first), label):
            if any("\x00" in cell for cell in cells):
                raise TableError(
                    _("%(file)s bukan berkas CSV maupun XLSX yang dapat dibaca.") % {"file": label}
                )
            yield number, cells
    finally:
        text.detach()


def _stream_xlsx(file, size, label):
    workbook = _open_workbook(file, size, label, read_only=True)
    try:
        sheet = workbook.worksheets[0]
        for number, cells in enumerate(sheet.iter_rows(values_only=True), start=1):
            yield number, list(cells)
    finally:
        workbook.close()


# Rows to values
# --------------


def header_key(value):
    """A header cell as compared: byte-order mark and odd spaces gone, spaces collapsed,
    casefolded ("\\ufeffNama  Peserta " is "nama peserta")."""
    text = str(value or "").replace("\ufeff", "").replace("\u00a0", " ")
    return " ".join(text.split()).casefold()


def find_columns(cells, aliases):
    """{column key: index} of a header row, given {header as compared: column key}; a column
    named twice is taken where it first appears."""
    found = {}
    for index, cell in enumerate(cells):
        key = aliases.get(header_key(cell))
        if key and key not in found:
            found[key] = index
    return found


def is_blank(cells):
    return all(cell is None or (isinstance(cell, str) and not cell.strip()) for cell in cells)


TYPOGRAPHIC_QUOTES = str.maketrans({"\u201c": '"', "\u201d": '"', "\u2018": "'", "\u2019": "'"})


def cell_text(value):
    """A cell as stored text: a whole number Excel gives as 12.0 is "12", Word's typographic
    quotes plain, spaces collapsed (``core.text.clean_text``, so ValidationError for control
    characters); "" for an empty cell."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return clean_text(str(value).replace("\u00a0", " ").translate(TYPOGRAPHIC_QUOTES))


class RecordReader:
    """One record's cells read by column key, gathering every problem instead of stopping at the
    first: ``check(function, *args)`` returns the function's value, or None after adding the
    messages of its ValidationError to ``problems``."""

    def __init__(self, cells, columns):
        self.cells, self.columns, self.problems = cells, columns, []

    def cell(self, key):
        index = self.columns.get(key)
        return self.cells[index] if index is not None and index < len(self.cells) else None

    def check(self, function, *args):
        try:
            return function(*args)
        except ValidationError as error:
            self.problems.extend(error.messages)
            return None
