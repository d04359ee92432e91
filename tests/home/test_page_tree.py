from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from home.models import HomePage, StandardPage
from news.models import NewsIndexPage
from tests import factories
from webinars.models import EpisodeIndexPage, SpeakerIndexPage, StatisticsPage


class HomePageTreeTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home = factories.home_page()
        cls.about = factories.make_standard_page(title="Tentang ASN Adaptif")

    def test_home_page_sits_at_the_tree_root_only(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})

    def test_home_page_holds_the_sections(self):
        self.assertAllowedSubpageTypes(
            HomePage, {EpisodeIndexPage, SpeakerIndexPage, NewsIndexPage, StatisticsPage, StandardPage}
        )

    def test_there_is_only_one_home_page(self):
        self.assertFalse(HomePage.can_create_at(Page.get_first_root_node()))

    def test_standard_pages_nest_under_home_or_each_other(self):
        self.assertAllowedParentPageTypes(StandardPage, {HomePage, StandardPage})
        self.assertAllowedSubpageTypes(StandardPage, {StandardPage})
        self.assertCanCreateAt(StandardPage, StandardPage)

    def test_pages_render(self):
        self.assertPageIsRenderable(self.home)
        self.assertPageIsRenderable(self.about)
