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
from collections.abc import Callable
from dataclasses import dataclass

from .querytext import Bool, Term, parse_query, plain_words, repair_query
from .spelling import max_edits

# Relax when the strict search finds fewer articles than this: a query that
# finds a handful may still have missed the story the user looks for.
FEW = 10


@dataclass(frozen=True)
class Plan:
    searched: str  # the repaired query, as shown back to the user
    words: tuple[Term, ...] = ()  # plain words: each may go missing when relaxed
    required: tuple = ()  # every other clause (phrases, fields, groups, NOT): always required
    dropped: tuple[str, ...] = ()  # words the analyzer drops, left out of the requirements

    @property
    def strict(self):
        """The whole query, every clause required (None for no query)."""
        parts = [*self.required, *self.words]
        if not parts:
            return None
        return parts[0] if len(parts) == 1 else Bool("and", tuple(parts))

    @property
    def can_relax(self) -> bool:
        return len(self.words) >= 2

    def min_match(self, best: int) -> int:
        """How many of the words a relaxed match needs: half of them, at most as many as the best article has."""
        return max(1, min(math.ceil(len(self.words) / 2), best))


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
    return Plan(searched=searched, words=tuple(_unique(kept)), required=required, dropped=dropped)


def as_text(node) -> str:
    """Write a Term/Bool tree back in the common query syntax (for engines with a parser)."""
    if isinstance(node, Term):
        text = f'"{node.text}"' if node.phrase else node.text
        text += "*" if node.prefix else ""
        # Within max_edits(), the first letter kept (as "did you mean" does).
        text += f"~{max_edits(node.text)}/1" if node.fuzzy else ""
        return f"{node.field}:{text}" if node.field else text
    if node.op == "not":
        return f"NOT {as_text(node.parts[0])}"
    return "(" + f" {node.op.upper()} ".join(as_text(p) for p in node.parts) + ")"


def _is_plain(node) -> bool:
    return isinstance(node, Term) and not node.field and not node.phrase


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
