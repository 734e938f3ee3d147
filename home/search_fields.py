"""Search fields whose text is indexed as Chinese-aware tokens on the embedded backends."""

from django.conf import settings
from modelsearch import index

from home.segment import index_text


def uses_database_backend():
    backend = settings.WAGTAILSEARCH_BACKENDS["default"]["BACKEND"]
    return "elasticsearch" not in backend and "opensearch" not in backend


def _flatten(value):
    if isinstance(value, (list, tuple)):
        return " ".join(_flatten(item) for item in value)
    if isinstance(value, dict):
        return " ".join(_flatten(item) for item in value.values())
    return "" if value is None else str(value)


class _Segmented:
    """Mixed into a search field class; stands for that field (so Wagtail's check that page
    models keep Page's core search fields still recognises it)."""

    def __eq__(self, other):
        return isinstance(self, type(other)) and other.field_name == self.field_name

    def __hash__(self):
        return hash((type(self).__mro__[2], self.field_name))

    def get_value(self, obj):
        value = super().get_value(obj)
        # Elasticsearch analyses Chinese itself (see search.elasticsearch).
        return index_text(_flatten(value)) if uses_database_backend() else value


class ChineseSearchField(_Segmented, index.SearchField):
    pass


class ChineseAutocompleteField(_Segmented, index.AutocompleteField):
    pass


def chinese(search_fields):
    """The given search fields with every text field made Chinese-aware."""
    converted = []
    for field in search_fields:
        if type(field) is index.SearchField:
            kwargs = {"boost": 5, **field.kwargs} if field.field_name == "title" else field.kwargs
            field = ChineseSearchField(field.field_name, **kwargs)
        elif type(field) is index.AutocompleteField:
            field = ChineseAutocompleteField(field.field_name, **field.kwargs)
        converted.append(field)
    return converted
