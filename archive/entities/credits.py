"""Credits: who wrote, edited or photographed a story, not people the story is about.

A scraped story carries its makers' names in lines of their own or at a caption's end:
"Photo: Ann Lee/Agency", "Picture: Agency/Ann Lee", "(By Ann Lee and Bo Li)",
"Reporter: Ann Lee", "(Reporting by Ann Lee in Harbourtown; Editing by Bo Li)". A
name there is a credit when a label opens its run of names and nothing but names,
their agency and where they filed from follows it to the line's end.
"""

from __future__ import annotations

import re

from archive.entities.name_words import UPPER

# What opens a credit: at a line's start, after a bracket or a sentence's end.
_LABEL = re.compile(
    r"(?:^|(?<=[(\[.;|])|(?<=[.;|]\s))\s*\(?\s*"
    r"(?:(?:additional\s+)?(?:reporting|editing|writing|photos?|photographs?|pictures?|images?|video|text|words|"
    r"translation|translated|compiled|produced|filed|graphics?|illustrations?)\s+by"
    r"|(?:photo(?:graph)?s?|pictures?|pics?|images?|credits?|video|footage|reporter|reporters|editor|writer|"
    r"photographer|correspondent|camera|graphics?|illustrations?)\s*:"
    r"|by(?=\s+[A-Z]))\s*",
    re.I | re.M,
)
# Between the label and a name: other names, where they filed from, "and", commas, an agency before a slash.
# Each word is taken whole (the lookahead): a pattern that could split a word between two
# repetitions took exponential time on a line it did not match.
_NAMES_BEFORE = re.compile(rf"(?:(?:and|in|{UPPER}[\w.'’-]*)(?![\w.'’-])[\s/,;&]*)*")
# After a name to the line's end: an agency, other names, where they filed from, a closing bracket.
_REST = re.compile(r"[^.!?\n]{0,240}$")  # a wire story's credits name several reporters, and their towns
_SMALL_WORDS = frozenset(
    "and in at for of the by with from editing reporting additional writing via newsroom newsrooms bureau desk staff".split()
)


def is_credit(text: str, start: int, end: int) -> bool:
    """Whether the name at text[start:end] stands in a credit line or a caption's credit."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    before, rest = text[line_start:start], text[end:line_end]
    if not _REST.fullmatch(rest):
        return False
    if any(word.islower() and word not in _SMALL_WORDS for word in re.findall(r"[^\W\d_]+", rest)):
        return False  # "Photo: Ann Lee celebrates ...": a caption about her
    for label in _LABEL.finditer(text[line_start:end]):  # "By" is a label before a capital: the name's own
        if label.end() <= len(before) and _NAMES_BEFORE.fullmatch(before, label.end()):
            return True
    # "… on Saturday. Ann Lee/Agency": a caption's closing credit, the agency after a slash.
    return bool(re.match(r"\s*/\s*[A-Z][\w&.’' -]{0,40}\)?\.?\s*$", rest)) and bool(
        re.search(r"(?:^|[.!?)]\s+)$", before)
    )
