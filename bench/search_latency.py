"""Search latency of our backend against the raw engine underneath, same queries, same documents.

Runs on the database and index that bench/corpus.py built (same environment
variables). With the Whoosh backend it compares against raw Whoosh, used the
way django-haystack uses it (FieldFacet(allow_overlap=True) facets, a
search_page with highlights); with the PostgreSQL backend against raw SQL
(websearch_to_tsquery, ts_rank, ts_headline, one GROUP BY per facet). Systems
run interleaved, run after run, so that the ratios come from one run.

    ARCHIVE_DATA_DIR=/tmp/bench-10k .venv/bin/python bench/search_latency.py [--runs 100]
    DATABASE_URL=postgres://archive@127.0.0.1:55432/bench10k .venv/bin/python bench/search_latency.py
"""

from __future__ import annotations

import argparse
import cProfile
import math
import pstats
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import describe_setup, machine, peak_rss_mb, setup_django  # noqa: E402

FACETS = ("source", "person", "country", "organization")
TEXT_FIELDS = ["title", "body", "person_name", "country_name", "organization_name", "source_name"]
FACET_LIMIT = 10
PAGE = 10


def queries() -> list[tuple[str, dict]]:
    """The fixed set; facet filters pick the most frequent outlet, country and person of the corpus."""
    from django.db.models import Count

    from archive.models import Country, Outlet, Person

    outlet = Outlet.objects.annotate(n=Count("articles")).order_by("-n", "slug").first().slug
    country = Country.objects.annotate(n=Count("mentions")).order_by("-n", "code").first().code
    person = Person.objects.annotate(n=Count("mentions")).order_by("-n", "slug").first().slug
    return [
        ("common word", {"q": "government"}),
        ("two words", {"q": "oil prices"}),
        ("phrase", {"q": '"prime minister"'}),
        ("rare word", {"q": "archbishop"}),
        ("word + 1 facet", {"q": "government", "filters": {"country": (country,)}}),
        ("word + 3 facets", {"q": "government", "filters": {"source": (outlet,), "country": (country,),
                                                             "person": (person,)}}),
        ("common word, newest", {"q": "government", "sort": "newest"}),
        ("everything, newest", {"q": "", "sort": "newest"}),
        # A headline typed as is: few articles have every word, so ours relaxes to those with most
        # of them (the raw engines find the few); before, a user had to join the words with OR.
        ("headline, OR", {"q": " OR ".join(HEADLINE.lower().split())}),
        (RELAXED, {"q": HEADLINE}),
    ]


HEADLINE = "Archbishop warns of oil price crisis"
RELAXED = "headline, relaxed"


# -- what each system answers, in one shape: (total, {facet: (top values, distinct)}, histogram) --------


def top(counts: dict) -> tuple[tuple[tuple[str, int], ...], int]:
    counts = {k: v for k, v in counts.items() if k}
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return tuple(ranked[:FACET_LIMIT]), len(ranked)


class Ours:
    name = "ours"

    def __init__(self):
        from archive.search import get_backend

        self.backend = get_backend()
        # Each run reads its words' postings, as the raw engine does: the masks the Whoosh
        # backend keeps of its last searches would make a repeated query look cheaper than a new one.
        if hasattr(self.backend, "kept_masks"):
            self.backend.kept_masks = 0

    def run(self, spec: dict):
        from archive.search.base import SearchQuery

        page = self.backend.search(SearchQuery(per_page=PAGE, facet_limit=FACET_LIMIT, **spec))
        facets = {}
        for name in FACETS:
            # Ours keeps a picked value visible even below the top 10; compare the top 10 only.
            facets[name] = (tuple((v.value, v.count) for v in page.facets[name][:FACET_LIMIT]
                                  if v.count)[:FACET_LIMIT], page.facet_totals[name])
        return page.total, facets, tuple(page.histogram), [h.snippet for h in page.hits]


class OursCollapsed(Ours):
    """Ours with copies of one story collapsed into one hit, as the search page and the API ask by default."""

    name = "ours, collapsed"

    def run(self, spec: dict):
        return super().run({**spec, "collapse": True})


class RawWhoosh:
    """Whoosh as its users drive it: one long-lived searcher, a query parser, search_page."""

    def __init__(self, path: Path, facets: bool):
        from whoosh import index
        from whoosh.filedb import compound, structfile

        self.name = "raw whoosh + facets" if facets else "raw whoosh top-10"
        self.facets = facets
        # Whoosh's own file for mapped segments (it copies them into memory), not
        # the one our backend puts in its place once it is imported.
        ours, compound.BufferFile = compound.BufferFile, structfile.BufferFile
        try:
            self.ix = index.open_dir(str(path))
            self.searcher = self.ix.searcher()
        finally:
            compound.BufferFile = ours

    def run(self, spec: dict):
        from whoosh import highlight, qparser, query, sorting

        text = spec.get("q", "")
        q = query.Every() if not text else qparser.MultifieldParser(
            TEXT_FIELDS, self.ix.schema, group=qparser.AndGroup).parse(text)
        filters = spec.get("filters", {})

        def filter_for(but: str = ""):
            parts = [query.Or([query.Term(f, v) for v in values]) for f, values in filters.items() if f != but]
            return query.And(parts) if parts else None

        sortedby = sorting.FieldFacet("published", reverse=True) if spec.get("sort") == "newest" else None
        groupedby = None
        if self.facets:
            groupedby = {name: sorting.FieldFacet(name, allow_overlap=True, maptype=sorting.Count)
                         for name in (*FACETS, "month")}
        page = self.searcher.search_page(q, 1, pagelen=PAGE, filter=filter_for(), sortedby=sortedby,
                                         groupedby=groupedby, terms=True)
        page.results.formatter = highlight.HtmlFormatter(tagname="mark", between=" … ")
        snippets = [hit.highlights("body", top=2) for hit in page]
        if not self.facets:
            return page.total, None, None, snippets
        facets = {}
        for name in FACETS:
            if name in filters:  # disjunctive: this facet counted without its own filter
                other = self.searcher.search(q, limit=1, filter=filter_for(but=name),
                                             groupedby={name: sorting.FieldFacet(name, allow_overlap=True,
                                                                                 maptype=sorting.Count)})
                facets[name] = top(other.groups(name))
            else:
                facets[name] = top(page.results.groups(name))
        histogram = tuple(sorted((k, v) for k, v in page.results.groups("month").items() if k))
        return page.total, facets, histogram, snippets


class RawTantivy:
    """tantivy as its users drive it: the index's query parser, top-N by BM25, SnippetGenerator, and one
    terms aggregation of the facets and months (plus one per filtered facet, for disjunctive counts)."""

    def __init__(self, path: Path, facets: bool):
        import tantivy

        from archive.search.tantivy import ANALYZERS, SCHEMA

        self.name = "raw tantivy + facets" if facets else "raw tantivy top-10"
        self.facets = facets
        self.tantivy = tantivy
        self.schema = SCHEMA
        self.ix = tantivy.Index(SCHEMA, path=str(path), reuse=True)
        for name, analyzer in ANALYZERS.items():
            self.ix.register_tokenizer(name, analyzer)

    def run(self, spec: dict):
        from tantivy import Occur, Order, Query, SnippetGenerator

        searcher = self.ix.searcher()
        text = spec.get("q", "")
        q = Query.all_query() if not text else self.ix.parse_query(
            text, TEXT_FIELDS, field_boosts={"title": 2.0}, conjunction_by_default=True)
        filters = spec.get("filters", {})

        def filtered(but: str = ""):
            parts = [(Occur.Must, q)] + [(Occur.Must, Query.term_set_query(self.schema, f, list(values)))
                                         for f, values in filters.items() if f != but]
            return Query.boolean_query(parts) if len(parts) > 1 else q

        query = filtered()
        if spec.get("sort") == "newest" or not text:
            result = searcher.search(query, PAGE, count=True, order_by_field="newest", order=Order.Desc)
        else:
            result = searcher.search(query, PAGE, count=True)
        generator = SnippetGenerator.create(searcher, query, self.schema, "body") if text else None
        snippets = []
        for _, address in result.hits:
            doc = searcher.doc(address)
            snippets.append(generator.snippet_from_doc(doc).to_html() if generator else doc["body"][0][:240])
        if not self.facets:
            return result.count, None, None, snippets
        terms = {name: {"terms": {"field": name, "size": 65000}} for name in (*FACETS, "month")}
        counted = searcher.aggregate(query, terms)
        facets = {}
        for name in FACETS:
            buckets = counted[name]["buckets"]
            if name in filters:  # disjunctive: this facet counted without its own filter
                buckets = searcher.aggregate(filtered(but=name), {name: terms[name]})[name]["buckets"]
            facets[name] = top({b["key"]: b["doc_count"] for b in buckets})
        histogram = tuple(sorted((b["key"], b["doc_count"]) for b in counted["month"]["buckets"] if b["key"]))
        return result.count, facets, histogram, snippets


# Prose is stemmed ('english') and names are not ('simple') in the same vector, so
# the query is searched both ways, as the backend does; otherwise aliases found
# only through the names would count as a difference.
TSQUERY = "(websearch_to_tsquery('english', %s) || websearch_to_tsquery('simple', %s))"


class RawPostgres:
    """PostgreSQL as its users drive it: websearch_to_tsquery, ts_rank, ts_headline, GROUP BY per facet."""

    def __init__(self, facets: bool):
        self.name = "raw postgres + facets" if facets else "raw postgres top-10"
        self.facets = facets

    def run(self, spec: dict):
        from django.db import connection

        text = spec.get("q", "")
        filters = spec.get("filters", {})

        def where(but: str = ""):
            sql, params = ["TRUE"], []
            if text:
                sql.append(f"vector @@ {TSQUERY}")
                params += [text, text]
            for facet, values in filters.items():
                if facet == but:
                    continue
                if facet == "source":
                    sql.append("source = ANY(%s)")
                else:
                    sql.append(f"{ {'person': 'persons', 'country': 'countries'}.get(facet, facet + 's')} && %s::varchar[]")
                params.append(list(values))
            return " AND ".join(sql), params

        cond, params = where()
        if text and spec.get("sort") != "newest":
            order = f"ts_rank(vector, {TSQUERY}) DESC"
            order_params = [text, text]
        else:
            order, order_params = "published DESC NULLS LAST, article_id DESC", []
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT article_id, title, ts_headline('english', body, {TSQUERY},"
                f" 'MaxFragments=2, MaxWords=30, MinWords=10') FROM ("
                f"SELECT article_id, title, body FROM archive_searchdocument WHERE {cond} ORDER BY {order} LIMIT {PAGE}"
                f") AS top", [text, text, *params, *order_params],
            )
            snippets = [row[2] for row in cursor.fetchall()]
            cursor.execute(f"SELECT count(*) FROM archive_searchdocument WHERE {cond}", params)
            total = cursor.fetchone()[0]
            if not self.facets:
                return total, None, None, snippets
            facets = {}
            for name in FACETS:
                c, p = where(but=name)
                column = "source" if name == "source" else f"unnest({ {'person': 'persons', 'country': 'countries'}.get(name, name + 's')})"
                cursor.execute(f"SELECT v, count(*) FROM (SELECT {column} AS v FROM archive_searchdocument "
                               f"WHERE {c}) AS x GROUP BY v", p)
                facets[name] = top(dict(cursor.fetchall()))
            cursor.execute(f"SELECT month, count(*) FROM archive_searchdocument WHERE {cond} AND month <> '' "
                           f"GROUP BY month ORDER BY month", params)
            histogram = tuple(cursor.fetchall())
        return total, facets, histogram, snippets


# -- measuring -------------------------------------------------------------------


def measure(systems, spec: dict, runs: int, warmup: int) -> dict[str, list[float]]:
    times: dict[str, list[float]] = {s.name: [] for s in systems}
    for i in range(warmup + runs):
        for system in systems:
            started = time.perf_counter()
            system.run(spec)
            elapsed = time.perf_counter() - started
            if i >= warmup:
                times[system.name].append(elapsed * 1000)
    return times


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, math.ceil(p / 100 * len(ordered)) - 1))]


def check_same(label: str, ours, raw, raw_name: str) -> list[str]:
    problems = []
    if ours[0] != raw[0]:
        problems.append(f"{label}: total {ours[0]} vs {raw_name} {raw[0]}")
    for name in FACETS:
        if ours[1][name] != raw[1][name]:
            problems.append(f"{label}: facet {name} ours {ours[1][name]} vs {raw_name} {raw[1][name]}")
    if ours[2] != raw[2]:
        problems.append(f"{label}: histogram differs ({len(ours[2])} vs {len(raw[2])} months, "
                        f"{sum(n for _, n in ours[2])} vs {sum(n for _, n in raw[2])} articles)")
    return problems


def geomean(values: list[float]) -> float:
    return math.exp(sum(math.log(v) for v in values) / len(values))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=100)
    parser.add_argument("--warmup", type=int, default=5)
    parser.add_argument("--only", help="measure only the query with this label")
    parser.add_argument("--profile", action="store_true", help="cProfile our backend over the query set and stop")
    parser.add_argument("--sql", action="store_true", help="list our backend's SQL statements with their times and stop")
    parser.add_argument("--collapse", action="store_true",
                        help="compare ours with and without collapsing copies of one story, and stop")
    args = parser.parse_args()
    setup_django()
    from django.conf import settings
    from django.db import connection

    from archive.models import Article

    count = Article.objects.count()
    if not count:
        print("skipped: the database holds no article (build one with bench/corpus.py)")
        return 0
    ours = Ours()
    on_postgres = type(ours.backend).__name__ == "PostgresBackend"
    if on_postgres:
        raw_facets, raw_top = RawPostgres(facets=True), RawPostgres(facets=False)
    elif type(ours.backend).__name__ == "TantivyBackend":
        ours.run({"q": "warm"})  # creates the index if it is missing, before raw tantivy opens it
        path = ours.backend.path
        raw_facets, raw_top = RawTantivy(path, facets=True), RawTantivy(path, facets=False)
    else:
        ours.run({"q": "warm"})  # creates the index if it is missing, before raw Whoosh opens it
        path = Path(settings.ARCHIVE_SEARCH["PATH"])
        raw_facets, raw_top = RawWhoosh(path, facets=True), RawWhoosh(path, facets=False)
    systems = [ours, raw_facets, raw_top]
    selected = [(label, spec) for label, spec in queries() if not args.only or label == args.only]
    print(f"{count:,} articles, {describe_setup()}, {machine()}, {connection.vendor}")

    if args.collapse:
        from archive.models import Story

        collapsed = OursCollapsed()
        print(f"{Story.objects.count():,} stories")
        print(f"{'query':22} {'matches':>8} {'stories':>8} {'ours p50/p95 ms':>20} {'collapsed p50/p95 ms':>22} {'ratio':>6}")
        ratios = []
        for label, spec in selected:
            times = measure([ours, collapsed], spec, args.runs, args.warmup)
            plain, folded = (statistics.median(times[s.name]) for s in (ours, collapsed))
            ratios.append(folded / plain)
            print(f"{label:22} {ours.run(spec)[0]:>8,} {collapsed.run(spec)[0]:>8,} "
                  f"{plain:>11.1f} / {percentile(times[ours.name], 95):>6.1f} "
                  f"{folded:>13.1f} / {percentile(times[collapsed.name], 95):>6.1f} {folded / plain:>6.2f}", flush=True)
        print(f"collapsed / not, geometric mean of p50s: {geomean(ratios):.2f}x; worst {max(ratios):.2f}x")
        return 0

    if args.profile:
        for _, spec in selected:
            ours.run(spec)
        profiler = cProfile.Profile()
        profiler.enable()
        for _ in range(10):
            for _, spec in selected:
                ours.run(spec)
        profiler.disable()
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(30)
        pstats.Stats(profiler).sort_stats("tottime").print_stats(15)
        return 0

    if args.sql:
        from django.test.utils import CaptureQueriesContext

        for label, spec in selected:
            ours.run(spec)
            with CaptureQueriesContext(connection) as captured:
                started = time.perf_counter()
                ours.run(spec)
                elapsed = (time.perf_counter() - started) * 1000
            sql_ms = sum(float(q["time"]) for q in captured.captured_queries) * 1000
            print(f"{label}: {elapsed:.0f} ms, {len(captured)} statements taking {sql_ms:.0f} ms")
            for q in sorted(captured.captured_queries, key=lambda q: -float(q["time"]))[:8]:
                print(f"  {float(q['time']) * 1000:7.1f} ms  {q['sql'][:160]}")
        return 0

    problems = []
    for label, spec in selected:
        if label == RELAXED:
            continue  # ours answers more than the raw engines here, on purpose
        problems += check_same(label, ours.run(spec), raw_facets.run(spec), raw_facets.name)
        if ours.run(spec)[0] != raw_top.run(spec)[0]:
            # A limited Whoosh search that skips blocks counts its total without the filter
            # (FilterCollector.count -> all_ids): a Whoosh bug, not a difference of ours.
            print(f"  note: {label}: {raw_top.name} reports total {raw_top.run(spec)[0]} (Whoosh miscount)"
                  if spec.get("filters") and not on_postgres else "", end="")
            if not spec.get("filters") or on_postgres:
                problems.append(f"{label}: total differs from {raw_top.name}")
    print("same answers:", "yes, on every query" if not problems else f"{len(problems)} mismatch(es)")
    for problem in problems:
        print("  MISMATCH", problem)

    header = f"{'query':22} {'matches':>8} " + " ".join(f"{s.name + ' p50/p95 ms':>30}" for s in systems)
    print(header)
    p50s = {s.name: [] for s in systems}
    p95s = {s.name: [] for s in systems}
    for label, spec in selected:
        times = measure(systems, spec, args.runs, args.warmup)
        total = ours.run(spec)[0]
        cells = []
        for s in systems:
            p50, p95 = statistics.median(times[s.name]), percentile(times[s.name], 95)
            p50s[s.name].append(p50)
            p95s[s.name].append(p95)
            cells.append(f"{p50:>20.1f} / {p95:>7.1f}")
        print(f"{label:22} {total:>8,} " + " ".join(cells), flush=True)

    print()
    speedups = [r / o for r, o in zip(p50s[raw_facets.name], p50s[ours.name])]
    vs_top = [o / r for o, r in zip(p50s[ours.name], p50s[raw_top.name])]
    print(f"{'query':22} {'raw+facets / ours':>18} {'ours / raw top-10':>18} {'ours p95 ms':>12}")
    for (label, _), a, b, p95 in zip(selected, speedups, vs_top, p95s[ours.name]):
        print(f"{label:22} {a:>17.1f}x {b:>17.2f}x {p95:>12.1f}")
    print(f"geometric mean of p50 ratios, raw with facets / ours: {geomean(speedups):.1f}x")
    if isinstance(raw_facets, RawTantivy):
        # The relaxed headline is ours alone (raw tantivy finds the few articles with every word).
        kept = [(label, o / r, p95) for (label, _), o, r, p95 in zip(selected, p50s[ours.name], p50s[raw_facets.name],
                                                                      p95s[ours.name]) if label != RELAXED]
        worst_ratio = max(ratio for _, ratio, _ in kept)
        worst_p95 = max(p95s[ours.name])
        print(f"target: within 2x of raw tantivy with facets per query (worst {worst_ratio:.2f}x, the relaxed "
              f"headline aside): {'met' if worst_ratio <= 2 else 'MISSED'}; p95 <= 50 ms at 100,000 articles, "
              f"200 ms at 1,000,000 (worst {worst_p95:.0f} ms)")
    elif on_postgres:
        worst = max(p95s[ours.name])
        print(f"target: >= 2x faster than raw PostgreSQL: {'met' if geomean(speedups) >= 2 else 'MISSED'}; "
              f"no p95 above 200 ms (worst {worst:.0f} ms): {'met' if worst <= 200 else 'MISSED'}")
    else:
        worst = max(vs_top)
        print(f"target: >= 5x faster than raw Whoosh with facets: {'met' if geomean(speedups) >= 5 else 'MISSED'}; "
              f"<= 1.5x raw top-10 per query (worst {worst:.2f}x): {'met' if worst <= 1.5 else 'MISSED'}")
    print(f"peak memory of this process (ours and the raw engine together): {peak_rss_mb():.0f} MiB")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
