"""Highlighted snippets built from plain text, for engines whose own highlighter
does not escape (PostgreSQL's ts_headline returns the document's markup as is)."""

from __future__ import annotations

import re

from django.utils.html import escape

SNIPPET_CHARS = 240
_WORD = re.compile(r"\w+")


def _stem(word: str) -> str:
    # A light stem: "elections" and "election" share "electi"; short words stay whole.
    word = word.casefold()
    return word if len(word) <= 4 else word[: max(4, len(word) - 2)]


def make_snippet(text: str, words: list[str], *, prefixes: tuple[str, ...] = ()) -> str:
    """Return escaped HTML: the passage of `text` with the most query words, each in <mark>."""
    stems = {_stem(w) for w in words if w}
    starts = tuple(p.casefold() for p in prefixes if p)

    def hits(token: str) -> bool:
        folded = token.casefold()
        if starts and folded.startswith(starts):
            return True
        return any(folded.startswith(s) and len(folded) <= len(s) + 4 for s in stems)

    tokens = list(_WORD.finditer(text))
    matched = [m for m in tokens if (stems or starts) and hits(m.group())]
    if not matched:
        return _cut(text, 0)
    # The window of SNIPPET_CHARS holding the most matches.
    best, best_count = matched[0].start(), 0
    for m in matched:
        count = sum(1 for n in matched if m.start() <= n.start() < m.start() + SNIPPET_CHARS)
        if count > best_count:
            best, best_count = m.start(), count
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


def _cut(text: str, start: int) -> str:
    window = text[start:start + SNIPPET_CHARS]
    if len(text) > start + SNIPPET_CHARS:
        return escape(window.rsplit(" ", 1)[0]).replace("\n", " ") + " …"
    return escape(window).replace("\n", " ")
