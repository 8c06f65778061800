"""Known-item ranking test: find each BBC story from what a reader remembers of it.

The index holds the articles' bodies without their headlines. Three kinds of
query, one per story (--modes picks some):

- `or`: the headline's words joined by OR;
- `headline`: the headline typed as is, no operators (as a user would);
- `body5`: five consecutive words from the middle of the body, unquoted.

Success when that article is in the top 10; reports MRR@10, success@10 and the
queries with no result at all for the configured backend, and on PostgreSQL
also raw ts_rank and ts_rank_cd for the `or` queries.

It needs a database and index of its own (it loads the BBC bodies into them):

    .venv/bin/python bench/ranking.py --data-dir /tmp/bench-rank
    DATABASE_URL=postgres://archive@127.0.0.1:55432/benchrank .venv/bin/python bench/ranking.py --data-dir /tmp/bench-rank-pg
"""

from __future__ import annotations

import argparse
import hashlib
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import DEFAULT_CORPUS, describe_setup, machine, open_archive  # noqa: E402

PREFIX = "rank/"


def read_stories(corpus: Path) -> list[tuple[str, str, str]]:
    """(name, headline, body) of each BBC article, skipping repeated bodies (the set has duplicates)."""
    stories, seen = [], set()
    for path in sorted(corpus.glob("*/*.txt")):
        text = path.read_text(encoding="utf-8", errors="replace").strip()
        headline, _, body = text.partition("\n")
        body = body.strip()
        if body and body not in seen:
            seen.add(body)
            stories.append((f"{PREFIX}{path.parent.name}/{path.name}", " ".join(headline.split()), body))
    return stories


def load(stories) -> dict[str, int]:
    """Store the bodies as articles without titles and index them; return name -> article id."""
    from django.db import transaction

    from archive.models import Article
    from archive.search import get_backend
    from archive.search.sync import articles_for_index

    existing = dict(Article.objects.values_list("original_name", "pk"))
    if existing and all(name.startswith(PREFIX) for name in existing) and len(existing) == len(stories):
        return existing  # loaded by an earlier run
    if existing:
        raise SystemExit("refused: this database holds other articles; give an empty --data-dir / DATABASE_URL")
    backend = get_backend()
    backend.clear()
    ids = {}
    for start in range(0, len(stories), 500):
        with transaction.atomic():
            articles = Article.objects.bulk_create([
                Article(title="", body_text=body, fingerprint=hashlib.sha256(body.encode()).hexdigest(),
                        original_name=name, original_type="text/plain",
                        original_sha256=hashlib.sha256(body.encode()).hexdigest(), original_size=len(body))
                for name, _, body in stories[start:start + 500]
            ])
        ids.update((a.original_name, a.pk) for a in articles)
        backend.index(articles_for_index([a.pk for a in articles]))
    return ids


def words_of(headline: str) -> list[str]:
    # Lower case, so that a headline's "Or" or "NOT" is a word and not an operator.
    return [w.lower() for w in re.findall(r"[^\W_]+", headline)]


def middle_words(body: str, n: int = 5) -> str:
    """`n` consecutive words from the middle of a body, as a reader would type them."""
    words = re.findall(r"[^\W_]+(?:['’][^\W_]+)?", body)
    start = max(0, len(words) // 2 - n // 2)
    return " ".join(words[start:start + n])


MODES = {
    "or": lambda headline, body: " OR ".join(words_of(headline)),
    "headline": lambda headline, body: headline,
    "body5": lambda headline, body: middle_words(body),
}


def score(ranks: list[int | None]) -> tuple[float, float]:
    mrr = sum(1 / r for r in ranks if r and r <= 10) / len(ranks)
    success = sum(1 for r in ranks if r and r <= 10) / len(ranks)
    return mrr, success


def rank_backend(stories, ids, mode: str) -> tuple[list[int | None], int, int]:
    """The rank of each story for its query (None past 10), how many queries found nothing, how many got a suggestion."""
    from archive.search import get_backend
    from archive.search.base import SearchQuery

    backend = get_backend()
    ranks, empty, suggested = [], 0, 0
    for name, headline, body in stories:
        page = backend.search(SearchQuery(q=MODES[mode](headline, body), per_page=10))
        hits = [h.id for h in page.hits]
        ranks.append(hits.index(ids[name]) + 1 if ids[name] in hits else None)
        empty += not page.hits
        suggested += bool(page.suggestion)
    return ranks, empty, suggested


def rank_raw_postgres(stories, ids, function: str) -> list[int | None]:
    from django.db import connection

    ranks = []
    with connection.cursor() as cursor:
        for name, headline, _ in stories:
            cursor.execute(
                f"SELECT article_id FROM archive_searchdocument, websearch_to_tsquery('english', %s) q "
                f"WHERE vector @@ q ORDER BY {function}(vector, q) DESC, article_id LIMIT 10",
                [" or ".join(words_of(headline))],
            )
            hits = [row[0] for row in cursor.fetchall()]
            ranks.append(hits.index(ids[name]) + 1 if ids[name] in hits else None)
    return ranks


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, required=True, help="a folder of its own for the database/index")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--modes", default=",".join(MODES), help=f"comma-separated, of: {', '.join(MODES)}")
    args = parser.parse_args()
    modes = [m for m in args.modes.split(",") if m]
    if set(modes) - set(MODES):
        parser.error(f"unknown mode: {', '.join(sorted(set(modes) - set(MODES)))}")
    stories = read_stories(args.corpus)
    if not stories:
        print(f"skipped: no articles under {args.corpus} (the shared corpus is absent)")
        return 0
    open_archive(args.data_dir)
    from django.db import connection

    ids = load(stories)
    print(f"{len(stories):,} BBC stories (duplicates dropped), {describe_setup()}, {machine()}")
    results = {}
    for mode in modes:
        started = time.perf_counter()
        results[f"ours, {mode}"] = rank_backend(stories, ids, mode)
        print(f"  (ours, {mode}: {time.perf_counter() - started:.0f} s for {len(stories)} searches)")
    if connection.vendor == "postgresql" and "or" in modes:
        results["raw ts_rank, or"] = rank_raw_postgres(stories, ids, "ts_rank"), None, None
        results["raw ts_rank_cd, or"] = rank_raw_postgres(stories, ids, "ts_rank_cd"), None, None
    print(f"{'ranking':20} {'MRR@10':>7} {'success@10':>11} {'no result':>10} {'suggested':>10}")
    for label, (ranks, empty, suggested) in results.items():
        mrr, success = score(ranks)
        print(f"{label:20} {mrr:>7.3f} {success:>11.3f} {'—' if empty is None else empty:>10} "
              f"{'—' if suggested is None else suggested:>10}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
