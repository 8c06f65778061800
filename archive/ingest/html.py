"""Turn a decoded HTML news page into a `Page`: metadata plus the article body.

Trafilatura finds the main content; the metadata comes from the page's own
declarations (OpenGraph, JSON-LD, <meta>, <time>) read in a fixed order of
preference, so nothing is guessed from the domain or from the story text.
Nothing here touches the network.
"""

from __future__ import annotations

import collections
import copy
import datetime
import difflib
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass

import trafilatura
from lxml import etree
from lxml import html as lxml_html
from lxml.html import HtmlElement, tostring
from trafilatura.htmlprocessing import convert_to_html
from trafilatura.xml import delete_element

from .bylines import find_byline
from .dates import find_published
from .errors import IngestError
from .sanitize import clean_html, render_text
from .titles import find_title


@dataclass(frozen=True)
class Page:
    """What an HTML upload says about itself, and its article body."""

    title: str
    source: str
    published: datetime.date | None
    author: str
    url: str
    language: str
    body_text: str
    body_html: str


# A document start, or a fragment that opens with a common tag.
_DOCUMENT_RE = re.compile(r"<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]", re.I)
_FRAGMENT_RE = re.compile(
    r"\A\s*<(?:p|div|span|a|article|section|main|header|h[1-6]|ul|ol|li|table|"
    r"blockquote|figure|img|br|em|strong|b|i|meta|title|link|script|style|!--)[\s>/]",
    re.I,
)

_LEADING_COMMENTS_RE = re.compile(r"\A(?:\s*<!--.*?-->)+", re.S)
_XML_DECLARATION_RE = re.compile(r"\A\s*<\?xml[^>]*\?>")
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

# Measured on the 30-page benchmark in tests/test_html.py (token F1 of the text,
# before the link-block filter below): favor_precision 0.971, the default 0.964,
# favor_recall 0.955. Links and formatting are kept for body_html only.
_EXTRACT_OPTIONS = {
    "favor_precision": True,
    "include_comments": False,
    "include_tables": True,
    "include_images": False,
    "include_formatting": True,
    "include_links": True,
    "with_metadata": False,
}

# A JSON-LD articleBody this many times the shown text's words, opening with its first words,
# is the whole story behind a teaser.
_TEASER_SHARE = 2
_OPENING_WORDS = 15
# Tried in turn until one finds article text: a page is rejected only when none does.
_ATTEMPTS = {
    "precision": _EXTRACT_OPTIONS,
    "recall": {**_EXTRACT_OPTIONS, "favor_precision": False, "favor_recall": True},
    "baseline": None,
}

_FALLBACK_WORDS = 30
# Bounds on what a page's JSON-LD can make us walk: values read, nesting followed, names joined.
_MAX_JSON_LD_VALUES = 20_000
_MAX_JSON_LD_DEPTH = 6
_MAX_JSON_LD_NAMES = 20

# A block whose text is at least this share of link text is navigation. 0.9
# gains 0.005 token F1 on the benchmark; lower shares gain a little more but
# start to drop sentences that merely end in a long link.
_LINK_SHARE = 0.9
_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
_LANGUAGE_META = ("content-language", "language", "dc.language", "inlanguage", "og:locale")


def looks_like_html(text: str) -> bool:
    """Return True when `text` is an HTML page or fragment, judged by its start.

    Markup must come first: a plain text that mentions `<body>` or `<script>`
    in its opening paragraphs stays text, and keeps every word.
    """
    head = _skip_comments(text)[:2048]
    return head.startswith("<") and bool(_DOCUMENT_RE.search(head) or _FRAGMENT_RE.match(head))


def _skip_comments(text: str) -> str:
    """The text from its first markup that is not a comment (templates open with long ones)."""
    return _LEADING_COMMENTS_RE.sub("", text.lstrip("\ufeff"), count=1).lstrip()


def parse_html(text: str, *, url: str = "") -> Page:
    """Extract the article and its metadata from a decoded HTML page.

    `url` is where the page was found, when the uploader said so.
    Raises IngestError when the page cannot be parsed or holds no article text.
    """
    tree = _load_tree(text)
    # A fragment is taken to be the article itself: trafilatura's boilerplate
    # filters would drop short lists and lone paragraphs from it.
    is_fragment = not _DOCUMENT_RE.search(_skip_comments(text)[:2048])
    # Trafilatura prunes the tree it is given, so read the metadata first.
    meta = _read_meta(tree)
    objects = list(_json_ld_objects(tree))
    article = _json_ld_article(objects)
    source = meta.get("og:site_name", "").lstrip("@") or _json_ld_name(article.get("publisher"), objects)
    url = _find_url(tree, meta) or url
    title = find_title(tree, meta, source=source, url=url)
    byline = find_byline(tree, meta, article, objects, source=source)
    source = source or byline.outlet
    published = find_published(tree, meta, article, objects, title=title, url=url)
    body_html, body_text = "", ""
    for n, attempt in enumerate(["whole"] if is_fragment else _ATTEMPTS):
        # Each attempt gets a fresh tree: trafilatura prunes the one it reads.
        body_html = _extract_body(tree if n == 0 else _load_tree(text), title, url, attempt)
        body_text = render_text(body_html)
        # A fallback's find must read like a story, not a copyright line or a menu.
        enough = 1 if n == 0 else _FALLBACK_WORDS
        if len(body_text.split()) >= enough and body_text.casefold() != title.casefold():
            break
    else:
        raise IngestError(_no_text_reason(title, published, byline.authors))
    if not is_fragment and (whole := _declared_body(article, body_text)):
        body_html, body_text = whole, render_text(whole)
    return Page(
        title=title,
        source=source,
        published=published,
        author="; ".join(byline.authors),
        url=url,
        language=_find_language(tree, meta, article),
        body_text=body_text,
        body_html=body_html,
    )


def _load_tree(text: str) -> HtmlElement:
    # lxml refuses str input that declares its own encoding (ours is decoded)
    # and control characters, which have no place in HTML text anyway.
    text = _CONTROL_RE.sub("", _XML_DECLARATION_RE.sub("", text, count=1))
    try:
        # A parser per call: lxml parsers must not be shared between threads.
        parser = lxml_html.HTMLParser(remove_comments=True, remove_pis=True, collect_ids=False)
        return lxml_html.document_fromstring(text, parser=parser)
    except (ValueError, etree.ParserError) as error:
        raise IngestError("This file could not be read as an HTML page.") from error


def _extract_body(tree: HtmlElement, title: str, url: str, attempt: str) -> str:
    """Return the sanitized main content: all of `tree` ("whole"), or what an extractor finds."""
    if attempt == "whole":
        body = tree.find("body")
        if body is None:
            return ""  # a fragment of head tags only: <title>, <meta>, <script>
    elif attempt == "baseline":
        body = trafilatura.baseline(tree)[0]  # JSON-LD articleBody, <article>, or every paragraph
        if not len(body):
            return ""
    else:
        document = trafilatura.bare_extraction(tree, **_ATTEMPTS[attempt])
        if document is None or document.body is None:
            return ""
        body = convert_to_html(copy.deepcopy(document.body)).find("body")
        _drop_link_blocks(body)
    first = body[0] if len(body) else None
    if first is not None and first.tag in _HEADINGS and _is_same_title("".join(first.itertext()), title):
        delete_element(first, keep_tail=True)  # the headline is stored apart from the body, its tail is not
    for heading in body.iter("h1"):
        heading.tag = "h2"  # h1 is kept for the page title, not allowed in bodies
    inner = (body.text or "") + "".join(tostring(child, encoding="unicode") for child in body)
    return clean_html(inner, base_url=url)


def _declared_body(article: dict, shown: str) -> str:
    """The story's whole text as its JSON-LD declares it (`articleBody`), as sanitized paragraphs,
    where the page shows only its opening (a paywall's teaser); or ""."""
    declared = article.get("articleBody")
    if not isinstance(declared, str) or len(declared.split()) < _TEASER_SHARE * len(shown.split()):
        return ""
    opening = " ".join(shown.split()[:_OPENING_WORDS])
    if len(opening.split()) < _OPENING_WORDS or opening not in " ".join(declared.split()):
        return ""
    # Its paragraphs, with what markup some sites leave in it sanitized as any page's.
    paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n|\n", declared) if p.strip()]
    return clean_html("".join(f"<p>{p}</p>" for p in paragraphs))


def _no_text_reason(title: str, published: datetime.date | None, authors: list[str]) -> str:
    """The refusal, with what the page said about itself, so that the report keeps it."""
    found = [f"title \u201c{title[:200]}\u201d" if title else "",
             f"published {published.isoformat()}" if published else "",
             f"by {'; '.join(authors)}" if authors else ""]  # fmt: skip
    said = ", ".join(part for part in found if part)
    return "No article text could be found in this HTML page" + (f" (it gives {said})." if said else ".")


def _drop_link_blocks(body: etree._Element) -> None:
    """Remove blocks made (almost) only of link text: related stories, "see more" lists."""
    for element in list(body.iter("p", "li", *_HEADINGS)):
        text = len(" ".join("".join(element.itertext()).split()))
        links = sum(len(" ".join("".join(a.itertext()).split())) for a in element.iter("a"))
        if text and links >= _LINK_SHARE * text and element.getparent() is not None:
            delete_element(element, keep_tail=True)
    for element in list(body.iter("ul", "ol")):
        if len(element) == 0 and element.getparent() is not None:
            delete_element(element, keep_tail=True)


def _is_same_title(heading: str, title: str) -> bool:
    heading, title = " ".join(heading.split()).casefold(), title.casefold()
    return bool(title) and difflib.SequenceMatcher(None, heading, title).ratio() >= 0.8


def _read_meta(tree: HtmlElement) -> dict[str, str]:
    """Map lowercased property/name/itemprop/http-equiv to the first non-empty content."""
    found: dict[str, str] = {}
    for element in tree.iterfind(".//meta[@content]"):
        content = " ".join(element.get("content", "").split())
        for attribute in ("property", "name", "itemprop", "http-equiv"):
            key = element.get(attribute, "").strip().lower()
            if key and content and key not in found:
                found[key] = content
    return found


def _json_ld_objects(tree: HtmlElement) -> Iterator[dict]:
    """Yield every JSON-LD object on the page, outer ones first, nested ones (@graph...) after."""
    for script in tree.xpath('.//script[@type="application/ld+json"]'):
        try:
            data = json.loads(script.text_content().strip() or "null", strict=False)
        except (ValueError, RecursionError):  # RecursionError: arrays nested thousands deep
            continue
        pending = collections.deque([data])
        seen = 0
        while pending and seen < _MAX_JSON_LD_VALUES:
            item = pending.popleft()
            seen += 1
            if isinstance(item, list):
                pending.extend(item)
            elif isinstance(item, dict):
                yield item
                pending.extend(value for value in item.values() if isinstance(value, (dict, list)))


def _json_ld_article(objects: list[dict]) -> dict:
    """Return the article object (NewsArticle, BlogPosting...) or the first one dated."""
    for item in objects:
        kinds = item.get("@type")
        if any(str(k).endswith("Article") or k in ("BlogPosting", "Report") for k in _as_list(kinds)):
            return item
    return next((item for item in objects if "datePublished" in item), {})


def _as_list(value: object) -> list:
    return value if isinstance(value, list) else [value]


def _json_ld_name(value: object, objects: list[dict], depth: int = 0) -> str:
    """Return the name(s) in a JSON-LD person/organisation value, following @id links (not in circles)."""
    if depth > _MAX_JSON_LD_DEPTH:
        return ""
    if isinstance(value, list):
        names = (_json_ld_name(item, objects, depth + 1) for item in value[:_MAX_JSON_LD_NAMES])
        return ", ".join(dict.fromkeys(name for name in names if name))
    if isinstance(value, str):
        return "" if "://" in value else " ".join(value.split())
    if not isinstance(value, dict):
        return ""
    if "name" not in value and "@id" in value:
        value = next((o for o in objects if o.get("@id") == value["@id"] and "name" in o), {})
    name = value.get("name")
    return _json_ld_name(name, objects, depth + 1) if isinstance(name, (str, list)) else ""


def _find_url(tree: HtmlElement, meta: dict[str, str]) -> str:
    for candidate in [*tree.xpath(".//link[@rel='canonical']/@href"), meta.get("og:url", "")]:
        candidate = candidate.strip()
        if candidate.startswith(("http://", "https://")):
            return candidate
    return ""


def _find_language(tree: HtmlElement, meta: dict[str, str], article: dict) -> str:
    candidates = [tree.get("lang"), tree.get("xml:lang")]
    candidates += [meta.get(name) for name in _LANGUAGE_META]
    candidates.append(article.get("inLanguage"))
    for candidate in candidates:
        if isinstance(candidate, str):
            code = re.split(r"[-_,;\s]", candidate.strip(), maxsplit=1)[0].lower()
            if re.fullmatch(r"[a-z]{2}", code):
                return code
    return ""
