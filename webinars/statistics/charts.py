"""Charts drawn on the server as inline SVG: no JavaScript library, nothing from a CDN.

Each chart is an ``<svg role="img">`` labelled by its ``<title>`` and described by its ``<desc>``
(a text summary of the figures), drawn in a small coordinate system that scales to its container
(``viewBox``, ``width="100%"``) so its text stays readable on a 390px phone. The page keeps a
table of the same figures as the fallback. Every piece of text is escaped.
"""

import math
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.formats import number_format
from django.utils.html import escape
from django.utils.safestring import mark_safe

WIDTH, HEIGHT = 400, 250
LEFT, RIGHT, TOP, BOTTOM = 52, 8, 36, 30
FONT_SIZE = 13
MAX_BAR_WIDTH = 48
# Below this a bar is too narrow to carry its value above it.
VALUE_LABEL_MIN_WIDTH = 30
# Room each category label needs along the axis ("100", "2025").
CATEGORY_LABEL_WIDTH = 32
PARTICIPANTS_COLOUR = "#0b4f6c"
CERTIFICATES_COLOUR = "#b45309"
INK, MUTED, GRID = "#1b1f24", "#4a5561", "#d5dde3"


@dataclass(frozen=True)
class Series:
    name: str  # "Peserta"
    unit: str  # "peserta", read after a value: "2.888 peserta"
    colour: str
    values: Sequence[int | None]


@dataclass(frozen=True)
class Chart:
    chart_id: str
    title: str
    summary: str
    svg: str


def number(value):
    """2888 → "2.888", the Indonesian way (the active locale's grouping)."""
    return number_format(value, force_grouping=True)


def bar_chart(*, chart_id, title, description, categories, category_names, axis_label, series):
    """Grouped bars, one group per category, one bar per series; a missing value draws no bar.

    ``categories`` label the axis ("40"); ``category_names`` name them in full for the tooltips
    ("Seri ke-40"). Returns safe markup for a template.
    """
    series = [item for item in series if any(value is not None for value in item.values)]
    plot_width, plot_height = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    bottom = TOP + plot_height
    count = max(len(categories), 1)
    top_value, step = _scale(max((v for s in series for v in s.values if v is not None), default=0))
    group_width = plot_width / count
    bar_width = min(MAX_BAR_WIDTH, group_width * 0.8 / max(len(series), 1))
    title_id, desc_id = f"{chart_id}-judul", f"{chart_id}-keterangan"

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'width="100%" role="img" aria-labelledby="{escape(title_id)}" '
        f'aria-describedby="{escape(desc_id)}" font-size="{FONT_SIZE}">',
        f'<title id="{escape(title_id)}">{escape(title)}</title>',
        f'<desc id="{escape(desc_id)}">{escape(description)}</desc>',
    ]

    parts.append('<g class="chart__grid">')
    for tick in range(0, top_value + 1, step):
        y = bottom - plot_height * tick / top_value
        parts.append(
            f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y:.1f}" y2="{y:.1f}" stroke="{GRID}"/>'
            f'<text x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end" fill="{MUTED}">'
            f"{escape(number(tick))}</text>"
        )
    parts.append("</g>")

    parts.append('<g class="chart__bars">')
    for index, name in enumerate(category_names):
        group_left = LEFT + index * group_width + (group_width - bar_width * len(series)) / 2
        for position, item in enumerate(series):
            value = item.values[index]
            if value is None:
                continue
            height = plot_height * value / top_value
            x, y = group_left + position * bar_width, bottom - height
            label = f"{name}: {number(value)} {item.unit}"
            parts.append(
                f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar_width:.1f}" height="{height:.1f}" '
                f'fill="{escape(item.colour)}"><title>{escape(label)}</title></rect>'
            )
            if bar_width >= VALUE_LABEL_MIN_WIDTH:
                parts.append(
                    f'<text x="{x + bar_width / 2:.1f}" y="{y - 4:.1f}" text-anchor="middle" '
                    f'fill="{INK}" font-size="{FONT_SIZE - 1}">{escape(number(value))}</text>'
                )
    parts.append("</g>")

    parts.append('<g class="chart__axis">')
    parts.append(f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{bottom}" y2="{bottom}" stroke="{MUTED}"/>')
    every = math.ceil(count / max(1, plot_width // CATEGORY_LABEL_WIDTH))
    for index, label in enumerate(categories):
        # Count back from the newest so that it always carries a label.
        if (len(categories) - 1 - index) % every:
            continue
        x = LEFT + (index + 0.5) * group_width
        parts.append(
            f'<text x="{x:.1f}" y="{bottom + 16}" text-anchor="middle" fill="{INK}">{escape(label)}</text>'
        )
    parts.append(
        f'<text x="{LEFT - 6}" y="{bottom + 16}" text-anchor="end" fill="{MUTED}">{escape(axis_label)}</text>'
    )
    parts.append("</g>")

    parts.append('<g class="chart__legend">')
    x = LEFT
    for item in series:
        parts.append(
            f'<rect x="{x}" y="10" width="12" height="12" fill="{escape(item.colour)}"/>'
            f'<text x="{x + 17}" y="20" fill="{INK}">{escape(item.name)}</text>'
        )
        x += 17 + len(item.name) * 8 + 20
    parts.append("</g>")

    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 (every value above is escaped or a number)


def _scale(largest):
    """The top of the axis and the step between grid lines: a round step, at most five lines."""
    if largest <= 0:
        return 1, 1
    raw = largest / 4
    magnitude = 10 ** math.floor(math.log10(raw)) if raw >= 1 else 1
    step = next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= raw)
    step = max(1, int(step))
    return step * math.ceil(largest / step), step


def summary(series, category_names, noun):
    """A sentence per series: how many categories have a figure, the highest and the lowest."""
    sentences = []
    for item in series:
        known = [
            (value, name)
            for value, name in zip(item.values, category_names, strict=True)
            if value is not None
        ]
        if not known:
            sentences.append(f"{item.name}: belum ada angka.")
            continue
        highest = max(known, key=lambda pair: pair[0])
        sentence = (
            f"{item.name}: angka tersedia untuk {len(known)} dari {len(category_names)} {noun}; "
            f"terbanyak {highest[1]} ({number(highest[0])} {item.unit})"
        )
        if len(known) > 1:
            lowest = min(known, key=lambda pair: pair[0])
            sentence += f", paling sedikit {lowest[1]} ({number(lowest[0])} {item.unit})"
        sentences.append(sentence + ".")
    return " ".join(sentences)


def series_charts(statistics):
    """The archive's two trend charts: participants and certificates per episode, and per year."""
    rows = statistics.sorted_episodes("seri", descending=False)
    charts = []
    if rows:
        names = [f"Seri ke-{row.series_number}" for row in rows]
        series = [
            Series("Peserta", "peserta", PARTICIPANTS_COLOUR, [row.participants for row in rows]),
            Series("Sertifikat", "sertifikat", CERTIFICATES_COLOUR, [row.certificates for row in rows]),
        ]
        charts.append(
            _chart(
                "grafik-per-episode",
                "Peserta dan sertifikat per episode",
                series,
                names,
                [str(row.series_number) for row in rows],
                "Seri",
                "episode",
            )
        )
    if statistics.years:
        years = statistics.years
        names = [f"Tahun {year.year}" for year in years]
        series = [
            Series("Peserta", "peserta", PARTICIPANTS_COLOUR, [year.participants for year in years]),
            Series("Sertifikat", "sertifikat", CERTIFICATES_COLOUR, [year.certificates for year in years]),
        ]
        charts.append(
            _chart(
                "grafik-per-tahun",
                "Peserta dan sertifikat per tahun",
                series,
                names,
                [str(year.year) for year in years],
                "Tahun",
                "tahun",
            )
        )
    return charts


def _chart(chart_id, title, series, names, categories, axis_label, noun):
    text = summary(series, names, noun)
    svg = bar_chart(
        chart_id=chart_id,
        title=title,
        description=text,
        categories=categories,
        category_names=names,
        axis_label=axis_label,
        series=series,
    )
    return Chart(chart_id=chart_id, title=title, summary=text, svg=svg)
