"""One search's counts and page in a single SQL statement, and the plain date-ordered pages (PostgresBackend).

The matches are found once (a materialized CTE); each facet is counted with the
filters it keeps (disjunctive faceting, exclusions, "all of"), the months and
the stories beside them, and one page of ids in the search's order.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

from django.db import connection
from django.db.models import BooleanField, ExpressionWrapper, F, Q

from archive.models import SearchCount

from .base import FACETS, NO_SOURCE, SearchQuery

ARRAYS = {"person": "persons", "country": "countries", "organization": "organizations"}  # facet: its array column


@dataclass(frozen=True)
class Facets:
    """A search's facet filters as SQL flags over its matches (see _count_pages)."""

    picked: dict[str, tuple[str, ...]]
    excluded: dict[str, tuple[str, ...]]
    all_of: frozenset[str]

    @classmethod
    def of(cls, search_query: SearchQuery) -> Facets:
        return cls({f: tuple(v) for f, v in search_query.filters.items() if v and f in FACETS},
                   {f: tuple(v) for f, v in search_query.exclude.items() if v and f in FACETS},
                   frozenset(search_query.all_of))

    def __bool__(self) -> bool:
        return bool(self.picked or self.excluded)

    def flags(self) -> dict[str, Q]:
        """Per facet: f_ its whole condition; o_ what its own counts keep; k_ what its excluded values' counts keep."""
        flags = {}
        for name in FACETS:
            picked, excluded = self.picked.get(name, ()), self.excluded.get(name, ())
            every = name in self.all_of
            kept = facet_filter(name, picked, every=every) if picked else Q(pk__isnull=False)
            if excluded:
                left = ~facet_filter(name, excluded)
                flags[f"f_{name}"] = kept & left
                flags[f"o_{name}"] = kept & left if picked and every else left
                flags[f"k_{name}"] = kept if picked and every else Q(pk__isnull=False)
            elif picked:
                flags[f"f_{name}"] = kept
                if every:
                    flags[f"o_{name}"] = kept
        return flags


def facet_filter(facet: str, values: tuple[str, ...], *, every: bool = False) -> Q:
    """Articles with any of the values (all of them, with `every`)."""
    if facet == "source":
        sources = ["" if v == NO_SOURCE else v for v in values]
        if every and len(set(sources)) > 1:
            return Q(pk__isnull=True)  # an article has one outlet
        return Q(source__in=sources)
    if every:
        return Q(**{f"{ARRAYS[facet]}__contains": list(values)})
    return Q(**{f"{ARRAYS[facet]}__overlap": list(values)})


def count_pages(base, selected: Facets, order: tuple[str, list, str], offset: int,
                 limit: int, *, collapse: bool = False) -> tuple[dict[str, Counter], list[tuple[int, float]]]:
    """Total, every facet's counts, the months and one page of ids, in one statement over the matches found once.

    Each facet is counted with the other facets' filters and as much of its own
    as SearchQuery says (its exclusions; its picked values when all are
    required): the matches carry flags per facet (Facets.flags), and each
    count requires the flags it keeps. The ORM builds the matching query; the
    single pass over it (a materialized CTE with UNION ALL) is SQL. `order`
    comes from PostgresBackend._order: an ORDER BY, or the CTEs that score the
    matches. Returns the counts and (article id, score) of the matches at
    `offset` to `offset + limit` in that order. With `collapse`, the page holds
    the best of each story's matches and counts["stories"] how many stories match.
    """
    flags = {name: ExpressionWrapper(q, output_field=BooleanField()) for name, q in selected.flags().items()}
    inner = base.values("article_id", "published", "source", "persons", "countries", "organizations",
                        "month", "story").annotate(**flags)
    sql, params = inner.query.sql_with_params()

    def others(but: str, *also: str) -> str:
        kept = [f"f_{name}" for name in FACETS if name != but and f"f_{name}" in flags]
        return " AND ".join([*kept, *(flag for flag in also if flag in flags)] or ["TRUE"])

    order_sql, order_params, first = order
    window = f"LIMIT {int(limit)} OFFSET {int(offset)}"
    if order_sql.startswith("ORDER BY"):
        scored, page_sql = "", f"SELECT 'hit', m.article_id::text, 0, 0.0::float FROM m WHERE {{}} {order_sql} {window}"
        if collapse:  # the first of each story in that order
            page_sql = (f"SELECT 'hit', m.article_id::text, 0, 0.0::float FROM (SELECT m.*, row_number() OVER "
                        f"(PARTITION BY coalesce(m.story, -m.article_id) {order_sql}) AS rn FROM m WHERE {{}}) m "
                        f"WHERE m.rn = 1 {order_sql} {window}")
    else:
        scored = ", " + order_sql.format(matches=f"SELECT article_id FROM m WHERE {others('')}")
        page_sql = (f"SELECT 'hit', m.article_id::text, 0, coalesce(s.score, 0) FROM m "
                    f"LEFT JOIN scored s ON s.article_id = m.article_id WHERE {{}} "
                    f"ORDER BY {first}, m.article_id DESC {window}")
        if collapse:
            rank = first.removesuffix(" DESC")
            page_sql = (f"SELECT 'hit', r.article_id::text, 0, r.score FROM (SELECT m.article_id, "
                        f"coalesce(s.score, 0) AS score, {rank} AS rank, row_number() OVER (PARTITION BY "
                        f"coalesce(m.story, -m.article_id) ORDER BY {first}, m.article_id DESC) AS rn FROM m "
                        f"LEFT JOIN scored s ON s.article_id = m.article_id WHERE {{}}) r "
                        f"WHERE r.rn = 1 ORDER BY r.rank DESC, r.article_id DESC {window}")

    parts = [
        f"SELECT 'total', '', count(*), NULL::float FROM m WHERE {others('')}",
        f"SELECT 'source', source, count(*), NULL FROM m WHERE {others('source', 'o_source')} GROUP BY source",
        # unnest() in the select list: twice as fast as a lateral join to it.
        *(f"SELECT '{facet}', v, count(*), NULL FROM (SELECT unnest({column}) v FROM m "
          f"WHERE {others(facet, f'o_{facet}')}) x GROUP BY v" for facet, column in ARRAYS.items()),
        # What each excluded value leaves out (%s: the values, as parameters).
        *(f"SELECT 'left out source', source, count(*), NULL FROM m WHERE {others('source', 'k_source')} "
          f"AND source = ANY(%s) GROUP BY source" for _ in selected.excluded.get("source", ())[:1]),
        *(f"SELECT 'left out {facet}', v, count(*), NULL FROM (SELECT unnest({column}) v FROM m "
          f"WHERE {others(facet, f'k_{facet}')}) x WHERE v = ANY(%s) GROUP BY v"
          for facet, column in ARRAYS.items() if selected.excluded.get(facet)),
        f"SELECT 'month', month, count(*), NULL FROM m WHERE {others('')} GROUP BY month",
        *([f"SELECT 'stories', '', count(DISTINCT coalesce(story, -article_id)), NULL FROM m WHERE {others('')}"]
          if collapse else []),
        f"({page_sql.format(others(''))})",
    ]
    counts: dict[str, Counter] = defaultdict(Counter)
    counts["total"][""] = 0
    ranked = []
    left_out = [["" if v == NO_SOURCE else v for v in selected.excluded[facet]]
                for facet in FACETS if selected.excluded.get(facet)]
    with connection.cursor() as cursor:
        cursor.execute(f"WITH m AS MATERIALIZED ({sql}){scored} " + " UNION ALL ".join(parts),
                       [*params, *order_params, *left_out])
        for kind, value, n, score in cursor.fetchall():
            if kind == "hit":
                ranked.append((int(value), score))
            else:
                counts[kind][value] = n
    for kind in ("source", "left out source"):
        if "" in counts[kind]:
            counts[kind][NO_SOURCE] = counts[kind].pop("")
    return counts, ranked


def count_everything() -> dict[str, Counter]:
    """The counts of all documents, as the triggers keep them (migration 0006): a search with no condition."""
    counts: dict[str, Counter] = defaultdict(Counter)
    counts["total"][""] = 0
    for facet, value, n in SearchCount.objects.filter(n__gt=0).values_list("facet", "value", "n"):
        if facet:
            counts[facet][value] = n
        elif value == "documents":
            counts["total"][""] = n
    # The triggers count outlets and months; what lacks one is the rest (an article has one of each at most).
    total = counts["total"][""]
    counts["source"][NO_SOURCE] = total - sum(counts["source"].values())
    counts["month"][""] = total - sum(counts["month"].values())
    return counts


def count_stories() -> int:
    """How many stories the index holds: distinct stories, and each article without one."""
    with connection.cursor() as cursor:
        # Two scans of the story index, not one of the table (whose rows hold the whole text).
        cursor.execute("SELECT (SELECT count(*) FROM (SELECT DISTINCT story FROM archive_searchdocument "
                       "WHERE story IS NOT NULL) s) + (SELECT count(*) FROM archive_searchdocument WHERE story IS NULL)")
        return cursor.fetchone()[0]


def by_date(base, sort: str, page: int, per_page: int, *, collapse: bool = False) -> list[int]:
    """One page of ids in date order, from the sort index; with `collapse`, the first of each story.

    Collapsed, the rows are read in order in growing slices and repeated stories
    skipped: copies are few, so a slice twice the pages needed usually does.
    """
    ordered = _date_order(base, sort)
    start = (page - 1) * per_page
    if not collapse:
        return list(ordered.values_list("article_id", flat=True)[start:start + per_page])
    wanted, limit = start + per_page, 2 * (start + per_page)
    while True:
        rows = list(ordered.values_list("article_id", "story")[:limit])
        seen, kept = set(), []
        for article_id, story in rows:
            key = story if story is not None else -article_id
            if key not in seen:
                seen.add(key)
                kept.append(article_id)
        if len(kept) >= wanted or len(rows) < limit:
            return kept[start:wanted]
        limit *= 4


def _date_order(base, sort: str):
    if sort == "added":
        return base.order_by("-article_id")
    if sort == "oldest":
        return base.order_by(F("published").asc(nulls_last=True), "article_id")
    return base.order_by(F("published").desc(nulls_last=True), "-article_id")  # relevance without words: newest
