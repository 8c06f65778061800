"""'Did you mean' on the BBC set: misspelled names and words corrected, correct queries left alone.

The test set is drawn from the archive itself, never written down: the people
most articles name and words of middling frequency, each given one typing
slip of the kinds people make (a letter dropped, doubled, swapped with the
next, or a vowel for another), seeded so every run draws the same. A slip that
happens to be a word the index holds is no misspelling and is drawn again.

- corrected: the suggestion holds the intended word and, followed, finds articles;
- false alarms: a suggestion on a correctly spelled query (headlines as typed,
  names as the archive writes them, two words of the index together).

It needs an archive with the BBC set imported (the first run imports it, a
few minutes for entity extraction):

    .venv/bin/python bench/spelling.py --data-dir /tmp/bench-spell
    DATABASE_URL=postgres://archive@127.0.0.1:55432/benchspell .venv/bin/python bench/spelling.py --data-dir /tmp/bench-spell-pg
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import unicodedata
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import DEFAULT_CORPUS, describe_setup, machine, open_archive  # noqa: E402

VOWELS = "aeiou"


def fold(text: str) -> str:
    """Lower case without accents (as the archive's own fold; kept here for a run against older code)."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def slip(word: str, rng: random.Random) -> str:
    """One typing slip, never in the first letter: dropped, doubled, swapped with the next, or another vowel."""
    kinds = ["drop", "double", "swap"] + (["vowel"] if any(c in VOWELS for c in word[1:]) else [])
    kind = rng.choice(kinds)
    at = rng.randrange(1, len(word) - 1)
    if kind == "drop":
        return word[:at] + word[at + 1:]
    if kind == "double":
        return word[:at] + word[at] + word[at:]
    if kind == "swap":
        return word[:at] + word[at + 1] + word[at] + word[at + 2:] if word[at] != word[at + 1] else slip(word, rng)
    places = [i for i, c in enumerate(word) if i and c in VOWELS]
    at = rng.choice(places)
    return word[:at] + rng.choice([v for v in VOWELS if v != word[at]]) + word[at + 1:]


def draw(rng: random.Random, count: int):
    """(query, intended word) misspellings and correctly spelled queries, from the archive's own names and text."""
    from django.db.models import Count

    from archive.models import Article, Person
    from archive.search import get_backend
    from archive.search.base import SearchQuery

    backend = get_backend()

    def unknown(word: str) -> bool:
        try:
            query = SearchQuery(q=word, match_all=True, per_page=1)
        except TypeError:  # an archive from before relaxed searches (for a before-and-after run)
            query = SearchQuery(q=word, per_page=1)
        return backend.search(query).total == 0

    people = list(Person.objects.filter(rejected=False, merged_into=None).annotate(n=Count("articles"))
                  .filter(n__gte=3).order_by("-n", "name").values_list("name", flat=True)[:200])
    names = [n for n in people if len(n.split()) >= 2 and re.fullmatch(r"[A-Za-z]{5,}", n.split()[-1])]
    rng.shuffle(names)
    texts = list(Article.objects.order_by("pk").values_list("body_text", flat=True))
    counts: dict[str, int] = {}
    for text in texts:
        for word in set(re.findall(r"\b[a-z]{6,12}\b", text)):
            counts[word] = counts.get(word, 0) + 1
    words = sorted(w for w, n in counts.items() if 5 <= n <= 200)
    rng.shuffle(words)

    misspelled = []
    for name in names[:count]:
        first, *_, surname = name.split()
        for _ in range(5):
            typo = slip(surname, rng)
            if unknown(typo):
                # Half as the full name, half as the surname alone.
                misspelled.append((f"{first} {typo}" if rng.random() < 0.5 else typo, surname))
                break
    for word in words[:count]:
        for _ in range(5):
            typo = slip(word, rng)
            if unknown(typo):
                misspelled.append((typo, word))
                break
    titles = list(Article.objects.order_by("pk").values_list("title", flat=True))
    headlines = rng.sample(titles, min(count, len(titles)))
    correct = headlines + names[count:2 * count] + [f"{a} {b}" for a, b in zip(words[count:2 * count],
                                                                                  words[2 * count:3 * count])]
    return misspelled, correct


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, required=True, help="a folder of its own for the database/index")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--count", type=int, default=25, help="names and words of each kind")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--show", action="store_true", help="print every query and what it got")
    args = parser.parse_args()
    if not sorted(args.corpus.glob("*/*.txt")):
        print(f"skipped: no articles under {args.corpus} (the shared corpus is absent)")
        return 0
    open_archive(args.data_dir)
    from django.core.management import call_command

    from archive.models import Article
    from archive.search import get_backend
    from archive.search.base import SearchQuery

    if not Article.objects.exists():
        call_command("import_articles", str(args.corpus), verbosity=0)
    print(f"{Article.objects.count():,} BBC articles imported, {describe_setup()}, {machine()}")
    rng = random.Random(args.seed)
    misspelled, correct = draw(rng, args.count)
    backend = get_backend()
    fixed = 0
    for query, intended in misspelled:
        suggestion = backend.search(SearchQuery(q=query, per_page=10)).suggestion
        ok = bool(suggestion) and fold(intended) in fold(suggestion).split() and \
            backend.search(SearchQuery(q=suggestion, per_page=1)).total > 0
        fixed += ok
        if args.show:
            print(f"  {'ok ' if ok else 'MISS'} {query!r} -> {suggestion!r} (meant {intended!r})")
    alarms = 0
    for query in correct:
        suggestion = backend.search(SearchQuery(q=query, per_page=10)).suggestion
        alarms += bool(suggestion)
        if args.show and suggestion:
            print(f"  ALARM {query!r} -> {suggestion!r}")
    print(f"misspelled queries: {len(misspelled)}, corrected: {fixed} ({fixed / max(1, len(misspelled)):.0%})")
    print(f"correctly spelled queries: {len(correct)}, with a suggestion: {alarms} ({alarms / max(1, len(correct)):.1%})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
