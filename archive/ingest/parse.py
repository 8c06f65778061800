"""From the bytes of one upload to a parsed article, with no database writes."""

from __future__ import annotations

import datetime
from urllib.parse import urlsplit
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
# Publication dates outside these are typing slips or junk in a page, never news.
EARLIEST_PUBLISHED = datetime.date(1800, 1, 1)


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
        return fingerprint(self.title, self.body_text)


def fingerprint(title: str, body_text: str) -> str:
    """See ParsedArticle.fingerprint."""
    paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n", f"{title}\n\n{body_text}")]
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
        parsed = asdict(parse_html(text, url=metadata.get("url", "")))  # Page has exactly ParsedArticle's text and metadata fields
    else:
        article = parse_text(text)
        parsed = dict(
            title=article.title, source=article.source, published=article.published, author=article.author,
            url="", language="", body_text=article.body, body_html="",
        )
    if parsed["published"] and not is_plausible(parsed["published"]):
        parsed["published"] = None  # a date read from the page is a guess: better none than a wrong one
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
    if "url" in cleaned:
        cleaned["url"] = web_address(cleaned["url"])
    published = metadata.get("published")
    if isinstance(published, datetime.datetime):
        published = published.date()
    if isinstance(published, datetime.date):
        cleaned["published"] = check_published(published)
    elif published not in (None, ""):
        cleaned["published"] = parse_date(str(published))
    return cleaned


def web_address(value: str) -> str:
    """An article's address as given, if it is a web address (http or https); raises IngestError otherwise.

    Anything else ("javascript:...", "data:...") would become a link that runs in a reader's browser.
    """
    value = value.strip()
    if value and urlsplit(value).scheme.lower() not in ("http", "https"):
        raise IngestError(f"the url {value[:100]!r} is not a web address (http:// or https://)")
    return value


def parse_date(value: str) -> datetime.date:
    """Read a date an uploader typed ("2024-03-05", "5 March 2024"); raises IngestError."""
    try:
        return check_published(datetime.date.fromisoformat(value.strip()[:10]))
    except ValueError:
        pass
    try:
        parsed = dateparser.parse(
            value[:100], languages=["en"], settings={"STRICT_PARSING": True, "REQUIRE_PARTS": ["day", "month", "year"]}
        )
    except (ValueError, OverflowError):
        parsed = None
    if parsed is None:
        raise IngestError(f"the published date {value[:100]!r} is not a date (use YYYY-MM-DD)")
    return check_published(parsed.date())


def latest_published() -> datetime.date:
    """A year from today: scheduled stories exist, stories from years ahead do not."""
    return datetime.date.today() + datetime.timedelta(days=366)


def is_plausible(day: datetime.date) -> bool:
    return EARLIEST_PUBLISHED <= day <= latest_published()


def check_published(day: datetime.date) -> datetime.date:
    """The date itself, when a news story can carry it; raises IngestError."""
    if not is_plausible(day):
        raise IngestError(
            f"the published date {day.isoformat()} is outside the range the archive takes "
            f"({EARLIEST_PUBLISHED.isoformat()} to {latest_published().isoformat()})"
        )
    return day


def _is_html(upload: Upload, text: str) -> bool:
    # The name's last suffix decides ("page.html.gz" is HTML, "notes.html.txt" is text).
    suffixes = [s for s in PurePosixPath(upload.name.lower()).suffixes if s != ".gz"]
    last = suffixes[-1] if suffixes else ""
    if last in (".html", ".htm", ".xhtml"):
        return True
    if last in (".txt", ".text"):
        return False
    if "html" in upload.content_type:
        return True
    return looks_like_html(text)
