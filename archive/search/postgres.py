"""The PostgreSQL search backend: full text, facets and the histogram in SQL, through the ORM.

Weighted tsvectors are generated columns of archive_searchdocument, so the
database keeps them in step with the text; GIN indexes serve the text and the
facet arrays. Snippets are built from plain text (snippets.py) because
ts_headline does not escape the document.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable

from django.contrib.postgres.search import SearchQuery as PgQuery
from django.contrib.postgres.search import SearchRank, TrigramSimilarity
from django.db import connection, transaction
from django.db.models import BooleanField, ExpressionWrapper, F, Q, Value

from archive.models import SearchDocument, SearchWord

from .base import FACETS, Entity, Hit, SearchBackend, SearchPage, SearchQuery, describe, version_of
from .querytext import Bool, Term, parse_query, plain_words, query_words, repair_query
from .snippets import make_snippet
from .labels import facet_values

_WORD = re.compile(r"[^\W\d_]{3,60}")
_FIELD_VECTORS = {"": "vector", "title": "title_vector", "person": "person_vector", "country": "country_vector",
                  "source": "source_vector", "organization": "organization_vector"}
_ARRAYS = {"person": "persons", "country": "countries", "organization": "organizations"}
_FUZZY_LIMIT = 8


class PostgresBackend(SearchBackend):
    def __init__(self, **options):
        self.options = options

    def index(self, articles: Iterable) -> None:
        documents, words = [], set()
        for article in articles:
            doc = describe(article)
            documents.append(_document(article.pk, doc))
            words.update(w.casefold() for w in _WORD.findall(f"{doc['title']} {doc['body']}"))
        if not documents:
            return
        fields = [f.name for f in SearchDocument._meta.concrete_fields if not f.generated and not f.primary_key]
        with transaction.atomic():
            SearchDocument.objects.bulk_create(
                documents, update_conflicts=True, unique_fields=["article"], update_fields=fields
            )
            SearchWord.objects.bulk_create([SearchWord(word=w) for w in sorted(words)], ignore_conflicts=True,
                                           batch_size=2000)

    def remove(self, article_ids: Iterable[int]) -> None:
        SearchDocument.objects.filter(article_id__in=list(article_ids)).delete()

    def clear(self) -> None:
        SearchDocument.objects.all().delete()
        SearchWord.objects.all().delete()

    def versions(self) -> dict[int, str]:
        return dict(SearchDocument.objects.values_list("article_id", "version"))

    def similar(self, article_id: int, limit: int = 5) -> list[int]:
        doc = SearchDocument.objects.filter(article_id=article_id).only("title", "body").first()
        if doc is None:
            return []
        counts = Counter(w.casefold() for w in _WORD.findall(doc.body) if len(w) > 4)
        terms = {w.casefold() for w in _WORD.findall(doc.title)} | {w for w, _ in counts.most_common(12)}
        query = PgQuery(" or ".join(sorted(terms)), search_type="websearch", config="english")
        ranked = (
            SearchDocument.objects.filter(vector=query).exclude(article_id=article_id)
            .annotate(rank=SearchRank(F("vector"), query)).order_by("-rank", "article_id")
        )
        return list(ranked.values_list("article_id", flat=True)[:limit])

    def search(self, search_query: SearchQuery) -> SearchPage:
        if not repair_query(search_query.q):
            return self._search(search_query)  # no text: a plain scan is the right plan
        with transaction.atomic():
            # For common words the planner picks a sequential scan that unpacks
            # every stored vector; the GIN index answers them 5x faster.
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL enable_seqscan = off")
            return self._search(search_query)

    def _search(self, search_query: SearchQuery) -> SearchPage:
        repaired = repair_query(search_query.q)
        node = parse_query(repaired)
        if repaired and node is None:
            repaired = plain_words(search_query.q)
            node = parse_query(repaired)
        base = SearchDocument.objects.all()
        if node is not None:
            base = base.filter(self._match(node))
        if search_query.date_from:
            base = base.filter(published__gte=search_query.date_from)
        if search_query.date_to:
            base = base.filter(published__lte=search_query.date_to)
        selected = {f: tuple(v) for f, v in search_query.filters.items() if v and f in FACETS}

        def narrowed(qs, but: str = ""):
            for facet, values in selected.items():
                if facet != but:
                    qs = qs.filter(_facet_filter(facet, values))
            return qs

        matching = narrowed(base)
        counts = _count_all(base, selected)
        facets, facet_totals = {}, {}
        for name in FACETS:
            facets[name], facet_totals[name] = facet_values(
                name, counts[name], search_query.filters.get(name, ()), search_query.facet_limit
            )
        histogram = tuple(sorted(counts["month"].items()))
        total = counts["total"][""]
        pages = max(1, math.ceil(total / search_query.per_page))
        page = min(max(1, search_query.page), pages)
        hits = self._hits(matching, node, search_query, page) if total else ()
        suggestion = self._suggest(node, repaired) if node is not None and total < 3 else ""
        return SearchPage(
            hits=hits, total=total, page=page, pages=pages, facets=facets, facet_totals=facet_totals,
            histogram=histogram, suggestion=suggestion, searched=repaired,
        )

    def _match(self, node) -> Q:
        if isinstance(node, Bool):
            parts = [self._match(p) for p in node.parts]
            if node.op == "not":
                return ~parts[0]
            combined = parts[0]
            for part in parts[1:]:
                combined = (combined & part) if node.op == "and" else (combined | part)
            return combined
        return Q(**{_FIELD_VECTORS[node.field]: self._tsquery(node)})

    def _tsquery(self, term: Term) -> PgQuery:
        """One term as a tsquery: stemmed for prose, as written for names (both for the all-fields vector)."""
        configs = ("english",) if term.field == "title" else ("simple",) if term.field else ("english", "simple")
        if term.prefix:
            lexeme = term.text.casefold()
            return PgQuery(f"{lexeme}:*", search_type="raw", config="simple")
        words = [term.text]
        if term.fuzzy:
            words += _similar_words(term.text)
        query = None
        for word in words:
            for config in configs:
                part = PgQuery(word, search_type="phrase" if term.phrase else "plain", config=config)
                query = part if query is None else query | part
        return query

    def _hits(self, matching, node, search_query: SearchQuery, page: int) -> tuple[Hit, ...]:
        sort = search_query.sort
        rank = _rank(node, self) if sort == "relevance" else None
        if rank is not None:
            ordered = matching.annotate(rank=rank).order_by("-rank", "-article_id")
        elif sort == "oldest":
            ordered = matching.order_by(F("published").asc(nulls_last=True), "article_id")
        else:
            ordered = matching.order_by(F("published").desc(nulls_last=True), "-article_id")
        start = (page - 1) * search_query.per_page
        rows = ordered.only("article_id", "title", "body", "labels", "published")[start:start + search_query.per_page]
        words = query_words(node)
        prefixes = tuple(_prefixes(node))
        return tuple(_hit(doc, words, prefixes) for doc in rows)

    def _suggest(self, node, searched: str) -> str:
        """Respell words the index does not know with the closest word it does."""
        replaced = searched
        for term in _plain_terms(node):
            word = term.text.casefold()
            if SearchWord.objects.filter(word=word).exists():
                continue
            best = _similar_words(word, limit=1)
            if best:
                replaced = re.sub(rf"\b{re.escape(term.text)}\b", best[0], replaced)
        return replaced if replaced != searched else ""


def _document(article_id: int, doc: dict) -> SearchDocument:
    source, persons, countries, organizations = doc["source"], doc["persons"], doc["countries"], doc["organizations"]
    published = doc["published"]
    return SearchDocument(
        article_id=article_id,
        version=version_of(doc),
        labels={"source": source, "person": [p[:2] for p in persons], "country": countries},
        title=doc["title"],
        body=doc["body"],
        source_name=source[1] if source else "",
        person_names=" ".join(" ".join([name, *aliases]) for _, name, aliases in persons),
        country_names=" ".join(f"{name} {code}" for code, name in countries),
        organization_names=" ".join(" ".join([name, *aliases]) for _, name, aliases in organizations),
        source=source[0] if source else "",
        persons=[p[0] for p in persons],
        countries=[c[0] for c in countries],
        organizations=[o[0] for o in organizations],
        published=published,
        month=published[:7] if published else "",
    )


def _facet_filter(facet: str, values: tuple[str, ...]) -> Q:
    if facet == "source":
        return Q(source__in=values)
    return Q(**{f"{_ARRAYS[facet]}__overlap": list(values)})


def _count_all(base, selected: dict[str, tuple[str, ...]]) -> dict[str, Counter]:
    """Total, every facet's counts and the months, in one statement over the matches found once.

    Each facet is counted with the other facets' filters but not its own
    (disjunctive faceting): the matches carry one flag per picked facet, and
    each count requires the flags of the others. The ORM builds the matching
    query; the single pass over it (a materialized CTE with UNION ALL) is SQL.
    """
    flags = {f"f_{name}": ExpressionWrapper(_facet_filter(name, values), output_field=BooleanField())
             for name, values in selected.items()}
    inner = base.values("source", "persons", "countries", "organizations", "month").annotate(**flags)
    sql, params = inner.query.sql_with_params()

    def others(but: str) -> str:
        return " AND ".join([f"f_{name}" for name in selected if name != but] or ["TRUE"])

    parts = [
        f"SELECT 'total', '', count(*) FROM m WHERE {others('')}",
        f"SELECT 'source', source, count(*) FROM m WHERE source <> '' AND {others('source')} GROUP BY source",
        *(f"SELECT '{facet}', v, count(*) FROM m, unnest({column}) v WHERE {others(facet)} GROUP BY v"
          for facet, column in _ARRAYS.items()),
        f"SELECT 'month', month, count(*) FROM m WHERE month <> '' AND {others('')} GROUP BY month",
    ]
    counts: dict[str, Counter] = {name: Counter() for name in ("total", *FACETS, "month")}
    counts["total"][""] = 0
    with connection.cursor() as cursor:
        cursor.execute(f"WITH m AS MATERIALIZED ({sql}) " + " UNION ALL ".join(parts), params)
        for kind, value, n in cursor.fetchall():
            counts[kind][value] = n
    return counts


def _similar_words(word: str, limit: int = _FUZZY_LIMIT) -> list[str]:
    """Indexed words within a small edit of `word`, closest first (trigram similarity)."""
    rows = (
        SearchWord.objects.annotate(similarity=TrigramSimilarity("word", word.casefold()))
        .filter(similarity__gt=0.3).exclude(word=word.casefold()).order_by("-similarity", "word")
    )
    return list(rows.values_list("word", flat=True)[:limit])


def _plain_terms(node) -> list[Term]:
    if node is None:
        return []
    if isinstance(node, Term):
        return [node] if not (node.field or node.prefix or node.phrase) else []
    return [] if node.op == "not" else [t for p in node.parts for t in _plain_terms(p)]


def _prefixes(node) -> list[str]:
    if isinstance(node, Term):
        return [node.text] if node.prefix else []
    if isinstance(node, Bool) and node.op != "not":
        return [p for part in node.parts for p in _prefixes(part)]
    return []


def _rank(node, backend: PostgresBackend):
    """Relevance as BM25 weighs it: each term's ts_rank scaled by its rarity (idf).

    ts_rank alone lets a common word count as much as a rare one; normalization
    1 divides by 1 + log(document length) so long articles do not win on length
    (bench/ranking.py: known-item MRR@10 0.686 with plain ts_rank, 0.730 with
    normalization, and idf on top). Document frequencies come from the GIN
    index, one count per distinct term.
    """
    terms = {t.text.casefold(): t for t in _positive_terms(node) if not t.field or t.field == "title"}
    if not terms:
        return None
    total = SearchDocument.objects.count()
    rank = None
    for term in terms.values():
        tsquery = backend._tsquery(Term(term.text, "", term.prefix, term.fuzzy, term.phrase))
        if len(terms) > 1:
            matches = SearchDocument.objects.filter(vector=tsquery).count()
            idf = math.log(1 + (total - matches + 0.5) / (matches + 0.5))
        else:
            idf = 1.0  # one term: its weight changes no order
        part = SearchRank(F("vector"), tsquery, normalization=Value(1)) * Value(idf)
        rank = part if rank is None else rank + part
    return rank


def _positive_terms(node) -> list[Term]:
    if node is None:
        return []
    if isinstance(node, Term):
        return [node]
    return [] if node.op == "not" else [t for p in node.parts for t in _positive_terms(p)]


def _hit(doc: SearchDocument, words: list[str], prefixes: tuple[str, ...]) -> Hit:
    labels = doc.labels
    snippet = make_snippet(doc.body, words, prefixes=prefixes)
    return Hit(
        id=doc.article_id,
        title=doc.title,
        source=Entity(*labels["source"]) if labels.get("source") else None,
        published=doc.published,
        snippet=snippet,
        persons=tuple(Entity(*p) for p in labels.get("person", [])),
        countries=tuple(Entity(*c) for c in labels.get("country", [])),
        score=float(getattr(doc, "rank", 0.0) or 0.0),
    )
