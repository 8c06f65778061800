"""What a typed query asks of the engine: the words it needs, and how far it may relax.

Shared by every backend, so that each one requires, drops and relaxes the same
words. A query is a conjunction of clauses. Its plain words (no quotes, no
field, no operator) may go missing when relaxed; everything else the user wrote
on purpose (a "phrase", person:, -word, a group with OR) keeps its exact
meaning and is always required. A word the prose analyzer drops ("the", "of")
is never a requirement: the name fields keep such words, so requiring one would
demand it in some person's or outlet's name (the dismax stop-word problem).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import cached_property

from rapidfuzz.distance import Levenshtein

from .querytext import Bool, Mentions, Term, fold, parse_query, plain_words, repair_query
from .spelling import max_edits

# Relax when the strict search finds fewer articles than this: a query that
# finds a handful may still have missed the story the user looks for.
FEW = 10
# How many of the best results proximity may reorder.
WINDOW = 40


@dataclass(frozen=True)
class Plan:
    searched: str  # the repaired query, as shown back to the user
    words: tuple[Term, ...] = ()  # plain words: each may go missing when relaxed
    required: tuple = ()  # every other clause (phrases, fields, groups, NOT): always required
    dropped: tuple[str, ...] = ()  # words the analyzer drops, left out of the requirements
    sequence: tuple[str, ...] = ()  # the plain words as typed, common ones included: for proximity
    # Words that name an entity also match the articles that mention it (with_names).
    alternatives: tuple[tuple[str, tuple[Mentions, ...]], ...] = ()

    @property
    def strict(self):
        """The whole query, every clause required (None for no query)."""
        parts = [*self.required, *(self.clause(w) for w in self.words)]
        if not parts:
            return None
        return parts[0] if len(parts) == 1 else Bool("and", tuple(parts))

    @cached_property
    def _together(self):
        typed = [word for item in self.sequence for word in item.split()]  # Wal-Mart counts as two words
        if len(typed) < 2:
            return None
        # Each word with a light stem (rates ~ rate, rise ~ rises), at most two other words between them.
        words = [re.escape(_light_stem(fold(w))) + r"\w{0,4}" for w in typed]
        return re.compile(r"(?<!\w)" + r"\W+(?:\w+\W+){0,2}?".join(words) + r"(?!\w)")

    @property
    def respellable(self) -> list[str]:
        """The words "did you mean" may change: plain ones that name no known entity."""
        named = dict(self.alternatives)
        return [w.text for w in self.words if not (w.prefix or w.fuzzy) and fold(w.text) not in named]

    def marked(self, named=()) -> tuple[str, ...]:
        """The words to highlight in an article found by this query ("pashin*" for a prefix), names included."""
        words = []
        for term in positive_terms(self.strict):
            if term.text in self.dropped:
                continue
            words += [f"{term.text}*"] if term.prefix else term.text.split()
        words += [word for name in named for word in name.label.split()]
        return tuple(dict.fromkeys(words))

    @property
    def expanding(self) -> list[Term]:
        """The prefix and fuzzy words the query looks for."""
        return [t for t in positive_terms(self.strict) if t.prefix or t.fuzzy]

    @property
    def has_sequence(self) -> bool:
        return self._together is not None

    def together(self, text: str) -> bool:
        """Whether the typed words stand together in `text`, in order (proximity ranking)."""
        return self._together is not None and self._together.search(fold(text)) is not None

    def clause(self, word: Term):
        """What one plain word matches: the word, or an article mentioning the entity it names."""
        mentions = dict(self.alternatives).get(fold(word.text))
        return Bool("or", (word, *mentions)) if mentions else word

    def with_names(self, named) -> Plan:
        """This plan with each word of a name (names.Named) also matching the articles that mention its entity."""
        alternatives: dict[str, list[Mentions]] = {}
        for name in named:
            for typed in fold(name.typed).split():
                alternatives.setdefault(typed, []).append(Mentions(name.facet, name.value))
        words = {fold(w.text) for w in self.words if not (w.prefix or w.fuzzy)}
        kept = tuple((w, tuple(m)) for w, m in alternatives.items() if w in words)
        return replace(self, alternatives=kept)

    @property
    def can_relax(self) -> bool:
        return len(self.words) >= 2

    def min_match(self, best: int) -> int:
        """How many of the words a relaxed match needs: a quarter of them, at most as many as the best article has.

        Measured on finding BBC stories by their headline (bench/ranking.py):
        requiring half the words lost 4 stories in 100 that a quarter keeps,
        and a quarter keeps result sets (and their facet counts) to articles
        about the query rather than every article with one common word of it.
        """
        return max(1, min(math.ceil(len(self.words) / 4), best))


def plan_query(text: str, is_stop: Callable[[list[str]], set[str]]) -> Plan:
    """Plan a user's query; `is_stop` returns which of the given words the prose analyzer drops."""
    searched = repair_query(text)
    node = parse_query(searched) if searched else None
    if searched and node is None:
        searched = plain_words(text)
        node = parse_query(searched) if searched else None
    if node is None:
        return Plan(searched="")
    clauses = node.parts if isinstance(node, Bool) and node.op == "and" else (node,)
    words = [c for c in clauses if _is_plain(c)]
    required = tuple(c for c in clauses if not _is_plain(c))
    stops = is_stop([w.text for w in words if not (w.prefix or w.fuzzy)])
    kept = [w for w in words if w.prefix or w.fuzzy or w.text not in stops]
    if not kept and not any(_is_positive(c) for c in required):
        # Only common words ("The Who"): search them as written rather than nothing.
        return Plan(searched=searched, words=tuple(_unique(words)), required=required)
    dropped = tuple(dict.fromkeys(w.text for w in words if w not in kept))
    sequence = tuple(w.text for w in words if not (w.prefix or w.fuzzy))
    return Plan(searched=searched, words=tuple(_unique(kept)), required=required, dropped=dropped,
                sequence=sequence)


def as_text(node) -> str:
    """Write a Term/Bool tree back in the common query syntax (for engines with a parser)."""
    if isinstance(node, Mentions):
        raise ValueError("an entity mention has no query syntax")
    if isinstance(node, Term):
        text = f'"{node.text}"' if node.phrase else node.text
        text += "*" if node.prefix else ""
        # Within max_edits(), the first letter kept (as "did you mean" does).
        text += f"~{max_edits(node.text)}/1" if node.fuzzy else ""
        return f"{node.field}:{text}" if node.field else text
    if node.op == "not":
        return f"NOT {as_text(node.parts[0])}"
    return "(" + f" {node.op.upper()} ".join(as_text(p) for p in node.parts) + ")"


def rerank_together(plan: Plan, ranked: list, text_of) -> list:
    """The ranked list with the articles where the typed words stand together first, in order otherwise.

    Engines rank by scattered word statistics (BM25); the first WINDOW results
    are reordered, as a rescoring window does in Lucene-based engines.
    `text_of(item)` gives an item's title and body.
    """
    if not plan.has_sequence:
        return ranked
    # Python's sort is stable: within each group the engine's order stands.
    return sorted(ranked, key=lambda item: not plan.together(text_of(item)))


def expands(term: Term, word: str) -> bool:
    """Whether a folded word is one that a prefix or fuzzy term stands for (other than itself)."""
    typed = fold(term.text)
    if word == typed:
        return False
    if term.prefix:
        return word.startswith(typed)
    edits = max_edits(typed)
    return term.fuzzy and word[:1] == typed[:1] and Levenshtein.distance(typed, word, score_cutoff=edits) <= edits


def positive_terms(node) -> list[Term]:
    """The terms a query looks for (not those it excludes)."""
    if node is None or isinstance(node, Mentions):
        return []
    if isinstance(node, Term):
        return [node]
    return [] if node.op == "not" else [t for p in node.parts for t in positive_terms(p)]


def _light_stem(word: str) -> str:
    return word if len(word) <= 4 else word[: max(3, len(word) - 2)]


def _is_plain(node) -> bool:
    return isinstance(node, Term) and not node.field and (not node.phrase or node.compound)


def _is_positive(node) -> bool:
    return not (isinstance(node, Bool) and node.op == "not")


def _unique(words: list[Term]) -> list[Term]:
    seen, out = set(), []
    for word in words:
        key = (word.text.casefold(), word.prefix, word.fuzzy)
        if key not in seen:
            seen.add(key)
            out.append(word)
    return out
