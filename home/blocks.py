"""StreamField blocks shared by episodes, articles and standard pages."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.blocks import StructBlockValidationError
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.documents import get_document_model
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images import get_image_model
from wagtail.images.blocks import ImageChooserBlock

from home.video import youtube_embed_url

PARAGRAPH_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul"]


class HeadingBlock(blocks.CharBlock):
    class Meta:
        icon = "title"
        template = "components/streamfield/heading.html"
        label = _("Subjudul")
        max_length = 120
        help_text = _("Subjudul bagian, paling banyak 120 karakter.")
        preview_value = "Apa itu Workplace Learning?"
        description = _("Subjudul yang membagi tulisan menjadi bagian.")


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(
        label=_("Gambar"), help_text=_("Pilih dari pustaka gambar; isi teks alternatif pada gambarnya.")
    )
    caption = blocks.CharBlock(
        label=_("Keterangan"),
        required=False,
        max_length=250,
        help_text=_("Keterangan di bawah gambar."),
    )
    credit = blocks.CharBlock(
        label=_("Kredit"),
        required=False,
        max_length=120,
        help_text=_("Pemilik atau pembuat foto, mis. Humas BPSDM Sulsel."),
    )

    class Meta:
        icon = "image"
        template = "components/streamfield/image.html"
        label = _("Gambar")
        description = _("Gambar dengan keterangan dan kredit.")

    def get_preview_value(self):
        # The admin preview shows the newest image of the library, if there is one.
        image = get_image_model().objects.order_by("-created_at").first()
        return self.normalize(
            {
                "image": image,
                "caption": "Peserta mengikuti webinar dari kantor masing-masing.",
                "credit": "Humas BPSDM Sulsel",
            }
        )


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(
        label=_("Kutipan"),
        max_length=600,
        help_text=_("Kalimat yang dikutip, tanpa tanda petik; paling banyak 600 karakter."),
    )
    attribution = blocks.CharBlock(
        label=_("Sumber"),
        required=False,
        max_length=120,
        help_text=_("Siapa yang mengatakannya, mis. Kepala BPSDM Sulsel."),
    )

    class Meta:
        icon = "openquote"
        template = "components/streamfield/quote.html"
        label = _("Kutipan")
        preview_value = {
            "text": "Tempat kerja adalah ruang belajar.",
            "attribution": "Narasumber webinar",
        }
        description = _("Kutipan langsung dengan sumbernya.")


class VideoBlock(blocks.StructBlock):
    url = blocks.URLBlock(
        label=_("Tautan video"),
        help_text=_(
            "Tautan YouTube ditampilkan sebagai pemutar tanpa cookie; tautan lain sebagai tautan biasa."
        ),
    )
    caption = blocks.CharBlock(
        label=_("Keterangan"),
        required=False,
        max_length=250,
        help_text=_(
            "Judul video untuk pembaca layar dan keterangan di bawahnya, paling banyak 250 karakter."
        ),
    )

    class Meta:
        icon = "media"
        template = "components/streamfield/video.html"
        label = _("Video")
        preview_value = {"url": "https://www.youtube.com/watch?v=aqz-KE-bpKQ", "caption": ""}
        description = _("Video YouTube atau tautan ke video lain.")

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["embed_url"] = youtube_embed_url(value["url"])
        return context


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(
        label=_("Dokumen"), help_text=_("Pilih dari pustaka dokumen, mis. materi paparan (PDF).")
    )
    title = blocks.CharBlock(
        label=_("Judul tautan"),
        required=False,
        max_length=120,
        help_text=_("Kosongkan untuk memakai judul dokumen."),
    )

    class Meta:
        icon = "doc-full"
        template = "components/streamfield/document.html"
        label = _("Unduhan dokumen")
        description = _("Tautan unduhan untuk dokumen dari pustaka dokumen.")

    def get_preview_value(self):
        document = get_document_model().objects.order_by("-created_at").first()
        return self.normalize({"document": document, "title": ""})


class CallToActionBlock(blocks.StructBlock):
    text = blocks.CharBlock(
        label=_("Teks tombol"),
        max_length=60,
        help_text=_("Kata kerja yang jelas, mis. Daftar sekarang; paling banyak 60 karakter."),
    )
    page = blocks.PageChooserBlock(
        label=_("Halaman tujuan"), required=False, help_text=_("Halaman di situs ini.")
    )
    url = blocks.URLBlock(
        label=_("Atau tautan luar"),
        required=False,
        help_text=_("Alamat lengkap situs lain, mis. https://bpsdm.sulselprov.go.id/."),
    )

    class Meta:
        icon = "link"
        template = "components/streamfield/call-to-action.html"
        label = _("Tombol ajakan")
        preview_value = {"text": "Daftar webinar", "url": "https://example.org/"}
        description = _("Satu tombol menuju halaman situs atau tautan luar.")

    def clean(self, value):
        value = super().clean(value)
        if bool(value.get("page")) == bool(value.get("url")):
            message = _("Isi salah satu: halaman tujuan atau tautan luar.")
            raise StructBlockValidationError(block_errors={"page": [message], "url": [message]})
        return value


class SimpleTableBlock(TableBlock):
    """A small table of text, with a caption and header cells so that it reads well aloud."""

    def __init__(self, **kwargs):
        table_options = {
            "contextMenu": [
                "row_above",
                "row_below",
                "---------",
                "col_left",
                "col_right",
                "---------",
                "remove_row",
                "remove_col",
                "---------",
                "undo",
                "redo",
            ],
            "startRows": 3,
            "startCols": 3,
        }
        super().__init__(table_options=table_options, **kwargs)

    def clean(self, value):
        value = super().clean(value)
        errors = []
        if not (value.get("table_caption") or "").strip():
            errors.append(_("Isi judul tabel: pembaca layar membacakannya sebelum isi tabel."))
        if not (value.get("first_row_is_table_header") or value.get("first_col_is_header")):
            errors.append(_("Pilih baris pertama dan/atau kolom pertama sebagai judul kolom/baris."))
        if errors:
            raise ValidationError(errors)
        return value

    class Meta:
        icon = "table"
        template = "components/streamfield/table.html"
        label = _("Tabel sederhana")
        help_text = _("Tabel teks kecil, mis. jadwal atau rekap. Wajib berjudul dan berbaris/berkolom judul.")
        preview_value = {
            "table_caption": "Jadwal Seri ke-40",
            "table_header_choice": "row",
            "first_row_is_table_header": True,
            "first_col_is_header": False,
            "data": [
                ["Waktu (WITA)", "Acara"],
                ["09.00", "Sambutan pembuka"],
                ["09.15", "Paparan narasumber"],
            ],
        }
        description = _("Tabel kecil dengan judul dan baris judul.")


class FigureBlock(blocks.StructBlock):
    number = blocks.IntegerBlock(
        label=_("Angka"),
        min_value=0,
        help_text=_("Angka bulat tanpa titik, mis. 2888; tampil sebagai 2.888."),
    )
    label = blocks.CharBlock(
        label=_("Keterangan"),
        max_length=60,
        help_text=_("Apa yang dihitung, mis. peserta; paling banyak 60 karakter."),
    )

    class Meta:
        icon = "order"
        label = _("Angka")


class KeyFiguresBlock(blocks.StructBlock):
    figures = blocks.ListBlock(FigureBlock(), min_num=1, max_num=4, label=_("Angka"))

    class Meta:
        icon = "order"
        template = "components/streamfield/key-figures.html"
        label = _("Angka kunci")
        help_text = _("Satu sampai empat angka penting, mis. jumlah peserta dan sertifikat.")
        preview_value = {
            "figures": [{"number": 2888, "label": "peserta"}, {"number": 75404, "label": "sertifikat terbit"}]
        }
        description = _("Angka penting dengan keterangannya, ditulis cara Indonesia (2.888).")


class BodyBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(
        features=PARAGRAPH_FEATURES,
        label=_("Paragraf"),
        icon="pilcrow",
        template="components/streamfield/paragraph.html",
        preview_value="<p>ASN belajar sambil bekerja.</p>",
        description=_("Teks dengan cetak tebal, miring, tautan dan daftar."),
    )
    heading = HeadingBlock()
    image = ImageBlock()
    quote = QuoteBlock()
    video = VideoBlock()
    document = DocumentBlock()
    call_to_action = CallToActionBlock()
    table = SimpleTableBlock()
    key_figures = KeyFiguresBlock()
