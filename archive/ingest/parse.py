"""From the bytes of one upload to a parsed article, with no database writes."""

from __future__ import annotations

import datetime
import hashlib
import re
from dataclasses import asdict, dataclass, field
from pathlib import PurePosixPath

import dateparser
from django.conf import settings

from archive.entities import Found, extract_entities

from .decode import GZIP_MAGIC, decode_text, gunzip
from .errors import IngestError
from .html import looks_like_html, parse_html
from .text import parse_text

METADATA_FIELDS = ("title", "source", "url", "published", "author")


@dataclass(frozen=True)
class Upload:
    """One file as uploaded, with what the uploader said about it."""

    data: bytes
    name: str
    content_type: str = ""
    metadata: dict = field(default_factory=dict)


@dataclass(frozen=True)
class ParsedArticle:
    title: str
    source: str
    published: datetime.date | None
    author: str
    url: str
    language: str
    body_text: str
    body_html: str
    entities: list[Found]

    @property
    def fingerprint(self) -> str:
        """Same for two uploads whose cleaned title and text are the same.

        Spacing inside a paragraph does not count; case and paragraph breaks
        do, so that re-edited versions of a story stay separate articles.
        """
        paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n", f"{self.title}\n\n{self.body_text}")]
        flat = "\n\n".join(p for p in paragraphs if p)
        return hashlib.sha256(flat.encode("utf-8")).hexdigest()


def parse_upload(upload: Upload) -> ParsedArticle:
    """Decode, parse, clean and extract one upload; what the uploader gave wins.

    Raises IngestError with a reason a person can act on.
    """
    data = upload.data
    limit = settings.ARCHIVE_MAX_ARTICLE_BYTES
    if len(data) > limit:
        raise IngestError(f"the file is {len(data):,} bytes, over the {limit:,}-byte limit for one article")
    if data.startswith(GZIP_MAGIC):
        data = gunzip(data, limit=limit)
    text = decode_text(data)
    metadata = clean_metadata(upload.metadata)
    if _is_html(upload, text):
        parsed = asdict(parse_html(text))  # Page has exactly ParsedArticle's text and metadata fields
    else:
        article = parse_text(text)
        parsed = dict(
            title=article.title, source=article.source, published=article.published, author=article.author,
            url="", language="", body_text=article.body, body_html="",
        )
    parsed.update({k: v for k, v in metadata.items() if v})
    if not parsed["title"]:
        parsed["title"] = parsed["body_text"].split("\n", 1)[0][:200]
    parsed["title"] = parsed["title"][:500]
    entities = extract_entities(f"{parsed['title']}\n\n{parsed['body_text']}")
    return ParsedArticle(entities=entities, **parsed)


def clean_metadata(metadata: dict) -> dict:
    """Check what an uploader gave: known fields only, a real date. Raises IngestError."""
    unknown = set(metadata) - set(METADATA_FIELDS)
    if unknown:
        raise IngestError(f"unknown metadata field(s): {', '.join(sorted(unknown))}")
    cleaned = {k: str(v).strip() for k, v in metadata.items() if v not in (None, "") and k != "published"}
    published = metadata.get("published")
    if isinstance(published, datetime.date):
        cleaned["published"] = published
    elif published not in (None, ""):
        cleaned["published"] = parse_date(str(published))
    return cleaned


def parse_date(value: str) -> datetime.date:
    """Read a date an uploader typed ("2024-03-05", "5 March 2024"); raises IngestError."""
    try:
        return datetime.date.fromisoformat(value.strip()[:10])
    except ValueError:
        pass
    parsed = dateparser.parse(
        value, languages=["en"], settings={"STRICT_PARSING": True, "REQUIRE_PARTS": ["day", "month", "year"]}
    )
    if parsed is None:
        raise IngestError(f"the published date {value!r} is not a date (use YYYY-MM-DD)")
    return parsed.date()


def _is_html(upload: Upload, text: str) -> bool:
    suffixes = PurePosixPath(upload.name.lower()).suffixes
    if ".html" in suffixes or ".htm" in suffixes or "html" in upload.content_type:
        return True
    if ".txt" in suffixes:
        return False
    return looks_like_html(text)
