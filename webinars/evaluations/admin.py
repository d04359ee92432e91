"""Wagtail admin of the evaluation: the questionnaires (moderators edit them; a questionnaire that
has answers is archived as it was before the edit, so past results never change), and each
episode's results with their CSV/XLSX download."""

from decimal import Decimal

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import View

from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.models import DeleteView, EditView
from wagtail.admin.viewsets.base import ViewSet, ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from core.exports import SpreadsheetExport
from webinars.evaluations.models import Evaluation, Questionnaire
from webinars.evaluations.results import episode_results
from webinars.evaluations.satisfaction import MIN_RESPONDENTS

RESULTS_PERMISSION = "webinars.view_evaluation"


class QuestionnaireEditView(EditView):
    def dispatch(self, request, *args, **kwargs):
        questionnaire = get_object_or_404(Questionnaire, pk=kwargs.get("pk"))
        if questionnaire.archived_at:
            messages.error(
                request,
                _("Versi lama kuesioner tidak bisa diubah: ia menyimpan pertanyaan yang sudah dijawab."),
            )
            return redirect(self.index_url_name)
        return super().dispatch(request, *args, **kwargs)

    def save_instance(self):
        with transaction.atomic():
            archived = Questionnaire.objects.get(pk=self.object.pk).archive_answered_version()
            instance = super().save_instance()
        if archived:
            messages.info(
                self.request,
                _("Kuesioner ini sudah dijawab; jawaban lama disimpan bersama versi lamanya (%(title)s).")
                % {"title": archived.title},
            )
        return instance


class QuestionnaireDeleteView(DeleteView):
    def dispatch(self, request, *args, **kwargs):
        questionnaire = get_object_or_404(Questionnaire, pk=kwargs.get("pk"))
        if questionnaire.is_default or questionnaire.evaluations.exists() or questionnaire.archived_at:
            messages.error(
                request,
                _("Kuesioner bawaan, kuesioner yang sudah dijawab, dan versi lama tidak bisa dihapus."),
            )
            return redirect(self.index_url_name)
        return super().dispatch(request, *args, **kwargs)


class QuestionnaireViewSet(ModelViewSet):
    """A viewset of its own rather than a snippet: staff never get the generic snippets area."""

    model = Questionnaire
    name = "kuesioner"
    icon = "list-ul"
    menu_label = gettext_lazy("Kuesioner")
    edit_view_class = QuestionnaireEditView
    delete_view_class = QuestionnaireDeleteView
    list_display = ["title", "is_default", "archived_at", "created_at"]
    copy_view_enabled = False
    inspect_view_enabled = False


class ResultsSpreadsheet(SpreadsheetExport, View):
    """One episode's items as CSV or XLSX: subject, question, answers, mean and each value's count."""

    list_export = ["subject", "question", "answers", "mean", "one", "two", "three", "four"]
    custom_value_preprocess = {
        **SpreadsheetExport.custom_value_preprocess,
        # Excel in an Indonesian locale reads "3,60"; the XLSX cell is a number.
        Decimal: {
            SpreadsheetExport.FORMAT_CSV: lambda value: f"{value:.2f}".replace(".", ","),
            SpreadsheetExport.FORMAT_XLSX: float,
        },
    }
    export_headings = {
        "subject": gettext_lazy("Dinilai"),
        "question": gettext_lazy("Unsur"),
        "answers": gettext_lazy("Jumlah jawaban"),
        "mean": gettext_lazy("Rata-rata (1–4)"),
        "one": gettext_lazy("1 Tidak baik"),
        "two": gettext_lazy("2 Kurang baik"),
        "three": gettext_lazy("3 Baik"),
        "four": gettext_lazy("4 Sangat baik"),
    }

    def to_row_dict(self, item):
        one, two, three, four = item.distribution
        # Plain rows, not records: nothing to look up as the admin shows it.
        return {
            "subject": item.subject,
            "question": item.question,
            "answers": item.answers,
            "mean": item.mean,
            "one": one,
            "two": two,
            "three": three,
            "four": four,
        }


class ResultsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(RESULTS_PERMISSION)


class EvaluationResultsViewSet(ViewSet):
    """Per episode: response rate, the index, each item's mean and distribution, the comments."""

    menu_item_class = ResultsMenuItem
    icon = "table"
    menu_label = gettext_lazy("Hasil evaluasi")
    name = "hasil-evaluasi"

    def episodes_view(self, request):
        if not request.user.has_perm(RESULTS_PERMISSION):
            raise PermissionDenied
        episode_model = Evaluation.episode.field.related_model
        episodes = (
            episode_model.objects.filter(end__lte=timezone.now())
            .annotate(respondents=Count("evaluations"))
            .order_by("-start")[:100]
        )
        return TemplateResponse(
            request,
            "evaluations/admin/episodes.html",
            {
                "episodes": episodes,
                "header_icon": self.icon,
                "page_title": _("Hasil evaluasi"),
                "viewset": self,
            },
        )

    def results_view(self, request, episode_id):
        if not request.user.has_perm(RESULTS_PERMISSION):
            raise PermissionDenied
        episode = get_object_or_404(Evaluation.episode.field.related_model, pk=episode_id)
        results = episode_results(episode)
        export = request.GET.get("export")
        if export in ResultsSpreadsheet.FORMATS:
            spreadsheet = ResultsSpreadsheet()
            spreadsheet.export_filename = f"evaluasi-asn-adaptif-seri-{episode.series_number}"
            return spreadsheet.as_spreadsheet(results.items, export)
        return TemplateResponse(
            request,
            "evaluations/admin/results.html",
            {
                "episode": episode,
                "results": results,
                "min_respondents": MIN_RESPONDENTS,
                "header_icon": self.icon,
                "page_title": _("Hasil evaluasi Seri ke-%(number)s") % {"number": episode.series_number},
                "back_url": reverse(self.get_url_name("episodes")),
                "csv_url": request.path + "?export=csv",
                "xlsx_url": request.path + "?export=xlsx",
            },
        )

    def get_urlpatterns(self):
        return [
            path("", self.episodes_view, name="episodes"),
            path("<int:episode_id>/", self.results_view, name="results"),
        ]


class EvaluationGroup(ViewSetGroup):
    menu_label = gettext_lazy("Evaluasi")
    menu_icon = "tasks"
    menu_order = 230
    items = [QuestionnaireViewSet, EvaluationResultsViewSet]
