import datetime

from django.template import Context, Template

import pytest

from tests.factories import wita


def render(source, **context):
    return Template("{% load humanize %}" + source).render(Context(context))


@pytest.mark.parametrize(("number", "written"), [(2888, "2.888"), (75404, "75.404"), (1200000, "1.200.000")])
def test_numbers_use_indonesian_thousand_separators(number, written):
    assert render("{{ n|intcomma }}", n=number) == written


def test_dates_are_written_in_indonesian():
    assert render('{{ d|date:"l, j F Y" }}', d=datetime.date(2025, 7, 10)) == "Kamis, 10 Juli 2025"


def test_times_show_wita_with_a_dot():
    assert render("{{ t|time }}", t=wita(2025, 7, 10, 9, 5)) == "09.05"
