"""Parse a plain-text article as scraped: headline, dateline, date line, story, debris."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

import dateparser

from .author_names import BY_RE, ROLE_RE, clean_authors, is_placeholder
from .errors import IngestError
from .furniture import is_crumb, is_furniture


@dataclass(frozen=True)
class TextArticle:
    title: str
    source: str
    published: datetime.date | None
    author: str
    body: str  # cleaned story: paragraphs separated by a blank line


# "(Harbour Times) – The council voted..." and "MOSCOW (Reuters) - ..."
_DATELINE_PAREN = re.compile(r"^(?:[A-Z][\w .,'’-]{0,40}\s)?\(([A-Z][\w .&'’-]{1,40})\)\s*[–—-]\s")
# "Valletta /Harbour News/. The minister said..."
_DATELINE_SLASH = re.compile(r"^[A-Z][\w .,'’-]{0,40}\s/([A-Z][\w .&'’-]{1,40})/\.?\s")
# Debris after a headline: a trailing dash or pipe, or a repeated headline with a counter.
_TITLE_DEBRIS = re.compile(r"[\s\-–—|:]+$")
# "Post At: Mar 05/2024 09:30AM", "Published: 5 March 2024", "Updated on 2024-03-05"
_DATE_LABEL = re.compile(
    r"^(?:posted|post|published|publication date|date|updated|last updated)(?:\s+(?:at|on))?\s*:?\s*(.+)$", re.I
)
# A header line this long or longer is the story's opening, not a byline.
_BYLINE_CHARS = 120
_DATE_SETTINGS = {"STRICT_PARSING": True, "REQUIRE_PARTS": ["day", "month", "year"], "RETURN_AS_TIMEZONE_AWARE": False}

# The header is what comes before the story: headline, crumbs, byline, date line.
_HEADER_PARAGRAPHS = 6


def parse_text(text: str) -> TextArticle:
    """Split a scraped plain-text article into headline, metadata and cleaned story.

    The first non-empty line is the headline. Dates are read only from a
    labelled date line or a line that is only a date in the header, never
    from the story. Raises IngestError when no story text remains.
    """
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n|\n(?=\S)", text) if p.strip()]
    if not paragraphs:
        raise IngestError("the file holds no text")
    raw_title = _squash(paragraphs[0])
    title = _clean_title(raw_title)
    source, published, author = "", None, ""
    story: list[str] = []
    for index, para in enumerate(paragraphs[1:], start=1):
        in_header = not story and index <= _HEADER_PARAGRAPHS
        flat = _squash(para)
        if _is_repeated_title(flat, title):
            continue
        if in_header:
            date = _header_date(flat)
            if date is not None:
                published = published or date
                continue
            if (byline := _byline(flat)) is not None:
                author = author or byline
                continue
        if is_furniture(flat) or is_crumb(flat):
            continue
        if in_header and _is_header_crumb(flat):
            continue
        if not source and len(story) < 3:
            source = _dateline_source(flat)
        story.append(para)
    if not story:
        raise IngestError("no article text was found after removing headline and page furniture")
    return TextArticle(title=title, source=source, published=published, author=author, body="\n\n".join(story))


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _clean_title(line: str) -> str:
    title = _TITLE_DEBRIS.sub("", line).strip()
    return title or line


def _is_repeated_title(paragraph: str, title: str) -> bool:
    """The headline again, maybe with a counter or debris: 'Headline 0', 'Headline -'."""
    if not title:
        return False
    rest = paragraph[len(title):] if paragraph.lower().startswith(title.lower()) else None
    return rest is not None and re.fullmatch(r"[\s\d\-–—|:]*", rest) is not None


def _header_date(line: str) -> datetime.date | None:
    if len(line) > 60:
        return None
    labelled = _DATE_LABEL.match(line)
    candidate = labelled.group(1) if labelled else line
    if not re.search(r"\d", candidate):
        return None
    parsed = dateparser.parse(candidate, languages=["en"], settings=_DATE_SETTINGS)
    if parsed is None and labelled:
        # "Mar 05/2024 09:30AM": a slash between day and year confuses some parsers.
        parsed = dateparser.parse(candidate.replace("/", " "), languages=["en"], settings=_DATE_SETTINGS)
    return parsed.date() if parsed else None


def _byline(line: str) -> str | None:
    """The authors a header line credits, "" for a byline that names no person, or None for no byline.

    "By Ann Lee", "By Ann Lee, Science Editor", "Ann Lee, Health Correspondent", "By Ann Lee
    and Bo Li": names are cleaned as a page's visible byline is (author_names.py).
    """
    if len(line) >= _BYLINE_CHARS or not (BY_RE.match(line) or ROLE_RE.search(line)):
        return None
    if names := clean_authors([line], "", visible=True):
        return "; ".join(names)
    if BY_RE.match(line) and (is_placeholder(BY_RE.sub("", line)) or clean_authors([line], "", people=False, visible=True)):
        return ""  # "By admin", "By Harbour News Staff": a byline, of no one
    return None


def _is_header_crumb(line: str) -> bool:
    """A one-word label before the story: a category ("War"), a section ("Sport").

    Longer short lines are kept: a name on its own may be a byline or a
    results line, and losing story is worse than keeping a label.
    """
    return re.fullmatch(r"[^\W\d_][\w’'&-]*", line.strip()) is not None


def _dateline_source(paragraph: str) -> str:
    for pattern in (_DATELINE_PAREN, _DATELINE_SLASH):
        match = pattern.match(paragraph)
        if match:
            return match.group(1).strip()
    return ""
