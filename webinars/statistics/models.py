from functools import partial

from django.db import models
from django.http import HttpResponse, JsonResponse
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from core.site_address import absolute
from home.blocks import BodyBlock
from home.models import BasePage
from webinars.evaluations.satisfaction import MIN_RESPONDENTS, satisfaction_indices
from webinars.statistics import charts, figures

SORT_PARAM, DIRECTION_PARAM = "urut", "arah"
ASCENDING, DESCENDING = "naik", "turun"
# Column → how its two orders read to a screen reader user: (largest first, smallest first).
SORT_COLUMNS = {
    "seri": ("terbaru dulu", "terlama dulu"),
    "tanggal": ("terbaru dulu", "terlama dulu"),
    "peserta": ("terbanyak dulu", "tersedikit dulu"),
    "sertifikat": ("terbanyak dulu", "tersedikit dulu"),
}
DEFAULT_SORT = "seri"


class StatisticsPage(RoutablePageMixin, BasePage):
    """/statistik/: the archive of the series' figures, with its CSV and JSON."""

    intro = models.TextField(
        _("pengantar"),
        max_length=400,
        blank=True,
        help_text=_("Kalimat pembuka di atas angka-angka seri, paling banyak 400 karakter."),
    )
    notes = StreamField(
        BodyBlock(),
        verbose_name=_("catatan"),
        blank=True,
        help_text=_(
            "Opsional: keterangan tambahan di bawah tabel, mis. sumber laporan lama atau kontak "
            "untuk pertanyaan data. Cara menghitung angka sudah dijelaskan otomatis."
        ),
    )

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("notes")]
    search_fields = Page.search_fields + [index.SearchField("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count = 1
    template = "pages/statistics_page.html"

    class Meta:
        verbose_name = _("statistik seri")
        verbose_name_plural = _("statistik seri")

    def get_meta_description(self):
        return self.search_description or self.intro

    @path("")
    def index(self, request):
        archive = figures.for_request(request)
        key, descending = _sorting(request)
        episodes = archive.sorted_episodes(key, descending)
        # Not cached with the figures: answers come in all week, and the page cache is enough.
        indices = satisfaction_indices([row.page_id for row in episodes])
        return self.render(
            request,
            context_overrides={
                "statistics": archive,
                "totals": archive.totals,
                "episodes": episodes,
                "episode_rows": [(row, indices.get(row.page_id)) for row in episodes],
                "minimum_respondents": MIN_RESPONDENTS,
                "sort_links": _sort_links(key, descending),
                "charts": charts.series_charts(archive),
            },
        )

    @path("csv/", name="csv")
    def csv_file(self, request):
        archive = figures.for_request(request)
        response = HttpResponse(
            figures.as_csv(archive, partial(absolute, request), _published_indices(archive)),
            content_type="text/csv; charset=utf-8",
        )
        response["Content-Disposition"] = 'attachment; filename="statistik-asn-adaptif.csv"'
        return response

    @path("json/", name="json")
    def json_file(self, request):
        archive = figures.for_request(request)
        data = figures.as_json(
            archive, partial(absolute, request), self.get_url(request), _published_indices(archive)
        )
        response = JsonResponse(data, json_dumps_params={"ensure_ascii": False, "indent": 2})
        response["Access-Control-Allow-Origin"] = "*"  # public figures, for other systems to fetch
        return response


def _published_indices(archive):
    """{episode page id: SatisfactionIndex} of the archive's episodes that publish one."""
    return satisfaction_indices([row.page_id for row in archive.sorted_episodes(DEFAULT_SORT, False)])


def _sorting(request):
    """The table's order from ?urut=…&arah=naik|turun; anything else gives the default."""
    key = request.GET.get(SORT_PARAM)
    if key not in SORT_COLUMNS:
        key = DEFAULT_SORT
    descending = request.GET.get(DIRECTION_PARAM) != ASCENDING
    return key, descending


def _sort_links(current, descending):
    """Per sortable column: its query string and its aria-sort state."""
    links = {}
    for key, (largest_first, smallest_first) in SORT_COLUMNS.items():
        active = key == current
        # A second press on the active column flips it; a new column starts with the largest.
        next_descending = not descending if active else True
        links[key] = {
            "query": f"?{SORT_PARAM}={key}&{DIRECTION_PARAM}={DESCENDING if next_descending else ASCENDING}",
            "aria_sort": ("descending" if descending else "ascending") if active else None,
            "next_label": largest_first if next_descending else smallest_first,
        }
    return links
