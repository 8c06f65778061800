"""The PostgreSQL search backend: full text, facets and the histogram in SQL, through the ORM.

Weighted tsvectors are generated columns of archive_searchdocument, so the
database keeps them in step with the text; GIN indexes serve the text and the
facet arrays. Triggers keep each vector's lexemes as postings (for BM25
ranking) and the facet counts of all documents (migration 0006). Snippets are
built from plain text (snippets.py) because ts_headline does not escape the
document.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, replace

from django.contrib.postgres.search import SearchQuery as PgQuery
from django.contrib.postgres.search import SearchRank
from django.db import connection, transaction
from django.db.models import F, Q
from django.db.models.expressions import RawSQL

from archive.models import NAMES, PROSE, SearchCount, SearchDocument, SearchPosting, SearchWord

from .base import FACETS, Entity, Hit, SearchBackend, SearchPage, SearchQuery, describe, version_of
from .labels import facet_values
from .names import explain, named_entities
from .plan import FEW, WINDOW, plan_query, positive_terms, rerank_together
from .postgres_pages import ARRAYS as _ARRAYS
from .postgres_pages import Facets, by_date, count_everything, count_pages, count_stories, facet_filter
from .postgres_words import Vocabulary, fuzzy_words, stop_words
from .querytext import Bool, Mentions, Term, fold, query_words, repair_query
from .snippets import make_snippet
from .spelling import clearly_more, respell

_WORD = re.compile(r"[^\W\d_]{3,60}")
_FIELD_VECTORS = {"": "vector", "title": "title_vector", "person": "person_vector", "country": "country_vector",
                  "source": "source_vector", "organization": "organization_vector"}
# BM25's usual constants (Whoosh's and Lucene's defaults): term-frequency saturation, length normalization.
_K1, _B = 1.2, 0.75


class PostgresBackend(SearchBackend):
    def __init__(self, **options):
        self.options = options

    def index(self, articles: Iterable) -> None:
        documents, words = [], set()
        for article in articles:
            doc = describe(article)
            documents.append(_document(article.pk, doc))
            names = " ".join(str(v) for v in (doc["source"] or [])[1:]) + " " + " ".join(
                " ".join([name, *aliases]) for key in ("persons", "organizations") for _, name, aliases in doc[key])
            text = f"{doc['title']} {doc['body']} {names} {' '.join(c[1] for c in doc['countries'])}"
            words.update(fold(w) for w in _WORD.findall(text))
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
        # TRUNCATE fires no delete trigger: postings and counts are emptied with the documents.
        tables = [m._meta.db_table for m in (SearchDocument, SearchPosting, SearchCount, SearchWord)]
        with connection.cursor() as cursor:
            cursor.execute(f"TRUNCATE {', '.join(tables)}")

    def versions(self) -> dict[int, str]:
        return dict(SearchDocument.objects.values_list("article_id", "version"))

    def similar(self, article_id: int, limit: int = 5) -> list[int]:
        doc = SearchDocument.objects.filter(article_id=article_id).only("title", "body").first()
        if doc is None:
            return []
        counts = Counter(w.casefold() for w in _WORD.findall(doc.body) if len(w) > 4)
        terms = {w.casefold() for w in _WORD.findall(doc.title)} | {w for w, _ in counts.most_common(12)}
        query = PgQuery(" or ".join(sorted(terms)), search_type="websearch", config=PROSE)
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
            # every stored vector; the GIN index answers them 5x faster. JIT
            # compiling the ranking expressions costs more (20 ms) than it saves.
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL enable_seqscan = off; SET LOCAL jit = off")
            return self._search(search_query)

    def _search(self, search_query: SearchQuery) -> SearchPage:
        plan = plan_query(search_query.q, stop_words)
        named = named_entities(list(plan.sequence)) if plan.sequence else []
        plan = plan.with_names(named)
        node = plan.strict
        dated = SearchDocument.objects.all()
        if search_query.date_from:
            dated = dated.filter(published__gte=search_query.date_from)
        if search_query.date_to:
            dated = dated.filter(published__lte=search_query.date_to)
        if search_query.undated:
            dated = dated.filter(published__isnull=search_query.undated == "only")
        base = dated.filter(self._match(node)) if node is not None else dated
        selected = Facets.of(search_query)

        per_page = search_query.per_page
        page = max(1, search_query.page)
        relaxed = None
        collapse = search_query.collapse
        everything = node is None and not search_query.narrows
        if everything:
            # Everything: the counts the triggers keep, and the page from a sort index.
            counts = count_everything()
            total = strict_total = counts["total"][""]
            if collapse:
                total = count_stories()
            page = min(page, max(1, math.ceil(total / per_page))) if per_page else 1
            ranked = [(article_id, 0.0) for article_id in by_date(base, search_query.sort, page, per_page,
                                                                   collapse=collapse)]
        else:
            start = (page - 1) * per_page
            # Proximity reorders the best WINDOW results: those are fetched for the first pages.
            # (Counts alone, per_page 0, rank nothing.)
            window = per_page > 0 and search_query.sort == "relevance" and start + per_page <= WINDOW and plan.has_sequence
            offset, limit = (0, WINDOW) if window else (start, per_page)
            order = self._order(node, search_query.sort, named=named)
            counts, ranked = count_pages(base, selected, order, offset, limit, collapse=collapse)
            total = strict_total = counts["total"][""]
            if plan.can_relax and not search_query.match_all and total < FEW:
                relaxed = self._relax(plan, dated, search_query.sort, named)
            if relaxed is not None:
                relaxed_counts, relaxed_ranked = count_pages(relaxed.base, selected, relaxed.order, offset, limit,
                                                              collapse=collapse)
                if relaxed_counts["total"][""] > total:
                    counts, ranked, total = relaxed_counts, relaxed_ranked, relaxed_counts["total"][""]
                else:
                    relaxed = None  # it finds nothing more
            if collapse:
                total = counts["stories"][""]
            if total and start >= total and page > 1:  # past the last page: show the last one
                page = max(1, math.ceil(total / per_page))
                start = (page - 1) * per_page
                counts, ranked = count_pages(relaxed.base if relaxed else base, selected,
                                              relaxed.order if relaxed else order, start, per_page, collapse=collapse)
            elif window:
                texts = {i: f"{title}\n{body}" for i, title, body in SearchDocument.objects.filter(
                    article_id__in=[i for i, _ in ranked]).values_list("article_id", "title", "body")}
                ranked = rerank_together(plan, ranked, lambda item: texts.get(item[0], ""))[start:start + per_page]
        facets, facet_totals = {}, {}
        for name in FACETS:
            facets[name], facet_totals[name] = facet_values(
                name, counts[name], search_query.filters.get(name, ()), search_query.facet_limit,
                # An excluded value that leaves nothing out is listed too (with 0), to be taken back.
                excluded={v: counts[f"left out {name}"].get(v, 0) for v in search_query.exclude.get(name, ())},
                contains=search_query.facet_search.get(name, ""),
            )
        undated = counts["month"].pop("", 0)
        histogram = tuple(sorted(counts["month"].items()))
        pages = max(1, math.ceil(total / per_page)) if per_page else 1
        page = min(page, pages)
        hits = _hits(ranked, plan, named)
        if relaxed is not None:
            hits = relaxed.with_missing(hits)
        suggestion = self._suggest(plan, dated, strict_total) if strict_total < FEW else ""
        return SearchPage(
            hits=hits, total=total, page=page, pages=pages, facets=facets, facet_totals=facet_totals,
            histogram=histogram, suggestion=suggestion, searched=plan.searched,
            relaxed=relaxed is not None, strict_total=strict_total,
            min_match=relaxed.min_match if relaxed else 0, words=tuple(w.text for w in plan.words),
            marked=plan.marked(named), articles=counts["total"][""], undated=undated,
        )

    def _relax(self, plan, dated, sort: str, named) -> _Relaxed | None:
        """The articles with at least half of the plan's words (and all it requires), or None.

        The words each article has are counted from the postings (migration
        0006), not from the stored vectors: an index-only scan.
        """
        selects, params = _postings(plan.words, plan)
        postings = _UNION.join(selects)
        having = f"SELECT article_id FROM ({postings}) p GROUP BY article_id HAVING count(DISTINCT i) >= %s"
        required = dated
        for clause in plan.required:
            required = required.filter(self._match(clause))
        with connection.cursor() as cursor:
            inner, inner_params = required.values("article_id").query.sql_with_params()
            cursor.execute(
                f"SELECT max(n) FROM (SELECT article_id, count(DISTINCT i) AS n FROM ({postings}) p "
                f"GROUP BY article_id) c WHERE article_id IN ({inner})", [*params, *inner_params])
            best = cursor.fetchone()[0] or 0
        if not best:
            return None
        min_match = plan.min_match(best)
        base = required.filter(article_id__in=RawSQL(having, [*params, min_match]))
        words = Bool("or", tuple(plan.clause(w) for w in plan.words))
        rank = Bool("and", (*plan.required, words)) if plan.required else words
        return _Relaxed(base, self._order(rank, sort, named=named), postings, params,
                        plan.words, min_match)

    def _match(self, node) -> Q:
        if isinstance(node, Mentions):
            return facet_filter(node.facet, (node.value,))
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
        configs = (PROSE,) if term.field == "title" else (NAMES,) if term.field else (PROSE, NAMES)
        if term.prefix:
            return PgQuery(f"{fold(term.text)}:*", search_type="raw", config=NAMES)
        words = [term.text]
        if term.fuzzy:
            words += fuzzy_words(term.text)
        query = None
        for word in words:
            for config in configs:
                part = PgQuery(word, search_type="phrase" if term.phrase else "plain", config=config)
                query = part if query is None else query | part
        return query

    def _order(self, node, sort: str, *, named=()) -> tuple[str, list, str]:
        """SQL (with its parameters) ordering the matches `m`, by BM25 relevance or by date.

        Relevance is BM25 over the postings of the query's positive words: a
        score CTE `scored` (article_id, score) that `m` is left-joined to.
        Without such words (only names, say), relevance falls back to newest
        first. The third value is what the matches are ordered by: the score,
        with a bonus for mentioning an entity the query names (that entity's
        idf, as a matched word would add).
        """
        terms = _ranked_terms(node) if sort == "relevance" else []
        if not terms:
            if sort == "added":
                return "ORDER BY m.article_id DESC", [], ""
            if sort == "oldest":
                return "ORDER BY m.published ASC NULLS LAST, m.article_id ASC", [], ""
            return "ORDER BY m.published DESC NULLS LAST, m.article_id DESC", [], ""
        first = f"coalesce(s.score, 0){_bonus(named)} DESC"
        selects, params = _postings(terms)
        postings = _UNION.join(selects)
        bm25 = f"tf * {_K1 + 1}::float8 / (tf + {_K1}::float8 * ({1 - _B}::float8 + {_B}::float8 * length / avgdl))"
        # float8 throughout: sums of integers are numeric, ten times slower to compute with.
        tf = ("SELECT {}article_id, sum(tf)::float8 AS tf, max(length)::float8 AS length "
              "FROM postings JOIN ({{matches}}) h USING (article_id) GROUP BY {}article_id")
        corpus = """corpus AS (SELECT documents, greatest(words / documents, 1) AS avgdl FROM (
                              SELECT max(n) FILTER (WHERE value = 'documents')::float8 AS documents,
                                     max(n) FILTER (WHERE value = 'words')::float8 AS words
                              FROM archive_searchcount WHERE facet = '') c)"""
        if len(terms) == 1:
            # One word: its idf would scale every score alike, so it is left out.
            scored = f"""
                postings AS ({postings}), {corpus},
                scored AS (SELECT article_id, {bm25} AS score FROM ({tf.format("", "")}) tf, corpus)"""
            return scored, params, first
        # Document frequencies over all documents, each word's counted straight from the
        # postings' key (a third of the time of counting them from the CTE); tf only for
        # the matches that can be hits.
        df = " UNION ALL ".join(
            f"SELECT {i} AS i, count(DISTINCT article_id) AS n FROM ({sql}) p"
            for i, sql in enumerate(selects)
        )
        scored = f"""
            postings AS ({postings}), {corpus},
            idf AS (SELECT i, ln(1 + (documents - n + 0.5) / (n + 0.5)) AS idf FROM ({df}) df, corpus),
            scored AS (SELECT article_id, sum(idf * {bm25}) AS score
                       FROM ({tf.format("i, ", "i, ")}) tf JOIN idf USING (i), corpus GROUP BY article_id)"""
        return scored, params + params, first  # the same lookups, in the same order: postings, then df

    def _suggest(self, plan, dated, found: int) -> str:
        """The query with its unknown words respelled, when that finds clearly more; else ''."""
        suggestion = respell(plan.searched, plan.respellable, Vocabulary())
        if not suggestion:
            return ""
        respelled = plan_query(suggestion, stop_words)
        respelled = respelled.with_names(named_entities(list(respelled.sequence))).strict
        return suggestion if clearly_more(dated.filter(self._match(respelled)).count(), found) else ""


_UNION = " UNION ALL "


def _postings(terms, plan=None) -> tuple[list[str], list]:
    """One SELECT of (i, article_id, tf, length) per term: its postings, numbered i; and their parameters.

    A prefix or fuzzy term's several words all count as the one term i. With
    a plan, a word that names an entity also counts for the articles that
    mention it (tf 0: it adds nothing to the score, but it is there).
    """
    selects, params = [], []
    for i, term in enumerate(terms):
        mentions = [] if plan is None else [m for m in _mentions(plan.clause(term))]
        also = "".join(f" UNION ALL SELECT {i}, article_id, 0, 0 FROM archive_searchdocument "
                       f"WHERE {_ARRAYS[m.facet]} @> ARRAY[%s]::varchar[]" for m in mentions)
        if also:
            sql, term_params = _postings([term])
            selects.append(f"SELECT {i} AS i, article_id, tf, length FROM ({sql[0]}) p{also}")
            params += [*term_params, *(m.value for m in mentions)]
            continue
        words = [term.text] + (fuzzy_words(term.text) if term.fuzzy else [])
        select = f"SELECT {i} AS i, article_id, tf, length FROM archive_searchposting"
        if term.prefix:
            selects.append(f"{select} WHERE lexeme LIKE %s")
            params.append(_like_prefix(fold(term.text)))
            continue
        # The lexemes the vector holds for these words: stemmed (prose) and as written (names).
        selects.append(f"{select} WHERE lexeme = ANY(tsvector_to_array(to_tsvector('{PROSE}', %s) "
                       f"|| to_tsvector('{NAMES}', %s)))")
        params += [" ".join(words), " ".join(words)]
    return selects, params


@dataclass(frozen=True)
class _Relaxed:
    base: object  # the queryset of relaxed matches, before facet filters
    order: tuple[str, list, str]
    postings: str  # the words' postings, as _postings gives them
    params: list
    words: tuple[Term, ...]
    min_match: int

    def with_missing(self, hits: tuple[Hit, ...]) -> tuple[Hit, ...]:
        """The hits, each with the words it lacks."""
        if not hits:
            return hits
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT DISTINCT i, article_id FROM ({self.postings}) p WHERE article_id = ANY(%s)",
                           [*self.params, [hit.id for hit in hits]])
            present = set(cursor.fetchall())
        return tuple(replace(hit, missing=tuple(w.text for i, w in enumerate(self.words) if (i, hit.id) not in present))
                     for hit in hits)


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
        story=doc["story"],
    )


def _hits(ranked: list[tuple[int, float]], plan, named) -> tuple[Hit, ...]:
    """The page's hits in the order given, with snippets and how each matched."""
    if not ranked:
        return ()
    fields = ("article_id", "title", "body", "labels", "published", "story")
    docs = SearchDocument.objects.only(*fields).in_bulk([article_id for article_id, _ in ranked])
    words = query_words(plan.strict)
    prefixes = tuple(_prefixes(plan.strict))
    hits = []
    for article_id, score in ranked:
        if article_id in docs:
            doc = docs[article_id]
            hit = _hit(doc, words, prefixes, score)
            hits.append(replace(hit, matched=explain(hit, f"{doc.title}\n{doc.body}", plan, named)))
    return tuple(hits)


def _mentions(node) -> list[Mentions]:
    if isinstance(node, Mentions):
        return [node]
    return [m for part in node.parts for m in _mentions(part)] if isinstance(node, Bool) else []


def _bonus(named) -> str:
    """SQL adding, for each entity the query names that a match `m` mentions, that entity's idf."""
    if not named:
        return ""
    counts = dict(((f, v), n) for f, v, n in SearchCount.objects.filter(
        facet__in=["", *{n.facet for n in named}], value__in=["documents", *{n.value for n in named}])
        .values_list("facet", "value", "n"))
    documents = counts.get(("", "documents"), 0)
    parts = []
    for name in named:
        n = counts.get((name.facet, name.value), 0)
        if n and name.value.replace("-", "").isalnum():  # slugs and codes only: the value is written into SQL
            idf = math.log(1 + (documents - n + 0.5) / (n + 0.5))
            parts.append(f" + CASE WHEN m.{_ARRAYS[name.facet]} @> ARRAY['{name.value}']::varchar[] "
                         f"THEN {idf:.6f} ELSE 0 END")
    return "".join(parts)


def _like_prefix(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _prefixes(node) -> list[str]:
    if isinstance(node, Mentions):
        return []
    if isinstance(node, Term):
        return [node.text] if node.prefix else []
    if isinstance(node, Bool) and node.op != "not":
        return [p for part in node.parts for p in _prefixes(part)]
    return []


def _ranked_terms(node) -> list[Term]:
    """The words relevance is computed from: positive ones, in the text or the title, each once.

    A phrase counts as its words; names searched by field (person:, ...) only filter.
    """
    terms = {}
    for term in positive_terms(node):
        if term.field and term.field != "title":
            continue
        parts = term.text.split() if term.phrase else [term.text]
        for part in parts:
            key = (part.casefold(), term.prefix, term.fuzzy and not term.phrase)
            terms.setdefault(key, Term(part, prefix=term.prefix, fuzzy=key[2]))
    return list(terms.values())


def _hit(doc: SearchDocument, words: list[str], prefixes: tuple[str, ...], score: float) -> Hit:
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
        score=float(score or 0.0),
        story=doc.story,
    )
