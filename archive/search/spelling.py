""""Did you mean": respell, word by word, the words the index does not know.

Shared by every backend; each one says which words its index holds and which
of its words are near a given one (`Vocabulary`). A word the index holds is
never changed; an unknown one becomes the nearest known word (fewest edits,
then the name of a person, organization, country or outlet for a capitalised
word, then the most frequent), written as the user wrote theirs: Armnia ->
Armenia, armnia -> armenia. The backend offers the result only when it finds
clearly more than the query did.
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Iterable
from typing import Protocol

from rapidfuzz.distance import OSA

from .querytext import fold

_NAMES_TTL = 300.0  # seconds a process keeps the entity names before reading them again
_names_lock = threading.Lock()
_names: tuple[float, dict[str, str], set[str]] = (0.0, {}, set())


class Vocabulary(Protocol):
    def known(self, words: list[str]) -> set[str]:
        """Which of these folded words the index holds."""

    def near(self, word: str, edits: int) -> dict[str, int]:
        """Indexed words (folded) within `edits` of a folded word, each with how many documents have it."""


def max_edits(word: str) -> int:
    """How far a respelling (and a `word~`) may go: one edit in short words, two from six letters."""
    return 1 if len(word) < 6 else 2


def respell(searched: str, words: Iterable[str], vocabulary: Vocabulary) -> str:
    """The query with each unknown word respelled, or '' when there is nothing to respell."""
    candidates = [w for w in dict.fromkeys(words) if len(w) >= 3 and w.isalpha()]
    if not candidates:
        return ""
    known = vocabulary.known([fold(w) for w in candidates])
    typed = [fold(w) for w in re.findall(r"[^\W_]+", searched)]
    replaced = searched
    for word in candidates:
        folded = fold(word)
        if folded in known:
            continue
        at = typed.index(folded) if folded in typed else -1
        beside = (typed[at - 1] if at > 0 else "", typed[at + 1] if 0 <= at < len(typed) - 1 else "")
        better = _best(word, folded, beside, vocabulary)
        if better:
            replaced = re.sub(rf"(?<![\w:]){re.escape(word)}(?![\w*~])", better, replaced)
    return replaced if replaced != searched else ""


def one_edit(word: str) -> set[str]:
    """Every string one edit from a word, its first letter kept (Norvig's spelling corrector)."""
    letters = "abcdefghijklmnopqrstuvwxyz"
    splits = [(word[:i], word[i:]) for i in range(1, len(word) + 1)]
    deletes = [a + b[1:] for a, b in splits if b]
    swaps = [a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1]
    replaces = [a + c + b[1:] for a, b in splits if b for c in letters]
    inserts = [a + c + b for a, b in splits for c in letters]
    return set(deletes + swaps + replaces + inserts) - {word}


def clearly_more(found: int, before: int) -> bool:
    """Whether a respelled query finds enough more to be worth offering."""
    return found > 0 and found >= 2 * before + 1


def _best(word: str, folded: str, beside: tuple[str, str], vocabulary: Vocabulary) -> str:
    edits = max_edits(folded)
    near = {w: n for w, n in vocabulary.near(folded, edits).items() if w != folded}
    names, full_names = entity_words(), entity_names()
    capitalised = word[:1].isupper()
    before, after = beside
    scored = []
    for candidate, documents in near.items():
        distance = OSA.distance(folded, candidate, score_cutoff=edits)
        if distance > edits:
            continue
        # A candidate that makes a known name with the word before or after it ("John Trry" -> Terry).
        completes = f"{before} {candidate}" in full_names or f"{candidate} {after}" in full_names
        named = capitalised and candidate in names
        scored.append((distance, not completes, not named, -documents, candidate))
    if not scored:
        return ""
    candidate = min(scored)[-1]
    return _cased_like(word, names.get(candidate, candidate))


def _cased_like(typed: str, word: str) -> str:
    if typed.isupper() and len(typed) > 1:
        return word.upper()
    if typed[:1].isupper():
        return word if word[:1].isupper() else word[:1].upper() + word[1:]
    return word.lower()


def entity_words() -> dict[str, str]:
    """Every word of the archive's entity names and spellings, folded, with its written form."""
    return _entity_names()[1]


def entity_names() -> set[str]:
    """Every pair of neighbouring words in the archive's entity names and spellings, folded ("john terry")."""
    return _entity_names()[2]


def _entity_names():
    global _names
    if time.monotonic() - _names[0] < _NAMES_TTL:
        return _names
    with _names_lock:
        from archive.models import Country, Organization, OrganizationAlias, Outlet, Person, PersonAlias

        words = {}
        names = [
            *Person.objects.filter(rejected=False).values_list("name", flat=True),
            *PersonAlias.objects.values_list("name", flat=True),
            *Organization.objects.filter(rejected=False).values_list("name", flat=True),
            *OrganizationAlias.objects.values_list("name", flat=True),
            *Country.objects.values_list("name", flat=True),
            *Outlet.objects.values_list("name", flat=True),
        ]
        pairs = set()
        for name in names:
            written = re.findall(r"[^\W\d_]+", name)
            for word in written:
                if len(word) >= 3:
                    words.setdefault(fold(word), word)
            pairs.update(f"{fold(a)} {fold(b)}" for a, b in zip(written, written[1:]))
        _names = (time.monotonic(), words, pairs)
    return _names


def forget_entity_words() -> None:
    """Read the entity names again at the next respelling (tests, and after big curation)."""
    global _names
    _names = (0.0, {}, set())
