"""The words of the PostgreSQL index: which a configuration drops, which are near a given one.

For the PostgreSQL search backend: stop words for the query plan, fuzzy terms
(`word~`) and "did you mean" (spelling.respell), from archive_searchword (the
words as written, folded) and the postings (how many documents have each).
"""

from __future__ import annotations

from django.db import connection

from archive.models import NAMES, PROSE, SearchWord

from .querytext import fold
from .spelling import max_edits

FUZZY_LIMIT = 8  # words a fuzzy term stands for, at most


_stops: dict[str, bool] = {}


def stop_words(words: list[str]) -> set[str]:
    """The words the prose configuration drops; asked of PostgreSQL once per word and process."""
    unknown = sorted({w.casefold() for w in words} - _stops.keys())
    if unknown:
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT w, numnode(plainto_tsquery('{PROSE}', w)) = 0 FROM unnest(%s::text[]) w",
                           [unknown])
            _stops.update(cursor.fetchall())
    return {w for w in words if _stops.get(w.casefold())}


def fuzzy_words(word: str) -> list[str]:
    """Indexed words within max_edits() of `word` (what `word~` matches besides itself), closest first."""
    folded = fold(word)
    return list(near_words(folded, max_edits(folded)))[:FUZZY_LIMIT]


def near_words(word: str, edits: int) -> dict[str, int]:
    """Indexed words (folded) within `edits` of a folded word, with the same first letter; each with its distance.

    The first letter bounds the scan to a range of the primary key, as Whoosh's
    lookup with prefix=1 does; few misspellings change it.
    """
    if not word:
        return {}
    first = word[0]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT word, d FROM (SELECT word, levenshtein_less_equal(word, %s, %s) AS d FROM archive_searchword "
            "WHERE word >= %s AND word < %s AND length(word) BETWEEN %s AND %s) w "
            "WHERE d <= %s AND word <> %s ORDER BY d, word",
            [word, edits, first, chr(ord(first) + 1), len(word) - edits, len(word) + edits, edits, word])
        return dict(cursor.fetchall())


class Vocabulary:
    """The index's words as written (folded), for spelling.respell()."""

    def known(self, words: list[str]) -> set[str]:
        return set(SearchWord.objects.filter(word__in=words).values_list("word", flat=True))

    def near(self, word: str, edits: int) -> dict[str, int]:
        words = list(near_words(word, edits))[:50]
        if not words:
            return {}
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT w, (SELECT count(*) FROM archive_searchposting WHERE lexeme = ANY(tsvector_to_array("
                f"to_tsvector('{PROSE}', w) || to_tsvector('{NAMES}', w)))) FROM unnest(%s::text[]) w", [words])
            return dict(cursor.fetchall())
