"""Copies of one story: the MinHash libraries compared, grouping's precision and recall, its cost.

1. Libraries: datasketch's MinHash against rensa's RMinHash on the same word
   sequences of the copies test set (tests/copyset.py): ms per text, the memory
   their import costs, and how far their Jaccard estimate is from the exact one.
2. Grouping: every BBC story and 1-3 rewritten copies of 400 of them (new
   headline and dateline, the outlet's own first paragraph, boilerplate, the last
   paragraphs cut, a tenth of the sentences edited), stored in a throwaway archive
   in a shuffled order and placed by archive.copies.grouping, as an import does.
   Pairwise precision and recall over the stories it makes. The BBC set files some
   stories twice (same headline, or one text 90 % inside the other, by exact word
   sequences); those pairs are one story too. Every other pair is two stories,
   many of one desk and week: they must stay apart.
3. The cost in an import: `import_articles` of the BBC folder with grouping
   timed inside it; the import without grouping is that time less grouping's.

    .venv/bin/python bench/copies.py --data-dir /tmp/bench-copies
    .venv/bin/python bench/copies.py --data-dir /tmp/bench-copies-100k --scale 100000   # grouping alone at scale
"""

from __future__ import annotations

import argparse
import hashlib
import random
import re
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import DEFAULT_CORPUS, ROOT, machine, open_archive, peak_rss_mb, refuse_to_start  # noqa: E402

sys.path.insert(0, str(ROOT))
from tests.copyset import copy_set  # noqa: E402


def libraries(stories) -> None:
    from archive.copies.signature import PERMUTATIONS, shingles

    texts = [sorted(shingles(s.body)) for s in stories]
    keys = {s.key: i for i, s in enumerate(stories)}
    exact = {}
    rng = random.Random(3)
    sample = rng.sample(range(len(texts)), 400)
    pairs = [(a, b) for a in sample[:200] for b in sample[200:] if a != b][:2000]
    _, gold_pairs = copy_set()
    pairs += [tuple(keys[k] for k in p) for p in list(gold_pairs)[:1000]]
    for a, b in pairs:
        sa, sb = set(texts[a]), set(texts[b])
        exact[a, b] = len(sa & sb) / len(sa | sb)
    print(f"libraries, {len(texts):,} texts, {PERMUTATIONS} permutations, {machine()}")
    for name in ("rensa", "datasketch"):
        code = (
            "import resource, sys, time, json\n"
            "before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
            + ("from rensa import RMinHash\n" if name == "rensa" else "from datasketch import MinHash\n")
            + "imported = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
            "texts = json.load(sys.stdin)\n"
            "t = time.perf_counter(); out = []\n"
            "for words in texts:\n"
            + (f"    m = RMinHash(num_perm={PERMUTATIONS}, seed=1); m.update(words); out.append(m.digest())\n"
               if name == "rensa" else
               f"    m = MinHash(num_perm={PERMUTATIONS}, seed=1); m.update_batch([w.encode() for w in words]);"
               " out.append([int(v) for v in m.hashvalues])\n")
            + "elapsed = time.perf_counter() - t\n"
            "peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
            "print(json.dumps({'ms': 1000 * elapsed / len(texts), 'import_kib': imported - before, 'peak_kib': peak,"
            " 'digests': out}))\n"
        )  # fmt: skip
        import json

        run = subprocess.run([sys.executable, "-c", code], input=json.dumps(texts), capture_output=True, text=True)
        if run.returncode:
            print(f"  {name}: not installed here ({run.stderr.strip().splitlines()[-1]})")
            continue
        result = json.loads(run.stdout)
        digests = result["digests"]
        errors = [sum(x == y for x, y in zip(digests[a], digests[b], strict=True)) / PERMUTATIONS - j
                  for (a, b), j in exact.items()]  # fmt: skip
        rmse = (sum(e * e for e in errors) / len(errors)) ** 0.5
        print(f"  {name:10} {result['ms']:.3f} ms per text, import +{result['import_kib'] / 1024:.0f} MiB, "
              f"Jaccard estimate bias {statistics.mean(errors):+.4f}, RMSE {rmse:.4f} ({len(errors)} pairs)")


def grouping(stories, gold: set[frozenset[str]]) -> None:
    from archive.copies.grouping import THRESHOLD, place
    from archive.copies.signature import containment, shingles
    from archive.models import Article

    order = list(stories)
    random.Random(11).shuffle(order)  # a copy may come before its original
    ids, spent = {}, 0.0
    for story in order:
        article = Article.objects.create(
            title=story.title, body_text=story.body, original_name=story.key, original_sha256="0" * 64,
            original_size=len(story.body), fingerprint=hashlib.sha256(story.key.encode()).hexdigest(),
        )  # fmt: skip
        started = time.perf_counter()
        place(article)
        spent += time.perf_counter() - started
        ids[article.pk] = story.key
    stories_of = dict(Article.objects.values_list("pk", "story_id"))
    members: dict[int, list[str]] = {}
    for pk, story_id in stories_of.items():
        members.setdefault(story_id, []).append(ids[pk])
    predicted = {frozenset((a, b)) for keys in members.values() for a in keys for b in keys if a < b}

    # The BBC set's own copies: the same headline, or one text 90 % inside the other.
    by_key = {s.key: s for s in stories}
    refiled = set()
    for pair in predicted - gold:
        a, b = (by_key[k.split("+")[0]] for k in pair)
        if a.key != b.key and (a.title == b.title or containment(shingles(a.body), shingles(b.body)) >= 0.9):
            refiled.add(pair)
    truth = gold | {frozenset((x, y)) for pair in refiled for x in pair for y in pair if x != y}
    right = len(predicted & truth)
    wrong = sorted(predicted - truth, key=sorted)
    print(f"grouping, {len(stories):,} texts ({sum('+' in s.key for s in stories)} copies), threshold {THRESHOLD}, "
          f"{machine()}")  # fmt: skip
    print(f"  pairwise precision {right / len(predicted):.4f} ({right:,} of {len(predicted):,} pairs), "
          f"recall {len(predicted & gold) / len(gold):.4f} ({len(predicted & gold):,} of {len(gold):,} made copies "
          f"and BBC duplicates); BBC re-filings found too: {len(refiled)} pairs")
    print(f"  {1000 * spent / len(order):.2f} ms per article placed; peak RSS {peak_rss_mb():.0f} MiB")
    for pair in wrong[:12]:
        a, b = sorted(pair)
        sa, sb = (shingles(by_key[k].body) for k in (a, b))
        print(f"  apart in truth: {a} / {b}: {by_key[a].title!r} / {by_key[b].title!r}, "
              f"shared {containment(sa, sb):.2f}")
    missed = sorted(gold - predicted, key=sorted)
    for pair in missed[:8]:
        a, b = sorted(pair)
        sa, sb = (shingles(by_key[k].body) for k in (a, b))
        print(f"  missed: {a} / {b}, shared {containment(sa, sb):.2f}")


def import_cost(corpus: Path) -> None:
    """import_articles on the BBC set, grouping's own time measured inside it."""
    from django.core.management import call_command

    from archive.copies import grouping
    from archive.ingest import pipeline

    spent = [0.0, 0]
    place = grouping.place

    def timed(article):
        started = time.perf_counter()
        try:
            return place(article)
        finally:
            spent[0] += time.perf_counter() - started
            spent[1] += 1

    pipeline.place_in_story = timed
    started = time.perf_counter()
    call_command("import_articles", str(corpus), "--workers", "1", verbosity=0)
    total = time.perf_counter() - started
    print(f"import_articles, {spent[1]:,} articles in {total:.1f} s; grouping {spent[0]:.1f} s of it "
          f"({1000 * spent[0] / max(spent[1], 1):.2f} ms per article): speed with grouping "
          f"{(total - spent[0]) / total:.3f} x without")


def scale(count: int) -> None:
    """Place `count` articles (BBC texts with their sentences recombined) and time the last thousand."""
    from archive.copies.grouping import place
    from archive.models import Article, CopyBand, Story

    stories, _ = copy_set()
    sentences = [s for story in stories for s in re.split(r"(?<=[.!?])\s+", story.body) if len(s) > 40]
    rng = random.Random(5)
    started = time.perf_counter()
    window = time.perf_counter()
    for n in range(count):
        if n < len(stories):
            body = stories[n].body
        else:  # a new text of 12 sentences, or now and then a copy of a recent one
            body = " ".join(rng.sample(sentences, 12))
        article = Article.objects.create(
            title=f"Story {n}", body_text=body, original_name=f"{n}.txt", original_sha256="0" * 64,
            original_size=len(body), fingerprint=hashlib.sha256(f"{n}".encode()).hexdigest(),
        )  # fmt: skip
        place(article)
        if (n + 1) % 10_000 == 0:
            now = time.perf_counter()
            print(f"  {n + 1:,} articles: {1000 * (now - window) / 10_000:.2f} ms per article over the last 10,000, "
                  f"peak RSS {peak_rss_mb():.0f} MiB", flush=True)
            window = now
    elapsed = time.perf_counter() - started
    print(f"scale: {count:,} articles placed in {elapsed:.0f} s, {Story.objects.count():,} stories, "
          f"{CopyBand.objects.count():,} band rows, peak RSS {peak_rss_mb():.0f} MiB, "
          f"user CPU {resource.getrusage(resource.RUSAGE_SELF).ru_utime:.0f} s")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, required=True, help="an empty folder of its own")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--scale", type=int, help="only place this many articles and measure time and memory")
    parser.add_argument("--import-cost", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.import_cost:  # the child that imports into an archive of its own
        open_archive(args.data_dir / "import")
        import_cost(args.corpus)
        return 0
    if (status := refuse_to_start(args.corpus, args.data_dir)) is not None:
        return status
    open_archive(args.data_dir / "grouping")
    if args.scale:
        scale(args.scale)
        return 0
    stories, gold = copy_set()
    libraries(stories)
    grouping(stories, gold)
    sys.stdout.flush()
    child = [sys.executable, __file__, "--data-dir", str(args.data_dir), "--corpus", str(args.corpus), "--import-cost"]
    return subprocess.run(child, check=False).returncode


if __name__ == "__main__":
    sys.exit(main())
