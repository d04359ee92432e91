from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from core.site_address import page_url
from home.models import BasePage
from webinars.episodes.models import EpisodePage


class SpeakerIndexPage(BasePage):
    intro = models.TextField(
        _("pengantar"),
        max_length=400,
        blank=True,
        help_text=_("Kalimat pembuka di atas daftar narasumber, paling banyak 400 karakter."),
    )

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["webinars.SpeakerPage"]
    max_count = 1
    template = "pages/speaker_index_page.html"

    class Meta:
        verbose_name = _("daftar narasumber")

    def get_meta_description(self):
        return self.search_description or self.intro

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["speakers"] = (
            SpeakerPage.objects.child_of(self)
            .live()
            .public()
            .select_related("photo")
            .prefetch_related("photo__renditions")
            .order_by("sort_name", "title")
        )
        return context


class SpeakerPage(BasePage):
    """A person who speaks, moderates or opens episodes; one page however often they appear."""

    sort_name = models.CharField(
        _("nama untuk pengurutan"),
        max_length=120,
        blank=True,
        help_text=_("Nama tanpa gelar, mis. Arwin Malik. Kosongkan untuk memakai nama lengkap."),
    )
    position = models.CharField(
        _("jabatan"),
        max_length=150,
        blank=True,
        help_text=_("Jabatan, mis. Widyaiswara Ahli Madya."),
    )
    institution = models.CharField(
        _("instansi"),
        max_length=150,
        blank=True,
        help_text=_("Instansi asal, mis. BPSDM Provinsi Sulawesi Selatan."),
    )
    photo = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("foto"),
        help_text=_("Foto wajah, sebaiknya persegi. Isi teks alternatif pada gambar."),
    )
    biography = RichTextField(
        _("biografi singkat"),
        blank=True,
        features=["bold", "italic", "link"],
        help_text=_("Dua atau tiga kalimat tentang keahlian narasumber."),
    )

    content_panels = [
        FieldPanel(
            "title", heading=_("Nama lengkap dengan gelar"), help_text=_("Mis. Dr. Drs. Arwin Malik, M.Si.")
        ),
        FieldPanel("sort_name"),
        FieldPanel("position"),
        FieldPanel("institution"),
        FieldPanel("photo"),
        FieldPanel("biography"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("position"),
        index.SearchField("institution"),
        index.SearchField("biography"),
    ]

    parent_page_types = ["webinars.SpeakerIndexPage"]
    subpage_types = []
    template = "pages/speaker_page.html"
    select_related_when_served = ["photo"]

    class Meta:
        verbose_name = _("narasumber")
        verbose_name_plural = _("narasumber")

    def save(self, *args, **kwargs):
        self.sort_name = self.sort_name or self.title
        super().save(*args, **kwargs)

    def get_lead_image(self):
        return self.photo

    def get_meta_description(self):
        return self.search_description or ", ".join(filter(None, [self.position, self.institution]))

    @property
    def role_line(self):
        return ", ".join(filter(None, [self.position, self.institution]))

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["episodes"] = (
            EpisodePage.objects.live()
            .public()
            .filter(speaker_roles__speaker=self)
            .distinct()
            .for_listing()
            .order_by("-start")
        )
        return context

    def get_structured_data(self, request):
        data = {
            "@context": "https://schema.org",
            "@type": "Person",
            "name": self.title,
            "url": page_url(self, request),
        }
        if self.position:
            data["jobTitle"] = self.position
        if self.institution:
            data["worksFor"] = {"@type": "Organization", "name": self.institution}
        return data
