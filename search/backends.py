"""Wagtail's database search backend, with queries turned into the same Chinese-aware tokens
the index holds (home.segment). Used as WAGTAILSEARCH_BACKENDS["default"]["BACKEND"]."""

from modelsearch.backends.database import SearchBackend as database_backend
from modelsearch.query import And, MatchAll, Not, Or, Phrase, PlainText

from home.segment import phrases, query_text

# What a query without a single searchable token finds (":" or "《》"): nothing.
MATCH_NOTHING = Not(MatchAll())


class UnderstoodQuery(PlainText):
    """The search page's query (search.understand.Understood): the text as typed, whose tokens
    are all required (the exact tiers), and the words of its relaxed tier."""

    def __init__(self, understood, query_string=None):
        super().__init__(query_string or understood.exact, operator="and")
        self.understood = understood

    def relaxes(self):
        return self.understood.relaxes()

    def relaxed(self, phrase, both, either):
        """The relaxed tier's match in a vendor's syntax: `phrase(tokens)` for one run of a word,
        `both(parts)` and `either(parts)` to combine. Most groups are required; the weak words
        are optional (`core OR (core AND weak)`) but scored, since both vendors score every
        term of the expression."""

        def word(alternatives):
            return either([both([phrase(run) for run in phrases(alt)]) for alt in alternatives])

        understood = self.understood
        core = either([both([word(group) for group in combo]) for combo in understood.combinations()])
        if not understood.weak:
            return core
        return either([core, both([core, either([word(group) for group in understood.weak])])])


def segmented(query):
    """The same query with each text part replaced by its tokens, all required; parts without
    any token are left out, and None when nothing searchable is left."""
    if isinstance(query, UnderstoodQuery):
        text = query_text(query.query_string)
        return UnderstoodQuery(query.understood, text) if text else None
    if isinstance(query, (PlainText, Phrase)):
        text = query_text(query.query_string)
        return PlainText(text, operator="and") if text else None
    if isinstance(query, (And, Or)):
        parts = [part for part in map(segmented, query.subqueries) if part is not None]
        return type(query)(parts) if parts else None
    if isinstance(query, Not):
        inner = segmented(query.subquery)
        return Not(inner) if inner is not None else None
    return query


class TopKSearch:
    """Relevance-ordered search that ranks within the index table before touching any page.

    Order: pages whose title holds every query token first (tier 1), then the other matches
    (tier 2: tokens in the body, or split between title and body); within a tier by the vendor
    class's score (a title match weighs ten body matches), then the newest index entry.

    Scoring has to be computed for every row it orders, which for a word found in most pages
    was nearly all of a search's time. A results page therefore takes the best candidates of a
    tier from the index table alone (`ORDER BY score LIMIT n`; tier 1 is usually enough for the
    first pages), then keeps those the searched queryset holds (live, public, locale, site,
    type, department, date). When too few pass those filters, the tier is ranked again among
    the filtered pages only, so the result is always the exact top of the filtered matches.
    Deep slices (beyond TOP_K_LIMIT) rank each tier among the filtered pages directly.
    Vendor classes provide tiers(), _candidates(), _ranked_among_filtered() and matches()."""

    # Candidates taken per tier before the queryset's own filters: at least CANDIDATES, or
    # CANDIDATE_FACTOR times what the page needs.
    CANDIDATES = 100
    CANDIDATE_FACTOR = 2
    TOP_K_LIMIT = 1000

    def _is_plain(self):
        return isinstance(self.query, PlainText) and bool(self.query.query_string.split())

    def _relaxes(self):
        return isinstance(self.query, UnderstoodQuery) and self.query.relaxes() and not self.fields

    def _uses_top_k(self):
        return self._is_plain()

    def _content_types(self):
        from modelsearch.utils import get_descendants_content_types_pks

        return get_descendants_content_types_pks(self.queryset.model)

    def _tier_top(self, tier, limit):
        if limit is None or limit > self.TOP_K_LIMIT:
            return self._ranked_among_filtered(tier, limit)
        count = max(self.CANDIDATES, self.CANDIDATE_FACTOR * limit)
        rows = self._candidates(tier, count)
        allowed = set(self.queryset.filter(pk__in=[pk for pk, _ in rows if pk]).values_list("pk", flat=True))
        passed = [(pk, score) for pk, score in rows if pk in allowed]
        if len(passed) >= limit or len(rows) < count:
            return passed[:limit]  # enough, or every match of the tier was a candidate
        return self._ranked_among_filtered(tier, limit)

    def ranked(self, start, stop):
        """(pk, score) of the filtered matches from start to stop, best first."""
        found = []
        for tier in self.tiers():
            if stop is not None and len(found) >= stop:
                break
            found += self._tier_top(tier, None if stop is None else stop - len(found))
        return found[start:stop]

    def search(self, config, start, stop, score_field=None, **kwargs):
        self._config = config
        if not self._uses_top_k():
            return super().search(config, start, stop, score_field=score_field, **kwargs)
        if not self.order_by_relevance:
            if score_field:
                return super().search(config, start, stop, score_field=score_field, **kwargs)
            queryset = self.matches()
            return (queryset if queryset.query.order_by else queryset.order_by("-pk"))[start:stop]
        ranked = self.ranked(start, stop)
        found = {obj.pk: obj for obj in self.queryset.filter(pk__in=[pk for pk, _ in ranked])}
        results = []
        for pk, score in ranked:
            if pk in found:
                if score_field:
                    setattr(found[pk], score_field, score)
                results.append(found[pk])
        return results


class FastSQLiteSearch(TopKSearch):
    """SQLite FTS5: the score is BM25 with the title column weighted ten times the body (FTS
    columns: autocomplete, body, title); candidates come from the FTS table alone."""

    RANK = "bm25({fts}, 0.0, 1.0, 10.0)"

    def _tables(self):
        from modelsearch.backends.database.sqlite.sqlite import IndexEntry, SQLiteFTSIndexEntry

        return SQLiteFTSIndexEntry._meta.db_table, IndexEntry._meta.db_table

    def _expression(self, columns):
        joiner = " AND " if self.query.operator.lower() == "and" else " OR "
        terms = joiner.join(f'"{term}"' for term in self.query.query_string.split())  # tokens are word characters
        return f"{{{columns}}} : ({terms})"

    def _relaxed(self):
        def both(parts):
            return parts[0] if len(parts) == 1 else "(" + " AND ".join(parts) + ")"

        def either(parts):
            return parts[0] if len(parts) == 1 else "(" + " OR ".join(parts) + ")"

        return "{title body} : " + self.query.relaxed(lambda run: '"' + " ".join(run) + '"', both, either)

    def _everything(self):
        everywhere = self._expression("title body")
        return f"({everywhere}) OR ({self._relaxed()})" if self._relaxes() else everywhere

    def tiers(self):
        """FTS match expressions, best tier first; together they match what matches() does:
        the query as typed in the title, then elsewhere, then most of its words (relaxed)."""
        if self.fields:
            return [self._expression(" ".join(self.fields))]
        everywhere, title = self._expression("title body"), self._expression("title")
        tiers = [title, f"{everywhere} NOT {title}"]
        if self._relaxes():
            tiers.append(f"({self._relaxed()}) NOT ({everywhere})")
        return tiers

    def matches(self, expression=None):
        """The searched queryset joined with its index entries matching the query."""
        fts, entry = self._tables()
        model = self.queryset.model
        content_types = self._content_types()
        expression = expression or (self._expression(" ".join(self.fields)) if self.fields else self._everything())
        return self.queryset.extra(  # noqa: S610 - no user input reaches the SQL text; terms go as a parameter
            tables=[entry, fts],
            where=[
                f"{fts} MATCH %s",
                f"{fts}.rowid = {entry}.id",
                f"{entry}.content_type_id IN ({', '.join(['%s'] * len(content_types))})",
                f'CAST({entry}.object_id AS INTEGER) = "{model._meta.db_table}"."{model._meta.pk.column}"',
            ],
            params=[expression, *content_types],
        )

    def _ranked_among_filtered(self, expression, limit):
        fts, entry = self._tables()
        ranked = (
            self.matches(expression)
            .extra(select={"_fts_rank": self.RANK.format(fts=fts)}, order_by=["_fts_rank", f"-{entry}.id"])  # noqa: S610
            .values_list("pk", "_fts_rank")
        )
        return list(ranked if limit is None else ranked[:limit])

    def _candidates(self, expression, count):
        """A tier's best `count` matches in the FTS table alone, best first: (pk, score), with
        pk None for an entry of another model."""
        from django.db import connections

        fts, entry = self._tables()
        content_types = self._content_types()
        sql = (
            f"SELECT CASE WHEN {entry}.content_type_id IN ({', '.join(['%s'] * len(content_types))}) "  # noqa: S608 - table names only
            f"THEN CAST({entry}.object_id AS INTEGER) END, best.score FROM ("
            f"SELECT rowid AS id, {self.RANK.format(fts=fts)} AS score FROM {fts} "
            f"WHERE {fts} MATCH %s ORDER BY score, rowid DESC LIMIT %s"
            f") AS best JOIN {entry} ON {entry}.id = best.id ORDER BY best.score, best.id DESC"
        )
        with connections[self.queryset.db].cursor() as cursor:
            cursor.execute(sql, [*content_types, expression, count])
            return cursor.fetchall()


class FastPostgresSearch(TopKSearch):
    """PostgreSQL: tier 1 is ordered by ts_rank of the title, tier 2 by ts_rank of the title
    times ten plus ts_rank of the body (the stock rank scaled the title by average/actual title
    length, which let a body match outrank a page titled with the query). Candidates come from
    the index entry table alone, tier 1 through the GIN index on title, tier 2 through the one
    on title || body (search.0001), and are checked against the filtered pages by their integer
    key; the stock search instead joined every filtered page to its entry by casting its key
    to text, and ranked every match."""

    TITLE_WEIGHT = 10.0

    def _uses_top_k(self):
        return self._is_plain() and self.fields is None

    def _search_query(self):
        return self.build_tsquery(self.query, config=self._config)

    def _relaxed_query(self):
        from django.contrib.postgres.search import SearchQuery

        def both(parts):
            return parts[0] if len(parts) == 1 else "(" + " & ".join(parts) + ")"

        def either(parts):
            return parts[0] if len(parts) == 1 else "(" + " | ".join(parts) + ")"

        # Tokens are word characters (home.segment), so quoting them is enough.
        raw = self.query.relaxed(lambda run: "(" + " <-> ".join(f"'{t}'" for t in run) + ")", both, either)
        return SearchQuery(raw, search_type="raw", config=self._config)

    def _rank(self, query, tier):
        from django.contrib.postgres.search import SearchRank
        from django.db.models import F

        title = SearchRank(F("title"), query, weights=self.sql_weights)
        if tier == "title":
            # Every page of this tier has the query in its title; ranking it by the title alone
            # spares reading (detoasting) every body vector of the tier.
            return title
        return title * self.TITLE_WEIGHT + SearchRank(F("body"), query, weights=self.sql_weights)

    def _entries(self, tier):
        from django.contrib.postgres.search import SearchVectorField
        from django.db.models import F
        from django.db.models.expressions import CombinedExpression
        from modelsearch.backends.database.postgres.postgres import IndexEntry

        query = self._search_query()
        entries = IndexEntry._default_manager.filter(content_type_id__in=self._content_types())
        if tier == "title":
            return entries.filter(title=query), query
        everything = CombinedExpression(F("title"), "||", F("body"), output_field=SearchVectorField())
        entries = entries.annotate(_vector_=everything)
        if tier == "relaxed":
            relaxed = self._relaxed_query()
            return entries.filter(_vector_=relaxed).exclude(_vector_=query), relaxed
        if tier == "all":
            return entries.filter(_vector_=query | self._relaxed_query() if self._relaxes() else query), query
        return entries.filter(_vector_=query).exclude(title=query), query

    def tiers(self):
        return ["title", "body", "relaxed"] if self._relaxes() else ["title", "body"]

    def _to_pk(self, object_id):
        return self.queryset.model._meta.pk.to_python(object_id)

    def _candidates(self, tier, count):
        entries, query = self._entries(tier)
        rows = (
            entries.annotate(_rank_=self._rank(query, tier))
            .order_by("-_rank_", "-id")
            .values_list("object_id", "_rank_")
        )
        return [(self._to_pk(object_id), score) for object_id, score in rows[:count]]

    def _filtered_ids(self):
        """The filtered pages' keys as index entries hold them (text): entries are compared
        with pages this way round so that no entry's object_id has to be cast."""
        from django.db.models import TextField
        from django.db.models.functions import Cast

        return self.queryset.order_by().annotate(_object_id_=Cast("pk", TextField())).values("_object_id_")

    def _ranked_among_filtered(self, tier, limit):
        entries, query = self._entries(tier)
        rows = (
            entries.filter(object_id__in=self._filtered_ids())
            .annotate(_rank_=self._rank(query, tier))
            .order_by("-_rank_", "-id")
            .values_list("object_id", "_rank_")
        )
        return [(self._to_pk(object_id), score) for object_id, score in (rows if limit is None else rows[:limit])]

    def matches(self):
        """The searched queryset restricted to pages with an entry matching the query."""
        from django.db.models import TextField
        from django.db.models.functions import Cast

        entries, _ = self._entries("all")
        return self.queryset.annotate(_page_key=Cast("pk", TextField())).filter(
            _page_key__in=entries.values("object_id")
        )

    def _build_rank_expression(self, vectors, config):
        # The stock path (negations, searches of named fields): weigh a title match as ten
        # body matches there too.
        if self.fields is None:
            vectors = [(vectors[0][0], self.TITLE_WEIGHT), *vectors[1:]]
        return super()._build_rank_expression(vectors, config)


def matched_rows(results, limit):
    """(path, content type) of the first `limit` pages a search matches, unranked; None where the
    backend cannot list them in one query (then count per kind)."""
    compiler = results.query_compiler
    if not getattr(compiler, "_uses_top_k", lambda: False)():
        return None
    compiler._config = compiler.get_config(results.backend)
    return list(compiler.matches().order_by().values_list("path", "content_type_id")[:limit])


class CheapCount:
    def _do_count(self):
        # Matches without ranking; a sliced result (results[:1000]) stops counting at its end.
        compiler = self.query_compiler
        if not getattr(compiler, "_uses_top_k", lambda: False)():
            return super()._do_count()
        compiler._config = compiler.get_config(self.backend)
        # Unordered: a sliced count keeps the queryset's ordering (pages by path), which made
        # it sort every match before cutting at the page's cap.
        return compiler.matches().order_by()[self.start : self.stop].count()


RANKING_MIXINS = {
    "SQLiteSearchQueryCompiler": FastSQLiteSearch,
    "PostgresSearchQueryCompiler": FastPostgresSearch,
}


def _segmenting(compiler_class):
    mixin = RANKING_MIXINS.get(compiler_class.__name__)
    bases = (mixin, compiler_class) if mixin else (compiler_class,)

    class SegmentingCompiler(*bases):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.query = segmented(self.query) or MATCH_NOTHING

    SegmentingCompiler.__name__ = f"Segmenting{compiler_class.__name__}"
    return SegmentingCompiler


def SearchBackend(params):  # noqa: N802 - Wagtail looks the backend up by this name
    backend = database_backend(params)
    if backend.query_compiler_class.__name__ in RANKING_MIXINS:
        results_class = backend.results_class
        backend.results_class = type(f"CheapCount{results_class.__name__}", (CheapCount, results_class), {})
    backend.query_compiler_class = _segmenting(backend.query_compiler_class)
    backend.autocomplete_query_compiler_class = _segmenting(backend.autocomplete_query_compiler_class)
    return backend
