"""StreamField blocks shared by episodes, articles and standard pages."""

from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.blocks import StructBlockValidationError
from wagtail.documents.blocks import DocumentChooserBlock
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
    image = ImageChooserBlock(label=_("Gambar"))
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


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("Kutipan"), max_length=600)
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
    caption = blocks.CharBlock(label=_("Keterangan"), required=False, max_length=250)

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
    document = DocumentChooserBlock(label=_("Dokumen"))
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


class CallToActionBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Teks tombol"), max_length=60)
    page = blocks.PageChooserBlock(label=_("Halaman tujuan"), required=False)
    url = blocks.URLBlock(label=_("Atau tautan luar"), required=False)

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
