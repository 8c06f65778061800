"""Staff corrections to an article: through the one write path, kept over reprocessing.

An article is always its stored original, read with the current rules, with
the corrections staff made laid over it (`Article.edited`). Editing records a
correction and derives the article again, so a corrected title or body is
cleaned, fingerprinted, searched for names (merges and rejections holding) and
reindexed exactly as an import would be; `reprocess` keeps the corrections.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import replace

from archive.entities import extract_entities

from .errors import IngestError
from .parse import ParsedArticle, check_published, web_address

# What staff may correct. Raw HTML is never hand-edited: a corrected body is text.
EDITABLE = ("title", "source", "published", "author", "url", "body_text")
_LIMITS = {"title": 500, "source": 200, "author": 200, "url": 2000}
_LABELS = {"source": "outlet", "body_text": "body"}


def labels(fields) -> str:
    """The corrected fields as staff know them ("title, outlet, body")."""
    return ", ".join(_LABELS.get(field, field) for field in fields)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def normalise(field: str, value) -> str:
    """A value as `Article.edited` keeps it: clean text, a date as YYYY-MM-DD ("" for none). Never raises."""
    if field == "published":
        return value.isoformat() if isinstance(value, datetime.date) else str(value or "").strip()
    text = _CONTROL.sub("", str(value or "")).replace("\r\n", "\n").replace("\r", "\n")
    if field == "body_text":
        return re.sub(r"\n{3,}", "\n\n", "\n".join(line.rstrip() for line in text.strip().split("\n")))
    return " ".join(text.split())[:_LIMITS.get(field, 500)]


def correction(field: str, value) -> str:
    """normalise(field, value), refused with IngestError when the archive cannot take it."""
    if field not in EDITABLE:
        raise IngestError(f"{field} cannot be edited")
    text = normalise(field, value)
    if field == "published" and text:
        try:
            check_published(datetime.date.fromisoformat(text))
        except ValueError:
            raise IngestError(f"the published date {text[:100]!r} is not a date (use YYYY-MM-DD)") from None
    if field == "body_text" and not text:
        raise IngestError("the body cannot be empty: an article without text is no article")
    if field == "title" and not text:
        raise IngestError("the title cannot be empty")
    if field == "url":
        web_address(text)
    return text


def with_edits(parsed: ParsedArticle, edited: dict) -> ParsedArticle:
    """The parsed original with staff's corrections laid over it; names found again if the text changed."""
    if not edited:
        return parsed
    changes = {field: value for field, value in edited.items() if field in EDITABLE}
    if "published" in changes:
        changes["published"] = datetime.date.fromisoformat(changes["published"]) if changes["published"] else None
    if "body_text" in changes:
        changes["body_html"] = ""  # the page's markup no longer says what the text says
    corrected = replace(parsed, **changes)
    if "title" in changes or "body_text" in changes:
        corrected = replace(corrected, entities=extract_entities(f"{corrected.title}\n\n{corrected.body_text}"))
    return corrected
