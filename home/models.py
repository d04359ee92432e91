import re

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Length, Substr
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import Page, PageManager, PageViewRestriction, PreviewableMixin
from wagtail.query import PageQuerySet
from wagtail.search import index

from home.blocks import BodyBlock


class SocialMediaMixin(models.Model):
    """What a page shows when it is shared: Open Graph title, description and image."""

    social_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("gambar saat dibagikan"),
        help_text=_("Gambar pratinjau di WhatsApp dan media sosial. Kosongkan untuk memakai gambar utama."),
    )

    panels = [FieldPanel("social_image")]

    class Meta:
        abstract = True


class BasePageQuerySet(PageQuerySet):
    def public(self):
        """Pages outside every private section, checked inside the same query.

        Wagtail's own public() first loads all view restrictions: one more query for every
        listing, and the home page alone shows three.
        """
        restriction_above = PageViewRestriction.objects.filter(
            page__path=Substr(models.OuterRef("path"), 1, Length("page__path"))
        )
        return self.exclude(models.Exists(restriction_above))


class BasePage(SocialMediaMixin, Page):
    """Every public page: one place for the description, image and structured data it shares."""

    objects = PageManager.from_queryset(BasePageQuerySet)()

    promote_panels = Page.promote_panels + SocialMediaMixin.panels
    # Foreign keys the page always shows, loaded with it when an index page routes to it.
    select_related_when_served = ()

    class Meta:
        abstract = True

    @property
    def preview_sizes(self):
        # Readers come on phones, staff check on desktops: the tablet size only adds a click.
        return [
            size for size in PreviewableMixin.DEFAULT_PREVIEW_SIZES if size["name"] in {"mobile", "desktop"}
        ]

    def get_lead_image(self):
        return None

    def get_social_image(self):
        return self.social_image or self.get_lead_image()

    def get_meta_description(self):
        return self.search_description

    def get_structured_data(self, request):
        """schema.org data for this page as a dict, or None."""
        return None

    def route(self, request, path_components):
        # Page.route() loads a child as a plain Page and then again as its own type. Where only
        # one type of page may be a child (every index page), load it as that type, with the
        # images its template shows, in one query.
        subpage_models = self.allowed_subpage_models()
        if path_components and len(subpage_models) == 1:
            child_model = subpage_models[0]
            child = (
                child_model.objects.child_of(self)
                .select_related(*getattr(child_model, "select_related_when_served", ()))
                .filter(slug=path_components[0])
                .first()
            )
            if child is not None:
                child._cached_parent_obj = self
                return child.route(request, path_components[1:])
        return super().route(request, path_components)


class HomePage(BasePage):
    intro = models.TextField(
        _("pengantar"),
        max_length=400,
        blank=True,
        help_text=_("Satu atau dua kalimat di bawah judul beranda, paling banyak 400 karakter."),
    )

    content_panels = Page.content_panels + [FieldPanel("intro")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "webinars.EpisodeIndexPage",
        "webinars.SpeakerIndexPage",
        "news.NewsIndexPage",
        "webinars.StatisticsPage",
        "home.StandardPage",
    ]
    max_count = 1
    template = "pages/home_page.html"

    class Meta:
        verbose_name = _("beranda")

    def get_meta_description(self):
        return self.search_description or self.intro


class StandardPage(BasePage):
    """A plain page such as Tentang or Kebijakan Privasi."""

    intro = models.TextField(
        _("pengantar"),
        max_length=400,
        blank=True,
        help_text=_("Ringkasan singkat di bawah judul, paling banyak 400 karakter."),
    )
    body = StreamField(
        BodyBlock(),
        verbose_name=_("isi"),
        blank=True,
        help_text=_("Isi halaman: paragraf, subjudul, gambar, kutipan, video, tabel dan angka kunci."),
    )

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["home.HomePage", "home.StandardPage"]
    subpage_types = ["home.StandardPage"]
    template = "pages/standard_page.html"

    class Meta:
        verbose_name = _("halaman biasa")

    def get_meta_description(self):
        return self.search_description or self.intro


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting):
    organisation_name = models.CharField(
        _("nama lembaga"),
        max_length=150,
        default="Badan Pengembangan Sumber Daya Manusia Provinsi Sulawesi Selatan",
        help_text=_("Nama lengkap penyelenggara, dipakai di kaki halaman dan data terstruktur."),
    )
    organisation_short_name = models.CharField(
        _("nama singkat"),
        max_length=40,
        default="BPSDM Sulsel",
        help_text=_("Nama singkat lembaga, mis. BPSDM Sulsel."),
    )
    logo = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("logo"),
        help_text=_("Logo di kepala halaman; sebaiknya persegi."),
    )
    website_url = models.URLField(_("situs lembaga"), blank=True, help_text=_("Alamat situs resmi lembaga."))
    email = models.EmailField(
        _("email kontak"), blank=True, help_text=_("Email yang dapat dihubungi peserta.")
    )
    phone = models.CharField(_("telepon"), max_length=30, blank=True, help_text=_("Nomor telepon kantor."))
    whatsapp_number = models.CharField(
        _("nomor WhatsApp"),
        max_length=20,
        blank=True,
        help_text=_("Nomor WhatsApp layanan peserta, mis. 0811 4000 123; tampil sebagai tautan chat."),
    )
    address = models.TextField(_("alamat"), max_length=300, blank=True, help_text=_("Alamat kantor."))
    map_url = models.URLField(
        _("tautan peta"),
        blank=True,
        help_text=_("Tautan lokasi kantor di Google Maps atau OpenStreetMap."),
    )
    youtube_channel_url = models.URLField(
        _("kanal YouTube"), blank=True, help_text=_("Kanal tempat webinar disiarkan langsung.")
    )
    whatsapp_channel_url = models.URLField(
        _("saluran WhatsApp"), blank=True, help_text=_("Tautan saluran WhatsApp untuk pengumuman.")
    )
    instagram_url = models.URLField(_("Instagram"), blank=True, help_text=_("Tautan profil Instagram."))
    facebook_url = models.URLField(_("Facebook"), blank=True, help_text=_("Tautan halaman Facebook."))
    x_url = models.URLField(_("X (Twitter)"), blank=True, help_text=_("Tautan profil X."))
    tiktok_url = models.URLField(_("TikTok"), blank=True, help_text=_("Tautan profil TikTok."))
    privacy_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("halaman kebijakan privasi"),
        help_text=_(
            "Halaman yang menjelaskan data pribadi apa yang disimpan, untuk apa dan berapa lama; "
            "ditautkan dari formulir pendaftaran."
        ),
    )
    footer_text = models.TextField(
        _("teks kaki halaman"),
        max_length=400,
        blank=True,
        help_text=_("Kalimat singkat di kaki setiap halaman."),
    )
    certificates_baseline = models.PositiveIntegerField(
        _("sertifikat terbit sebelum situs"),
        null=True,
        blank=True,
        help_text=_(
            "Jumlah sertifikat yang sudah diterbitkan seri ini sebelum dicatat di situs, mis. 75404."
        ),
    )
    certificates_baseline_episode = models.PositiveIntegerField(
        _("sampai seri ke-"),
        null=True,
        blank=True,
        help_text=_("Nomor seri terakhir yang sudah termasuk dalam jumlah di atas, mis. 40."),
    )

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("organisation_name"),
                FieldPanel("organisation_short_name"),
                FieldPanel("logo"),
                FieldPanel("website_url"),
            ],
            heading=_("Lembaga"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("email"),
                FieldPanel("phone"),
                FieldPanel("whatsapp_number"),
                FieldPanel("address"),
                FieldPanel("map_url"),
            ],
            heading=_("Kontak"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("youtube_channel_url"),
                FieldPanel("whatsapp_channel_url"),
                FieldPanel("instagram_url"),
                FieldPanel("facebook_url"),
                FieldPanel("x_url"),
                FieldPanel("tiktok_url"),
            ],
            heading=_("Kanal dan media sosial"),
        ),
        FieldPanel("footer_text"),
        FieldPanel("privacy_page"),
        MultiFieldPanel(
            [FieldPanel("certificates_baseline"), FieldPanel("certificates_baseline_episode")],
            heading=_("Angka seri sebelum situs"),
        ),
    ]
    # The logo is in every page's header.
    select_related = ["logo"]

    class Meta:
        verbose_name = _("pengaturan situs")

    def clean(self):
        super().clean()
        if self.whatsapp_number and not self.whatsapp_url:
            raise ValidationError(
                {"whatsapp_number": _("Tulis nomor WhatsApp dengan 9 sampai 15 angka, mis. 0811 4000 123.")}
            )

    @property
    def whatsapp_url(self):
        """The wa.me chat link of ``whatsapp_number`` ("0811-4000-123" → https://wa.me/628114000123),
        or "" when the number cannot be one."""
        digits = re.sub(r"\D", "", self.whatsapp_number or "")
        if digits.startswith("0"):
            digits = "62" + digits[1:]
        return f"https://wa.me/{digits}" if 9 <= len(digits) <= 15 else ""

    @property
    def has_contact(self):
        return any([self.email, self.phone, self.whatsapp_url, self.address, self.map_url, self.website_url])

    @property
    def social_links(self):
        candidates = [
            ("YouTube", self.youtube_channel_url),
            ("WhatsApp", self.whatsapp_channel_url),
            ("Instagram", self.instagram_url),
            ("Facebook", self.facebook_url),
            ("X", self.x_url),
            ("TikTok", self.tiktok_url),
        ]
        return [(name, url) for name, url in candidates if url]
