"""Highlighted snippets built from plain text, for engines whose own highlighter
does not escape (PostgreSQL's ts_headline returns the document's markup as is)."""

from __future__ import annotations

import functools
import re

import snowballstemmer
from django.utils.html import escape

from .querytext import fold

SNIPPET_CHARS = 240
_WORD = re.compile(r"\w+")


_STEMMER = snowballstemmer.stemmer("english")


@functools.lru_cache(maxsize=100_000)
def _stem(folded: str) -> str:
    # The Snowball English stemmer, as PostgreSQL's english configuration uses: election ~ elections,
    # minister ~ ministers, never minister ~ ministry.
    return _STEMMER.stemWord(folded)


def make_snippet(text: str, words: list[str], *, prefixes: tuple[str, ...] = ()) -> str:
    """Return escaped HTML: the passage of `text` with the most query words, each in <mark>."""
    hits = _matcher(words, prefixes)
    matched = [m.start() for m in _candidates(text, tuple(words), tuple(prefixes)) if hits(m.group())]
    if not matched:
        return _cut(text, 0)
    # The window of SNIPPET_CHARS holding the most matches (matches in order: the window's end moves forward).
    best, best_count, end = matched[0], 0, 0
    for i, start in enumerate(matched):
        while end < len(matched) and matched[end] < start + SNIPPET_CHARS:
            end += 1
        if end - i > best_count:
            best, best_count = start, end - i
    start = max(0, text.rfind(" ", 0, max(0, best - 40)) + 1) if best > 40 else 0
    window = text[start:start + SNIPPET_CHARS]
    window = window.rsplit(" ", 1)[0] if start + SNIPPET_CHARS < len(text) else window
    out, last = [], 0
    for m in _WORD.finditer(window):
        if hits(m.group()):
            out += [escape(window[last:m.start()]), "<mark>", escape(m.group()), "</mark>"]
            last = m.end()
    out.append(escape(window[last:]))
    return ("… " if start else "") + "".join(out).replace("\n", " ") + (" …" if start + len(window) < len(text) else "")


def _candidates(text: str, words: tuple[str, ...], prefixes: tuple[str, ...]):
    """The words of `text` that may be query words: in a text whose letters are all ASCII (most news,
    "£" and curly quotes aside), those starting as one does, found in C; in others every word."""
    finder = None if _NON_ASCII_LETTER.search(text) else _finder(words, prefixes)
    return (finder or _WORD).finditer(text)


_NON_ASCII_LETTER = re.compile(r"[^\W\x00-\x7f]")


@functools.lru_cache(maxsize=256)
def _finder(words: tuple[str, ...], prefixes: tuple[str, ...]):
    heads = {fold(w)[:3] for w in words if w} | {fold(p) for p in prefixes if p}
    if not heads or not all(h.isascii() for h in heads):
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(sorted(map(re.escape, heads))) + r")\w*", re.IGNORECASE)


def _matcher(words, prefixes):
    """A test of one word of text: is it a query word (by light stem, accents and case aside) or has it a prefix?"""
    folded_words = [fold(w) for w in words if w]
    stems = {_stem(w) for w in folded_words}
    # Inflections share their first letters: only those words are stemmed, the rest skipped cheaply.
    heads = {w[:3] for w in folded_words}
    starts = tuple(fold(p) for p in prefixes if p)

    def hits(token: str) -> bool:
        folded = fold(token)
        if starts and folded.startswith(starts):
            return True
        return folded[:3] in heads and _stem(folded) in stems

    return hits


def mark_words(text: str, words: tuple[str, ...]) -> str:
    """Return `text` escaped, with each word of the query (light stems; "x*" a prefix) in <mark>."""
    hits = _matcher([w for w in words if not w.endswith("*")], tuple(w[:-1] for w in words if w.endswith("*")))
    out, last = [], 0
    for m in _WORD.finditer(text):
        if hits(m.group()):
            out += [escape(text[last:m.start()]), "<mark>", escape(m.group()), "</mark>"]
            last = m.end()
    out.append(escape(text[last:]))
    return "".join(out)


def _cut(text: str, start: int) -> str:
    window = text[start:start + SNIPPET_CHARS]
    if len(text) > start + SNIPPET_CHARS:
        return escape(window.rsplit(" ", 1)[0]).replace("\n", " ") + " …"
    return escape(window).replace("\n", " ")


_TAG = re.compile(r"(<[^>]*>)")
_ENTITY = re.compile(r"&#?\w+;")


def mark_html(html: str, words: tuple[str, ...]) -> str:
    """Mark the query's words in sanitized HTML: in its text only, never inside a tag or an entity."""
    out = []
    for piece in _TAG.split(html):
        if piece.startswith("<") or not piece:
            out.append(piece)
            continue
        last = 0
        for entity in _ENTITY.finditer(piece):
            out += [mark_words(piece[last:entity.start()], words), entity.group()]
            last = entity.end()
        # Between entities the text holds no '&': mark_words escapes it as it was.
        out.append(mark_words(piece[last:], words))
    return "".join(out)
