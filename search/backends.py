"""Wagtail's database search backend, with queries turned into the same Chinese-aware tokens
the index holds (search.segment). Used as WAGTAILSEARCH_BACKENDS["default"]["BACKEND"]."""

from django.db.models import FloatField, Func
from modelsearch.backends.database import SearchBackend as database_backend
from modelsearch.query import And, Not, Or, Phrase, PlainText

from search.segment import query_text


def segmented(query):
    """The same query with each text part replaced by its tokens, all required."""
    if isinstance(query, (PlainText, Phrase)):
        return PlainText(query_text(query.query_string), operator="and")
    if isinstance(query, (And, Or)):
        return type(query)([segmented(sub) for sub in query.subqueries])
    if isinstance(query, Not):
        return Not(segmented(query.subquery))
    return query


class TitleWeightedBM25(Func):
    """SQLite FTS5 rank with a match in the title worth ten in the body. The stock backend
    ranks the whole row, so a long body could outrank the page whose title is the query."""

    output_field = FloatField()

    def as_sql(self, compiler, connection, **extra):
        from modelsearch.backends.database.sqlite.sqlite import SQLiteFTSIndexEntry

        # Columns of the FTS table, in order: autocomplete, body, title.
        return f"bm25({SQLiteFTSIndexEntry._meta.db_table}, 0.0, 1.0, 10.0)", []


def _segmenting(compiler_class):
    class SegmentingCompiler(compiler_class):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.query = segmented(self.query)

    if compiler_class.__name__ == "SQLiteSearchQueryCompiler":
        SegmentingCompiler._build_rank_expression = lambda self, vectors, config: TitleWeightedBM25()

    SegmentingCompiler.__name__ = f"Segmenting{compiler_class.__name__}"
    return SegmentingCompiler


def SearchBackend(params):  # noqa: N802 - Wagtail looks the backend up by this name
    backend = database_backend(params)
    backend.query_compiler_class = _segmenting(backend.query_compiler_class)
    backend.autocomplete_query_compiler_class = _segmenting(backend.autocomplete_query_compiler_class)
    return backend
