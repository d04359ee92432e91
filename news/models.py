from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import Tag, TaggedItemBase
from wagtail.admin.panels import FieldPanel, InlinePanel, PageChooserPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, PageManager
from wagtail.search import index

from core.site_address import page_url
from home.blocks import BodyBlock
from home.models import BasePage, BasePageQuerySet, SiteSettings
from home.pagination import paginate
from home.seo import organization, social_image_url
from news.feeds import NewsFeed


class NewsIndexPage(RoutablePageMixin, BasePage):
    intro = models.TextField(
        _("pengantar"),
        max_length=400,
        blank=True,
        help_text=_("Kalimat pembuka di atas daftar berita, paling banyak 400 karakter."),
    )

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["news.ArticlePage"]
    max_count = 1
    template = "pages/news_index_page.html"
    per_page = 10

    class Meta:
        verbose_name = _("daftar berita")

    def get_meta_description(self):
        return self.search_description or self.intro

    def articles(self):
        return ArticlePage.objects.child_of(self).live().public().order_by("-date", "-pk")

    @path("")
    def index(self, request):
        articles = self.articles()
        tags = Tag.objects.filter(news_articletag_items__content_object__in=articles).distinct()
        topic = request.GET.get("topik", "")
        # PostgreSQL refuses a NUL byte in a query; no slug holds a control character anyway.
        tag = tags.filter(slug=topic).first() if topic.isprintable() else None
        if tag:
            articles = articles.filter(tags=tag)
        return self.render(
            request,
            context_overrides={
                "articles": paginate(request, articles.for_listing(), self.per_page),
                "tags": tags.order_by("name"),
                "current_tag": tag,
            },
        )

    @path("rss/", name="feed")
    def feed(self, request):
        return NewsFeed(self)(request)


class ArticleQuerySet(BasePageQuerySet):
    def for_listing(self):
        """What a listing card shows, fetched in a fixed number of queries."""
        return self.select_related("lead_image").prefetch_related("lead_image__renditions")


class ArticleTag(TaggedItemBase):
    content_object = ParentalKey("news.ArticlePage", related_name="tagged_items", on_delete=models.CASCADE)


class ArticleEpisode(Orderable):
    """An episode an article is about. News points at episodes, never the other way."""

    page = ParentalKey("news.ArticlePage", related_name="episode_links", on_delete=models.CASCADE)
    episode = models.ForeignKey(
        "webinars.EpisodePage",
        on_delete=models.CASCADE,
        related_name="article_links",
        verbose_name=_("episode"),
        help_text=_("Episode yang diberitakan; tautannya tampil di bawah berita."),
    )

    panels = [PageChooserPanel("episode", "webinars.EpisodePage")]

    class Meta(Orderable.Meta):
        verbose_name = _("episode terkait")
        verbose_name_plural = _("episode terkait")
        constraints = [
            models.UniqueConstraint(fields=["page", "episode"], name="unique_episode_per_article"),
        ]


class ArticlePage(BasePage):
    date = models.DateField(
        _("tanggal"),
        default=timezone.localdate,
        help_text=_("Tanggal berita, tampil di atas judul."),
    )
    author = models.CharField(
        _("penulis"),
        max_length=120,
        default="Humas BPSDM Sulsel",
        help_text=_("Nama penulis atau unit, mis. Humas BPSDM Sulsel."),
    )
    intro = models.TextField(
        _("ringkasan"),
        max_length=400,
        help_text=_("Satu atau dua kalimat inti berita; tampil di daftar, RSS dan saat dibagikan."),
    )
    lead_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("gambar utama"),
        help_text=_("Gambar di atas berita, rasio 16:9. Isi teks alternatif pada gambar."),
    )
    body = StreamField(
        BodyBlock(),
        verbose_name=_("isi"),
        help_text=_("Isi berita: paragraf, subjudul, gambar, kutipan, video, tabel dan angka kunci."),
    )
    tags = ClusterTaggableManager(
        through=ArticleTag,
        blank=True,
        verbose_name=_("topik"),
        help_text=_("Topik berita, dipisah koma."),
    )

    objects = PageManager.from_queryset(ArticleQuerySet)()

    content_panels = Page.content_panels + [
        FieldPanel("date"),
        FieldPanel("author"),
        FieldPanel("intro"),
        FieldPanel("lead_image"),
        FieldPanel("body"),
        InlinePanel("episode_links", heading=_("Episode yang diberitakan"), label=_("Episode")),
        FieldPanel("tags"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("body"),
        index.FilterField("date"),
        index.RelatedFields("tags", [index.SearchField("name")]),
    ]

    parent_page_types = ["news.NewsIndexPage"]
    subpage_types = []
    template = "pages/article_page.html"
    select_related_when_served = ["lead_image"]

    class Meta:
        verbose_name = _("berita")
        verbose_name_plural = _("berita")

    def get_lead_image(self):
        return self.lead_image

    def get_meta_description(self):
        return self.search_description or self.intro

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["episodes"] = [
            link.episode
            for link in self.episode_links.filter(episode__live=True)
            .select_related("episode")
            .order_by("sort_order")
        ]
        return context

    def get_structured_data(self, request):
        site_settings = SiteSettings.for_request(request)
        data = {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": self.title[:110],
            "description": self.intro,
            "datePublished": self.date.isoformat(),
            "dateModified": (self.last_published_at or timezone.now()).isoformat(),
            "author": {"@type": "Person", "name": self.author},
            "publisher": organization(site_settings),
            "mainEntityOfPage": page_url(self, request),
            "inLanguage": "id",
        }
        if image_url := social_image_url(request, self.get_social_image()):
            data["image"] = [image_url]
        return data
