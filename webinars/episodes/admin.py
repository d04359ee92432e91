"""Wagtail admin for moderators: importing the series' history (``history.py``) from a file.

Upload → preview (every row, what will happen to its page, per-row errors; nothing saved) →
confirm creates or updates the pages. The preview's rows wait in the session under a one-time
token, as the attendance import's do.
"""

import io
import secrets

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wagtail.log_actions import log

from openpyxl import Workbook

from core import tables
from webinars.episodes import history
from webinars.episodes.models import EpisodeIndexPage

SESSION_PREFIX = "history-import-"
TEMPLATE_FILENAME = "templat-riwayat-asn-adaptif.xlsx"
MAX_UPLOAD_BYTES = 5 * 1024 * 1024


def can_import_history(user):
    """Moderators: whoever may publish episodes under the episode index."""
    index = EpisodeIndexPage.objects.first()
    return bool(index and user.is_active and index.permissions_for_user(user).can_publish_subpage())


class HistoryForm(forms.Form):
    berkas = forms.FileField(
        label=_("Berkas riwayat (CSV atau XLSX)"),
        help_text=_("Satu baris per episode, dengan judul kolom seperti templat. Paling besar 5 MB."),
        error_messages={"required": _("Pilih berkas riwayat.")},
    )

    def clean_berkas(self):
        upload = self.cleaned_data["berkas"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("Berkas lebih besar dari 5 MB; riwayat seri jauh lebih kecil."))
        return upload


class ConfirmForm(forms.Form):
    token = forms.CharField(widget=forms.HiddenInput)
    terbitkan = forms.TypedChoiceField(
        label=_("Setelah diimpor"),
        choices=[("0", _("Simpan sebagai draf untuk ditinjau")), ("1", _("Terbitkan langsung"))],
        coerce=lambda value: value == "1",
        initial="0",
        widget=forms.RadioSelect,
    )


def _context(**extra):
    return {"header_icon": "history", "page_title": _("Impor riwayat seri"), **extra}


def import_view(request):
    if not can_import_history(request.user):
        raise PermissionDenied
    if request.method == "POST" and "token" in request.POST:
        return _confirm(request)
    form = HistoryForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["berkas"]
        try:
            read = history.read_history(upload.file, upload.name)
        except tables.TableError as error:
            form.add_error("berkas", str(error))
        else:
            token = secrets.token_urlsafe(12)
            request.session[SESSION_PREFIX + token] = [row.as_data() for row in read.rows]
            actions = history.plan(read.rows)
            rows = [(row, actions[row.series_number]) for row in read.rows]
            return TemplateResponse(
                request,
                "episodes/admin/history_preview.html",
                _context(
                    rows=rows,
                    errors=read.errors,
                    confirm_form=ConfirmForm(initial={"token": token}),
                    counts={action: sum(1 for _row, a in rows if a == action) for action in actions.values()},
                ),
            )
    return TemplateResponse(
        request, "episodes/admin/history_import.html", _context(form=form, columns=history.COLUMNS)
    )


def _confirm(request):
    form = ConfirmForm(request.POST)
    stored = request.session.pop(SESSION_PREFIX + request.POST["token"], None) if form.is_valid() else None
    if stored is None:
        messages.error(request, _("Pratinjau ini sudah disimpan atau kedaluwarsa. Unggah berkasnya lagi."))
        return redirect("riwayat_seri:import")
    rows = [history.HistoryRow.from_data(data) for data in stored]
    publish = form.cleaned_data["terbitkan"]
    try:
        outcome = history.apply_history(rows, request.user, publish=publish)
    except history.HistoryError as error:
        messages.error(request, str(error))
        return redirect("riwayat_seri:import")
    except IntegrityError:
        # Someone else created one of these series numbers between the preview and now; the
        # transaction rolled everything back.
        messages.error(request, _("Episode berubah saat impor berjalan; tidak ada yang disimpan."))
        return redirect("riwayat_seri:import")
    index = EpisodeIndexPage.objects.first()
    if outcome.created or outcome.updated:
        log(
            index,
            "webinars.history.import",
            user=request.user,
            data={
                "created": outcome.created,
                "updated": outcome.updated,
                "unchanged": len(outcome.unchanged),
                "published": publish,
            },
        )
    messages.success(
        request,
        _(
            "Riwayat diimpor: %(created)d episode baru, %(updated)d diperbarui, %(unchanged)d tidak "
            "berubah, %(speakers)d narasumber baru."
        )
        % {
            "created": len(outcome.created),
            "updated": len(outcome.updated),
            "unchanged": len(outcome.unchanged),
            "speakers": len(outcome.speakers_created),
        },
    )
    return redirect("wagtailadmin_explore", index.pk)


def template_view(request):
    """The empty template to fill in (XLSX): the header row and one clearly invented example row."""
    if not can_import_history(request.user):
        raise PermissionDenied
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "riwayat"
    sheet.append([column.header for column in history.COLUMNS])
    sheet.append([column.example for column in history.COLUMNS])
    notes = workbook.create_sheet("keterangan")
    notes.append(["kolom", "wajib", "isi"])
    for column in history.COLUMNS:
        notes.append([column.header, "ya" if column.required else "tidak", column.description])
    notes.append([])
    notes.append(["", "", "Baris contoh di lembar riwayat adalah rekaan: hapus sebelum mengimpor."])
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{TEMPLATE_FILENAME}"'
    return response


def menu_url():
    return reverse("riwayat_seri:import")
