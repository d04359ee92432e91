"""Every spreadsheet a registrar downloads (registrations, attendance, certificates).

The files come from Wagtail's own export (``SpreadsheetExportMixin``, which every admin listing
with a ``list_export`` offers as CSV and XLSX); ``SpreadsheetExport`` only changes what goes into
the cells, so that the files are safe and read well in Excel on Windows:

* CSV: UTF-8 with a byte-order mark (without one Excel reads the file in the Windows code page and
  garbles "–", "“ ”" and "é"); every cell quoted, and a text cell that begins with ``=``, ``+``,
  ``-``, ``@``, a tab or a carriage return prefixed with an apostrophe, so the spreadsheet shows
  it as text instead of running it as a formula (OWASP, "CSV Injection"). A WhatsApp number
  reads '+6281234567890.
* XLSX: text is written as text cells, never formulas (Wagtail does this); the characters
  openpyxl refuses (``core.text.UNSTORABLE``) are replaced by a space, in the CSV as well, so
  one pasted control character never makes the download fail.
* Values as the admin shows them: choices by their labels (Terdaftar, PNS, Kabupaten Bone), a
  related record by its name, yes/no as Ya/Tidak, nothing as an empty cell; times in WITA as
  10-07-2025 09.01 (XLSX: date cells shown that way, so they still sort), dates as 10-07-2025.
"""

import csv
import datetime

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _

from wagtail.admin.views.mixins import Echo, SpreadsheetExportMixin

from core.text import without_unstorable

BYTE_ORDER_MARK = "\ufeff"
# OWASP, "CSV Injection": the characters that make a spreadsheet read a cell as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
CSV_DATETIME_FORMAT = "%d-%m-%Y %H.%M"
CSV_DATE_FORMAT = "%d-%m-%Y"
# Excel's own number formats for the same: the dot between hours and minutes is quoted, so it
# is a literal and "mm" stays minutes.
XLSX_DATETIME_FORMAT = 'dd-mm-yyyy hh"."mm'
XLSX_DATE_FORMAT = "dd-mm-yyyy"


def neutralise_formula(text):
    """The text a spreadsheet shows as it is: prefixed with an apostrophe when it begins with a
    character that would make it a formula (OWASP, "CSV Injection")."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def csv_text(value):
    """A text cell of a CSV file: storable characters only, never a formula."""
    return neutralise_formula(without_unstorable(str(value)))


def wita(moment):
    """An aware datetime as a naive one on the site's clock (WITA)."""
    return timezone.localtime(moment).replace(tzinfo=None)


def yes_no(value):
    return _("Ya") if value else _("Tidak")


class SpreadsheetExport(SpreadsheetExportMixin):
    """Put before Wagtail's IndexView (which already mixes SpreadsheetExportMixin in): the
    listing's CSV and XLSX downloads, safe and readable as the module docstring says."""

    custom_value_preprocess = {
        datetime.datetime: {
            SpreadsheetExportMixin.FORMAT_CSV: lambda value: wita(value).strftime(CSV_DATETIME_FORMAT),
            SpreadsheetExportMixin.FORMAT_XLSX: wita,
        },
        datetime.date: {
            SpreadsheetExportMixin.FORMAT_CSV: lambda value: value.strftime(CSV_DATE_FORMAT),
            SpreadsheetExportMixin.FORMAT_XLSX: None,
        },
        bool: {SpreadsheetExportMixin.FORMAT_CSV: yes_no, SpreadsheetExportMixin.FORMAT_XLSX: yes_no},
        str: {
            SpreadsheetExportMixin.FORMAT_CSV: csv_text,
            SpreadsheetExportMixin.FORMAT_XLSX: without_unstorable,
        },
    }

    def to_row_dict(self, item):
        row = super().to_row_dict(item)
        return {field: self.shown_value(item, field, value) for field, value in row.items()}

    def shown_value(self, item, field, value):
        """The value as the admin shows it: a choice's label, a record's name, "" for nothing."""
        try:
            model_field = item._meta.get_field(field)
        except FieldDoesNotExist:
            model_field = None
        if model_field is not None and model_field.choices and value not in (None, ""):
            value = item._get_FIELD_display(model_field)
        if isinstance(value, models.Model):
            value = str(value)
        return "" if value is None else value

    def stream_csv(self, queryset):
        yield BYTE_ORDER_MARK.encode()
        writer = csv.DictWriter(Echo(), fieldnames=self.list_export, quoting=csv.QUOTE_ALL)
        yield writer.writerow(
            {field: csv_text(self.get_heading(queryset, field)) for field in self.list_export}
        )
        for item in queryset:
            yield self.write_csv_row(writer, self.to_row_dict(item))

    def write_csv_response(self, queryset):
        response = super().write_csv_response(queryset)
        response["Content-Type"] = "text/csv; charset=utf-8"
        return response

    def generate_xlsx_row(self, worksheet, row_dict, date_format=None):
        cells = super().generate_xlsx_row(worksheet, row_dict, date_format=XLSX_DATETIME_FORMAT)
        for cell, value in zip(cells, row_dict.values(), strict=True):
            if type(value) is datetime.date:
                cell.number_format = XLSX_DATE_FORMAT
            yield cell
