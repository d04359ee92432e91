from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    PageChooserPanel,
    TabbedInterface,
)
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, PageManager
from wagtail.search import index

from core.site_address import page_url
from home.blocks import BodyBlock
from home.models import BasePage, BasePageQuerySet, SiteSettings
from home.pagination import paginate
from home.seo import social_image_url
from home.video import youtube_embed_url
from webinars.attendance.models import EpisodeAttendanceMixin
from webinars.attendance.views import CheckInRoutes
from webinars.episodes import calendar
from webinars.episodes.filters import EpisodeFilterForm
from webinars.episodes.structured_data import episode_event
from webinars.evaluations.models import EpisodeEvaluationMixin
from webinars.evaluations.views import EvaluationRoutes
from webinars.registrations.models import EpisodeRegistrationMixin
from webinars.registrations.views import RegistrationRoutes


class EpisodeQuerySet(BasePageQuerySet):
    def upcoming(self, now=None):
        """Episodes that have not ended yet (a live one included), soonest first."""
        return self.filter(end__gte=now or timezone.now()).order_by("start")

    def past(self, now=None):
        return self.filter(end__lt=now or timezone.now()).order_by("-start")

    def with_recording(self):
        return self.exclude(recording_url="").order_by("-start")

    def for_listing(self):
        """What a listing card shows, fetched in a fixed number of queries."""
        return self.select_related("image").prefetch_related(
            "image__renditions",
            models.Prefetch(
                "speaker_roles",
                queryset=EpisodeSpeaker.objects.select_related("speaker").order_by("sort_order"),
            ),
        )


class SpeakerRole(models.TextChoices):
    SPEAKER = "narasumber", _("Narasumber")
    MODERATOR = "moderator", _("Moderator")
    OPENING = "sambutan", _("Sambutan pembuka")


class EpisodeTag(TaggedItemBase):
    content_object = ParentalKey(
        "webinars.EpisodePage", related_name="tagged_items", on_delete=models.CASCADE
    )


class EpisodeSpeaker(Orderable):
    """One person's part in one episode: the same speaker page is reused across episodes."""

    page = ParentalKey("webinars.EpisodePage", related_name="speaker_roles", on_delete=models.CASCADE)
    speaker = models.ForeignKey(
        "webinars.SpeakerPage",
        on_delete=models.CASCADE,
        related_name="episode_roles",
        verbose_name=_("narasumber"),
        help_text=_("Pilih halaman narasumber; buat dulu di Narasumber bila orangnya belum ada."),
    )
    role = models.CharField(
        _("peran"),
        max_length=20,
        choices=SpeakerRole.choices,
        default=SpeakerRole.SPEAKER,
        help_text=_("Narasumber, moderator, atau pemberi sambutan pembuka."),
    )
    note = models.CharField(
        _("keterangan"),
        max_length=150,
        blank=True,
        help_text=_("Opsional, mis. Kepala BPSDM Sulsel atau judul materi."),
    )

    panels = [PageChooserPanel("speaker", "webinars.SpeakerPage"), FieldPanel("role"), FieldPanel("note")]

    class Meta(Orderable.Meta):
        verbose_name = _("peran narasumber")
        verbose_name_plural = _("narasumber dan moderator")
        constraints = [
            models.UniqueConstraint(
                fields=["page", "speaker", "role"], name="unique_speaker_role_per_episode"
            ),
        ]


class EpisodeMaterial(Orderable):
    page = ParentalKey("webinars.EpisodePage", related_name="materials", on_delete=models.CASCADE)
    document = models.ForeignKey(
        "wagtaildocs.Document",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("dokumen"),
        help_text=_(
            "Materi paparan dari pustaka dokumen (PDF, PPTX, DOCX, XLSX, ODT, ODP atau ZIP; maks. 20 MB)."
        ),
    )
    title = models.CharField(
        _("judul"),
        max_length=150,
        blank=True,
        help_text=_("Kosongkan untuk memakai judul dokumen."),
    )

    panels = [FieldPanel("document"), FieldPanel("title")]

    class Meta(Orderable.Meta):
        verbose_name = _("materi")
        verbose_name_plural = _("materi")

    @property
    def display_title(self):
        return self.title or self.document.title


class EpisodeIndexPage(RoutablePageMixin, BasePage):
    intro = models.TextField(
        _("pengantar"),
        max_length=400,
        blank=True,
        help_text=_("Kalimat pembuka di atas daftar episode, paling banyak 400 karakter."),
    )

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["webinars.EpisodePage"]
    max_count = 1
    template = "pages/episode_index_page.html"
    per_page = 12

    class Meta:
        verbose_name = _("daftar webinar")

    def get_meta_description(self):
        return self.search_description or self.intro

    def episodes(self):
        return EpisodePage.objects.child_of(self).live().public()

    @path("")
    def index(self, request):
        episodes = self.episodes()
        form = EpisodeFilterForm(request.GET or None, episodes=episodes)
        episodes = form.filter(episodes).for_listing()
        return self.render(
            request,
            context_overrides={
                "filter_form": form,
                "episodes": paginate(request, episodes, self.per_page),
            },
        )

    @classmethod
    def reserved_slugs(cls):
        """The first path segments of the index page's own sub-routes ({'rekaman', 'kalender'}):
        an episode with one of them as its slug would be hidden behind the route."""
        return {
            str(pattern.pattern).strip("^$").split("/")[0]
            for pattern in cls.get_subpage_urls()
            if str(pattern.pattern).strip("^$")
        }

    @path("rekaman/", name="recordings")
    def recordings(self, request):
        episodes = self.episodes().with_recording().for_listing()
        return self.render(
            request,
            context_overrides={"episodes": paginate(request, episodes, self.per_page)},
            template="pages/recordings_page.html",
        )

    @path("kalender/", name="calendar")
    def calendar_feed(self, request):
        episodes = self.episodes().upcoming().prefetch_related("speaker_roles__speaker")
        return calendar.response(calendar.build(episodes, calendar.base_url(request)), "asn-adaptif.ics")

    def get_sitemap_urls(self, request=None):
        urls = super().get_sitemap_urls(request)
        if urls:
            urls.append({"location": urls[0]["location"] + "rekaman/", "lastmod": urls[0].get("lastmod")})
        return urls


class EpisodePage(
    EpisodeEvaluationMixin,
    EpisodeAttendanceMixin,
    EpisodeRegistrationMixin,
    RegistrationRoutes,
    CheckInRoutes,
    EvaluationRoutes,
    RoutablePageMixin,
    BasePage,
):
    """One episode of the series. Registration, attendance and evaluation are composed in from
    their rooms: their fields (the mixins) and their sub-routes (daftar/, presensi/, evaluasi/ …)."""

    series_number = models.PositiveIntegerField(
        _("seri ke-"),
        unique=True,
        help_text=_(
            "Nomor urut episode dalam seri ASN Adaptif, mis. 40. Tidak boleh sama dengan episode lain."
        ),
    )
    summary = models.TextField(
        _("ringkasan"),
        max_length=400,
        help_text=_("Satu atau dua kalimat tentang isi episode; tampil di daftar dan saat dibagikan."),
    )
    start = models.DateTimeField(_("mulai"), help_text=_("Tanggal dan jam mulai, dalam WITA."))
    end = models.DateTimeField(_("selesai"), help_text=_("Tanggal dan jam selesai, dalam WITA."))
    jp = models.PositiveSmallIntegerField(
        _("nilai JP"),
        null=True,
        blank=True,
        help_text=_("Jam pelajaran yang dicatat pada sertifikat. Kosongkan bila belum ditetapkan."),
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("poster"),
        help_text=_("Poster atau gambar episode, rasio 16:9; juga menjadi gambar mini rekaman."),
    )
    meeting_url = models.URLField(
        _("tautan Zoom"),
        blank=True,
        help_text=_("Tautan rapat daring untuk peserta."),
    )
    livestream_url = models.URLField(
        _("tautan siaran langsung"),
        blank=True,
        help_text=_("Tautan siaran langsung di YouTube."),
    )
    recording_url = models.URLField(
        _("tautan rekaman"),
        blank=True,
        help_text=_("Tautan rekaman YouTube setelah acara; episode akan muncul di daftar rekaman."),
    )
    recording_duration = models.DurationField(
        _("durasi rekaman"),
        null=True,
        blank=True,
        help_text=_("Format jam:menit:detik, mis. 2:45:00."),
    )
    body = StreamField(
        BodyBlock(),
        verbose_name=_("uraian"),
        blank=True,
        help_text=_("Uraian episode: latar belakang, pokok bahasan, dan setelah acara, ringkasannya."),
    )
    reported_participants = models.PositiveIntegerField(
        _("jumlah peserta (dilaporkan)"),
        null=True,
        blank=True,
        help_text=_(
            "Untuk episode sebelum pendaftaran lewat situs: jumlah peserta yang dilaporkan, mis. 2888. "
            "Diabaikan bila situs menyimpan pendaftaran episode ini: angka hitungan situs yang dipakai."
        ),
    )
    reported_certificates = models.PositiveIntegerField(
        _("sertifikat terbit (dilaporkan)"),
        null=True,
        blank=True,
        help_text=_(
            "Untuk episode sebelum situs: jumlah sertifikat yang dilaporkan terbit. Diabaikan bila "
            "situs menyimpan pendaftaran episode ini: angka hitungan situs yang dipakai."
        ),
    )
    tags = ClusterTaggableManager(
        through=EpisodeTag,
        blank=True,
        verbose_name=_("topik"),
        help_text=_("Topik episode, dipisah koma, mis. pembelajaran, produktivitas."),
    )

    objects = PageManager.from_queryset(EpisodeQuerySet)()

    content_panels = [
        FieldRowPanel([FieldPanel("series_number"), FieldPanel("jp")]),
        FieldPanel("title", heading=_("Tema")),
        FieldPanel("summary"),
        FieldRowPanel([FieldPanel("start"), FieldPanel("end")], heading=_("Waktu (WITA)")),
        FieldPanel("image"),
        InlinePanel("speaker_roles", heading=_("Narasumber dan moderator"), label=_("Orang")),
        MultiFieldPanel(
            [FieldPanel("meeting_url"), FieldPanel("livestream_url")],
            heading=_("Cara bergabung"),
        ),
        *EpisodeRegistrationMixin.panels,
        MultiFieldPanel(
            [FieldPanel("recording_url"), FieldPanel("recording_duration")],
            heading=_("Rekaman"),
        ),
        FieldPanel("body"),
        InlinePanel("materials", heading=_("Materi unduhan"), label=_("Materi")),
        FieldPanel("tags"),
        MultiFieldPanel(
            [FieldPanel("reported_participants"), FieldPanel("reported_certificates")],
            heading=_("Angka yang dilaporkan"),
        ),
    ]
    # Attendance and certificates have a tab of their own: the keyword is set on the day.
    edit_handler = TabbedInterface(
        [
            # Wagtail's own tab names, so they follow the editor's language like every other page.
            ObjectList(content_panels, heading=_("Content")),
            ObjectList(
                EpisodeAttendanceMixin.attendance_panels + EpisodeEvaluationMixin.evaluation_panels,
                heading=_("Presensi & sertifikat"),
            ),
            ObjectList(BasePage.promote_panels, heading=_("Promote")),
            ObjectList(Page.settings_panels, heading=_("Settings")),
        ]
    )
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("start"),
        index.RelatedFields("tags", [index.SearchField("name")]),
        index.RelatedFields(
            "speaker_roles",
            [
                index.RelatedFields("speaker", [index.SearchField("title")]),
            ],
        ),
    ]

    parent_page_types = ["webinars.EpisodeIndexPage"]
    subpage_types = []
    template = "pages/episode_page.html"
    select_related_when_served = ["image"]

    class Meta:
        verbose_name = _("episode webinar")
        verbose_name_plural = _("episode webinar")
        ordering = ["-start"]

    def clean(self):
        super().clean()  # the registration window is checked by EpisodeRegistrationMixin
        if self.start and self.end and self.end <= self.start:
            raise ValidationError({"end": _("Waktu selesai harus setelah waktu mulai.")})
        if self.recording_duration is not None and not self.recording_url:
            raise ValidationError({"recording_url": _("Isi tautan rekaman bila durasi rekaman diisi.")})
        if self.slug in EpisodeIndexPage.reserved_slugs():
            raise ValidationError(
                {
                    "slug": _(
                        "Slug “%(slug)s” sudah dipakai halaman daftar episode (/webinar/%(slug)s/), "
                        "sehingga episode ini tidak akan pernah tampil. Pilih slug lain, mis. seri-41."
                    )
                    % {"slug": self.slug}
                }
            )

    @property
    def is_upcoming(self):
        return self.end >= timezone.now()

    @property
    def is_live(self):
        return self.start <= timezone.now() <= self.end

    @cached_property
    def ordered_roles(self):
        return list(self.speaker_roles.all())

    def people(self, role):
        return [item for item in self.ordered_roles if item.role == role]

    @property
    def speakers(self):
        return self.people(SpeakerRole.SPEAKER)

    @property
    def moderators(self):
        return self.people(SpeakerRole.MODERATOR)

    @property
    def opening_speakers(self):
        return self.people(SpeakerRole.OPENING)

    @property
    def recording_embed_url(self):
        return youtube_embed_url(self.recording_url)

    def get_lead_image(self):
        return self.image

    def get_meta_description(self):
        return self.search_description or self.summary

    @path("")
    def index(self, request):
        return self.render(request)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Everyone on the page with their photo, and every material with its document, in a
        # fixed number of queries however many there are.
        models.prefetch_related_objects(
            [self],
            models.Prefetch(
                "speaker_roles",
                queryset=EpisodeSpeaker.objects.select_related("speaker__photo")
                .prefetch_related("speaker__photo__renditions")
                .order_by("sort_order"),
            ),
            models.Prefetch("materials", queryset=EpisodeMaterial.objects.select_related("document")),
        )
        return context

    @path("kalender/", name="calendar")
    def calendar_view(self, request):
        if not self.live:
            raise Http404
        return calendar.response(
            calendar.build([self], calendar.base_url(request)), f"asn-adaptif-seri-{self.series_number}.ics"
        )

    def calendar_file(self, site_url, private_details=False):
        """This episode as an iCalendar file (bytes), for the registrants' emails; private_details
        adds the Zoom link."""
        return calendar.build([self], site_url, private_details=private_details).to_ical()

    def get_structured_data(self, request):
        site_settings = SiteSettings.for_request(request)
        return episode_event(
            self,
            organiser=site_settings,
            url=page_url(self, request),
            image_url=social_image_url(request, self.get_social_image()),
        )
