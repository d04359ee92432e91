"""The RSS feed of news articles at /berita/rss/.

Every text goes through ``without_unstorable``: Django's feed writer refuses (with a 500 for every
reader) a character XML 1.0 cannot hold, and text stored before the admin cleaned it may have one.
"""

from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.feedgenerator import Rss201rev2Feed

from core.text import without_unstorable

FEED_LENGTH = 20


class NewsFeed(Feed):
    feed_type = Rss201rev2Feed
    language = "id"

    def __init__(self, index_page):
        super().__init__()
        self.index_page = index_page

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def title(self):
        return without_unstorable(f"{self.index_page.title} ASN Adaptif")

    def link(self):
        return self.index_page.url

    def description(self):
        return without_unstorable(
            self.index_page.intro or "Berita Webinar ASN Adaptif BPSDM Provinsi Sulawesi Selatan"
        )

    def items(self):
        return self.index_page.articles().prefetch_related("tagged_items__tag")[:FEED_LENGTH]

    def item_title(self, item):
        return without_unstorable(item.title)

    def item_description(self, item):
        return without_unstorable(item.intro)

    def item_link(self, item):
        return item.url

    def item_author_name(self, item):
        return without_unstorable(item.author)

    def item_pubdate(self, item):
        # The article's own date, at the time of day it was first published.
        published = timezone.localtime(item.first_published_at or timezone.now())
        return published.replace(year=item.date.year, month=item.date.month, day=item.date.day)

    def item_categories(self, item):
        return [without_unstorable(tagged.tag.name) for tagged in item.tagged_items.all()]
