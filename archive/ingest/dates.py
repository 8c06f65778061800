"""The publication day of an HTML page, weighed from every cue the page gives.

No single cue can be trusted: `article:published_time` is sometimes the last
edit, JSON-LD sometimes describes the web page rather than the story, a UTC
stamp falls on the next day for an evening story in America. So each cue
votes for a day with a weight that says how directly it declares first
publication, and the day with the most weight wins, if it has enough (on a tie,
the day of the strongest single cue, then the earliest):

- declarations (`article:published_time`, the story object's JSON-LD
  `datePublished`, `itemprop=datePublished`): 3; another JSON-LD object's
  `datePublished`, other date meta tags: 2;
- a date in the story's header (a `<time>`, or a short line under or above the
  headline that is a date), or in the story's URL: 2;
- the page's first `<time>` elsewhere, the first publication stamp in the page's
  JSON state (`<script type="application/json">`): 1.5;
- a short line anywhere that opens "Published" or "Posted" and holds a date: 2;
- htmldate's reading of the markup (`original_date=True`, no free-text
  search): 1, so that it can confirm a cue or break a tie, never date a page alone.

Dates labelled as updates, and dates in comments, sidebars and footers, are not
evidence. How the cues' votes make a day, on the page's own clock: date_votes.py.
"""

from __future__ import annotations

import contextlib
import datetime
import difflib
import re
from collections.abc import Iterable

from htmldate import find_date
from lxml.html import HtmlElement

from .date_votes import DECLARED, HEADER, LIBRARY, META, PAGE_TIME, URL, Cue, decide, neighbour_days
from .regions import is_elsewhere, short_text
from .site_clock import site_zones
from .stamps import EARLIEST, MONTHS, TEXT_DATE_RES, Stamp, read_stamp, read_text_date

_DECLARED_META = ("article:published_time", "datepublished", "og:published_time", "article:published")
_OTHER_META = (
    "date", "pubdate", "publishdate", "publish-date", "publish_date", "pub_date", "publication_date",
    "dc.date", "dc.date.issued", "dcterms.date", "dcterms.created", "dcterms.issued", "citation_publication_date",
    "sailthru.date", "parsely-pub-date", "original-publish-date", "pdate",
)  # fmt: skip
# Where a date line parts: at a bar or a bullet, or before the word that labels an update.
_PIECES_RE = re.compile(r"\s+[|\u2022\u00b7]\s+|[;,]?\s+(?=(?:last\s+)?(?:updated?|modified|edited|revised)\b)", re.I)
_MODIFIED_META = ("article:modified_time", "og:updated_time", "datemodified")
_UPDATE_RE = re.compile(r"\b(?:updated?|modified|edited|revised)\b", re.I)
_PUBLISHED_LABEL_RE = re.compile(
    r"\A\W*(?:(?:first\s+)?(?:published|posted)\b|dated?\b(?!\s*(?:of|modified|updated|last|range)\b))", re.I
)
# A masthead's date of the day the page was seen.
_TODAY_CLASS_RE = re.compile(r"(?:^|[\s_-])(?:today|current-?date|date-?today|clock)(?:$|[\s_-])", re.I)
_PUBLISHED_CLASS_RE = re.compile(r"publish|entry-date|post-date|posted|dateline", re.I)
# Publication keys of the JSON state that script-built pages carry beside their markup.
_STATE_DATE_RE = re.compile(
    r'"(?:datePublished|publishedDate|publishDate|published_at|publishedAt|firstPublished(?:Date|At)?|'
    r'first_published_at|pubDate)"\s*:\s*(?:"([^"]{8,40})"|null\b)'
)
_URL_DATE_RES = (
    re.compile(r"/(?P<year>(?:19|20)\d{2})[/-](?P<month>\d{1,2}|[a-z]{3})[/-](?P<day>\d{1,2})(?:[/-]|\.html?|$)", re.I),
    re.compile(r"[/_-](?P<year>(?:19|20)\d{2})(?P<month>[01]\d)(?P<day>[0-3]\d)(?:[/_.-]|$)"),
)
_STATE_CHARS = 200_000  # of one script: the page's own story comes first in its state
_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
# What a date line beside a headline may say around its date ("By Ann Lee | ...", "Published ...").
_DATE_LINE_LABEL_RE = re.compile(r"\A\W*(?:by|published|posted|first\s+published)\b|[|\u2022\u00b7]", re.I)
_NAME_FIRST_RE = re.compile(r"\A\s*(?:[A-Z][\w'’.-]*\s+){1,3}[A-Z][\w'’.-]*\s*,\s+(?=\S)")
_TIME_WORDS = frozenset(
    "at on am pm a.m p.m gmt bst utc est edt pst pdt cet cest ist aest monday tuesday wednesday thursday friday "
    "saturday sunday mon tue tues wed thu thur thurs fri sat sun".split()
)
# What marks a block as a list of other stories: a list, or headlines of its own.
# (Not a list of the story's authors: '<div class="authors"><ul><li class="author">'.)
_LISTS = "[not(contains(concat(@class, ' ', ../@class), 'author')) and not(.//*[contains(@class, 'author')])]"
_OTHER_STORIES = f"self::*[@role='list'] | .//ul{_LISTS} | .//ol{_LISTS} | .//*[@role='list'] | .//h2 | .//h3 | .//h4"
_NUMERIC_DATE_RE = re.compile(r"(?<![\d/.])(\d{1,2})/(\d{1,2})/(\d{4})(?![\d/])")
# A wire story's dateline, opening its first paragraphs: "LAGOS, Jan. 8, 2024 (Agency) -".
_WIRE_DATELINE_RE = re.compile(
    r"\A\W*[A-Z][A-Z .'’-]{1,40}(?:,\s*[A-Z][^\W\d_ .'’-]*(?:[ .'’-]+[^\W\d_]+)*)?"  # 'LAGOS', 'IKEJA, Lagos State'
    r",\s*(.{6,30}?)\s*(?:\([^()]{1,40}\)\s*)?[-–—]"
)
# A republished story's note of where and when it first ran.
_ORIGINALLY_RE = re.compile(r"\b(?:was\s+)?(?:originally|first)\s+(?:published|appeared|ran|posted)\b", re.I)
_ORIGINAL_CHARS = 150  # short_text reads up to twice this
# A date line that gives a range: "Published from Mar. 4 to Mar. 6, 2025".
_RANGE_RE = re.compile(r"\bfrom\s+(?P<start>[^\W\d_][\w.]*\.?\s+\d{1,2}(?:,?\s+\d{4})?|\d{1,2}\s+[^\W\d_][\w.]*(?:\s+\d{4})?)"
                       r"\s+(?:to|until|through|till|[-–])\s+(?P<end>[^;|]{5,30})", re.I)
# Blocks on either side of the headline's own that may hold its date line.
_BESIDE = 3
# The paragraphs a wire dateline may open (after a standfirst, a caption...).
_WIRE_PARAGRAPHS = 4
# A line this long or longer is prose, not a dateline.
_DATELINE_CHARS = 80


def find_published(tree: HtmlElement, meta: dict[str, str], article: dict, objects: list[dict],
                   *, title: str, url: str) -> datetime.date | None:  # fmt: skip
    """Return the page's publication day, or None when the cues do not agree enough."""
    return decide(find_cues(tree, meta, article, objects, title=title, url=url), site_zones(url))


def find_cues(tree: HtmlElement, meta: dict[str, str], article: dict, objects: list[dict],
              *, title: str, url: str) -> list[Cue]:  # fmt: skip
    """Every date the page gives for its publication, weighed (see the module's docstring)."""
    others = [o.get("datePublished") for o in objects if o is not article]
    cues = [
        *_first(((meta.get(name), name) for name in _DECLARED_META), DECLARED),
        *_first([(article.get("datePublished"), "JSON-LD article")], DECLARED),
        *_first(((value, "JSON-LD") for value in others), META),
        *_first(((meta.get(name), name) for name in _OTHER_META), META),
        *_marked_up(tree),
        *_header_dates(tree, title),
        *_first_time(tree),
        *_labelled_dateline(tree),
        *_original_publication(tree),
        *_wire_dateline(tree),
        *_first(((value, "page state JSON") for value in _state_dates(tree)), PAGE_TIME),
        *_url_cues(url),
        *_first([(_htmldate(tree), "htmldate")], LIBRARY),
        # No evidence of the day, but of the page's clock: its UTC offset tells a UTC stamp's local day.
        *_first(((meta.get(name), name) for name in _MODIFIED_META), 0.0),
        *_first([(article.get("dateModified"), "JSON-LD dateModified")], 0.0),
    ]
    return cues


def _first(values: Iterable[tuple[object, str]], weight: float) -> list[Cue]:
    """The first value that reads as a date, as a cue."""
    for value, source in values:
        if isinstance(value, str) and (stamp := read_stamp(value)):
            return [Cue(stamp, weight, source)]
    return []


def _marked_up(tree: HtmlElement) -> list[Cue]:
    """Elements that say they hold the publication date: itemprop or RDFa property, <time pubdate>, abbr.published."""
    for element in tree.xpath(
        ".//*[@itemprop='datePublished' or @property='schema:datePublished'][not(self::meta)] | .//time[@pubdate]"
        " | .//abbr[contains(concat(' ', @class, ' '), ' published ')]"
    ):
        if is_elsewhere(element):
            continue
        value = element.get("datetime") or element.get("content") or element.get("title") or element.text_content()
        if stamp := read_stamp(value):
            if "datePublished" in (element.get("itemprop"), element.get("property", "").partition(":")[2]):
                return [Cue(stamp, DECLARED, "itemprop=datePublished")]
            return [Cue(stamp, HEADER, f"<{element.tag}> marked published")]
    return []


def _first_time(tree: HtmlElement) -> list[Cue]:
    """The page's first <time> outside comments and furniture, unless it is labelled an update,
    or it dates another story's card: an <article> of its own that the page's headline is not in."""
    has_headline = tree.find(".//h1") is not None
    for element in tree.iterfind(".//time"):
        value = element.get("datetime") or element.text_content()
        if is_elsewhere(element) or _is_update(element, value):
            continue
        card = next(element.iterancestors("article"), None)
        if has_headline and card is not None and card.find(".//h1") is None:
            continue
        if stamp := _time_stamp(element):
            return [Cue(stamp, PAGE_TIME, "first <time>")]
    return []


def _time_stamp(element: HtmlElement) -> Stamp | None:
    """A <time>'s stamp: its datetime, or the day its text shows when the datetime is in UTC and
    falls on another day ('2020-11-04T03:30Z' shown as 'November 3, 2020 at 10:30 pm ET')."""
    stamp = read_stamp(element.get("datetime") or element.text_content())
    if stamp is not None and stamp.utc is not None and stamp.offset is None and element.get("datetime"):
        text = " ".join(element.text_content().split())
        neighbours = neighbour_days(stamp.utc)
        if (shown := read_text_date(text)) is not None and shown.day in neighbours:
            return shown
        # '07/04/2023 10:15 PM': month or day first, whichever is the day beside the UTC one.
        if match := _NUMERIC_DATE_RE.search(text):
            for month, day in ((match[1], match[2]), (match[2], match[1])):
                with contextlib.suppress(ValueError):
                    if (shown_day := datetime.date(int(match[3]), int(month), int(day))) in neighbours:
                        return Stamp(shown_day)
    return stamp


def _labelled_dateline(tree: HtmlElement) -> list[Cue]:
    """The first short line that says it gives the publication date ("Published on 8 May 2022")."""
    for element in tree.iter("p", "span", "div", "small", "li", "em", "strong", "b", "i"):
        text = _short_line(element)
        if not text or len(text) >= _DATELINE_CHARS or not _PUBLISHED_LABEL_RE.search(text):
            continue
        if not is_elsewhere(element) and (stamp := _range_start(text) or read_text_date(text)):
            return [Cue(stamp, HEADER, "dateline labelled published")]
    return []


def _original_publication(tree: HtmlElement) -> list[Cue]:
    """The day a republished story says it first ran: "This story was originally published by The
    Harbour Gazette on December 8, 2024." (an aggregator's or a partner's copy)."""
    for words in tree.xpath("//body//text()[contains(., 'riginally') or contains(., 'irst ')]"):
        element = words.getparent()
        # the note's block: the words' own, or the paragraph the link or emphasis they sit in is part of
        while element is not None and element.tag not in ("p", "div", "small") and element.getparent() is not None:
            element = element.getparent()
        text = short_text(element, _ORIGINAL_CHARS) if element is not None else ""
        if text and (match := _ORIGINALLY_RE.search(text)) and (stamp := read_text_date(text[match.end() :])):
            return [Cue(stamp, HEADER, "originally published")]
    return []


def _range_start(text: str) -> Stamp | None:
    """The first day of a range ("Published from Mar. 4 to Mar. 6, 2025"), in the year the range ends in."""
    if not (match := _RANGE_RE.search(text)) or not (end := read_text_date(match["end"])):
        return None
    start = read_text_date(match["start"])
    if start is None and not re.search(r"\d{4}", match["start"]):
        start = read_text_date(f"{match['start']}, {end.day.year}")
    return start if start and start.day <= end.day else None


def _wire_dateline(tree: HtmlElement) -> list[Cue]:
    """The date of a wire story's dateline, opening one of the story's first paragraphs."""
    seen = 0
    for paragraph in tree.iter("p"):
        text = " ".join(paragraph.text_content().split())
        if len(text) < _DATELINE_CHARS or is_elsewhere(paragraph):
            continue  # a menu's, a banner's, a caption's: not the story's prose
        if (match := _WIRE_DATELINE_RE.match(text)) and (stamp := read_text_date(match[1])):
            return [Cue(stamp, HEADER, "wire dateline")]
        seen += 1
        if seen == _WIRE_PARAGRAPHS:
            break
    return []


def _header_dates(tree: HtmlElement, title: str) -> list[Cue]:
    """The first date in the block around the headline: a <time>, or a short line that is a date."""
    header, is_headline = _header_block(tree, title)
    if header is None:
        return []
    # Around an <h1> that is not the page's title (a masthead, a section), a date needs support.
    weight = HEADER if is_headline else PAGE_TIME
    clocks: list[Cue] = []
    for element, beside in _around(header):
        if not isinstance(element.tag, str) or element.tag in ("script", "style", "a") or is_elsewhere(element):
            continue
        if element.tag == "time":
            value = element.get("datetime") or element.text_content()
        elif len(element) == 0 or element.tag in ("p", "span", "div", "small", "li"):
            value = _short_line(element)
            if not value or len(value) >= _DATELINE_CHARS:
                continue
        else:
            continue
        if _TODAY_CLASS_RE.search(element.get("class", "")):
            continue
        if element.tag == "time":
            stamp = None if _is_update(element, value) else _time_stamp(element)
        elif beside and not _is_date_line(value):
            continue  # beside the header, a sentence that mentions a day is no date line
        else:
            stamp = None if _is_update(element, "") else _unlabelled_date(value)
        if stamp:
            return [*clocks, Cue(stamp, weight, f"<{element.tag}> by the headline")]
        # An update's line is no evidence of the day, but its zone is of the page's clock ('Updated 6:05 AM EDT').
        if (updated := read_text_date(value)) and updated.offset is not None and not clocks:
            clocks.append(Cue(updated, 0.0, f"<{element.tag}> update's clock"))
    return clocks


def _around(header: HtmlElement) -> Iterable[tuple[HtmlElement, bool]]:
    """The header block's elements, then those of the few blocks beside it (marked so): in a long
    story the headline, its byline and its date line are often siblings, with no block of their own.
    Lists and headed blocks beside it are other stories'."""
    yield from ((element, False) for element in header.iter())
    for sibling in [*header.itersiblings(preceding=True)][:_BESIDE] + [*header.itersiblings()][:_BESIDE]:
        if isinstance(sibling.tag, str) and sibling.tag not in (*_HEADINGS, "ul", "ol", "nav", "aside"):
            if sibling.find(".//p") is None and not sibling.xpath(_OTHER_STORIES):
                yield from ((element, True) for element in sibling.iter())


def _is_date_line(line: str) -> bool:
    """A line that is a date, with at most a label, a byline or a time beside it: not a sentence."""
    if _DATE_LINE_LABEL_RE.search(line):
        return True
    rest = _NAME_FIRST_RE.sub("", line)  # 'Ann Lee , Tuesday 11 Feb 2025': a byline without its 'By'
    for pattern in TEXT_DATE_RES:
        rest = pattern.sub(" ", rest)
    words = [w for w in re.findall(r"[^\W\d_]+", rest) if w.lower() not in _TIME_WORDS]
    return len(words) <= 1


def _unlabelled_date(line: str) -> Stamp | None:
    """The first date of a line that no label calls an update: 'Updated 9 May | Published 8 May 2022' is 8 May."""
    for piece in _PIECES_RE.split(line):
        if not _UPDATE_RE.search(piece) and (stamp := read_text_date(piece)):
            return stamp
    return None


def _short_line(element: HtmlElement) -> str:
    """A block's words when it is one short line ('By <a>Jo Pike</a> | 8 May 2022'), else its own text.

    A block holding a heading or a <time> gives its own text only: the heading is no
    date line, and the <time> is read for itself.
    """
    if len(element) and not element.xpath(".//h1 | .//h2 | .//h3 | .//h4 | .//h5 | .//h6 | .//time"):
        words = " ".join(" ".join(element.itertext()).split())  # spaced where <br> or tags part them
        if len(words) < _DATELINE_CHARS:
            return words
    return " ".join((element.text or "").split())


def _header_block(tree: HtmlElement, title: str) -> tuple[HtmlElement | None, bool]:
    """The smallest block around the headline that also holds its byline and date, not the story.

    Also whether that heading is the page's title (else it is the page's first <h1>).
    """
    wanted = " ".join(title.split()).casefold()
    headings = tree.xpath(".//h1 | .//h2 | .//h3")
    same = (h for h in headings if _is_headline(" ".join(h.text_content().split()).casefold(), wanted))
    heading = next(same, None) if wanted else None
    is_headline = heading is not None
    if heading is None:
        heading = next((h for h in headings if h.tag == "h1"), None)
    if heading is None:
        return None, False
    block = heading
    for _ in range(4):
        parent = block.getparent()
        if parent is None or parent.tag in ("body", "html") or len(parent.text_content()) > 1500:
            break
        if parent.find(".//form") is not None or any(not _is_breadcrumb(nav) for nav in parent.iterfind(".//nav")):
            break  # the site's masthead (search, login, menu): its date is today's, not the story's
        block = parent
    return block, is_headline


def _is_breadcrumb(nav: HtmlElement) -> bool:
    """A story's "Home > World > Europe" trail, which sits in its header, not the site's menu."""
    label = " ".join(nav.get(name, "") for name in ("class", "id", "aria-label"))
    return "breadcrumb" in label.lower()


def _is_update(element: HtmlElement, value: str) -> bool:
    """A date labelled as an edit ("Updated 3 May"), by its words or by a class that only says so."""
    own = element.text_content()[:60] if element.tag == "time" else ""
    if _UPDATE_RE.search(f"{value} {own} {_previous_text(element)}"):
        return True
    classes = element.get("class", "")
    return bool(_UPDATE_RE.search(classes)) and not _PUBLISHED_CLASS_RE.search(classes)


def _is_headline(text: str, title: str) -> bool:
    if not text or abs(len(text) - len(title)) > 0.2 * len(title):
        return False
    return text == title or difflib.SequenceMatcher(None, text, title).ratio() >= 0.8


def _previous_text(element: HtmlElement) -> str:
    """The few words before a date that may label it ("Updated:"), not a headline above it."""
    previous = element.getprevious()
    if previous is not None and previous.tag in _HEADINGS:
        return ""
    text = previous.text_content() if previous is not None else (element.getparent().text or "")
    return text[-40:]


def _state_dates(tree: HtmlElement) -> Iterable[str]:
    """Publication stamps in the page's own JSON data (not JSON-LD), in page order.

    The first may be a related story's in a list, so this weighs as a stray <time> does.
    """
    for script in tree.iterfind(".//script"):
        kind = (script.get("type") or "").lower()
        if "json" in kind and "ld+json" not in kind and script.text:
            for match in _STATE_DATE_RE.finditer(script.text[:_STATE_CHARS]):
                if match[1] is None:
                    break  # the story's own key says it has no date: the stamps after are other stories'
                yield match[1]


def _url_cues(url: str) -> list[Cue]:
    """The date in a story's URL path: /2020/01/13/ weighs as a header date; a bare
    -20200113 less, since article numbers look like that too."""
    path = re.sub(r"\A[a-z][a-z0-9+.-]*://[^/]*", "", url.strip(), flags=re.I).split("?")[0]
    for pattern, weight in zip(_URL_DATE_RES, (URL, PAGE_TIME), strict=True):
        for match in pattern.finditer(path):
            month = match["month"]  # a number, or a month's name as in /2019/nov/18/
            number = int(month) if month.isdigit() else MONTHS.get(month.lower(), 0)
            with contextlib.suppress(ValueError):
                day = datetime.date(int(match["year"]), number, int(match["day"]))
                if EARLIEST <= day <= datetime.date.today():
                    return [Cue(Stamp(day), weight, "URL")]
    return []


def _htmldate(tree: HtmlElement) -> str | None:
    # Markup only: its free-text search dates pages that carry no date at all.
    with contextlib.suppress(Exception):  # a library's failure on odd markup is no date, not a lost upload
        return find_date(tree, original_date=True, extensive_search=False, outputformat="%Y-%m-%d")
    return None


