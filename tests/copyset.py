"""Copies of one story as other outlets publish it, made from the BBC stories in ../shared.

A wire report reaches an archive many times: each outlet gives it a headline of
its own, a dateline, its own first paragraph, its boilerplate; it cuts the last
paragraphs and edits a sentence here and there. `copies_of` makes such copies of
a story, seeded, so that grouping can be measured (bench/copies.py) and tested
(tests/test_copies.py) on text that is real news and not the grouping's own.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from pathlib import Path

# Not from .factories: the benchmark reads this module without Django set up.
BBC = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "bbc"
_OUTLETS = ("Northern Wire", "Valley Courier", "Harbour Times", "Daily Ledger", "Metro Post", "Coast Herald")
_PLACES = ("LONDON", "MANCHESTER", "EDINBURGH", "CARDIFF", "BELFAST", "NEW YORK", "PARIS", "BRUSSELS")
_BOILERPLATE = (
    "Copyright {year} {outlet}. All rights reserved. This material may not be published, broadcast, "
    "rewritten or redistributed.",
    "Follow {outlet} on social media for the latest news, and sign up to our morning newsletter.",
    "Reporting by staff; editing by the {outlet} news desk. Contact us with corrections or tips.",
    "Read more: the stories our readers shared most this week, in the {outlet} daily digest.",
)
_INSERTED = ("also", "reportedly", "now", "still", "already", "however")


@dataclass(frozen=True)
class Story:
    key: str  # "sport/001": the BBC file, or "sport/001+2" for its second copy
    origin: str  # the BBC file this text comes from
    title: str
    body: str  # paragraphs separated by blank lines
    outlet: str = "BBC News"


def bbc_stories(folders: tuple[str, ...] = ("business", "entertainment", "politics", "sport", "tech")) -> list[Story]:
    """Every BBC story in ../shared, in file order (its exact duplicates included)."""
    stories = []
    for folder in folders:
        for path in sorted((BBC / folder).glob("*.txt")):
            title, _, body = path.read_text(encoding="utf-8").partition("\n")
            key = f"{folder}/{path.stem}"
            stories.append(Story(key=key, origin=key, title=title.strip(), body=body.strip()))
    return stories


def copies_of(story: Story, count: int, rng: random.Random) -> list[Story]:
    """`count` copies of a story as other outlets would run it (see the module's docstring)."""
    return [_rewrite(story, f"{story.key}+{n}", _OUTLETS[(n + rng.randrange(6)) % 6], rng)
            for n in range(1, count + 1)]  # fmt: skip


def _rewrite(story: Story, key: str, outlet: str, rng: random.Random) -> Story:
    paragraphs = [p for p in story.body.split("\n\n") if p.strip()]
    first, rest = paragraphs[0], paragraphs[1:]
    # The last paragraphs cut: up to two fifths of them.
    if len(rest) > 2:
        rest = rest[: len(rest) - rng.randint(0, (len(rest) * 2) // 5)]
    rest = [_edit_sentences(p, rng) for p in rest]
    dateline = f"{rng.choice(_PLACES)}, {rng.choice(('Jan', 'Feb', 'Mar', 'Nov'))} {rng.randint(1, 28)} ({outlet}) - "
    lead = dateline + _own_intro(first, rng)
    tail = [template.format(outlet=outlet, year=rng.choice((2004, 2005)))
            for template in rng.sample(_BOILERPLATE, rng.randint(1, 2))]  # fmt: skip
    return Story(key=key, origin=story.origin, title=_new_headline(story, rng), body="\n\n".join([lead, *rest, *tail]),
                 outlet=outlet)  # fmt: skip


def _new_headline(story: Story, rng: random.Random) -> str:
    """The outlet's own headline: words of the story's first sentence, not the original's."""
    words = re.findall(r"[\w'-]+", story.body.split(". ")[0])
    start = rng.randint(0, max(0, len(words) - 9))
    return " ".join(words[start : start + rng.randint(6, 9)]).capitalize()


def _own_intro(first: str, rng: random.Random) -> str:
    """The outlet's own first paragraph: the facts of the original's, said in other words and order."""
    words = first.split()
    kept = [w for i, w in enumerate(words) if i % 3 != 1]  # a third of the words go
    chunks = [kept[i : i + 4] for i in range(0, len(kept), 4)]
    rng.shuffle(chunks)
    return " ".join(w for chunk in chunks for w in chunk).rstrip(".") + ", it emerged on Tuesday."


def _edit_sentences(paragraph: str, rng: random.Random, share: float = 0.1) -> str:
    """About one sentence in ten edited: a word dropped, a word added, or a word swapped."""
    sentences = re.split(r"(?<=[.!?\"])\s+", paragraph)
    edited = []
    for sentence in sentences:
        words = sentence.split()
        if len(words) > 4 and rng.random() < share:
            at = rng.randrange(1, len(words) - 1)
            action = rng.choice(("drop", "add", "swap"))
            if action == "drop":
                del words[at]
            elif action == "add":
                words.insert(at, rng.choice(_INSERTED))
            else:
                words[at], words[at + 1] = words[at + 1], words[at]
        edited.append(" ".join(words))
    return " ".join(edited)


def copy_set(originals: int = 400, seed: int = 7) -> tuple[list[Story], set[frozenset[str]]]:
    """Every BBC story, plus 1-3 copies of `originals` of them; and the pairs that are one story.

    Pairs are of keys. The BBC's own exact duplicates are one story too (they are
    the same file twice). Every other pair is two stories, many of them on one
    subject in one week (the BBC set is five desks over a few months).
    """
    rng = random.Random(seed)
    stories = bbc_stories()
    by_text: dict[str, list[str]] = {}
    for story in stories:
        by_text.setdefault(story.body, []).append(story.key)
    groups = {story.key: {story.key} for story in stories}
    for keys in by_text.values():
        for key in keys:
            groups[key] = set(keys)
    copied = []
    for story in rng.sample(stories, originals):
        copies = copies_of(story, rng.randint(1, 3), rng)
        copied += copies
        family = groups[story.key] | {c.key for c in copies}
        for key in family:
            groups[key] = family
    pairs = {frozenset((a, b)) for family in groups.values() for a in family for b in family if a != b}
    return stories + copied, pairs


def available() -> bool:
    return Path(BBC).is_dir()
