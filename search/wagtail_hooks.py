from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from home.scoping import SiteScopedViewSetMixin
from search.models import PopularTerm, SynonymGroup


class PopularTermViewSet(SiteScopedViewSetMixin, SnippetViewSet):
    model = PopularTerm
    icon = "search"
    menu_label = "热门搜索词"
    list_display = ["term", "site", "sort_order"]
    list_filter = ["site"]


class SynonymGroupViewSet(SnippetViewSet):
    """Group-wide: only users granted the search.*_synonymgroup permissions (platform
    administrators by default) see it."""

    model = SynonymGroup
    icon = "list-ul"
    menu_label = "搜索同义词"
    list_display = ["terms"]


register_snippet(PopularTermViewSet)
register_snippet(SynonymGroupViewSet)
