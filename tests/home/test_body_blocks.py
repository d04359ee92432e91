"""Every block editors can put in a body renders valid, accessible HTML, and has an admin preview."""

import shutil
import subprocess

from django.core.exceptions import ValidationError
from django.urls import reverse

import pytest

from home.blocks import BodyBlock
from news.models import ArticlePage
from tests import factories
from tests.browser.support import VNU_JAR, needs_java, needs_vnu
from tests.html import is_external, loaded_urls, soup

pytestmark = pytest.mark.django_db

YOUTUBE = "https://www.youtube.com/watch?v=aqz-KE-bpKQ"


def every_block(image, document, target):
    """One of each block, in the order the tests below read them."""
    return [
        ("paragraph", "<p>ASN belajar <b>sambil bekerja</b>.</p>"),
        ("heading", "Dua narasumber, dua sudut pandang"),
        ("image", {"image": image, "caption": "Peserta di kantor", "credit": "Humas BPSDM Sulsel"}),
        ("quote", {"text": "Tempat kerja adalah ruang belajar.", "attribution": "Dr. Arwin Malik"}),
        ("video", {"url": YOUTUBE, "caption": "Rekaman Seri ke-40"}),
        ("document", {"document": document, "title": "Materi paparan"}),
        ("call_to_action", {"text": "Daftar webinar", "page": target, "url": ""}),
        (
            "table",
            {
                "table_caption": "Target JP per tahun",
                "table_header_choice": "both",
                "first_row_is_table_header": True,
                "first_col_is_header": True,
                "data": [["Jenis ASN", "JP"], ["PNS", "20"], ["PPPK", "24"]],
            },
        ),
        (
            "key_figures",
            {"figures": [{"number": 2888, "label": "peserta"}, {"number": 75404, "label": "sertifikat"}]},
        ),
    ]


@pytest.fixture
def page_with_every_block():
    target = factories.make_episode()
    return factories.make_standard_page(
        slug="semua-blok", body=every_block(factories.make_image(), factories.make_document(), target)
    )


def test_every_block_kind_is_covered_here():
    names = [name for name, _ in every_block(None, None, None)]
    assert names == list(BodyBlock().child_blocks)


def test_each_block_renders_what_readers_need(client, page_with_every_block):
    response = client.get(page_with_every_block.url)
    html = soup(response)
    body = html.select_one("main")

    assert body.select_one("p b").get_text() == "sambil bekerja"
    assert body.find("h2", string="Dua narasumber, dua sudut pandang")
    figure = body.select_one(".block-image figure")
    assert figure.select_one("img")["alt"]
    assert all(".webp" in source["srcset"] for source in figure.select("source, img[srcset]"))
    assert "Humas BPSDM Sulsel" in figure.figcaption.get_text()
    quote = body.select_one(".block-quote")
    assert quote.blockquote.get_text(strip=True) == "Tempat kerja adalah ruang belajar."
    assert quote.figcaption.get_text(strip=True) == "Dr. Arwin Malik"
    assert body.select_one(".block-document a").get_text(strip=True) == "Materi paparan"
    assert body.select_one(".block-cta a")["href"].startswith("/webinar/")

    region = body.select_one(".table-scroll")
    assert region["tabindex"] == "0" and region["role"] == "region"
    table = region.table
    assert table.caption.get_text(strip=True) == "Target JP per tahun"
    assert [th["scope"] for th in table.select("thead th")] == ["col", "col"]
    assert [th.get_text(strip=True) for th in table.select("tbody th[scope=row]")] == ["PNS", "PPPK"]

    figures = [
        (dd.get_text(strip=True), dt.get_text(strip=True))
        for dt, dd in zip(body.select(".figures--block dt"), body.select(".figures--block dd"), strict=True)
    ]
    assert figures == [("2.888", "peserta"), ("75.404", "sertifikat")]


def test_the_video_block_loads_nothing_from_youtube_until_played(client, page_with_every_block):
    response = client.get(page_with_every_block.url)

    assert not [url for url in loaded_urls(response) if is_external(url)]
    assert "aqz-KE-bpKQ" in response.content.decode()


@needs_vnu
@needs_java
def test_a_page_with_every_block_is_valid_html(client, page_with_every_block):
    response = client.get(page_with_every_block.url)

    result = subprocess.run(  # noqa: S603 (our own command line)
        [shutil.which("java"), "-jar", str(VNU_JAR), "--errors-only", "-"],
        input=response.content,
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr.decode()


def block_errors(value):
    block = BodyBlock()
    try:
        block.clean(block.to_python([{"type": "table", "value": value}]))
    except ValidationError as error:
        return " ".join(str(message) for message in error.as_json_data()["blockErrors"][0]["messages"])
    return ""


def test_a_table_needs_a_caption_and_header_cells():
    data = [["Jenis ASN", "JP"], ["PNS", "20"]]

    assert block_errors({"table_caption": "", "table_header_choice": "row", "data": data}) == (
        "Isi judul tabel: pembaca layar membacakannya sebelum isi tabel."
    )
    assert "baris pertama" in block_errors(
        {"table_caption": "JP", "table_header_choice": "neither", "data": data}
    )
    assert block_errors({"table_caption": "JP", "table_header_choice": "row", "data": data}) == ""


def test_the_key_figures_block_refuses_negative_numbers_and_more_than_four():
    block = BodyBlock()
    five = [{"number": n, "label": "peserta"} for n in range(5)]
    for figures in ([{"number": -1, "label": "peserta"}], five):
        with pytest.raises(ValidationError):
            block.clean(block.to_python([{"type": "key_figures", "value": {"figures": figures}}]))


@pytest.mark.parametrize("name", list(BodyBlock().child_blocks))
def test_every_block_has_an_admin_preview(admin_client, name):
    factories.make_image()
    factories.make_document()
    block = ArticlePage._meta.get_field("body").stream_block.child_blocks[name]
    assert block.is_previewable and block.meta.description

    response = admin_client.get(reverse("wagtailadmin_block_preview"), {"id": block.definition_prefix})

    assert response.status_code == 200
    preview = soup(response)
    assert preview.select_one(f".block-{name}").get_text(strip=True) or preview.select_one(
        f".block-{name} img"
    )
    assert preview.find("link", rel="stylesheet")["href"].endswith("site.css")
