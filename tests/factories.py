"""Build the smallest page tree a test needs.

Plain functions: each sets sensible defaults with ``kwargs.setdefault`` and takes any model field
as a keyword argument. Index pages and the home page are made on first use, so
``make_episode()`` alone gives home › webinar › episode.
"""

import datetime
import io
import itertools

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.utils import timezone

from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.models import Page, Site

from PIL import Image as PILImage
from PIL import ImageDraw

from home.models import HomePage, SiteSettings, StandardPage
from news.models import ArticleEpisode, ArticlePage, NewsIndexPage
from webinars.models import (
    CertificateSettings,
    EpisodeIndexPage,
    EpisodeMaterial,
    EpisodePage,
    EpisodeSpeaker,
    Registration,
    SpeakerIndexPage,
    SpeakerPage,
    SpeakerRole,
    StatisticsPage,
)

_numbers = itertools.count(1)


def wita(*args):
    """An aware datetime in the site's time zone (WITA, UTC+8)."""
    return timezone.make_aware(datetime.datetime(*args))


def _publish(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def make_image(**kwargs):
    number = next(_numbers)
    kwargs.setdefault("title", f"Gambar {number}")
    kwargs.setdefault("description", f"Poster webinar nomor {number}")
    if "file" not in kwargs:
        buffer = io.BytesIO()
        PILImage.new("RGB", (160, 90), (number * 37 % 256, 80, 120)).save(buffer, "JPEG")
        kwargs["file"] = ImageFile(buffer, name=f"gambar-{number}.jpg")
    image = Image(**kwargs)
    image.save()
    return image


def make_emblem():
    """A round emblem on a transparent background, as agencies upload theirs."""
    buffer = io.BytesIO()
    emblem = PILImage.new("RGBA", (200, 200), (0, 0, 0, 0))
    ImageDraw.Draw(emblem).ellipse([(10, 10), (190, 190)], fill=(11, 79, 108, 255))
    emblem.save(buffer, "PNG")
    return make_image(title="Lambang", file=ImageFile(buffer, name="lambang.png"))


def make_certificate_settings(site=None, **kwargs):
    """Complete certificate settings (an invented signatory) for the site, default site first."""
    settings = CertificateSettings.for_site(site or Site.objects.get(is_default_site=True))
    kwargs.setdefault("signatory_name", "Dr. Contoh Penanda Tangan, M.Si.")
    kwargs.setdefault("signatory_title", "Kepala BPSDM Provinsi Sulawesi Selatan")
    kwargs.setdefault("signatory_nip", "197001011990031001")
    kwargs.setdefault("place", "Makassar")
    if "emblem" not in kwargs:
        kwargs["emblem"] = make_emblem()
    for field, value in kwargs.items():
        setattr(settings, field, value)
    settings.save()
    return settings


def make_document(**kwargs):
    number = next(_numbers)
    kwargs.setdefault("title", f"Materi {number}")
    kwargs.setdefault("file", ContentFile(b"%PDF-1.4 materi", name=f"materi-{number}.pdf"))
    document = Document(**kwargs)
    document.save()
    return document


def home_page(**kwargs):
    """The site's home page, made and set as the default site's root on first use."""
    existing = HomePage.objects.first()
    if existing:
        return existing
    kwargs.setdefault("title", "Webinar ASN Adaptif")
    kwargs.setdefault("slug", "beranda")
    kwargs.setdefault("intro", "Seri webinar BPSDM Provinsi Sulawesi Selatan untuk aparatur.")
    home = _publish(Page.get_first_root_node(), HomePage(**kwargs))
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "testserver", "port": 80, "root_page": home, "site_name": "ASN Adaptif"},
    )
    return home


def site_settings(**kwargs):
    settings = SiteSettings.for_site(Site.objects.get(root_page=home_page()))
    for field, value in kwargs.items():
        setattr(settings, field, value)
    settings.save()
    return settings


def _index(page_class, **kwargs):
    existing = page_class.objects.first()
    if existing:
        return existing
    kwargs.setdefault("show_in_menus", True)
    return _publish(home_page(), page_class(**kwargs))


def episode_index(**kwargs):
    kwargs.setdefault("title", "Webinar")
    kwargs.setdefault("slug", "webinar")
    kwargs.setdefault("intro", "Semua episode ASN Adaptif.")
    return _index(EpisodeIndexPage, **kwargs)


def speaker_index(**kwargs):
    kwargs.setdefault("title", "Narasumber")
    kwargs.setdefault("slug", "narasumber")
    kwargs.setdefault("intro", "Para narasumber seri ASN Adaptif.")
    return _index(SpeakerIndexPage, **kwargs)


def news_index(**kwargs):
    kwargs.setdefault("title", "Berita")
    kwargs.setdefault("slug", "berita")
    kwargs.setdefault("intro", "Kabar dari setiap episode.")
    return _index(NewsIndexPage, **kwargs)


def statistics_page(**kwargs):
    kwargs.setdefault("title", "Statistik")
    kwargs.setdefault("slug", "statistik")
    return _index(StatisticsPage, **kwargs)


def make_standard_page(parent=None, **kwargs):
    number = next(_numbers)
    kwargs.setdefault("title", f"Tentang {number}")
    kwargs.setdefault("slug", f"tentang-{number}")
    kwargs.setdefault("intro", "Seri webinar pembelajaran BPSDM Sulsel.")
    kwargs.setdefault("body", [("paragraph", "<p>ASN belajar sambil bekerja.</p>")])
    return _publish(parent or home_page(), StandardPage(**kwargs))


def make_speaker(parent=None, **kwargs):
    number = next(_numbers)
    kwargs.setdefault("title", f"Dr. Narasumber {number}, M.Si.")
    kwargs.setdefault("slug", f"narasumber-{number}")
    kwargs.setdefault("position", "Widyaiswara Ahli Madya")
    kwargs.setdefault("institution", "BPSDM Provinsi Sulawesi Selatan")
    kwargs.setdefault("biography", "<p>Mengajar manajemen kinerja aparatur.</p>")
    return _publish(parent or speaker_index(), SpeakerPage(**kwargs))


def make_episode(parent=None, *, roles=(), tags=(), materials=(), **kwargs):
    """An episode; ``roles`` holds (speaker, role) or (speaker, role, note) tuples."""
    number = next(_numbers)
    kwargs.setdefault("series_number", 1000 + number)
    kwargs.setdefault("title", f"Tema episode {kwargs['series_number']}")
    kwargs.setdefault("slug", f"seri-{kwargs['series_number']}")
    kwargs.setdefault("summary", "Membahas cara aparatur mengembangkan kompetensi sambil bekerja.")
    kwargs.setdefault("start", wita(2025, 7, 10, 9, 0))
    kwargs.setdefault("end", kwargs["start"] + datetime.timedelta(hours=3))
    episode = EpisodePage(**kwargs)
    # In the given order, as the admin's inline panel numbers them (the page sorts by it).
    episode.speaker_roles = [
        EpisodeSpeaker(speaker=speaker, role=role, note=note[0] if note else "", sort_order=position)
        for position, (speaker, role, *note) in enumerate(roles)
    ]
    episode.materials = [EpisodeMaterial(document=document) for document in materials]
    episode.tags.add(*tags)
    return _publish(parent or episode_index(), episode)


def make_article(parent=None, *, episodes=(), tags=(), **kwargs):
    number = next(_numbers)
    kwargs.setdefault("title", f"Berita nomor {number}")
    kwargs.setdefault("slug", f"berita-{number}")
    kwargs.setdefault("date", datetime.date(2025, 7, 10))
    kwargs.setdefault("intro", "Webinar ASN Adaptif diikuti ribuan peserta dari berbagai instansi.")
    kwargs.setdefault("body", [("paragraph", "<p>Peserta belajar tentang pembelajaran di tempat kerja.</p>")])
    article = ArticlePage(**kwargs)
    article.episode_links = [ArticleEpisode(episode=episode) for episode in episodes]
    article.tags.add(*tags)
    return _publish(parent or news_index(), article)


def make_full_episode(**kwargs):
    """An episode with a poster, a speaker with a photo, a moderator and two topics."""
    number = next(_numbers)
    speaker = make_speaker(photo=make_image())
    moderator = make_speaker(photo=make_image())
    kwargs.setdefault("image", make_image())
    kwargs.setdefault("tags", [f"topik {number}", "pembelajaran"])
    kwargs.setdefault("roles", [(speaker, SpeakerRole.SPEAKER), (moderator, SpeakerRole.MODERATOR, "Dosen")])
    return make_episode(**kwargs)


def make_staff(*groups, **kwargs):
    """A staff member in the named groups (Penulis, Moderator, Admin Peserta), never a superuser."""
    number = next(_numbers)
    kwargs.setdefault("username", f"staf{number}")
    kwargs.setdefault("email", f"staf{number}@bpsdm.example")
    kwargs.setdefault("first_name", f"Staf {number}")
    user = get_user_model().objects.create_user(password="sandi-rahasia-staf", **kwargs)
    user.groups.set(Group.objects.filter(name__in=groups))
    return user


def make_registration(episode, **kwargs):
    """A registration made directly (no seat counting, no email): for attendance and certificates."""
    number = next(_numbers)
    kwargs.setdefault("full_name", f"Peserta Nomor {number}")
    kwargs.setdefault("email", f"peserta{number}@contoh.go.id")
    kwargs.setdefault("whatsapp", "+6281234567890")
    kwargs.setdefault("participant_type", "pns")
    if kwargs["participant_type"] != "non-asn":
        kwargs.setdefault("nip", f"19900115201503{number:04d}")
    kwargs.setdefault("agency", "BPSDM Provinsi Sulawesi Selatan")
    kwargs.setdefault("position", "Analis")
    kwargs.setdefault("regency", "makassar")
    kwargs.setdefault("consented_at", timezone.now())
    return Registration.objects.create(episode=episode, **kwargs)
