"""Build the demo site tree. Idempotent: what already exists is left exactly as it is."""

import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from wagtail.models import Page, Site

from demo import content
from demo.images import example_emblem, portrait, poster
from home.models import HomePage, SiteSettings, StandardPage
from news.models import ArticleEpisode, ArticlePage, NewsIndexPage
from webinars.models import (
    CertificateSettings,
    EpisodeIndexPage,
    EpisodePage,
    EpisodeSpeaker,
    SpeakerIndexPage,
    SpeakerPage,
    StatisticsPage,
)

DEMO_ADMIN_USERNAME = "admin"
# Printed by `make run`. It exists only where DEMO_CONTENT_ALLOWED is set (development and test
# settings): the command refuses to run anywhere else, so no install with real data has it.
DEMO_ADMIN_PASSWORD = "admin-asn-adaptif"  # noqa: S105


class Command(BaseCommand):
    help = "Membuat konten contoh dari Seri ke-40 ASN Adaptif (aman dijalankan berulang kali)."

    def handle(self, *args, **options):
        if not settings.DEMO_CONTENT_ALLOWED:
            raise CommandError(
                "load_demo hanya untuk pengaturan pengembangan (site_project.settings.dev): konten "
                "contoh dan akun admin dengan kata sandi tetap tidak boleh masuk ke situs produksi.\n"
                "load_demo runs only with the development settings: demo content and an admin with a "
                f"fixed password must never reach production (settings in use: {settings.SETTINGS_MODULE})."
            )
        with transaction.atomic():
            self.created = []
            home = self.home_page()
            self.site_settings(home)
            self.certificate_settings(home)
            episodes, speakers, news = self.index_pages(home)
            self.child(home, StatisticsPage, show_in_menus=True, **content.INDEXES["statistics"])
            self.child(
                home,
                StandardPage,
                slug=content.ABOUT["slug"],
                title=content.ABOUT["title"],
                intro=content.ABOUT["intro"],
                body=content.ABOUT["body"],
                show_in_menus=True,
            )
            privacy = self.child(home, StandardPage, **content.PRIVACY)
            self.link_privacy_page(home, privacy)
            people = {
                data["key"]: self.child(
                    speakers,
                    SpeakerPage,
                    after_add=_with_portrait(number),
                    **{k: v for k, v in data.items() if k != "key"},
                )
                for number, data in enumerate(content.SPEAKERS)
            }
            episode_40 = self.episode_40(episodes, people)
            self.example_episode(episodes)
            self.article(news, episode_40)
            self.admin_user()
        summary = ", ".join(self.created) if self.created else "tidak ada yang berubah"
        self.stdout.write(self.style.SUCCESS(f"Konten contoh siap ({summary})."))

    def home_page(self):
        site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
        if site and isinstance(site.root_page.specific, HomePage):
            return site.root_page.specific
        root = Page.get_first_root_node()
        home = HomePage(slug="beranda", **content.HOME)
        root.add_child(instance=home)
        home.save_revision().publish()
        if site:
            old_root = site.root_page
            site.root_page = home
            site.site_name = "ASN Adaptif"
            site.save()
            # Wagtail's placeholder welcome page has no content worth keeping.
            if type(old_root.specific) is Page and not old_root.get_children().exists():
                old_root.delete()
        else:
            Site.objects.create(
                hostname="localhost", root_page=home, is_default_site=True, site_name="ASN Adaptif"
            )
        self.created.append("beranda")
        return home

    def site_settings(self, home):
        site = Site.objects.get(root_page=home)
        site_settings = SiteSettings.for_site(site)
        if site_settings.certificates_baseline is None:
            for field, value in content.SETTINGS.items():
                setattr(site_settings, field, value)
            site_settings.logo = example_emblem()
            site_settings.save()
            self.created.append("pengaturan situs")

    def certificate_settings(self, home):
        settings = CertificateSettings.for_site(Site.objects.get(root_page=home))
        if not settings.signatory_name and settings.emblem_id is None:
            for field, value in content.CERTIFICATE_SETTINGS.items():
                setattr(settings, field, value)
            settings.emblem = example_emblem()
            settings.save()
            self.created.append("pengaturan sertifikat (penanda tangan contoh)")

    def link_privacy_page(self, home, privacy):
        site_settings = SiteSettings.for_site(Site.objects.get(root_page=home))
        if site_settings.privacy_page_id is None:
            site_settings.privacy_page = privacy
            site_settings.save()

    def index_pages(self, home):
        return (
            self.child(home, EpisodeIndexPage, show_in_menus=True, **content.INDEXES["episodes"]),
            self.child(home, SpeakerIndexPage, show_in_menus=True, **content.INDEXES["speakers"]),
            self.child(home, NewsIndexPage, show_in_menus=True, **content.INDEXES["news"]),
        )

    def child(self, parent, page_class, *, slug, after_add=None, **fields):
        """The live child page with this slug, created and published when missing."""
        existing = parent.get_children().filter(slug=slug).first()
        if existing:
            return existing.specific
        page = page_class(slug=slug, **fields)
        parent.add_child(instance=page)
        if after_add:
            after_add(page)
        page.save_revision().publish()
        self.created.append(page.title)
        return page

    def episode_40(self, index, people):
        data = dict(content.EPISODE_40)
        roles, tags = data.pop("roles"), data.pop("tags")
        data["start"] = timezone.make_aware(data["start"])
        data["end"] = timezone.make_aware(data["end"])
        data["image"] = poster(
            "Poster ASN Adaptif Seri ke-40",
            "Poster Webinar ASN Adaptif Seri ke-40 bertema Workplace Learning",
            "ASN ADAPTIF · SERI KE-40 · 10 JULI 2025",
            "Workplace Learning: Membangun Produktivitas ASN",
        )

        def add_people_and_tags(page):
            page.tags.add(*tags)
            page.speaker_roles = [
                EpisodeSpeaker(speaker=people[key], role=role, note=note) for key, role, note in roles
            ]

        return self.child(index, EpisodePage, after_add=add_people_and_tags, **data)

    def example_episode(self, index):
        data = dict(content.EXAMPLE_EPISODE)
        tags = data.pop("tags")
        start = _next_thursday_morning(timezone.localtime())
        data["start"], data["end"] = start, start + datetime.timedelta(hours=3)
        data["registration_opens_at"] = timezone.now()
        data["image"] = poster(
            "Poster contoh Seri ke-41",
            "Poster contoh episode yang akan datang",
            "CONTOH · ASN ADAPTIF · SERI KE-41",
            "Literasi Data untuk Pelayanan Publik",
            background="#3b2f63",
        )
        return self.child(index, EpisodePage, after_add=lambda page: page.tags.add(*tags), **data)

    def article(self, index, episode):
        data = dict(content.ARTICLE_40)
        tags = data.pop("tags")
        data["lead_image"] = poster(
            "Ilustrasi berita Seri ke-40",
            "Ilustrasi berita Webinar ASN Adaptif Seri ke-40",
            "BERITA · ASN ADAPTIF SERI KE-40",
            "2.888 peserta belajar tentang Workplace Learning",
            background="#083a50",
        )

        def link_episode_and_tags(page):
            page.tags.add(*tags)
            page.episode_links = [ArticleEpisode(episode=episode)]

        return self.child(index, ArticlePage, after_add=link_episode_and_tags, **data)

    def admin_user(self):
        user_model = get_user_model()
        if user_model.objects.filter(is_superuser=True).exists():
            return
        user_model.objects.create_superuser(DEMO_ADMIN_USERNAME, "admin@localhost", DEMO_ADMIN_PASSWORD)
        self.created.append(f"pengguna admin '{DEMO_ADMIN_USERNAME}'")


def _next_thursday_morning(now):
    """09.00 WITA on the first Thursday at least a week away."""
    day = now.date() + datetime.timedelta(days=7)
    day += datetime.timedelta(days=(3 - day.weekday()) % 7)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(9, 0)))


def _with_portrait(tone):
    """Gives a speaker page made by the demo a neutral illustrated portrait (never a real photo)."""

    def add(page):
        page.photo = portrait(page.title, tone)

    return add
