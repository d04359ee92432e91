import xml.etree.ElementTree as ET

from webinars.statistics import charts

SVG = "{http://www.w3.org/2000/svg}"


def _chart(**kwargs):
    kwargs.setdefault("chart_id", "grafik-uji")
    kwargs.setdefault("title", "Peserta dan sertifikat per episode")
    kwargs.setdefault("description", "Peserta: terbanyak Seri ke-40 (2.888 peserta).")
    kwargs.setdefault("categories", ["39", "40"])
    kwargs.setdefault("category_names", ["Seri ke-39", "Seri ke-40"])
    kwargs.setdefault("axis_label", "Seri")
    kwargs.setdefault(
        "series",
        [
            charts.Series("Peserta", "peserta", charts.PARTICIPANTS_COLOUR, [2100, 2888]),
            charts.Series("Sertifikat", "sertifikat", charts.CERTIFICATES_COLOUR, [1900, None]),
        ],
    )
    return ET.fromstring(str(charts.bar_chart(**kwargs)))  # noqa: S314 (our own output)


def _texts(root):
    return [element.text for element in root.iter(f"{SVG}text")]


def test_the_chart_is_well_formed_svg_labelled_for_screen_readers():
    root = _chart()

    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
    assert root.get("aria-labelledby") == title.get("id") == "grafik-uji-judul"
    assert root.get("aria-describedby") == desc.get("id")
    assert title.text == "Peserta dan sertifikat per episode"
    assert desc.text == "Peserta: terbanyak Seri ke-40 (2.888 peserta)."


def test_the_chart_scales_to_a_phone_screen():
    root = _chart()

    assert root.get("width") == "100%"
    assert root.get("viewBox") == f"0 0 {charts.WIDTH} {charts.HEIGHT}"
    assert root.get("height") is None  # the viewBox keeps the proportions


def test_each_known_value_is_a_bar_with_its_value_written_the_indonesian_way():
    root = _chart()

    tooltips = [
        rect.find(f"{SVG}title").text
        for rect in root.iter(f"{SVG}rect")
        if rect.find(f"{SVG}title") is not None
    ]
    assert tooltips == [
        "Seri ke-39: 2.100 peserta",
        "Seri ke-39: 1.900 sertifikat",
        "Seri ke-40: 2.888 peserta",
    ]
    assert "2.888" in _texts(root)  # wide bars carry their value
    assert {"39", "40", "Seri", "Peserta", "Sertifikat"} <= set(_texts(root))


def test_axis_ticks_are_round_numbers():
    assert [text for text in _texts(_chart()) if text in {"0", "1.000", "2.000", "3.000"}] == [
        "0",
        "1.000",
        "2.000",
        "3.000",
    ]
    assert charts._scale(2888) == (3000, 1000)
    assert charts._scale(3) == (3, 1)
    assert charts._scale(0) == (1, 1)
    assert charts._scale(75404) == (80000, 20000)


def test_text_is_escaped():
    root = _chart(
        title='Seri <script>alert("x")</script> & lainnya',
        description="A < B & C",
        categories=["<1>"],
        category_names=["Seri <1>"],
        series=[charts.Series("Peserta & tamu", "orang", "#000", [7])],
    )

    assert root.find(f"{SVG}title").text == 'Seri <script>alert("x")</script> & lainnya'
    assert root.find(f"{SVG}desc").text == "A < B & C"
    assert "<1>" in _texts(root)
    assert "Peserta & tamu" in _texts(root)
    assert root.find(f".//{SVG}script") is None


def test_a_series_without_any_figure_is_left_out_of_the_legend():
    root = _chart(
        series=[
            charts.Series("Peserta", "peserta", "#000", [10, 20]),
            charts.Series("Sertifikat", "sertifikat", "#111", [None, None]),
        ]
    )

    assert "Sertifikat" not in _texts(root)
    assert len([rect for rect in root.iter(f"{SVG}rect") if rect.find(f"{SVG}title") is not None]) == 2


def test_a_hundred_episodes_keep_the_labels_apart_and_the_newest_labelled():
    numbers = [str(number) for number in range(1, 101)]
    root = _chart(
        categories=numbers,
        category_names=[f"Seri ke-{number}" for number in numbers],
        series=[charts.Series("Peserta", "peserta", "#000", list(range(100, 200)))],
    )

    axis = next(group for group in root.iter(f"{SVG}g") if group.get("class") == "chart__axis")
    labels = [text.text for text in axis.iter(f"{SVG}text") if text.text in numbers]
    assert "100" in labels
    assert len(labels) <= (charts.WIDTH - charts.LEFT - charts.RIGHT) // charts.CATEGORY_LABEL_WIDTH
    assert not any(text == "199" for text in _texts(root))  # narrow bars carry no value labels


def test_the_summary_names_the_highest_and_lowest_and_what_is_missing():
    series = [
        charts.Series("Peserta", "peserta", "#000", [2100, 2888, None]),
        charts.Series("Sertifikat", "sertifikat", "#111", [None, None, None]),
    ]

    text = charts.summary(series, ["Seri ke-39", "Seri ke-40", "Seri ke-41"], "episode")

    assert text == (
        "Peserta: angka tersedia untuk 2 dari 3 episode; terbanyak Seri ke-40 (2.888 peserta), "
        "paling sedikit Seri ke-39 (2.100 peserta). Sertifikat: belum ada angka."
    )
