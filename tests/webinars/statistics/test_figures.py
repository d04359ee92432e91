import csv
import datetime
import io
import itertools
import json
import random
import xml.etree.ElementTree as ET

from django.core.management import call_command
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from wagtail.models import Site

import pytest

from home.models import SiteSettings
from tests import factories
from tests.html import h1_count, soup, text
from webinars.models import EpisodePage, Registration, StatisticsPage
from webinars.statistics import figures as statistics
from webinars.statistics.figures import Counted

pytestmark = pytest.mark.django_db


# Helpers
# -------


def statistics_page(**kwargs):
    existing = StatisticsPage.objects.first()
    if existing:
        return existing
    kwargs.setdefault("title", "Statistik")
    kwargs.setdefault("slug", "statistik")
    kwargs.setdefault("intro", "Arsip angka seri ASN Adaptif.")
    kwargs.setdefault("show_in_menus", True)
    page = StatisticsPage(**kwargs)
    factories.home_page().add_child(instance=page)
    page.save_revision().publish()
    return page


def archive():
    request = RequestFactory().get("/statistik/")
    return statistics.for_request(request)


@pytest.fixture
def series(now):
    """Five episodes whose figures are worked out by hand in the tests below.

    | seri | date        | participants | certificates | JP | JP delivered |
    |------|-------------|--------------|--------------|----|--------------|
    | 38   | 12 Dec 2024 | 1.000        | –            | 2  | –            |
    | 39   | 26 Jun 2025 | 2.100        | 1.900        | 2  | 3.800        |
    | 40   | 10 Jul 2025 | 2.888        | –            | –  | –            |
    | 41   | 24 Jul 2025 | 1.500        | 1.200        | 3  | 3.600        |
    | 42   | 14 Aug 2025 | (upcoming: not in the archive)             |

    Baseline: 75.404 certificates up to and including episode 40.
    """
    factories.site_settings(certificates_baseline=75404, certificates_baseline_episode=40)
    statistics_page()
    return {
        38: factories.make_episode(
            series_number=38, start=factories.wita(2024, 12, 12, 9), reported_participants=1000, jp=2
        ),
        39: factories.make_episode(
            series_number=39,
            start=factories.wita(2025, 6, 26, 9),
            reported_participants=2100,
            reported_certificates=1900,
            jp=2,
        ),
        40: factories.make_episode(
            series_number=40,
            title="Workplace Learning: Membangun Produktivitas ASN",
            start=factories.wita(2025, 7, 10, 9),
            reported_participants=2888,
        ),
        41: factories.make_episode(
            series_number=41,
            start=factories.wita(2025, 7, 24, 9),
            reported_participants=1500,
            reported_certificates=1200,
            jp=3,
        ),
        42: factories.make_episode(series_number=42, start=factories.wita(2025, 8, 14, 9)),
    }


def headlines(response):
    """Each headline figure's label → (value, the note under the label)."""
    result = {}
    for figure in soup(response).select(".figure"):
        note = figure.dt.small.extract().get_text(" ", strip=True) if figure.dt.small else ""
        result[figure.dt.get_text(" ", strip=True)] = (figure.dd.get_text(" ", strip=True), note)
    return result


def _table_series_numbers(response):
    table = soup(response).find("caption", id="tabel-episode").find_parent("table")
    return [int(row.th.get_text()) for row in table.tbody.find_all("tr")]


# Totals against the hand-computed fixture
# ----------------------------------------


def test_totals(series):
    totals = archive().totals

    assert totals.episodes_held == 41
    assert totals.episodes_listed == 4
    assert totals.registrations is None  # none counted yet: unknown, not 0
    assert totals.participants == 1000 + 2100 + 2888 + 1500 == 7488
    assert totals.participant_episodes == 4
    assert totals.participants_source == statistics.REPORTED
    # Episode 39's certificates are already in the baseline; episode 41's are added to it.
    assert totals.certificates == 75404 + 1200 == 76604
    assert totals.certificates_through_episode == 41
    assert totals.certificates_missing_episodes == 0
    assert totals.jp_delivered == 1900 * 2 + 1200 * 3 == 7400
    assert totals.jp_delivered_episodes == 2
    assert totals.agencies_reached is None
    assert totals.regencies_reached is None


def test_rows_years_and_column_totals(series):
    result = archive()

    assert [row.series_number for row in result.episodes] == [41, 40, 39, 38]
    assert [row.jp_delivered for row in result.episodes] == [3600, None, 3800, None]
    assert result.column_totals == statistics.ColumnTotals(
        registrations=None, participants=7488, certificates=3100, jp_delivered=7400
    )
    assert result.years == (
        statistics.YearRow(2024, 1, 1000, 1, None, 0),
        statistics.YearRow(2025, 3, 6488, 3, 3100, 2),
    )


def test_certificates_say_which_held_episodes_they_lack(now):
    factories.site_settings(certificates_baseline=75404, certificates_baseline_episode=40)
    factories.make_episode(series_number=42, start=factories.wita(2025, 7, 24, 9), reported_certificates=500)

    totals = archive().totals

    assert totals.certificates == 75904
    assert totals.certificates_through_episode == 42
    assert totals.certificates_missing_episodes == 1  # episode 41 was held but never entered


def test_without_a_baseline_certificates_are_the_sum_of_the_episodes(now):
    factories.make_episode(series_number=3, start=factories.wita(2025, 7, 3, 9), reported_certificates=40)
    factories.make_episode(series_number=4, start=factories.wita(2025, 7, 10, 9))

    totals = archive().totals

    assert totals.certificates == 40
    assert totals.certificates_missing_episodes == 3
    assert totals.participants is None
    assert totals.participant_episodes == 0


def test_private_and_draft_episodes_are_left_out(now):
    factories.make_episode(series_number=40, reported_participants=2888)
    draft = factories.make_episode(series_number=41, reported_participants=99)
    draft.unpublish()

    assert archive().totals.participants == 2888


# The source rule
# ---------------


def test_reported_figures_apply_while_the_site_holds_no_registrations():
    figures = statistics.resolve(2888, None, None)

    assert figures == statistics.EpisodeFigures(None, 2888, None, statistics.REPORTED)


def test_counted_figures_win_once_the_site_holds_registrations():
    figures = statistics.resolve(
        2888, 2500, Counted(registrations=3100, participants=2950, certificates=2700)
    )

    assert figures == statistics.EpisodeFigures(3100, 2950, 2700, statistics.COUNTED)


def test_counted_episodes_flow_into_every_total(series, monkeypatch):
    monkeypatch.setattr(
        statistics,
        "counted_figures",
        lambda ids: {series[41].pk: Counted(registrations=1800, participants=1600, certificates=1400)},
    )

    result = archive()
    totals = result.totals

    assert totals.registrations == 1800
    assert totals.episodes_counted == 1
    assert totals.participants == 1000 + 2100 + 2888 + 1600
    assert totals.participants_source == statistics.MIXED
    assert totals.certificates == 75404 + 1400
    assert totals.certificates_source == statistics.MIXED
    assert result.episodes[0].source == statistics.COUNTED
    assert result.episodes[1].source == statistics.REPORTED


def test_the_page_says_which_figures_are_reported_and_which_counted(series, client, monkeypatch):
    monkeypatch.setattr(
        statistics,
        "counted_figures",
        lambda ids: {series[41].pk: Counted(registrations=1800, participants=1600, certificates=1400)},
    )
    # The site took this episode's registrations.
    EpisodePage.objects.filter(pk=series[41].pk).update(
        registration_opens_at=factories.wita(2025, 7, 1, 8, 0)
    )

    page_text = text(client.get("/statistik/"))
    episode_text = text(client.get(series[41].url))

    assert "dilaporkan dan dihitung" in page_text
    assert "41 24 Juli 2025" in page_text
    assert "1.800 1.600 1.400 3 – belum tersedia dihitung dari data situs" in page_text
    assert "Pendaftar (dihitung dari data situs) 1.800" in episode_text
    assert "Peserta (dihitung dari data situs) 1.600" in episode_text


# Suppression of small counts
# ---------------------------


def test_counts_under_five_are_hidden_and_a_second_cell_protects_them():
    breakdown = statistics.suppress({"PNS": 120, "PPPK": 30, "Non-ASN": 3})

    assert breakdown.total == 153
    assert breakdown.cells == (
        statistics.Cell("PNS", 120),
        statistics.Cell("PPPK", None),  # otherwise 153 − 120 − 30 gives Non-ASN away
        statistics.Cell("Non-ASN", None, small=True),
    )


def test_nothing_is_hidden_when_every_count_is_five_or_more():
    breakdown = statistics.suppress({"Makassar": 5, "Gowa": 12})

    assert [cell.count for cell in breakdown.cells] == [12, 5]
    assert not breakdown.withheld


def test_two_small_counts_protect_each_other_unless_their_sum_gives_them_away():
    assert [cell.count for cell in statistics.suppress({"A": 50, "B": 2, "C": 3}).cells] == [50, None, None]
    # B + C = 2 can only be 1 + 1, so A is hidden too.
    assert [cell.count for cell in statistics.suppress({"A": 50, "B": 1, "C": 1}).cells] == [None, None, None]


def test_a_breakdown_that_cannot_be_protected_is_withheld():
    assert statistics.suppress({"A": 3}) == statistics.Breakdown(cells=(), total=None, withheld=True)
    # Five categories and five people: each must be exactly 1.
    assert statistics.suppress(dict.fromkeys("ABCDE", 1)) == statistics.Breakdown(
        cells=(), total=5, withheld=True
    )
    assert statistics.suppress({}) == statistics.Breakdown(cells=(), total=0, withheld=False)


def test_zero_counts_are_not_listed():
    assert [cell.label for cell in statistics.suppress({"A": 10, "B": 0}).cells] == ["A"]


def test_no_hidden_count_can_be_worked_out_from_the_total():
    """Brute force: every hidden count must have at least two values consistent with the table."""
    rng = random.Random(5)  # noqa: S311 (a repeatable sample, not a secret)
    for _ in range(300):
        counts = {f"k{index}": rng.choice([1, 2, 3, 4, 5, 6, 7, 9, 20]) for index in range(rng.randint(1, 5))}
        breakdown = statistics.suppress(counts)
        if breakdown.withheld:
            continue
        hidden = [cell for cell in breakdown.cells if cell.suppressed]
        assert all(
            cell.count is None for cell in breakdown.cells if cell.count is not None and cell.count < 5
        )
        if not hidden:
            continue
        hidden_total = breakdown.total - sum(cell.count for cell in breakdown.cells if not cell.suppressed)
        ranges = [range(1, 5) if cell.small else range(5, hidden_total + 1) for cell in hidden]
        solutions = [values for values in itertools.product(*ranges) if sum(values) == hidden_total]
        for position, cell in enumerate(hidden):
            assert len({values[position] for values in solutions}) >= 2, (counts, cell)


def test_breakdowns_show_small_counts_as_under_five(series, client, monkeypatch):
    monkeypatch.setattr(statistics, "counted_figures", lambda ids: {series[41].pk: Counted(153, 150, 140)})
    monkeypatch.setattr(
        statistics,
        "counted_reach",
        lambda ids: {
            "participant_type": {"PNS": 120, "PPPK": 30, "Non-ASN": 3},
            "regency": {"Makassar": 100, "Gowa": 53},
            "agency": {"BPSDM Sulsel": 2},
        },
    )

    response = client.get("/statistik/")
    tables = {
        caption.get_text(): caption.find_parent("table") for caption in soup(response).find_all("caption")
    }
    types = tables["Pendaftar menurut jenis peserta"]
    data = client.get("/statistik/json/").json()

    assert [row.get_text(" ", strip=True) for row in types.tbody.find_all("tr")] == [
        "PNS 120",
        "PPPK × disembunyikan",
        "Non-ASN <5",
    ]
    assert "Pendaftar menurut instansi Pendaftarnya terlalu sedikit untuk dirinci" in text(response)
    assert data["totals"]["regencies_reached"] == 2
    assert data["reach"]["participant_type"]["cells"][2] == {
        "label": "Non-ASN",
        "count": None,
        "under_threshold": True,
    }
    assert data["reach"]["agency"] == {"total": None, "withheld": True, "cells": []}


def test_without_registrations_the_reach_breakdowns_say_no_data_is_held(series, client):
    response = client.get("/statistik/")
    figures = headlines(response)

    assert "Situs belum menyimpan data pendaftaran" in text(response)
    assert figures["Instansi terjangkau"] == ("belum tersedia", "dihitung dari pendaftaran lewat situs")
    assert figures["Kabupaten/kota terjangkau"][0] == "belum tersedia"
    assert not soup(response).find("caption", string="Pendaftar menurut jenis peserta")


# The page
# --------


def test_the_page_model_rules():
    assert StatisticsPage.parent_page_types == ["home.HomePage"]
    assert StatisticsPage.subpage_types == []
    assert StatisticsPage.max_count == 1
    home = factories.home_page()
    assert StatisticsPage.can_create_at(home)
    statistics_page()
    assert not StatisticsPage.can_create_at(home)
    for name in ("intro", "notes"):
        field = StatisticsPage._meta.get_field(name)
        assert field.help_text and field.verbose_name


def test_the_page_shows_headline_figures_table_and_charts(series, client):
    response = client.get("/statistik/")
    html = soup(response)
    page_text = text(response)

    assert response.status_code == 200
    assert h1_count(response) == 1
    assert headlines(response) == {
        "Episode terselenggara": (
            "41",
            "menurut nomor seri tertinggi yang sudah berlangsung; 4 di antaranya tercatat di situs",
        ),
        "Pendaftar": (
            "belum tersedia",
            "dihitung dari pendaftaran lewat situs; belum ada episode yang pendaftarannya lewat situs",
        ),
        "Peserta": ("7.488", "dilaporkan; jumlah dari 4 episode yang angkanya tercatat"),
        "Sertifikat diterbitkan": ("76.604", "dilaporkan; sampai seri ke-41"),
        "JP tersalurkan": (
            "7.400",
            "sertifikat × nilai JP, dari 2 episode yang keduanya tercatat; "
            "angka dasar sertifikat tidak termasuk",
        ),
        "Instansi terjangkau": ("belum tersedia", "dihitung dari pendaftaran lewat situs"),
        "Kabupaten/kota terjangkau": ("belum tersedia", "dihitung dari pendaftaran lewat situs"),
    }
    assert (
        "40 10 Juli 2025 Workplace Learning: Membangun Produktivitas ASN – belum tersedia 2.888" in page_text
    )
    assert "Jumlah (4 episode) – belum tersedia 7.488 3.100" in page_text
    link = html.find("a", string="Workplace Learning: Membangun Produktivitas ASN")
    assert link["href"] == series[40].url
    for table in html.find_all("table"):
        assert table.caption is not None
        assert all(th.get("scope") in {"col", "row"} for th in table.find_all("th"))


def test_the_charts_are_inline_svg_named_by_their_title(series, client):
    html = soup(client.get("/statistik/"))
    svgs = html.find_all("svg")

    assert len(svgs) == 2
    for svg in svgs:
        assert svg["role"] == "img"
        assert html.find(id=svg["aria-labelledby"]).name == "title"
        ET.fromstring(str(svg).replace("viewbox=", "viewBox="))  # noqa: S314 (our own output)
    assert "Peserta: angka tersedia untuk 4 dari 4 episode; terbanyak Seri ke-40 (2.888 peserta)" in text(
        client.get("/statistik/")
    )


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", [41, 40, 39, 38]),
        ("?urut=seri&arah=naik", [38, 39, 40, 41]),
        ("?urut=tanggal&arah=naik", [38, 39, 40, 41]),
        ("?urut=peserta&arah=turun", [40, 39, 41, 38]),
        ("?urut=peserta&arah=naik", [38, 41, 39, 40]),
        ("?urut=sertifikat", [39, 41, 40, 38]),  # unknown figures last, newest first among them
        ("?urut=sertifikat&arah=naik", [41, 39, 38, 40]),
        ("?urut=judul&arah=naik", [38, 39, 40, 41]),  # an unknown column is ignored
        ("?urut=peserta&arah=acak", [40, 39, 41, 38]),  # an unknown direction is descending
    ],
)
def test_sorting(series, client, query, expected):
    assert _table_series_numbers(client.get("/statistik/" + query)) == expected


def test_sort_links_flip_the_active_column_and_mark_it(series, client):
    html = soup(client.get("/statistik/?urut=peserta&arah=turun"))
    headers = {th.a.contents[0]: th for th in html.select("thead th") if th.a}

    assert headers["Peserta"]["aria-sort"] == "descending"
    assert headers["Peserta"].a["href"] == "?urut=peserta&arah=naik"
    assert headers["Sertifikat"].a["href"] == "?urut=sertifikat&arah=turun"
    assert "aria-sort" not in headers["Seri"].attrs


def test_csv_download(series, client):
    response = client.get("/statistik/csv/")
    body = response.content.decode("utf-8")

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="statistik-asn-adaptif.csv"'
    assert body.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(body.removeprefix("\ufeff"))))
    assert list(rows[0]) == statistics.CSV_COLUMNS
    assert [row["series_number"] for row in rows] == ["38", "39", "40", "41"]
    assert rows[2] == {
        "series_number": "40",
        "date": "2025-07-10",
        "title": "Workplace Learning: Membangun Produktivitas ASN",
        "url": "http://testserver" + series[40].url,
        "jp": "",
        "source": "reported",
        "registrations": "",
        "participants": "2888",
        "certificates": "",
        "jp_delivered": "",
        "satisfaction_index": "",
        "satisfaction_grade": "",
        "satisfaction_respondents": "",
    }
    assert rows[1]["jp_delivered"] == "3800"


def test_csv_titles_cannot_run_as_spreadsheet_formulas(now, client):
    statistics_page()
    factories.make_episode(
        series_number=7, title='=HYPERLINK("http://x")', start=factories.wita(2025, 7, 1, 9)
    )

    rows = list(csv.DictReader(io.StringIO(client.get("/statistik/csv/").content.decode("utf-8-sig"))))

    assert rows[0]["title"] == '\'=HYPERLINK("http://x")'


def test_json_format(series, client):
    response = client.get("/statistik/json/")
    data = json.loads(response.content)

    assert response["Content-Type"] == "application/json"
    assert data["schema_version"] == 1
    assert data["url"] == "http://testserver/statistik/"
    assert data["generated_at"] == "2025-08-01T10:00:00+08:00"
    assert data["totals"] == {
        "episodes_held": 41,
        "episodes_listed": 4,
        "episodes_counted": 0,
        "registrations": None,
        "participants": 7488,
        "participants_episodes": 4,
        "participants_source": "reported",
        "certificates": 76604,
        "certificates_source": "reported",
        "certificates_baseline": 75404,
        "certificates_baseline_episode": 40,
        "certificates_through_episode": 41,
        "certificates_missing_episodes": 0,
        "jp_delivered": 7400,
        "jp_delivered_episodes": 2,
        "agencies_reached": None,
        "regencies_reached": None,
    }
    assert data["episodes"][2] == {
        "series_number": 40,
        "title": "Workplace Learning: Membangun Produktivitas ASN",
        "url": "http://testserver" + series[40].url,
        "start": "2025-07-10T09:00:00+08:00",
        "end": "2025-07-10T12:00:00+08:00",
        "jp": None,
        "source": "reported",
        "registrations": None,
        "participants": 2888,
        "certificates": None,
        "jp_delivered": None,
        "satisfaction": None,
    }
    assert [year["year"] for year in data["years"]] == [2024, 2025]
    assert data["reach"] == {"episodes": 0, "participant_type": None, "regency": None, "agency": None}


def test_the_json_format_is_documented_in_the_readme_and_the_module():
    with open("README.md", encoding="utf-8") as readme:
        documented = readme.read().split("## Statistics data", 1)[1]
    for name in (
        "schema_version",
        "episodes_held",
        "certificates_baseline",
        "jp_delivered",
        "under_threshold",
        "satisfaction",
    ):
        assert name in documented
        assert name in statistics.__doc__


# The same figures everywhere
# ---------------------------


def test_home_page_and_episode_pages_show_the_archive_figures(series, client):
    home = headlines(client.get("/"))
    archive_page = headlines(client.get("/statistik/"))
    episode_text = text(client.get(series[40].url))

    assert home["Episode terselenggara"][0] == archive_page["Episode terselenggara"][0] == "41"
    assert home["Sertifikat diterbitkan"] == ("76.604", "sampai seri ke-41")
    assert archive_page["Sertifikat diterbitkan"][0] == "76.604"
    assert home["Peserta tercatat"] == ("7.488", "dari 4 episode yang datanya tersedia")
    assert archive_page["Peserta"][0] == "7.488"
    assert "Peserta (dilaporkan) 2.888" in episode_text
    assert "Sertifikat terbit" not in episode_text  # no figure reported for episode 40


# Query budget and cache
# ----------------------


def _query_counts(client):
    counts = {}
    for url in ("/statistik/", "/statistik/csv/", "/statistik/json/"):
        client.get(url)  # warm Wagtail's own caches (site root paths) as a live site has them
        statistics.invalidate()
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        counts[url] = len(queries)
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        counts[url + " (cached)"] = len(queries)
    return counts


def _add_episodes(numbers):
    index = factories.episode_index()
    for number in numbers:
        start = factories.wita(2021, 1, 7, 9) + datetime.timedelta(weeks=number)
        index.add_child(
            instance=EpisodePage(
                series_number=number,
                title=f"Tema seri {number}",
                slug=f"seri-{number}",
                summary="Ringkasan.",
                start=start,
                end=start + datetime.timedelta(hours=3),
                reported_participants=1000 + number,
                reported_certificates=900 + number if number % 2 else None,
                jp=2,
            )
        )


def test_the_query_count_does_not_grow_with_the_episodes(now, client):
    statistics_page()
    factories.site_settings(certificates_baseline=75404, certificates_baseline_episode=40)
    _add_episodes(range(1, 6))
    with_five = _query_counts(client)
    _add_episodes(range(6, 101))
    with_hundred = _query_counts(client)

    assert len(archive().episodes) == 100
    assert with_five == with_hundred
    # 15, plus one for the satisfaction index of every episode and one for the register of
    # earlier certificates
    assert max(with_five.values()) <= 17
    assert with_hundred["/statistik/json/ (cached)"] < with_hundred["/statistik/json/"]


def test_the_archive_is_cached(series):
    archive()
    EpisodePage.objects.filter(pk=series[40].pk).update(reported_participants=1)

    assert archive().totals.participants == 7488


def test_the_cache_is_dropped_only_once_the_change_is_committed(series, django_capture_on_commit_callbacks):
    archive()
    episode = EpisodePage.objects.get(pk=series[40].pk)
    episode.reported_participants = 2900
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        episode.save_revision().publish()

        assert archive().totals.participants == 7488  # not committed: nothing changed for others
    for callback in callbacks:
        callback()

    assert archive().totals.participants == 7500


def test_publishing_an_episode_refreshes_the_archive(series, django_capture_on_commit_callbacks):
    archive()
    episode = EpisodePage.objects.get(pk=series[40].pk)
    episode.reported_participants = 2900
    with django_capture_on_commit_callbacks(execute=True):
        episode.save_revision().publish()

    assert archive().totals.participants == 7500


def test_unpublishing_an_episode_refreshes_the_archive(series, django_capture_on_commit_callbacks):
    archive()
    with django_capture_on_commit_callbacks(execute=True):
        EpisodePage.objects.get(pk=series[40].pk).unpublish()

    assert archive().totals.participants == 7488 - 2888


def test_deleting_an_episode_refreshes_the_archive(series, django_capture_on_commit_callbacks):
    archive()
    with django_capture_on_commit_callbacks(execute=True):
        EpisodePage.objects.get(pk=series[41].pk).delete()

    assert archive().totals.episodes_held == 40
    assert archive().totals.certificates == 75404


def test_saving_the_site_settings_refreshes_the_archive(series, django_capture_on_commit_callbacks):
    archive()
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.certificates_baseline = 80000
    with django_capture_on_commit_callbacks(execute=True):
        settings.save()

    assert archive().totals.certificates == 81200


def test_an_episode_joins_the_archive_when_it_ends(series, time_machine):
    assert archive().totals.episodes_listed == 4

    time_machine.move_to(factories.wita(2025, 8, 14, 12, 1), tick=False)

    assert archive().totals.episodes_listed == 5
    assert archive().totals.episodes_held == 42


# Demo content
# ------------


def test_the_demo_has_the_statistics_page_with_only_the_real_figures(client):
    call_command("load_demo", stdout=io.StringIO())
    call_command("load_demo", stdout=io.StringIO())

    page = StatisticsPage.objects.get()
    response = client.get("/statistik/")
    figures = headlines(response)

    assert (page.title, page.url, page.show_in_menus, page.live) == ("Statistik", "/statistik/", True, True)
    assert figures["Episode terselenggara"][0] == "40"
    assert figures["Peserta"] == ("2.888", "dilaporkan; jumlah dari 1 episode yang angkanya tercatat")
    assert figures["Sertifikat diterbitkan"] == ("75.404", "dilaporkan; sampai seri ke-40")
    assert figures["JP tersalurkan"][0] == "belum tersedia"
    assert figures["Pendaftar"][0] == "belum tersedia"
    assert "Statistik" in [link.get_text() for link in soup(response).select(".site-nav a")]


def test_registrations_held_by_the_site_are_counted_with_their_reach(now, client):

    episode = factories.make_episode(
        series_number=39, start=factories.wita(2025, 7, 3, 9, 0), reported_participants=999
    )
    people = [("pns", "gowa", "Dinas Pendidikan")] * 6 + [("pppk", "makassar", "dinas pendidikan")] * 5
    people += [("non-asn", "luar-sulsel", "Umum")] * 2
    for number, (kind, regency, agency) in enumerate(people):
        Registration.objects.create(
            episode=episode,
            full_name=f"Peserta {number}",
            email=f"p{number}@contoh.go.id",
            whatsapp="+6281234567890",
            participant_type=kind,
            nip=None if kind == "non-asn" else f"199001152015031{number:03d}",
            agency=agency,
            position="Staf",
            regency=regency,
            consented_at=now,
        )
    Registration.objects.filter(email="p0@contoh.go.id").update(status="cancelled")
    statistics.invalidate()

    result = archive()
    row = next(row for row in result.episodes if row.series_number == 39)
    assert row.registrations == 12
    assert row.participants is None  # attendance is not recorded on the site yet
    assert result.totals.regencies_reached == 3
    assert result.totals.agencies_reached == 2  # "Dinas Pendidikan" whatever its letter case
    cells = {cell.label: cell for cell in result.reach.participant_type.cells}
    assert cells["Non-ASN / umum"].count is None and cells["Non-ASN / umum"].small  # 2 people
    assert cells["PPPK"].count is None  # hidden too, or the total would give the 2 away
    assert cells["PNS"].count == 5
