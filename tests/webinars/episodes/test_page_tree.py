from wagtail.test.utils import WagtailPageTestCase

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
