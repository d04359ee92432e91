import datetime

from django.core.exceptions import ValidationError

from wagtail.test.utils import WagtailPageTestCase

import pytest

from home.models import HomePage, StandardPage
from tests import factories
from webinars.models import EpisodeIndexPage, EpisodePage, SpeakerIndexPage, SpeakerPage, SpeakerRole


class WebinarPageTreeTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.speaker = factories.make_speaker()
        cls.episode = factories.make_episode(roles=[(cls.speaker, SpeakerRole.SPEAKER)])

    def test_episodes_live_only_in_the_episode_index(self):
        self.assertAllowedParentPageTypes(EpisodePage, {EpisodeIndexPage})
        self.assertAllowedSubpageTypes(EpisodeIndexPage, {EpisodePage})
        self.assertAllowedSubpageTypes(EpisodePage, set())
        self.assertCanNotCreateAt(HomePage, EpisodePage)
        self.assertCanNotCreateAt(StandardPage, EpisodePage)

    def test_speakers_live_only_in_the_speaker_index(self):
        self.assertAllowedParentPageTypes(SpeakerPage, {SpeakerIndexPage})
        self.assertAllowedSubpageTypes(SpeakerIndexPage, {SpeakerPage})
        self.assertAllowedSubpageTypes(SpeakerPage, set())
        self.assertCanNotCreateAt(EpisodeIndexPage, SpeakerPage)

    def test_indexes_sit_under_the_home_page_once(self):
        self.assertAllowedParentPageTypes(EpisodeIndexPage, {HomePage})
        self.assertAllowedParentPageTypes(SpeakerIndexPage, {HomePage})
        home = factories.home_page()
        self.assertFalse(EpisodeIndexPage.can_create_at(home))
        self.assertFalse(SpeakerIndexPage.can_create_at(home))

    def test_pages_and_their_routes_render(self):
        index = factories.episode_index()
        self.assertPageIsRenderable(index)
        self.assertPageIsRenderable(index, route_path="/rekaman/")
        self.assertPageIsRenderable(index, route_path="/kalender/")
        self.assertPageIsRenderable(self.episode)
        self.assertPageIsRenderable(self.episode, route_path="/kalender/")
        self.assertPageIsRenderable(factories.speaker_index())
        self.assertPageIsRenderable(self.speaker)


@pytest.mark.django_db
@pytest.mark.parametrize("slug", sorted(EpisodeIndexPage.reserved_slugs()))
def test_an_episode_cannot_take_the_slug_of_an_index_route(slug):
    assert {"rekaman", "kalender"} <= EpisodeIndexPage.reserved_slugs()
    episode = EpisodePage(
        title="Seri ke-41",
        slug=slug,
        series_number=41,
        summary="Ringkas.",
        start=factories.wita(2025, 8, 14, 9, 0),
    )
    episode.end = episode.start
    episode.end += datetime.timedelta(hours=3)
    with pytest.raises(ValidationError) as refused:
        episode.clean()
    assert "sudah dipakai halaman daftar episode" in refused.value.message_dict["slug"][0]
    episode.slug = "seri-41"
    episode.clean()
