from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Rss201rev2Feed

FEED_SIZE = 20


class ColumnFeed(Feed):
    """RSS 2.0 feed of a column's newest items."""

    feed_type = Rss201rev2Feed

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def get_object(self, request, column):
        return column

    def title(self, column):
        return f"{column.title} - {column.get_site().root_page.title}"

    def link(self, column):
        return column.get_full_url(self.request)

    def description(self, column):
        return column.intro or column.title

    def items(self, column):
        return column.items()[:FEED_SIZE]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        # A reference shared from another site (an alias) links to its source, the canonical address.
        return (item.alias_of or item).get_full_url(self.request)

    def item_pubdate(self, item):
        return item.date

    def item_author_name(self, item):
        return item.source or None
