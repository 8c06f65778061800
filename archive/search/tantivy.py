"""The embedded search engine: tantivy (the Rust engine's official Python bindings), the only module that imports it.

Everything is asked of the engine as queries: the counts of facets and months
are terms aggregations, a relaxed search is a boolean query with a minimum of
its words, and nothing walks the documents in Python. Snippets are built from
the stored plain text (snippets.py), like the PostgreSQL backend's, because
tantivy's highlighter does not escape the text around its marks.
"""

from __future__ import annotations

import datetime
import functools
import json
import logging
import math
import os
import threading
from collections import Counter
from collections.abc import Iterable
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path

import tantivy
from rapidfuzz import process
from rapidfuzz.distance import OSA
from tantivy import Document, FieldType, Filter, Occur, Order, Query, SchemaBuilder, TextAnalyzerBuilder, Tokenizer

from .base import (FACETS, NO_SOURCE, Entity, Hit, SearchBackend, SearchError, SearchPage, SearchQuery, describe,
                   version_of)
from .labels import facet_labels, facet_values
from .names import explain, named_entities
from .plan import FEW, WINDOW, plan_query, rerank_together
from .querytext import Bool, Mentions, Term, query_words
from .snippets import make_snippet
from .spelling import clearly_more, max_edits, respell
from .threads import THREADS, at_once
from .folder import LOCK_FILE, STAMP_FILE, WriteLock, exclusive, is_stamped, open_stamped

logger = logging.getLogger(__name__)

SCHEMA_VERSION = "3"
# Words are runs of letters and digits (tantivy's simple tokenizer: three times faster than a regex one).
# Accents and case never matter (Arsène = Arsene, GYUMRI = Gyumri). Prose is stemmed without its
# common words; names keep every word as written: "country:AM" must not lose "am".
_PROSE = TextAnalyzerBuilder(Tokenizer.simple()).filter(Filter.lowercase()).filter(Filter.ascii_fold()) \
    .filter(Filter.stopword("english")).filter(Filter.stemmer("english")).build()
_NAMES = TextAnalyzerBuilder(Tokenizer.simple()).filter(Filter.lowercase()).filter(Filter.ascii_fold()).build()
ANALYZERS = {"prose": _PROSE, "names": _NAMES}

_PROSE_FIELDS = ("title", "body")
_NAME_FIELDS = tuple(f"{name}_name" for name in FACETS)
_TITLE_BOOST = 2.0
_EXACT_BOOST = 0.5
_VERSION_PARTS = ("version_a", "version_b", "version_c")  # the 160-bit content stamp as 64 + 64 + 32 bits
_UNDATED = 4_000_000  # an `oldest` day after every real one (date.max is day 3,652,059)
_BUCKETS = 65_000  # tantivy refuses an aggregation of more buckets than this
_FUZZY_LIMIT = 16  # indexed words a `word~` stands for, at most
_CACHED = 2_000  # entries kept per index generation (_cached) before starting again


def _schema():
    builder = SchemaBuilder()
    builder.add_unsigned_field("id", stored=True, indexed=True, fast=True)
    for part in _VERSION_PARTS:
        builder.add_unsigned_field(part, fast=True)
    builder.add_bytes_field("labels", stored=True)  # JSON: the display names of outlet, people and countries
    builder.add_text_field("title", stored=True, tokenizer_name="prose")
    builder.add_text_field("body", stored=True, tokenizer_name="prose")
    # Title and body as written (folded, unstemmed): prefixes, `word~` and "did you mean" look here.
    builder.add_text_field("words", tokenizer_name="names", index_option="freq")
    for name in _NAME_FIELDS:  # what `source:`, `person:`, ... search: names and every known spelling
        builder.add_text_field(name, tokenizer_name="names")
    # Facet fields hold stable keys, never analysed text: "radio-free-europe", not radio/free/europ.
    for name in (*FACETS, "month"):
        builder.add_text_field(name, fast=True, tokenizer_name="raw", index_option="basic")
    builder.add_integer_field("day", stored=True, indexed=True, fast=True)  # date.toordinal(); none when undated
    builder.add_integer_field("story", stored=True)  # the story an article is a copy of, or minus its id
    # The story again, only for an article whose story has other copies: collapsing and counting stories read
    # this column, where most articles have no value (one per article made counting stories at 1,000,000
    # articles a 1,000,000-bucket aggregation: 260 ms).
    builder.add_integer_field("copies", fast=True)
    # Sort keys, day and id in one number (ties as PostgreSQL breaks them), undated articles last either way.
    builder.add_integer_field("newest", fast=True)
    builder.add_integer_field("oldest", fast=True)
    return builder.build()


SCHEMA = _schema()


def _engine_errors(method):
    """A panic inside tantivy (pyo3 raises it as a BaseException) as SearchError: a page that says so, not a crash."""
    @functools.wraps(method)
    def guarded(*args, **kwargs):
        try:
            return method(*args, **kwargs)
        except BaseException as exc:
            if type(exc).__name__ != "PanicException":
                raise
            logger.error("tantivy panicked in %s", method.__name__, exc_info=True)
            raise SearchError("The search engine failed on this request: run `manage.py check_index`.") from None
    return guarded


class TantivyBackend(SearchBackend):
    def __init__(self, path: str):
        self.path = Path(path) / "tantivy"
        # Held while a writer is open, and while this process forks: a child would keep the lock files tantivy
        # holds (it releases them by closing them), and the parent's next writer would be refused, its next
        # commit wait for ever for the meta lock. An import's parsing pool forks children while it commits.
        self._write_lock = WriteLock(across_forks=True)
        self._open_lock = threading.Lock()
        self._index = None
        self._seen = None  # meta.json as last read: a commit by any process changes it
        self._generation_cache: dict = {}
        self._cache_lock = threading.Lock()

    # -- writing ---------------------------------------------------------

    def index(self, articles: Iterable) -> None:
        articles = list(articles)
        if not articles:
            return
        with self._writer() as writer:
            # By query: delete_documents_by_term does not match an unsigned field's value (tantivy-py 0.27).
            writer.delete_documents_by_query(self._id_query([a.pk for a in articles]))
            for article in articles:
                # The writer's thread indexes each document while this one builds the next.
                writer.add_document(_document(article))

    def remove(self, article_ids: Iterable[int]) -> None:
        ids = [int(i) for i in article_ids]
        if not ids:
            return
        with self._writer() as writer:
            writer.delete_documents_by_query(self._id_query(ids))

    def clear(self) -> None:
        with self._exclusive():
            if is_stamped(self.path, SCHEMA_VERSION):
                writer = self._open().writer(heap_size=_HEAP, num_threads=1)
                writer.delete_all_documents()
                writer.commit()
                writer.wait_merging_threads()
            else:  # none yet, or of an older schema: start afresh
                for child in self.path.iterdir():
                    if child.is_file() and child.name != LOCK_FILE:
                        child.unlink()
                self._index = None
                self._create()
                (self.path / STAMP_FILE).write_text(SCHEMA_VERSION)

    def _exclusive(self):
        return exclusive(self.path, self._write_lock)

    @contextmanager
    def _writer(self):
        ix = self._open()
        with self._exclusive():
            writer = ix.writer(heap_size=_HEAP, num_threads=1)
            try:
                yield writer
            except BaseException:
                writer.rollback()
                raise
            writer.commit()
            # Merges run in the writer's threads: wait for them rather than leave the segments unmerged.
            writer.wait_merging_threads()

    def _open(self):
        if self._index is None:
            with self._open_lock:
                if self._index is None:
                    self._index = self._open_or_create()
        return self._index

    def _open_or_create(self):
        return open_stamped(self.path, SCHEMA_VERSION, exclusive=self._exclusive, create=self._create,
                            open_index=lambda: self._prepare(tantivy.Index(SCHEMA, path=str(self.path), reuse=True)))

    def _create(self) -> bool:
        tantivy.Index(SCHEMA, path=str(self.path), reuse=False)
        return True

    def _prepare(self, ix):
        for name, analyzer in ANALYZERS.items():  # analyzers are not stored in the index: named on every open
            ix.register_tokenizer(name, analyzer)
        ix.config_reader(reload_policy="Manual")  # reloaded by _searcher when another commit is seen
        return ix

    # -- reading ---------------------------------------------------------

    def _searcher(self):
        """A searcher of the last commit, whichever process made it (seen within a search)."""
        ix = self._open()
        try:
            meta = os.stat(self.path / "meta.json")
        except FileNotFoundError as exc:
            raise SearchError("The search index is missing: run `manage.py rebuild_index`.") from exc
        seen = (meta.st_ino, meta.st_mtime_ns, meta.st_size)
        if seen != self._seen:
            ix.reload()
            self._seen = seen
            with self._cache_lock:
                self._generation_cache = {}
        return ix.searcher()

    def _cached(self, key, build):
        """Something read once per index generation (the words of a letter for spelling, the entities
        a query's words name, facet values' names): whatever changes them commits to the index too
        (an import, a rename or merge reindexes the articles concerned)."""
        with self._cache_lock:
            cache = self._generation_cache
            if key in cache:
                return cache[key]
        value = build()
        with self._cache_lock:
            if len(cache) > _CACHED:
                cache.clear()
            cache[key] = value
        return value

    def _named(self, words: tuple[str, ...]):
        return self._cached(("named", words), lambda: named_entities(list(words)))

    def _labels(self, facet: str, values: list[str]) -> dict[str, str]:
        known = self._cached(("labels", facet), dict)
        missing = [v for v in values if v not in known]
        if missing:
            found = facet_labels(facet, missing)
            known.update({v: found.get(v, v) for v in missing})
        return {v: known[v] for v in values}

    @_engine_errors
    def versions(self) -> dict[int, str]:
        searcher = self._searcher()
        if not searcher.num_docs:
            return {}
        hits = searcher.search(Query.all_query(), limit=searcher.num_docs, order_by_field="id").hits
        addresses = [address for _, address in hits]
        parts = [searcher.fast_field_values(part, addresses) for part in _VERSION_PARTS]
        return {article_id: f"{a:016x}{b:016x}{c:08x}" for (article_id, _), a, b, c in zip(hits, *parts)}

    @_engine_errors
    def similar(self, article_id: int, limit: int = 5) -> list[int]:
        """The articles sharing the most of this one's distinctive words (the 12 of highest tf-idf).

        Not tantivy's MoreLikeThisQuery: it panics once updates have left deleted
        documents (a word's document frequency above the live documents).
        """
        searcher = self._searcher()
        found = searcher.search(self._id_query([article_id]), 1).hits
        if not found:
            return []
        fields = searcher.doc(found[0][1]).to_dict()
        counts = Counter(t for t in _PROSE.analyze(f"{_first(fields, 'title')}\n{_first(fields, 'body')}") if len(t) > 2)
        documents = max(1, searcher.num_docs)
        weights = {}
        for term, tf in counts.most_common(200):
            df = min(searcher.doc_freq("body", term), documents)
            if df > 1:  # a word no other article has finds none
                weights[term] = tf * math.log(documents / df)
        terms = sorted(weights, key=lambda t: (-weights[t], t))[:12]
        if not terms:
            return []
        like = _any([Query.term_query(SCHEMA, "body", t) for t in terms])
        query = Query.boolean_query([(Occur.Must, like), (Occur.MustNot, self._id_query([article_id]))])
        return self._ids(searcher, [address for _, address in searcher.search(query, limit).hits])

    @_engine_errors
    def search(self, search_query: SearchQuery) -> SearchPage:
        try:
            searcher = self._searcher()
        except (OSError, ValueError) as exc:
            raise SearchError(f"The search index cannot be opened ({exc}): run `manage.py rebuild_index`.") from exc
        plan = plan_query(search_query.q, _stop_words)
        named = self._named(plan.sequence) if plan.sequence else []
        plan = plan.with_names(named)
        dates = self._dates(search_query)
        text = self._query(searcher, plan.strict) if plan.strict is not None else None
        base = _all([text, *dates])
        constraints = self._constraints(search_query)
        matching = _all([base, *constraints.values()])
        strict_total = total = _count(searcher, matching)
        relaxed = None
        if plan.can_relax and not search_query.match_all and strict_total < FEW:
            relaxed = self._relax(searcher, plan, dates)
            # Relaxed only when it finds more among what the filters allow (as the other backends decide).
            if relaxed is not None:
                allowed = _all([relaxed.base, *constraints.values()])
                total = _count(searcher, allowed) if constraints else relaxed.count
                if total > strict_total:
                    base, matching = relaxed.base, allowed
                else:
                    relaxed, total = None, strict_total
        facets, facet_totals, months, stories = self._counts(searcher, base, matching, constraints, search_query,
                                                             total if search_query.collapse else 0,
                                                             has_text=text is not None)
        undated = months.pop("", 0)
        histogram = tuple(sorted(months.items()))
        articles = total
        if search_query.collapse and total:
            total = stories
        per_page = search_query.per_page
        pages = max(1, math.ceil(total / per_page)) if per_page else 1
        page = min(max(1, search_query.page), pages)
        hits = ()
        if total and per_page:
            ranking = relaxed.base if relaxed is not None else base
            hits = self._hits(searcher, plan, named, _all([ranking, *constraints.values()]), search_query, page,
                              has_text=text is not None)
            if relaxed is not None:
                hits = relaxed.with_missing(searcher, self, hits)
        suggestion = self._suggest(searcher, plan, dates, strict_total) if strict_total < FEW else ""
        return SearchPage(
            hits=hits, total=total, page=page, pages=pages, facets=facets, facet_totals=facet_totals,
            histogram=histogram, suggestion=suggestion, searched=plan.searched,
            relaxed=relaxed is not None, strict_total=strict_total,
            min_match=relaxed.min_match if relaxed else 0, words=tuple(w.text for w in plan.words),
            marked=plan.marked(named), articles=articles, undated=undated,
        )

    # -- queries ---------------------------------------------------------

    def _query(self, searcher, node):
        """The tantivy query for a Term/Bool/Mentions tree."""
        if isinstance(node, Mentions):
            return Query.term_query(SCHEMA, node.facet, node.value, index_option="basic")
        if isinstance(node, Bool):
            if node.op == "not":
                return Query.boolean_query([(Occur.Must, Query.all_query()),
                                            (Occur.MustNot, self._query(searcher, node.parts[0]))])
            if node.op == "or":
                return Query.boolean_query([(Occur.Should, self._query(searcher, p)) for p in node.parts])
            clauses = []
            for part in node.parts:
                if isinstance(part, Bool) and part.op == "not":
                    clauses.append((Occur.MustNot, self._query(searcher, part.parts[0])))
                else:
                    clauses.append((Occur.Must, self._query(searcher, part)))
            if all(occur == Occur.MustNot for occur, _ in clauses):
                clauses.append((Occur.Must, Query.all_query()))
            return Query.boolean_query(clauses)
        return self._term(searcher, node)

    def _term(self, searcher, term: Term):
        """One word or phrase in the fields it is looked for in: any of them, the title's matches counting double."""
        if term.field == "title":
            fields = ["title"]
        elif term.field:
            fields = [f"{term.field}_name"]
        else:
            fields = [*_PROSE_FIELDS, *_NAME_FIELDS]
        if term.prefix or term.fuzzy:
            # As written: in the names, and in the text's unstemmed words (the title's stems for title:).
            fields = ["title"] if term.field == "title" else ["words", *_NAME_FIELDS] if not term.field else fields
            if term.prefix:
                prefix = "".join(_NAMES.analyze(term.text))
                return _any([Query.regex_query(SCHEMA, field, f"{prefix}.*") for field in fields] if prefix else [])
            words = self._expanded(searcher, term)
            return _any([_any([_words_query(field, [w]) for w in words]) if field == "title" else _one_of(field, words)
                         for field in fields])
        parts = []
        for field in fields:
            query = _words_query(field, term.text.split())
            if query is not None:
                parts.append(Query.boost_query(query, _TITLE_BOOST) if field == "title" else query)
        if "body" in fields and not term.phrase and _PROSE.analyze(term.text):
            # The word as written scores a little more than its other forms (unstemmed, in the text).
            parts.append(Query.boost_query(Query.term_query(SCHEMA, "words", "".join(_NAMES.analyze(term.text))),
                                           _EXACT_BOOST))
        return _any(parts)

    def _expanded(self, searcher, term: Term) -> list[str]:
        """The indexed words a fuzzy term stands for (itself and those near it, closest first)."""
        folded = "".join(_NAMES.analyze(term.text))
        if not term.fuzzy or not folded:
            return [folded] if folded else []
        near = self._near(searcher, folded, max_edits(folded))
        return [folded, *[w for w in sorted(near, key=lambda w: (near[w][0], -near[w][1], w)) if w != folded]
                [:_FUZZY_LIMIT]]

    def _near(self, searcher, word: str, edits: int) -> dict[str, tuple[int, int]]:
        """Indexed words within `edits` of a folded word, with its first letter: (distance, documents) each.

        The first letter bounds the lookup, as Whoosh's and PostgreSQL's do; few misspellings change it.
        """
        found: dict[str, tuple[int, int]] = {}
        for field in ("words", *_NAME_FIELDS):
            vocabulary = self._cached(("letter", field, word[0]),
                                      lambda f=field: tuple(zip(*searcher.terms_with_prefix(f, word[0]))) or ((), ()))
            for candidate, distance, at in process.extract_iter(word, vocabulary[0], scorer=OSA.distance,
                                                                score_cutoff=edits):
                frequency = vocabulary[1][at]
                if candidate not in found or found[candidate] > (distance, -frequency):
                    found[candidate] = (distance, frequency)
        return found

    def _dates(self, search_query: SearchQuery) -> list:
        """What the date range and SearchQuery.undated allow, as queries every match needs."""
        parts = []
        if search_query.date_from or search_query.date_to:
            low = search_query.date_from.toordinal() if search_query.date_from else None
            high = search_query.date_to.toordinal() if search_query.date_to else None
            parts.append(Query.range_query(SCHEMA, "day", FieldType.Integer, low, high))
        if search_query.undated == "only":
            parts.append(_without(Query.exists_query("day")))
        elif search_query.undated == "exclude":
            parts.append(Query.exists_query("day"))
        return parts

    def _having(self, field: str, values: Iterable[str], *, every: bool = False):
        """The documents with any of the values (all of them, with `every`); NO_SOURCE is the documents without one."""
        values = list(values)
        parts = [_without(Query.exists_query("source")) if field == "source" and v == NO_SOURCE
                 else Query.term_query(SCHEMA, field, v, index_option="basic") for v in values]
        if every:
            return _all(parts)
        return _any(parts)

    def _constraints(self, search_query: SearchQuery) -> dict:
        """Per facet with picked or excluded values, the query of the documents it allows."""
        constraints = {}
        for name in FACETS:
            picked, excluded = search_query.filters.get(name, ()), search_query.exclude.get(name, ())
            if picked or excluded:
                parts = [self._having(name, picked, every=name in search_query.all_of)] if picked else []
                if excluded:
                    parts.append(_without(self._having(name, excluded)))
                constraints[name] = _all(parts)
        return constraints

    def _id_query(self, ids: list[int]):
        return Query.term_set_query(SCHEMA, "id", ids)

    def _ids(self, searcher, addresses: list) -> list[int]:
        return searcher.fast_field_values("id", addresses) if addresses else []

    # -- counting --------------------------------------------------------

    def _counts(self, searcher, base, matching, constraints: dict, search_query: SearchQuery, stories_of: int,
                *, has_text: bool):
        """Every facet's values and counts, the months', and the stories among `stories_of` matches (or 0).

        A facet without picked or excluded values counts the matches; one with
        them counts what the other facets' filters allow (SearchQuery says which
        of its own it keeps). The aggregations run at once, in threads: tantivy
        lets go of Python's lock while it counts, so a page waits for the slowest
        rather than for all of them (at 1,000,000 articles, browsing everything:
        230 ms one after another, 105 ms on two cores). Without words each field
        is an aggregation of its own; with words, whose matches each aggregation
        finds again, the fields go in one aggregation per thread.
        """
        plain = [name for name in (*FACETS, "month") if name not in constraints]
        groups = _shares(plain) if has_text else [[name] for name in plain]
        jobs = {("terms", *group): lambda group=group: self._terms(searcher, matching, group) for group in groups}
        for name in constraints:
            picked, excluded = search_query.filters.get(name, ()), search_query.exclude.get(name, ())
            others = _all([base, *(allowed for facet, allowed in constraints.items() if facet != name)])
            own = _all([others, self._having(name, picked, every=True)]) if picked and name in search_query.all_of else others
            docs = _all([own, _without(self._having(name, excluded))]) if excluded else own
            jobs[("terms", name)] = lambda name=name, docs=docs: self._terms(searcher, docs, [name])
            for value in excluded:  # what leaving each out leaves out
                jobs[("left out", name, value)] = lambda name=name, own=own, value=value: _count(
                    searcher, _all([own, self._having(name, (value,))]))
        if stories_of:
            jobs[("stories",)] = lambda: self._stories(searcher, matching, stories_of)
        done = at_once(jobs)
        counted = {field: result for key, results in done.items() if key[0] == "terms"
                   for field, result in results.items()}
        facets, totals = {}, {}
        for name in FACETS:
            left_out = search_query.exclude.get(name, ()) if name in constraints else ()
            excluded = {value: done[("left out", name, value)] for value in left_out}
            counts, total = counted[name]
            values, ranked = facet_values(name, counts, search_query.filters.get(name, ()), search_query.facet_limit,
                                          excluded=excluded, contains=search_query.facet_search.get(name, ""),
                                          labels=self._labels)
            facets[name] = values
            # Beyond tantivy's bucket limit the values are the top ones and the total an estimate.
            totals[name] = ranked if total is None or search_query.facet_search.get(name, "").strip() else total
        return facets, totals, counted["month"][0], done.get(("stories",), 0)

    def _terms(self, searcher, query, fields: list[str]) -> dict[str, tuple[Counter, int | None]]:
        """Per field, each value's documents among the query's ("" or NO_SOURCE for none), and None,
        or, past tantivy's bucket limit, the top values' and an estimate of how many values there are."""
        def spec(field, size):
            terms = {"field": field, "size": size}
            if field in ("source", "month"):
                terms["missing"] = NO_SOURCE if field == "source" else ""
            return {"terms": terms}
        estimates = {}
        try:
            aggregated = searcher.aggregate(query, {f: spec(f, _BUCKETS) for f in fields})
        except ValueError as exc:
            if "bucket limit" not in str(exc):
                raise
            aggregated = searcher.aggregate(query, {f: spec(f, 1000) for f in fields})
            estimates = {f: int(searcher.cardinality(query, f)) for f in fields}
        return {field: (Counter({b["key"]: b["doc_count"] for b in aggregated[field]["buckets"]}), estimates.get(field))
                for field in fields}

    def _stories(self, searcher, matching, articles: int) -> int:
        """How many stories the matches belong to: the articles, less the other copies of stories with several."""
        try:
            aggregated = searcher.aggregate(matching, {"story": {"terms": {"field": "copies", "size": _BUCKETS,
                                                                             "min_doc_count": 2}}})
        except ValueError as exc:
            if "bucket limit" not in str(exc):
                raise
            # More stories with several copies among the matches than tantivy counts exactly: its estimate.
            copies = _count(searcher, _all([matching, Query.exists_query("copies")]))
            return min(articles, articles - copies + int(searcher.cardinality(matching, "copies")))
        return articles - sum(b["doc_count"] - 1 for b in aggregated["story"]["buckets"])

    # -- ranking ---------------------------------------------------------

    def _hits(self, searcher, plan, named, matching, search_query: SearchQuery, page: int, *,
              has_text: bool) -> tuple[Hit, ...]:
        """One page of hits: by relevance or date; proximity reorders the best.

        Articles that mention an entity the query names score higher, and each
        hit says how it matched (names.explain).
        """
        sort = search_query.sort if has_text or search_query.sort != "relevance" else "newest"
        ranking = matching
        if named and sort == "relevance":
            boost = _any([Query.term_query(SCHEMA, n.facet, n.value, index_option="basic") for n in named])
            ranking = Query.boolean_query([(Occur.Must, matching), (Occur.Should, boost)])
        per_page = search_query.per_page
        start = (page - 1) * per_page
        end = start + per_page
        window = sort == "relevance" and end <= WINDOW and plan.has_sequence

        def top(limit: int, offset: int = 0) -> list:
            if sort == "relevance":
                return searcher.search(ranking, limit, count=False, offset=offset).hits
            field, order = {"newest": ("newest", Order.Desc), "oldest": ("oldest", Order.Asc),
                            "added": ("id", Order.Desc)}[sort]
            return searcher.search(ranking, limit, count=False, order_by_field=field, order=order, offset=offset).hits

        if search_query.collapse:
            ranked = self._one_per_story(searcher, top, WINDOW if window else end)
            ranked = ranked if window else ranked[start:end]
        else:
            ranked = top(WINDOW) if window else top(per_page, start)
        documents = [(searcher.doc(address).to_dict(), score) for score, address in ranked]
        if window:
            documents = rerank_together(plan, documents, lambda item: f"{_first(item[0], 'title')}\n{_first(item[0], 'body')}")
            documents = documents[start:end]
        words = query_words(plan.strict)
        prefixes = tuple(t.text for t in plan.expanding if t.prefix)
        hits = []
        for fields, score in documents:
            hit = _hit(fields, words, prefixes, score if sort == "relevance" else 0.0)
            text = f"{hit.title}\n{_first(fields, 'body')}"
            hits.append(replace(hit, matched=explain(hit, text, plan, named)))
        return tuple(hits)

    def _one_per_story(self, searcher, top, wanted: int) -> list:
        """The first `wanted` matches of `top` with one per story, fetching more while copies fill the list."""
        limit = wanted * 2
        while True:
            ranked = top(limit)
            stories = searcher.fast_field_values("copies", [address for _, address in ranked]) if ranked else []
            seen, kept = set(), []
            for item, story in zip(ranked, stories):
                if story is not None:  # None: a story of one
                    if story in seen:
                        continue
                    seen.add(story)
                kept.append(item)
                if len(kept) == wanted:
                    return kept
            if len(ranked) < limit:
                return kept  # every match has been seen
            limit *= 4

    def _relax(self, searcher, plan, dates: list) -> _Relaxed | None:
        """The articles with enough of the words (and all that is required), or None when none has any.

        A quarter of the words, or as many as the best article has (plan.min_match):
        the boolean query's minimum of its optional clauses, lowered while nothing has that many.
        """
        words = [self._query(searcher, plan.clause(w)) for w in plan.words]
        required = [self._query(searcher, clause) for clause in plan.required] + dates
        at_least = plan.min_match(len(words))
        while at_least >= 1:
            some = Query.boolean_query([(Occur.Should, w) for w in words], minimum_number_should_match=at_least)
            base = _all([*required, some])
            if found := _count(searcher, base):
                return _Relaxed(base, words, tuple(plan.words), at_least, found)
            at_least -= 1
        return None

    def _suggest(self, searcher, plan, dates: list, found: int) -> str:
        """The query with its unknown words respelled, when that finds clearly more; else ''."""
        suggestion = respell(plan.searched, plan.respellable, _Vocabulary(self, searcher))
        if not suggestion:
            return ""
        respelled = plan_query(suggestion, _stop_words)
        respelled = respelled.with_names(self._named(respelled.sequence))
        if respelled.strict is None:
            return ""
        count = _count(searcher, _all([self._query(searcher, respelled.strict), *dates]))
        return suggestion if clearly_more(count, found) else ""


class _Vocabulary:
    """The index's words as written (folded), for spelling.respell()."""

    def __init__(self, backend: TantivyBackend, searcher):
        self.backend, self.searcher = backend, searcher

    def known(self, words: list[str]) -> set[str]:
        return {w for w in words if any(self.searcher.doc_freq(f, w) for f in ("words", *_NAME_FIELDS))}

    def near(self, word: str, edits: int) -> dict[str, int]:
        return {w: frequency for w, (_, frequency) in self.backend._near(self.searcher, word, edits).items()}


@dataclass(frozen=True)
class _Relaxed:
    base: object  # the query of the relaxed matches, before facet filters
    clauses: list  # per word, the query of the documents that have it
    words: tuple
    min_match: int
    count: int  # how many it finds

    def with_missing(self, searcher, backend: TantivyBackend, hits: tuple[Hit, ...]) -> tuple[Hit, ...]:
        """The hits, each with the words it lacks."""
        if not hits:
            return hits
        page = backend._id_query([hit.id for hit in hits])
        having = []
        for clause in self.clauses:
            found = searcher.search(_all([clause, page]), len(hits), count=False).hits
            having.append(set(backend._ids(searcher, [address for _, address in found])))
        return tuple(replace(hit, missing=tuple(w.text for w, ids in zip(self.words, having) if hit.id not in ids))
                     for hit in hits)


_HEAP = 64_000_000  # the writer's memory budget: more makes fewer, larger segments per commit


def _words_query(field: str, words: list[str]):
    """A word (or the words of a phrase, in order) as the field's analyzer indexes them; None if it keeps none."""
    analyzer = _PROSE if field in _PROSE_FIELDS else _NAMES
    tokens = [(position, token) for position, word in enumerate(words) for token in analyzer.analyze(word)]
    if not tokens:
        return None
    if len(tokens) == 1:
        return Query.term_query(SCHEMA, field, tokens[0][1])
    # Positions as typed: a dropped common word leaves its gap, as it does in the index.
    first = tokens[0][0]
    return Query.phrase_query(SCHEMA, field, [(position - first, token) for position, token in tokens])


def _one_of(field: str, words: list[str]):
    if not words:
        return None
    if len(words) == 1:
        return Query.term_query(SCHEMA, field, words[0])
    return Query.term_set_query(SCHEMA, field, words)


def _all(parts: list):
    parts = [p for p in parts if p is not None]
    if not parts:
        return Query.all_query()
    return parts[0] if len(parts) == 1 else Query.boolean_query([(Occur.Must, p) for p in parts])


def _any(parts: list):
    parts = [p for p in parts if p is not None]
    if not parts:
        return Query.empty_query()
    return parts[0] if len(parts) == 1 else Query.boolean_query([(Occur.Should, p) for p in parts])


def _without(query):
    return Query.boolean_query([(Occur.Must, Query.all_query()), (Occur.MustNot, query)])


def _count(searcher, query) -> int:
    return searcher.search(query, 1, count=True).count


def _shares(fields: list[str]) -> list[list[str]]:
    """The fields in one group per thread, of about equal work, for a query whose matches cost finding
    (each aggregation finds them again): a person, country or organization column holds several values
    a document, a month or outlet one."""
    groups: list[list[str]] = [[] for _ in range(min(THREADS, len(fields)))]
    work = [0] * len(groups)
    for field in sorted(fields, key=lambda f: f in ("source", "month")):
        least = work.index(min(work))
        groups[least].append(field)
        work[least] += 1 if field in ("source", "month") else 3
    return groups


def _stop_words(words: list[str]) -> set[str]:
    """The words the prose analyzer drops."""
    return {w for w in words if not _PROSE.analyze(w)}


def _document(article) -> Document:
    doc = describe(article)
    source, persons, countries, organizations = doc["source"], doc["persons"], doc["countries"], doc["organizations"]
    published = article.published
    labels = {"source": source, "person": [p[:2] for p in persons], "country": countries}
    version = int(version_of(doc), 16)
    document = Document()
    document.add_unsigned("id", article.pk)
    for part, value in zip(_VERSION_PARTS, (version >> 96, (version >> 32) & (2**64 - 1), version & (2**32 - 1))):
        document.add_unsigned(part, value)
    document.add_bytes("labels", json.dumps(labels).encode("utf-8"))
    document.add_text("title", doc["title"])
    document.add_text("body", doc["body"])
    document.add_text("words", f"{doc['title']}\n{doc['body']}")
    names = {
        "source_name": source[1] if source else "",
        "person_name": " ".join(" ".join([name, *aliases]) for _, name, aliases in persons),
        "country_name": " ".join(f"{name} {code}" for code, name in countries),
        "organization_name": " ".join(" ".join([name, *aliases]) for _, name, aliases in organizations),
    }
    for field, text in names.items():
        if text:
            document.add_text(field, text)
    if source:
        document.add_text("source", source[0])
    for field, values in (("person", persons), ("country", countries), ("organization", organizations)):
        for value in dict.fromkeys(v[0] for v in values):
            document.add_text(field, value)
    day = published.toordinal() if published else None
    if day is not None:
        document.add_text("month", published.strftime("%Y-%m"))
        document.add_integer("day", day)
    document.add_integer("story", doc["story"] or -article.pk)
    copies = getattr(article, "story_copies", None)  # articles_for_index counts them; unknown, the value is kept
    if doc["story"] and (copies is None or copies > 1):
        document.add_integer("copies", doc["story"])
    document.add_integer("newest", ((day or 0) << 32) | article.pk)
    document.add_integer("oldest", ((day or _UNDATED) << 32) | article.pk)
    return document


def _first(fields: dict, name: str, default=""):
    values = fields.get(name)
    return values[0] if values else default


def _hit(fields: dict, words: list[str], prefixes: tuple[str, ...], score: float) -> Hit:
    labels = json.loads(bytes(_first(fields, "labels", b"{}")))
    day = _first(fields, "day", None)
    story = _first(fields, "story", 0)
    return Hit(
        id=_first(fields, "id"),
        title=_first(fields, "title"),
        source=Entity(*labels["source"]) if labels.get("source") else None,
        published=datetime.date.fromordinal(day) if day else None,
        snippet=make_snippet(_first(fields, "body"), words, prefixes=prefixes),
        persons=tuple(Entity(*p) for p in labels.get("person", [])),
        countries=tuple(Entity(*c) for c in labels.get("country", [])),
        score=float(score or 0.0),
        story=story if story > 0 else None,
    )
