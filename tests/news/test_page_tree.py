from wagtail.test.utils import WagtailPageTestCase

from home.models import HomePage
from news.models import ArticlePage, NewsIndexPage
from tests import factories
from webinars.models import EpisodeIndexPage


class NewsPageTreeTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.article = factories.make_article()

    def test_articles_live_only_in_the_news_index(self):
        self.assertAllowedParentPageTypes(ArticlePage, {NewsIndexPage})
        self.assertAllowedSubpageTypes(NewsIndexPage, {ArticlePage})
        self.assertAllowedSubpageTypes(ArticlePage, set())
        self.assertCanNotCreateAt(HomePage, ArticlePage)
        self.assertCanNotCreateAt(EpisodeIndexPage, ArticlePage)

    def test_news_index_sits_under_the_home_page_once(self):
        self.assertAllowedParentPageTypes(NewsIndexPage, {HomePage})
        self.assertFalse(NewsIndexPage.can_create_at(factories.home_page()))

    def test_pages_and_the_feed_render(self):
        self.assertPageIsRenderable(factories.news_index())
        self.assertPageIsRenderable(factories.news_index(), route_path="/rss/")
        self.assertPageIsRenderable(self.article)
