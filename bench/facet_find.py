"""How fast a facet's filter box answers: the values of a long facet whose name holds what was typed.

Runs on the database and index that bench/corpus.py built (same environment
variables): about 5,000 people. Each request is what /api/facet does: the
search's counts without its hits (per_page=0), the person facet narrowed to the
names holding the text, 50 listed. Texts are taken from the corpus's own names
(the start of a surname, of a given name, two letters, a whole surname, a text
that matches nothing), with and without search words; beside each, the same
search's full results page, for the ratio in one run. "cold" is a request
whose search no earlier request of its process ran since the index last changed
(the Whoosh backend keeps the masks of the last searches per index generation):
the first keystroke after the page was served by another process, or after a commit.

    ARCHIVE_DATA_DIR=/tmp/bench-100k .venv/bin/python bench/facet_find.py [--runs 20]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import describe_setup, machine, setup_django  # noqa: E402

LISTED = 50


def texts() -> list[tuple[str, str]]:
    """What a researcher types: pieces of names that are in the archive, drawn with a fixed seed."""
    from archive.models import Person

    names = sorted(Person.objects.live().values_list("name", flat=True))
    rng = random.Random(7)
    surname = rng.choice(names).rsplit(" ", 1)[-1]
    given = rng.choice(names).split(" ", 1)[0]
    return [
        ("two letters", surname[:2].lower()),
        ("start of a surname", surname[:4].lower()),
        ("start of a given name", given[:3]),
        ("a whole surname", surname),
        ("nothing matches", "zzqx"),
    ]


def timed(function, runs: int, before=lambda: None) -> tuple[float, float, object]:
    times, result = [], None
    for _ in range(runs):
        before()
        start = time.perf_counter()
        result = function()
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return statistics.median(times), times[min(len(times) - 1, int(len(times) * 0.95))], result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    setup_django()
    from archive.models import Article, Person
    from archive.search import get_backend
    from archive.search.base import SearchQuery
    from archive.search.labels import named_like

    backend = get_backend()
    print(f"{describe_setup()}, {Article.objects.count():,} articles, {Person.objects.live().count():,} people; "
          f"{machine()}")
    print(f"{'search':<22} {'typed':<24} {'found':>5}  {'box p50':>8} {'box p95':>8}  {'cold p50':>8} "
          f"{'cold p95':>8}  {'names p50':>9}  {'page p50':>8}  box/page")

    def forget():
        """What the process keeps of this index generation (masks, live documents); not the segments' postings."""
        getattr(backend, "_generations", {}).clear()

    for words in ("", "government"):
        base = SearchQuery(q=words, sort="relevance" if words else "newest")
        backend.search(base)  # warm: caches of the index's segments
        _, _, _ = timed(lambda: backend.search(base), 2)
        page_p50, _, _ = timed(lambda: backend.search(base), args.runs)
        for label, text in texts():
            query = SearchQuery(q=words, sort=base.sort, per_page=0, facet_limit=LISTED, facet_search={"person": text})
            p50, p95, page = timed(lambda: backend.search(query), args.runs)
            cold50, cold95, _ = timed(lambda: backend.search(query), args.runs, before=forget)
            names_p50, _, _ = timed(lambda: named_like("person", text), args.runs)
            print(f"{words or '(everything)':<22} {label + ' ' + repr(text):<24.24} {page.facet_totals['person']:>5}  "
                  f"{p50:>6.1f}ms {p95:>6.1f}ms  {cold50:>6.1f}ms {cold95:>6.1f}ms  {names_p50:>7.1f}ms  "
                  f"{page_p50:>6.1f}ms  {p50 / page_p50:>7.2f}")


if __name__ == "__main__":
    main()
