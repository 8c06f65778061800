"""Where in a page an element sits: in the story, or in someone else's part of it.

Dates and names in comments, related stories, sidebars, footers, quotes, captions
and references belong to other people and other stories; the readers of dates and
bylines skip them. Both read a block's words only while they stay short (`short_text`).
"""

from __future__ import annotations

import re

from lxml.html import HtmlElement

ELSEWHERE_TAGS = ("footer", "aside", "nav", "figure", "figcaption", "blockquote", "cite", "q")
# Class or id words that open such a part ('comment-list', 'related-posts', 'site-footer'; an
# obituary's 'guestbook' of condolences).
_ELSEWHERE_RE = re.compile(
    r"(?:^|[\s_-])(?:comment|guestbook|related|sidebar|footer|recommend|popular|trending|promo|reference|citation|more-)",
    re.I,
)


def names_elsewhere(element: HtmlElement) -> bool:
    """Whether the element's own class or id says it is another part of the page."""
    return bool(_ELSEWHERE_RE.search(f"{element.get('class', '')} {element.get('id', '')}"))


# A story's own footer, which holds its date, author and tags ('post-footer', 'entry-footer').
_OWN_FOOTER_RE = re.compile(r"(?:^|[\s_-])(?:post|entry|article|story)-?footer", re.I)


def is_elsewhere(element: HtmlElement) -> bool:
    """Whether the element sits inside another part of the page than the story."""
    for ancestor in element.iterancestors():
        if ancestor.tag in ("body", "html"):
            return False  # the body's classes describe the whole page
        if _is_own_footer(ancestor):
            continue
        if ancestor.tag in ELSEWHERE_TAGS:
            return True
        # A part named like a sidebar that holds the headline is the story's column ('sidebar-1').
        if names_elsewhere(ancestor) and ancestor.find(".//h1") is None:
            return True
    return False


def _is_own_footer(element: HtmlElement) -> bool:
    """A story's footer: named so, or a <footer> inside an <article> (HTML's own meaning of it)."""
    if _OWN_FOOTER_RE.search(f"{element.get('class', '')} {element.get('id', '')}"):
        return True
    return element.tag == "footer" and next(element.iterancestors("article"), None) is not None


def short_text(element: HtmlElement, limit: int) -> str:
    """The element's text, or "" once it is longer than `limit` (read no further: wrappers hold whole pages)."""
    pieces, size = [], 0
    for piece in element.itertext():
        size += len(piece)
        if size > limit * 2:
            return ""
        pieces.append(piece)
    return " ".join(" ".join(pieces).split())
