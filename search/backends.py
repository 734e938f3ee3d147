"""Wagtail's database search backend, with queries turned into the same Chinese-aware tokens
the index holds (search.segment). Used as WAGTAILSEARCH_BACKENDS["default"]["BACKEND"]."""

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


class FastSQLiteSearch:
    """SQLite FTS5 search as one join of the FTS table with the searched model, ranked by BM25
    with a match in the title worth ten in the body (FTS columns: autocomplete, body, title).

    The stock backend ranks with a correlated subquery that runs the full-text match again for
    every matching row (seconds for a common word in a few thousand pages) and ranks the whole
    row, so a long body could outrank the page titled with the query. A results page first
    ranks primary keys only, then loads its own rows. Queries that are not plain word lists
    (negations, match-all) still go the stock way."""

    RANK = "bm25({fts}, 0.0, 1.0, 10.0)"

    def _is_plain(self):
        return isinstance(self.query, PlainText) and bool(self.query.query_string.split())

    def matches(self):
        from modelsearch.backends.database.sqlite.sqlite import IndexEntry, SQLiteFTSIndexEntry
        from modelsearch.utils import get_descendants_content_types_pks

        joiner = " AND " if self.query.operator.lower() == "and" else " OR "
        terms = joiner.join(f'"{term}"' for term in self.query.query_string.split())  # tokens are word characters
        columns = " ".join(self.fields or self.FTS_TABLE_FIELDS)
        fts, entry = SQLiteFTSIndexEntry._meta.db_table, IndexEntry._meta.db_table
        model = self.queryset.model
        content_types = get_descendants_content_types_pks(model)
        self.rank = self.RANK.format(fts=fts)
        return self.queryset.extra(  # noqa: S610 - no user input reaches the SQL text; terms go as a parameter
            tables=[entry, fts],
            where=[
                f"{fts} MATCH %s",
                f"{fts}.rowid = {entry}.id",
                f"{entry}.content_type_id IN ({', '.join(['%s'] * len(content_types))})",
                f'CAST({entry}.object_id AS INTEGER) = "{model._meta.db_table}"."{model._meta.pk.column}"',
            ],
            params=[f"{{{columns}}} : ({terms})", *content_types],
        )

    def search(self, config, start, stop, score_field=None):
        if not self._is_plain():
            return super().search(config, start, stop, score_field=score_field)
        score_field = score_field or "_score"
        queryset = self.matches().extra(select={score_field: self.rank})  # noqa: S610
        if not self.order_by_relevance:
            return (queryset if queryset.query.order_by else queryset.order_by("-pk"))[start:stop]
        ranked = queryset.extra(order_by=[score_field, "-pk"])  # noqa: S610
        if stop is None:
            return ranked[start:]
        ids = list(ranked.values_list("pk", flat=True)[start:stop])
        position = {pk: index for index, pk in enumerate(ids)}
        return sorted(self.queryset.filter(pk__in=ids), key=lambda obj: position[obj.pk])


class FastSQLiteResults:
    def _do_count(self):
        # The join without ranking; a sliced result (results[:1000]) stops counting at its end.
        if not getattr(self.query_compiler, "_is_plain", lambda: False)():
            return super()._do_count()
        return self.query_compiler.matches()[self.start : self.stop].count()


class TitleFirstPostgresRank:
    def _build_rank_expression(self, vectors, config):
        # The stock rank scales the title by average/actual title length, which let a body
        # match outrank a page titled with the query; weigh a title match as ten body matches.
        if self.fields is None:
            vectors = [(vectors[0][0], 10.0), *vectors[1:]]
        return super()._build_rank_expression(vectors, config)


RANKING_MIXINS = {
    "SQLiteSearchQueryCompiler": FastSQLiteSearch,
    "PostgresSearchQueryCompiler": TitleFirstPostgresRank,
}


def _segmenting(compiler_class):
    mixin = RANKING_MIXINS.get(compiler_class.__name__)
    bases = (mixin, compiler_class) if mixin else (compiler_class,)

    class SegmentingCompiler(*bases):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.query = segmented(self.query)

    SegmentingCompiler.__name__ = f"Segmenting{compiler_class.__name__}"
    return SegmentingCompiler


def SearchBackend(params):  # noqa: N802 - Wagtail looks the backend up by this name
    backend = database_backend(params)
    if backend.query_compiler_class.__name__ == "SQLiteSearchQueryCompiler":
        backend.results_class = type("FastSQLiteSearchResults", (FastSQLiteResults, backend.results_class), {})
    backend.query_compiler_class = _segmenting(backend.query_compiler_class)
    backend.autocomplete_query_compiler_class = _segmenting(backend.autocomplete_query_compiler_class)
    return backend
