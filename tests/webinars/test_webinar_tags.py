import datetime
from types import SimpleNamespace

import pytest

from tests.factories import wita
from webinars.templatetags.webinar_tags import duration_text, wita_range


def test_time_range_is_written_in_wita_whatever_zone_it_is_stored_in():
    episode = SimpleNamespace(
        start=datetime.datetime(2025, 7, 10, 1, 0, tzinfo=datetime.UTC),
        end=datetime.datetime(2025, 7, 10, 4, 0, tzinfo=datetime.UTC),
    )

    assert wita_range(episode) == "Kamis, 10 Juli 2025, pukul 09.00–12.00 WITA"


def test_time_range_past_midnight_names_both_days():
    episode = SimpleNamespace(start=wita(2025, 12, 31, 22, 0), end=wita(2026, 1, 1, 0, 30))

    assert (
        wita_range(episode) == "Rabu, 31 Desember 2025, pukul 22.00 – Kamis, 1 Januari 2026, pukul 00.30 WITA"
    )


@pytest.mark.parametrize(
    ("duration", "written"),
    [
        (datetime.timedelta(hours=2, minutes=45), "2 jam 45 menit"),
        (datetime.timedelta(hours=3), "3 jam"),
        (datetime.timedelta(minutes=45), "45 menit"),
        (datetime.timedelta(hours=1, minutes=59, seconds=40), "2 jam"),
        (None, ""),
    ],
)
def test_duration_is_written_in_hours_and_minutes(duration, written):
    assert duration_text(duration) == written
