from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from home.scoping import SiteScopedViewSetMixin
from search.models import PopularTerm


class PopularTermViewSet(SiteScopedViewSetMixin, SnippetViewSet):
    model = PopularTerm
    icon = "search"
    menu_label = "热门搜索词"
    list_display = ["term", "site", "sort_order"]
    list_filter = ["site"]


register_snippet(PopularTermViewSet)
