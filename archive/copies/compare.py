"""What one copy of a story changed against another: paragraph by paragraph, then sentence by sentence.

How an outlet framed a wire report is often the point: its own first paragraph,
the sentences it added or dropped, where it cut. Paragraphs are aligned first
(difflib on the paragraphs' words, so that a reflowed or re-punctuated
paragraph still lines up); a paragraph both texts have in a changed form is
compared sentence by sentence.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

_SENTENCE_RE = re.compile(r"(?<=[.!?…\"”'’])\s+(?=[\"“‘'(\[]?[A-Z0-9])")
# Paragraphs this alike are one paragraph edited; less alike, one removed and another added.
_SAME_PARAGRAPH = 0.5
# Paragraph pairs compared at most in one replaced run (each comparison is a difflib run).
_MOST_PAIRS = 2_500


@dataclass(frozen=True)
class Piece:
    text: str
    change: str  # "same", "added" (in the copy only), "removed" (in the earlier text only)


@dataclass(frozen=True)
class Block:
    kind: str  # "same", "changed", "added", "removed"
    pieces: tuple[Piece, ...]


@dataclass(frozen=True)
class Comparison:
    blocks: tuple[Block, ...]
    same: int  # paragraphs
    changed: int
    added: int
    removed: int

    @property
    def identical(self) -> bool:
        return not (self.changed or self.added or self.removed)


def compare(earlier: str, copy: str) -> Comparison:
    """The copy's text against the earlier one's, as blocks of paragraphs."""
    old, new = _paragraphs(earlier), _paragraphs(copy)
    matcher = difflib.SequenceMatcher(None, [_key(p) for p in old], [_key(p) for p in new], autojunk=False)
    blocks: list[Block] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            blocks += [Block("same", (Piece(p, "same"),)) for p in new[j1:j2]]
        elif op == "delete":
            blocks += [Block("removed", (Piece(p, "removed"),)) for p in old[i1:i2]]
        elif op == "insert":
            blocks += [Block("added", (Piece(p, "added"),)) for p in new[j1:j2]]
        else:
            blocks += _pair(old[i1:i2], new[j1:j2])
    count = {kind: sum(b.kind == kind for b in blocks) for kind in ("same", "changed", "added", "removed")}
    return Comparison(tuple(blocks), **count)


def _pair(old: list[str], new: list[str]) -> list[Block]:
    """Replaced paragraphs: each new one against the most alike old one, if alike enough."""
    if len(old) * len(new) > _MOST_PAIRS:  # two long texts with nothing in common: no pairing to find
        return [Block("added", (Piece(p, "added"),)) for p in new] + [Block("removed", (Piece(p, "removed"),)) for p in old]
    blocks: list[Block] = []
    unused = list(range(len(old)))
    for paragraph in new:
        scores = [(difflib.SequenceMatcher(None, _words(old[i]), _words(paragraph), autojunk=False).ratio(), i)
                  for i in unused]  # fmt: skip
        best = max(scores, default=(0.0, -1))
        if best[0] >= _SAME_PARAGRAPH:
            # The old paragraphs before this one that nothing matched were dropped here.
            blocks += [Block("removed", (Piece(old[i], "removed"),)) for i in unused if i < best[1]]
            unused = [i for i in unused if i > best[1]]
            blocks.append(Block("changed", tuple(_sentences(old[best[1]], paragraph))))
        else:
            blocks.append(Block("added", (Piece(paragraph, "added"),)))
    blocks += [Block("removed", (Piece(old[i], "removed"),)) for i in unused]
    return blocks


def _sentences(old: str, new: str) -> list[Piece]:
    """One paragraph's sentences: kept, added and removed, in the copy's order."""
    a, b = _SENTENCE_RE.split(old), _SENTENCE_RE.split(new)
    matcher = difflib.SequenceMatcher(None, [_key(s) for s in a], [_key(s) for s in b], autojunk=False)
    pieces = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            pieces += [Piece(s, "same") for s in b[j1:j2]]
        else:
            pieces += [Piece(s, "removed") for s in a[i1:i2]] + [Piece(s, "added") for s in b[j1:j2]]
    return pieces


def _paragraphs(text: str) -> list[str]:
    return [" ".join(p.split()) for p in re.split(r"\n\s*\n|\n", text) if p.strip()]


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.casefold())


def _key(text: str) -> str:
    return " ".join(_words(text))
