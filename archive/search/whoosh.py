"""The embedded search engine: Whoosh (whoosh-reloaded), the only module that imports it."""

from __future__ import annotations

import datetime
import functools
import json
import logging
import math
import pickle
import re
import threading
from collections import Counter, OrderedDict
from collections.abc import Iterable
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
from rapidfuzz.distance import OSA
from whoosh import highlight, index, qparser, query, sorting, writing
from whoosh.analysis import Filter, RegexTokenizer, StemFilter, StopFilter
from whoosh.fields import DATETIME, ID, KEYWORD, NUMERIC, STORED, TEXT, Schema
from whoosh.filedb import compound, structfile
from whoosh.filedb.filestore import FileStorage
from whoosh.lang.porter import stem as porter_stem
from whoosh.support.charset import accent_map

from .base import (FACETS, NO_SOURCE, Entity, Hit, SearchBackend, SearchError, SearchPage, SearchQuery, describe,
                   version_of)
from .labels import facet_values
from .mappedfile import MappedFile
from .names import explain, named_entities
from .plan import FEW, WINDOW, as_text, plan_query, rerank_together
from .querytext import Bool, Mentions, query_words
from .spelling import clearly_more, one_edit, respell
from .folder import STAMP_FILE, exclusive, open_stamped

logger = logging.getLogger(__name__)


class _MappedBufferFile(structfile.BufferFile):
    # Whoosh wraps each part of a mapped compound segment in BytesIO(view),
    # and BytesIO copies a memoryview: a searcher of 100,000 articles held
    # 540 MB of copied postings (900 MB for the 100,000-file import's index),
    # per process and per thread. Reading through the map costs nothing.
    def __init__(self, buf, name=None, onclose=None):
        super().__init__(b"", name=name, onclose=onclose)
        self._buf, self.file = buf, MappedFile(memoryview(buf))


compound.BufferFile = _MappedBufferFile

SCHEMA_VERSION = "8"


class _Fold(Filter):
    """LowercaseFilter and CharsetFilter(accent_map) in one pass, the latter only on words that need it.

    Every index pickles its schema with this class: renaming or moving it
    needs a new SCHEMA_VERSION.

    Each filter is a generator every token goes through, at indexing and again
    at highlighting; most words of news text are plain ASCII.
    """

    def __call__(self, tokens):
        for token in tokens:
            text = token.text.lower()
            token.text = text if text.isascii() else text.translate(accent_map)
            yield token


@functools.lru_cache(maxsize=50_000)
def _stem(word: str) -> str:
    """Porter's stem, cached. Every thread's searches share one analyzer, and StemFilter's own
    cache is not safe across threads: once full, one thread's eviction raised "dictionary
    changed size during iteration" (or KeyError) in another's search. Indexes pickle this
    function by name: renaming it needs a new SCHEMA_VERSION."""
    return porter_stem(word)


# Accents and case never matter: Arsène = Arsene, GYUMRI = Gyumri; folded before stemming.
# Names are not stemmed and keep short words: "country:AM" must not lose "am".
_NAMES = RegexTokenizer() | _Fold()
_PROSE = RegexTokenizer() | _Fold() | StopFilter() | StemFilter(stemfn=_stem, cachesize=None)
_LETTERS = re.compile(r"[^\W\d_]+")
SCHEMA = Schema(
    id=ID(stored=True, unique=True),
    version=STORED,
    labels=STORED,  # JSON: the display names of outlet, people and countries, for hits
    title=TEXT(analyzer=_PROSE, stored=True, field_boost=2.0),
    body=TEXT(analyzer=_PROSE, stored=True),
    # Facet fields hold stable keys, never analysed text: "radio-free-europe", not radio/free/europ.
    source=KEYWORD(commas=True, lowercase=False),
    person=KEYWORD(commas=True, lowercase=False),
    country=KEYWORD(commas=True, lowercase=False),
    organization=KEYWORD(commas=True, lowercase=False),
    month=ID(),
    # The story an article is a copy of ("a<id>" for one without): a collapsing search shows one hit of each.
    story=ID(stored=True),
    # What `source:`, `person:`, ... search: names and every known spelling.
    source_name=TEXT(analyzer=_NAMES),
    person_name=TEXT(analyzer=_NAMES),
    country_name=TEXT(analyzer=_NAMES),
    organization_name=TEXT(analyzer=_NAMES),
    published=DATETIME(stored=True, sortable=True),
    # Sort keys in days, one column per direction so that a sort reads one
    # column, with undated articles last either way.
    newest=NUMERIC(sortable=True, bits=32),
    oldest=NUMERIC(sortable=True, bits=32),
    added=NUMERIC(sortable=True, bits=64),  # the article id: ids grow as articles are added
)
_TEXT_FIELDS = ["title", "body", "person_name", "country_name", "organization_name", "source_name"]
_FIELD_ALIASES = {f"{name}_name": [name] for name in FACETS}
# One parser for every search (and thread): parse() keeps no state between calls.
_PARSER = qparser.MultifieldParser(_TEXT_FIELDS, SCHEMA, group=qparser.AndGroup)
_PARSER.add_plugin(qparser.FuzzyTermPlugin())
_PARSER.add_plugin(qparser.FieldAliasPlugin(_FIELD_ALIASES))
_PARSER.remove_plugin_class(qparser.BoostPlugin)
_COUNTED = (*FACETS, "month")
_SNIPPET_CHARS = 240
_OVERFETCH = 2  # a relaxed search ranks this many times the hits it needs, unfiltered


class WhooshBackend(SearchBackend):
    kept_masks = 32  # the masks of words kept per index generation (100 KB each at 100,000 articles)

    def __init__(self, path: str):
        self.path = Path(path)
        self._write_lock = threading.Lock()
        self._open_lock = threading.Lock()
        self._local = threading.local()
        self._segment_values: dict[tuple[str, str], list[tuple[str, ...]]] = {}
        # Per index generation, what every thread's searcher of it shares (_per_generation).
        self._generations: dict[object, dict] = {}
        self._generations_lock = threading.Lock()
        self._index = None

    # -- writing ---------------------------------------------------------

    def index(self, articles: Iterable) -> None:
        documents = [_document(a) for a in articles]
        if not documents:
            return
        with self._writer() as writer:
            for document in documents:
                writer.update_document(**document)

    def remove(self, article_ids: Iterable[int]) -> None:
        ids = [str(i) for i in article_ids]
        if not ids:
            return
        with self._writer() as writer:
            for article_id in ids:
                writer.delete_by_term("id", article_id)

    def clear(self) -> None:
        try:
            ix = self._open()
        except SearchError:  # an index of an older schema: start afresh
            ix = None
        with self._exclusive():
            stamp = self.path / STAMP_FILE
            if ix is not None:
                # Drop every segment in a new generation: re-creating the index
                # would restart the generation count that searchers compare.
                ix.writer().commit(mergetype=writing.CLEAR)
            else:
                self._index = index.create_in(self.path, SCHEMA)
                stamp.write_text(SCHEMA_VERSION)
            self._segment_values.clear()

    def _exclusive(self):
        return exclusive(self.path, self._write_lock)

    @contextmanager
    def _writer(self):
        self._open()  # creates the index, or refuses one of an older schema
        with self._exclusive():
            # Without mmap: a writer reads every segment (for unique ids, for
            # merges), and mapped, those pages would stay in this process's
            # memory for as long as the import runs (hundreds of MB at 10,000
            # articles, measured with bench/import_scale.py).
            writer = FileStorage(str(self.path), supports_mmap=False).open_index().writer()
            try:
                yield writer
            except BaseException:
                writer.cancel()
                raise
            writer.commit()

    def _open(self):
        if self._index is None:
            with self._open_lock:
                if self._index is None:
                    self._index = self._open_or_create()
        return self._index

    def _open_or_create(self):
        def create() -> bool:
            if index.exists_in(self.path):  # from before the stamp
                return False
            index.create_in(self.path, SCHEMA)
            return True

        def open_index():
            try:
                return index.open_dir(self.path)
            except (AttributeError, ImportError, pickle.UnpicklingError) as exc:
                # The index pickles its schema, analyzers included: one written by a
                # version whose analyzer classes are gone cannot be read back.
                raise SearchError("The search index is from an older version: run `manage.py rebuild_index`.") from exc

        return open_stamped(self.path, SCHEMA_VERSION, exclusive=self._exclusive, create=create, open_index=open_index)

    # -- reading ---------------------------------------------------------

    def _searcher(self):
        """A long-lived searcher per thread, replaced when the index has a new generation.

        Not Searcher.refresh(): after a commit that clears the index it keeps
        reusing the readers of dropped segments (seen with whoosh-reloaded 2.7.5).
        """
        ix = self._open()
        generation = ix.latest_generation()
        current = getattr(self._local, "searcher", None)
        if current is None or self._local.generation != generation:
            if current is not None:
                current.close()
            self._local.searcher = ix.searcher()
            self._local.generation = self._local.searcher.reader().generation()
            # Forget the postings of segments merged away since.
            live = {_segment_key(r) for r, _ in _leaves(self._local.searcher)}
            for key in [k for k in self._segment_values if k[0] not in live]:
                self._segment_values.pop(key, None)
        return self._local.searcher

    def versions(self) -> dict[int, str]:
        searcher = self._searcher()
        return {int(fields["id"]): fields["version"] for fields in searcher.all_stored_fields()}

    def similar(self, article_id: int, limit: int = 5) -> list[int]:
        searcher = self._searcher()
        docnum = searcher.document_number(id=str(article_id))
        if docnum is None:
            return []
        results = searcher.more_like(docnum, "body", top=limit, numterms=12)
        return [int(hit["id"]) for hit in results]

    def search(self, search_query: SearchQuery) -> SearchPage:
        try:
            searcher = self._searcher()
        except (OSError, index.IndexError) as exc:
            raise SearchError(f"The search index cannot be opened ({exc}): run `manage.py rebuild_index`.") from exc
        plan = plan_query(search_query.q, _stop_words)
        named = named_entities(list(plan.sequence)) if plan.sequence else []
        plan = plan.with_names(named)
        text_query = _with_dates(self._parse(plan.strict), search_query)
        dates = self._undated(searcher, search_query.undated)  # what SearchQuery.undated allows (True: all)
        counted = None
        if plan.can_relax and not search_query.match_all:
            # Counting each article's words gives the strict matches (all of them) and, if
            # those are few, the relaxed ones, from one read of each word's postings.
            counted = self._count_words(searcher, plan, search_query)
            if dates is not True:
                counted = (counted[0] * dates, counted[1])  # the articles left out have none of the words
            base = counted[0] == len(plan.words)
        else:
            base = self._matches(searcher, text_query) & dates
        constraints = self._constraints(searcher, search_query)
        matching = _narrowed(base, constraints.values())
        strict_total = total = int(matching.sum())
        relaxed = None
        if counted is not None and strict_total < FEW:
            relaxed = self._relax(plan, search_query, *counted)
            # Relaxed only when it finds more among what the filters allow (as PostgresBackend decides).
            if relaxed is not None and _narrowed(relaxed.base, constraints.values()).sum() <= strict_total:
                relaxed = None
            if relaxed is not None:
                base, text_query = relaxed.base, relaxed.query
                matching = _narrowed(base, constraints.values())
                total = int(matching.sum())
        facets, facet_totals = {}, {}
        for name in FACETS:
            facets[name], facet_totals[name] = self._facet(searcher, name, base, constraints, search_query)
        months = self._count(searcher, "month", matching)
        months.pop("", None)  # undated articles have no month
        histogram = tuple(sorted(months.items()))
        undated = int((matching & ~self._present(searcher, "month")).sum())
        articles = total
        if search_query.collapse and total:
            total = self._stories(searcher, matching)
        pages = max(1, math.ceil(total / search_query.per_page)) if search_query.per_page else 1
        page = min(max(1, search_query.page), pages)
        # The hits are fetched by the text query (dates included) and, when something else narrows it, among these.
        narrowed = matching if constraints or search_query.undated else None
        hits = self._hits(searcher, plan, named, text_query, matching, narrowed, search_query,
                          page, relaxed) if total and search_query.per_page else ()
        suggestion = self._suggest(searcher, plan, search_query, strict_total) if strict_total < FEW else ""
        return SearchPage(
            hits=hits, total=total, page=page, pages=pages, facets=facets, facet_totals=facet_totals,
            histogram=histogram, suggestion=suggestion, searched=plan.searched,
            relaxed=relaxed is not None, strict_total=strict_total,
            min_match=relaxed.min_match if relaxed else 0, words=tuple(w.text for w in plan.words),
            marked=plan.marked(named), articles=articles, undated=undated,
        )

    def _parse(self, node):
        """The Whoosh query for a Term/Bool/Mentions tree (everything for None)."""
        if node is None:
            return query.Every()
        if isinstance(node, Mentions):
            return query.Term(node.facet, node.value)
        if isinstance(node, Bool):
            parts = [self._parse(part) for part in node.parts]
            combined = query.Not(parts[0]) if node.op == "not" else query.And(parts) if node.op == "and" else query.Or(parts)
            return combined.normalize()  # flattened, as the parser's own queries are: Whoosh matches those faster
        parser = _PARSER
        try:
            return parser.parse(as_text(node))
        except Exception:  # any parser problem: search the words alone
            logger.exception("query not parsed: %s", as_text(node))
            words = " ".join(query_words(node))
            return parser.parse(words) if words else query.Every()

    def _count_words(self, searcher, plan, search_query: SearchQuery) -> tuple[np.ndarray, list[np.ndarray]]:
        """How many of the plan's words each article has (0 where it lacks what is required), and each word's mask."""
        masks = [self._mask(searcher, self._parse(plan.clause(word))) for word in plan.words]
        counts = np.sum(masks, axis=0, dtype=np.int16)
        condition = _with_dates(self._parse(_all([*plan.required])), search_query)
        if not isinstance(condition, query.Every):  # the word masks hold live documents only already
            counts *= self._docs(searcher, condition)
        return counts, masks

    def _relax(self, plan, search_query: SearchQuery, counts: np.ndarray, masks: list) -> _Relaxed | None:
        """Articles with enough of the words (and all that is required), or None when none has any.

        Each word's matches are a mask; summed, they count the words each
        article has, and the articles with at least `min_match` of them (and
        everything the query requires) are the relaxed matches.
        """
        required = [*plan.required]
        best = int(counts.max()) if len(counts) else 0
        if best == 0:
            return None
        min_match = plan.min_match(best)
        rank = self._parse(_all([*required, Bool("or", tuple(plan.clause(w) for w in plan.words))]))
        return _Relaxed(counts >= min_match, _with_dates(rank, search_query), masks, plan.words, min_match)

    def _hits(self, searcher, plan, named, text_query, matching, narrowed, search_query: SearchQuery, page: int,
              relaxed: _Relaxed | None = None) -> tuple[Hit, ...]:
        """One page of hits: by relevance or date; proximity reorders the best.

        Articles that mention an entity the query names score higher, and each
        hit says how it matched (names.explain).
        """
        boost = query.Or([query.Term(n.facet, n.value) for n in named]) if named else None
        if boost is not None:
            text_query = query.AndMaybe(text_query, boost)
            if relaxed is not None:
                relaxed = replace(relaxed, query=query.AndMaybe(relaxed.query, boost))
        start = (page - 1) * search_query.per_page
        end = start + search_query.per_page
        window = search_query.sort == "relevance" and end <= WINDOW and plan.has_sequence
        low, high = (0, WINDOW) if window else (start, end)
        if relaxed is None:
            # A filter only when facets narrowed the matches: given every match as
            # a filter, Whoosh can no longer skip blocks while scoring.
            allowed = set(np.flatnonzero(narrowed).tolist()) if narrowed is not None else None
        else:
            # Relaxed: any of the words ranks, among the articles with enough of them
            # (with one word enough and no facet picked, those are all it matches).
            text_query = relaxed.query
            everything = relaxed.min_match == 1 and narrowed is None
            allowed = None if everything else set(np.flatnonzero(matching).tolist())
        def top(limit: int) -> list:
            """The best `limit` matches in the query's order, as (results, index) pairs."""
            if allowed is not None and relaxed is not None and search_query.sort == "relevance":
                # The best-scored articles have the most words: rank without the filter, which
                # keeps Whoosh skipping blocks, and keep those with enough words, if enough do.
                results = self._results(searcher, text_query, None, "relevance", limit * _OVERFETCH, any_word=True)
                kept = [i for i in range(len(results.top_n)) if matching[results.docnum(i)]]
                if len(kept) >= limit or len(results.top_n) < limit * _OVERFETCH:
                    return [(results, i) for i in kept[:limit]]
            results = self._results(searcher, text_query, allowed, search_query.sort, limit,
                                    any_word=relaxed is not None)
            return [(results, i) for i in range(min(len(results.top_n), limit))]

        ranked = self._one_per_story(searcher, top, high) if search_query.collapse else top(high)
        ranked = ranked[low:high]
        if window:
            ranked = rerank_together(plan, ranked, lambda item: f"{item[0][item[1]]['title']}\n{item[0][item[1]]['body']}")
            ranked = ranked[start:end]
        hits = []
        for results, i in ranked:
            hit = _hit(results[i])
            text = f"{results[i]['title']}\n{results[i]['body']}"
            hits.append(replace(hit, matched=explain(hit, text, plan, named),
                                missing=relaxed.missing(results[i].docnum) if relaxed is not None else ()))
        return tuple(hits)

    def _docs(self, searcher, text_query) -> np.ndarray:
        """The documents a query matches, as a mask over the searcher's document numbers."""
        mask = np.zeros(searcher.doc_count_all(), dtype=bool)
        mask[np.fromiter(searcher.docs_for_query(text_query), dtype=np.int64)] = True
        return mask

    def _matches(self, searcher, text_query) -> np.ndarray:
        """The documents a query matches, the fastest way there is: every live one for no condition (kept per
        index generation: Whoosh would walk all documents in Python), a word's terms from their postings."""
        if isinstance(text_query, query.Every):
            return self._live(searcher)
        return self._mask(searcher, text_query)

    def _mask(self, searcher, text_query) -> np.ndarray:
        """The documents a query matches, as _docs gives them; a word's terms straight from their postings.

        A word is an Or of one term per field: reading each term's postings is
        three times faster than Whoosh's union matcher over them. The last
        masks read are kept for the index generation: the same search again, in
        any thread (the next page, a facet's filter box as someone types), reads
        no postings.
        """
        parts = text_query.subqueries if isinstance(text_query, query.Or) else [text_query]
        if not all(type(part) is query.Term for part in parts):
            return self._docs(searcher, text_query)
        kept = self._per_generation(searcher, "masks", OrderedDict)
        key = tuple((part.fieldname, part.text) for part in parts)
        with self._generations_lock:
            if key in kept:
                kept.move_to_end(key)
                return kept[key]
        mask = self._read_mask(searcher, parts)
        with self._generations_lock:
            kept[key] = mask
            while len(kept) > self.kept_masks:
                kept.popitem(last=False)
        return mask

    def _read_mask(self, searcher, parts) -> np.ndarray:
        mask = np.zeros(searcher.doc_count_all(), dtype=bool)
        for reader, offset in _leaves(searcher):
            for part in parts:
                if (part.fieldname, part.text) in reader:
                    # A segment reader's postings leave its deleted documents out.
                    ids = np.fromiter(reader.postings(part.fieldname, part.text).all_ids(), dtype=np.int64)
                    mask[offset + ids] = True
        return mask

    def _having(self, searcher, field: str, values: Iterable[str], *, every: bool = False) -> np.ndarray:
        """The documents with any of the values (all of them, with `every`); NO_SOURCE is the documents without one."""
        masks = []
        for value in values:
            if field == "source" and value == NO_SOURCE:
                masks.append(self._live(searcher) & ~self._present(searcher, "source"))
            else:
                masks.append(self._mask(searcher, query.Term(field, value)))
        if not masks:
            return self._live(searcher)
        return np.logical_and.reduce(masks) if every else np.logical_or.reduce(masks)

    def _constraints(self, searcher, search_query: SearchQuery) -> dict[str, np.ndarray]:
        """Per facet with picked or excluded values, the documents it allows."""
        constraints = {}
        for name in FACETS:
            picked, excluded = search_query.filters.get(name, ()), search_query.exclude.get(name, ())
            if picked or excluded:
                allowed = self._having(searcher, name, picked, every=name in search_query.all_of)
                if excluded:
                    allowed = allowed & ~self._having(searcher, name, excluded)
                constraints[name] = allowed
        return constraints

    def _facet(self, searcher, name: str, base: np.ndarray, constraints: dict, search_query: SearchQuery):
        """A facet's values and counts (SearchQuery says which of its own filters its counts keep)."""
        others = _narrowed(base, [allowed for facet, allowed in constraints.items() if facet != name])
        picked, excluded = search_query.filters.get(name, ()), search_query.exclude.get(name, ())
        own = others
        if picked and name in search_query.all_of:
            own = own & self._having(searcher, name, picked, every=True)
        docs = own & ~self._having(searcher, name, excluded) if excluded else own
        counts = self._count(searcher, name, docs)
        if name == "source":
            counts[NO_SOURCE] = int((docs & ~self._present(searcher, "source")).sum())
        left_out = {v: int((own & self._having(searcher, name, (v,))).sum()) for v in excluded}
        return facet_values(name, counts, picked, search_query.facet_limit, excluded=left_out,
                            contains=search_query.facet_search.get(name, ""))

    def _undated(self, searcher, undated: str):
        """The documents SearchQuery.undated allows (True: all of them)."""
        if not undated:
            return True
        dated = self._present(searcher, "month")
        return self._live(searcher) & (~dated if undated == "only" else dated)

    def _live(self, searcher) -> np.ndarray:
        """The searcher's documents that are not deleted (Whoosh would walk every one of them in Python)."""
        def build():
            mask = np.ones(searcher.doc_count_all(), dtype=bool)
            for reader, offset in _leaves(searcher):
                if reader.has_deletions():
                    deleted = [d for d in range(reader.doc_count_all()) if reader.is_deleted(d)]
                    mask[offset + np.array(deleted, dtype=np.int64)] = False
            return mask
        return self._per_generation(searcher, "live", build)

    def _present(self, searcher, field: str) -> np.ndarray:
        """The documents with a value in a facet field (an outlet, a month)."""
        def build():
            mask = np.zeros(searcher.doc_count_all(), dtype=bool)
            for reader, offset in _leaves(searcher):
                docs, value_ids, values = self._postings(reader, field)
                if len(docs):
                    empty = [i for i, v in enumerate(values) if not v]
                    mask[offset + (docs[~np.isin(value_ids, empty)] if empty else docs)] = True
            return mask
        return self._per_generation(searcher, f"present {field}", build)

    def _per_generation(self, searcher, key: str, build):
        """Something computed once per index generation for the whole process.

        Every thread's searcher of one generation reads the same segments in the
        same order, so document numbers, masks and all agree: the page served by
        one thread warms the filter box answered by another. The last two
        generations are kept (a search may start just before a commit).
        """
        generation = searcher.reader().generation()
        if generation is None:
            generation = ("searcher", id(searcher))
        with self._generations_lock:
            kept = self._generations.get(generation)
            if kept is None:
                kept = self._generations[generation] = {}
                for old in list(self._generations)[:-2]:
                    del self._generations[old]
            if key in kept:
                return kept[key]
        value = build()
        with self._generations_lock:
            return kept.setdefault(key, value)

    def _count(self, searcher, field: str, mask: np.ndarray) -> Counter:
        """Count a facet's values over the documents in `mask`.

        Whoosh's FieldFacet re-reads every posting of the field on every search.
        Segments never change once written, so each segment's postings of the
        field are kept as two arrays (document, value id) and counted with one
        bincount (see STYLE.md, rule 11).
        """
        counts: Counter = Counter()
        if not mask.any():
            return counts
        for reader, offset in _leaves(searcher):
            docs, value_ids, values = self._postings(reader, field)
            if not len(docs):
                continue
            hit = mask[offset:offset + reader.doc_count_all()][docs]
            tally = np.bincount(value_ids[hit], minlength=len(values))
            for value_id in np.flatnonzero(tally):
                counts[values[value_id]] += int(tally[value_id])
        return counts

    def _one_per_story(self, searcher, top, wanted: int) -> list:
        """The first `wanted` matches of `top` with one per story, fetching more while copies fill the list.

        Whoosh's own collapsing reads a key per matching document in Python (twice
        the time of an unsorted search, measured at 10,000 articles); the copies
        among the first hits are few, so fetching a little more and skipping them is cheaper.
        """
        story_of = self._story_numbers(searcher)
        limit = wanted * 2
        while True:
            ranked = top(limit)
            seen, kept = set(), []
            for item in ranked:
                story = int(story_of[item[0].docnum(item[1])])
                if story not in seen:
                    seen.add(story)
                    kept.append(item)
                    if len(kept) == wanted:
                        return kept
            if len(ranked) < limit:
                return kept  # every match has been seen
            limit *= 4

    def _story_numbers(self, searcher) -> np.ndarray:
        """Each document's story, by document number: story ids, and -id for an article without one."""
        def build():
            story_of = np.zeros(searcher.doc_count_all(), dtype=np.int64)
            for reader, offset in _leaves(searcher):
                docs, value_ids, _ = self._postings(reader, "story")
                if len(docs):
                    story_of[offset + docs] = self._story_values(reader)[value_ids]
            return story_of
        return self._per_generation(searcher, "story numbers", build)

    def _story_values(self, reader) -> np.ndarray:
        """The segment's `story` values as numbers: "12" is story 12, "a7" the article 7 that has none."""
        key = (_segment_key(reader), "story numbers")
        numbers = self._segment_values.get(key)
        if numbers is None:
            values = self._postings(reader, "story")[2]
            numbers = np.array([int(v) if v.isdigit() else -int(v[1:]) for v in values], dtype=np.int64)
            self._segment_values[key] = numbers
        return numbers

    def _stories(self, searcher, mask: np.ndarray) -> int:
        """How many stories the documents in `mask` belong to."""
        return int(np.unique(self._story_numbers(searcher)[mask]).size)

    def _postings(self, reader, field: str) -> tuple[np.ndarray, np.ndarray, list[str]]:
        key = (_segment_key(reader), field)
        cached = self._segment_values.get(key)
        if cached is None:
            docs: list[int] = []
            value_ids: list[int] = []
            values: list[str] = []
            if field in reader.indexed_field_names():
                for term in reader.lexicon(field):
                    ids = reader.postings(field, term).all_ids()
                    before = len(docs)
                    docs.extend(ids)
                    value_ids.extend([len(values)] * (len(docs) - before))
                    values.append(term.decode("utf-8"))
            cached = (np.array(docs, dtype=np.int64), np.array(value_ids, dtype=np.int64), values)
            self._segment_values[key] = cached
        return cached

    def _results(self, searcher, text_query, allowed, sort: str, limit: int, *, any_word: bool = False):
        if sort == "relevance" and isinstance(text_query, query.Every):
            sort = "newest"
        sortedby = None
        if sort == "newest":
            sortedby = sorting.FieldFacet("newest", reverse=True)
        elif sort == "oldest":
            sortedby = sorting.FieldFacet("oldest")
        elif sort == "added":
            sortedby = sorting.FieldFacet("added", reverse=True)
        # terms=True makes Whoosh match each word's fields with a union tree, which intersects
        # faster when every word is required; for any of the words (relaxed) its preloaded
        # arrays are faster (measured with bench/search_latency.py: 1.2x either way).
        results = searcher.search(text_query, limit=limit, filter=allowed, sortedby=sortedby, terms=not any_word)
        results.fragmenter = highlight.ContextFragmenter(maxchars=_SNIPPET_CHARS, surround=70)
        formatter = highlight.HtmlFormatter(tagname="mark", between=" … ")
        formatter.template = "<%(tag)s>%(t)s</%(tag)s>"  # escaped text in a bare <mark>
        results.formatter = formatter
        return results

    def _suggest(self, searcher, plan, search_query: SearchQuery, found: int) -> str:
        """The query with its unknown words respelled, when that finds clearly more; else ''."""
        suggestion = respell(plan.searched, plan.respellable, _Vocabulary(searcher))
        if not suggestion:
            return ""
        respelled = plan_query(suggestion, _stop_words)
        respelled = respelled.with_names(named_entities(list(respelled.sequence)))
        respelled = _with_dates(self._parse(respelled.strict), search_query)
        return suggestion if clearly_more(int(self._docs(searcher, respelled).sum()), found) else ""


class _Vocabulary:
    """The index's words, for spelling.respell(): names as written, prose as stems.

    A word is known when a search would match it: its stem in title or body, or
    the word in a name. Near words come from the names as they are, and from
    the body's stems, each written as the nearest word of an article that has it.
    Whoosh keeps no unstemmed copy of the prose: one cost 70 % more indexing.
    """

    _NAME_FIELDS = [f"{name}_name" for name in FACETS]

    def __init__(self, searcher):
        self.searcher = searcher
        self.reader = searcher.reader()

    def known(self, words: list[str]) -> set[str]:
        return {w for w in words if any(self.reader.doc_frequency(f, w) for f in self._NAME_FIELDS)
                or any(self.reader.doc_frequency(f, stem) for stem in _stems(w) for f in ("title", "body"))}

    def near(self, word: str, edits: int) -> dict[str, int]:
        # Sharing the first letter, as PostgreSQL's lookup does: few misspellings change it.
        found: dict[str, int] = {}
        for field in self._NAME_FIELDS:
            for name in self.reader.terms_within(field, word, edits, prefix=1):
                found[name] = max(found.get(name, 0), self.reader.doc_frequency(field, name))
        # One edit away: each such string whose stem the prose holds is a word as written.
        for candidate in one_edit(word):
            frequency = self._frequency(candidate)
            if frequency:
                found[candidate] = max(found.get(candidate, 0), frequency)
        if edits > 1:
            # Further: the prose's stems near the word's stem, written as their nearest word in an article.
            stems = {s for stem in _stems(word) for s in self.reader.terms_within("body", stem, edits, prefix=1)}
            ranked = sorted(stems, key=lambda s: (OSA.distance(s, word[:len(s)]), -self.reader.doc_frequency("body", s)))
            for stem in ranked[:_SURFACES]:
                written = self._written(stem, word)
                if written and written not in found:
                    found[written] = self.reader.doc_frequency("body", stem)
        return found

    def _frequency(self, word: str) -> int:
        return max((self.reader.doc_frequency(f, s) for s in _stems(word) for f in ("title", "body")), default=0)

    def _written(self, stem: str, near: str) -> str:
        """The word with this stem in a few articles that is nearest to `near` (folded, lower case)."""
        words = set()
        for docnum, _ in zip(self.searcher.docs_for_query(query.Term("body", stem)), range(3)):
            body = self.searcher.stored_fields(docnum).get("body", "")
            words.update(w.translate(accent_map) for w in _LETTERS.findall(body.lower()) if stem in _stems(w))
        return min(words, key=lambda w: (OSA.distance(near, w), w), default="")


_SURFACES = 6  # body stems near an unknown word that are written out as words


def _stems(word: str) -> list[str]:
    return [token.text for token in _PROSE(word)]


@dataclass(frozen=True)
class _Relaxed:
    base: np.ndarray  # the relaxed matches, before facet filters
    query: object  # the Whoosh query that ranks them
    masks: list  # per word, the documents that have it
    words: tuple
    min_match: int

    def missing(self, docnum: int) -> tuple[str, ...]:
        return tuple(w.text for w, mask in zip(self.words, self.masks) if not mask[docnum])


def _narrowed(mask: np.ndarray, others) -> np.ndarray:
    for other in others:
        mask = mask & other
    return mask


def _all(parts: list):
    return None if not parts else parts[0] if len(parts) == 1 else Bool("and", tuple(parts))


def _stop_words(words: list[str]) -> set[str]:
    """The words the prose analyzer drops."""
    return {w for w in words if not any(True for _ in _PROSE(w))}


def _document(article) -> dict:
    doc = describe(article)
    source, persons, countries, organizations = doc["source"], doc["persons"], doc["countries"], doc["organizations"]
    published = article.published
    labels = {"source": source, "person": [p[:2] for p in persons], "country": countries}
    return {
        "id": str(article.pk),
        "version": version_of(doc),
        "labels": json.dumps(labels),
        "title": doc["title"],
        "body": doc["body"],
        "source": source[0] if source else "",
        "person": ",".join(p[0] for p in persons),
        "country": ",".join(c[0] for c in countries),
        "organization": ",".join(o[0] for o in organizations),
        "month": published.strftime("%Y-%m") if published else "",
        "story": str(doc["story"]) if doc["story"] else f"a{article.pk}",
        "source_name": source[1] if source else "",
        "person_name": " ".join(" ".join([name, *aliases]) for _, name, aliases in persons),
        "country_name": " ".join(f"{name} {code}" for code, name in countries),
        "organization_name": " ".join(" ".join([name, *aliases]) for _, name, aliases in organizations),
        "published": datetime.datetime.combine(published, datetime.time()) if published else None,
        "newest": _days(published) if published else 0,
        "oldest": _days(published) if published else _UNDATED,
        "added": article.pk,
    }


_UNDATED = 2**31 - 1


def _days(day) -> int:
    return (datetime.date.fromisoformat(str(day)) - datetime.date(1, 1, 1)).days + 1


def _hit(hit) -> Hit:
    labels = json.loads(hit["labels"])
    snippet = hit.highlights("body", top=2) or hit.highlights("title") or _opening(hit["body"])
    published = hit.get("published")
    return Hit(
        id=int(hit["id"]),
        title=hit["title"],
        source=Entity(*labels["source"]) if labels["source"] else None,
        published=published.date() if published else None,
        snippet=snippet,
        persons=tuple(Entity(*p) for p in labels["person"]),
        countries=tuple(Entity(*c) for c in labels["country"]),
        score=hit.score or 0.0,
        story=int(hit["story"]) if hit.get("story", "").isdigit() else None,
    )


def _opening(text: str) -> str:
    from django.utils.html import escape

    cut = text[:_SNIPPET_CHARS].rsplit(" ", 1)[0] if len(text) > _SNIPPET_CHARS else text
    return escape(cut) + (" …" if len(text) > _SNIPPET_CHARS else "")


def _with_dates(text_query, search_query: SearchQuery):
    if not (search_query.date_from or search_query.date_to):
        return text_query
    start = _as_datetime(search_query.date_from)
    end = _as_datetime(search_query.date_to, end=True)
    return query.And([text_query, query.DateRange("published", start, end)])


def _segment_key(reader):
    """Segments never change once written: their id keys what is cached about them."""
    segment = reader.segment() if hasattr(reader, "segment") else None
    return segment.segment_id() if segment is not None else id(reader)


def _leaves(searcher):
    reader = searcher.reader()
    if reader.is_atomic():
        return [(reader, 0)]
    return reader.leaf_readers()


def _as_datetime(day: datetime.date | None, end: bool = False) -> datetime.datetime | None:
    if day is None:
        return None
    return datetime.datetime.combine(day, datetime.time.max if end else datetime.time.min)
