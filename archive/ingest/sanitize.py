"""Make uploaded HTML safe to render, and turn it back into plain text.

This is the only module that imports nh3: bleach, the sanitizer first planned,
stopped all releases in June 2026 (mozilla/bleach#698), so swapping the
sanitizer again should touch this file alone.
"""

from __future__ import annotations

import re

import nh3
from lxml import html as lxml_html

# An allow-list of text markup; anything else is unwrapped (its text kept).
_TAGS = {
    "p", "br", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "blockquote",
    "em", "strong", "b", "i", "a", "figure", "figcaption", "pre", "code",
    "table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td",
}  # fmt: skip

# Dropped together with their content, not just unwrapped.
_DROPPED = {
    "script", "style", "iframe", "object", "embed", "form", "noscript",
    "template", "svg", "math", "button", "select", "textarea",
}  # fmt: skip

_ATTRIBUTES = {
    "a": {"href"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
}

# Tags that end a paragraph of plain text, and the cells of a table row.
_BLOCKS = {
    "p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "blockquote",
    "figure", "figcaption", "pre", "table", "caption", "tr", "div",
}  # fmt: skip
_CELLS = {"td", "th"}

# Private-use characters mark breaks while lxml flattens the tree to text.
_PARAGRAPH = "\ue000"
_LINE = "\ue001"
_UNWANTED_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ue000\ue001]")


def clean_html(html: str, *, base_url: str = "") -> str:
    """Return `html` reduced to an allow-list of text markup, safe to render.

    Scripts, styles, frames, embeds and forms are removed with their content;
    other unknown tags are unwrapped. No `on*`, `style` or `class` attribute
    survives, links keep only http(s) or mailto targets (javascript: and data:
    URLs are dropped) and get rel="nofollow noopener". Relative links are
    resolved against `base_url` when it is an http(s) URL, else dropped.
    """
    relative = ("rewrite_with_base", base_url) if base_url.startswith(("http://", "https://")) else "deny"
    return nh3.clean(
        _UNWANTED_RE.sub("", html),
        tags=_TAGS,
        clean_content_tags=_DROPPED,
        attributes=_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        url_relative=relative,
        link_rel="nofollow noopener",
        strip_comments=True,
    ).strip()


def render_text(html: str) -> str:
    """Return the plain text of an HTML fragment.

    Paragraphs, headings, list items, table rows and the like become blocks
    separated by a blank line ("\\n\\n"); <br> becomes a single newline; other
    whitespace is collapsed to single spaces. Script and style content is
    ignored.
    """
    # lxml rejects control characters; the markers must not come from the input.
    html = _UNWANTED_RE.sub("", html)
    if not html.strip():
        return ""
    root = lxml_html.fragment_fromstring(html, create_parent="div")
    for element in root.xpath(".//script | .//style"):
        element.drop_tree()
    for element in root.iter():
        if element.tag == "br":
            element.tail = _LINE + (element.tail or "")
        elif element.tag in _BLOCKS:
            element.text = _PARAGRAPH + (element.text or "")
            element.tail = _PARAGRAPH + (element.tail or "")
        elif element.tag in _CELLS:
            element.tail = " " + (element.tail or "")
    paragraphs = []
    for chunk in root.text_content().split(_PARAGRAPH):
        lines = (" ".join(line.split()) for line in chunk.split(_LINE))
        paragraph = "\n".join(line for line in lines if line)
        if paragraph:
            paragraphs.append(paragraph)
    return "\n\n".join(paragraphs)
