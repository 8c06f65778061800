"""A page's headline: the one readers see, without the site's name around it.

The declared title (`og:title`, then `<title>`) is what the page says about
itself, but editors rewrite it for sharing and search; the `<h1>` is the
headline printed over the story. So the `<h1>` wins when it is clearly the same
story's headline (it shares most of its words with the declared title), or when
it is the page's only one and opens a declared title or shares words of substance
with one; the declared title is used otherwise, with the site's name taken off either
end in whatever form it takes: "Herald", "The Herald", "herald.com", "HERALD",
"- Herald 7News".
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from lxml.html import HtmlElement
from spacy.lang.en.stop_words import STOP_WORDS

from archive.entities.identity import fold

# Also en dash, em dash, middle dot, guillemet, double colon, bullet.
_SEPARATORS = (" | ", " - ", " \u2013 ", " \u2014 ", " \u00b7 ", " :: ", " \u00bb ", " \u2022 ", " : ")
# The share of its words an <h1> must have in the declared title to be the same headline.
_SAME_HEADLINE = 0.5
# ...and the share of the declared title's words it must hold.
_COVERED = 0.4
_MAX_HEADLINE_CHARS = 300
# The fewest words of a page's one <h1> that is a headline, not a section's or a site's name ('Travel').
_SOLE_HEADLINE_WORDS = 3
# ...and the words of substance it shares with a declared title, compared on their first letters.
_SHARED_WORDS = 2
_STEM_LETTERS = 5
# ...or the declared title, the site's name aside, is a section's name of this many words or fewer.
_SECTION_WORDS = 2
# A label of a few words set apart before a headline: "LIVE:", "Exclusive:", "In pictures |".
_KICKER_RE = re.compile(r"[^\W\d_][\w'’ -]{0,25}[:|]")


def find_title(tree: HtmlElement, meta: dict[str, str], *, source: str, url: str) -> str:
    og_title = meta.get("og:title") or meta.get("twitter:title")
    declared = og_title or " ".join((tree.findtext(".//title") or "").split())
    if not declared:
        first = tree.find(".//h1")
        return _heading_text(first) if first is not None else ""
    stripped = strip_site_name(declared, source=source, url=url, only_site=bool(og_title))
    masthead = next((_heading_text(h) for h in tree.iterfind(".//h1") if _links_home(h)), "")
    stripped = _without_name(stripped, masthead) if masthead else stripped
    site_words = set(_words(f"{source} {urlsplit(url).hostname or ''}"))
    heading = _printed_headline(tree, set(_words(declared)) - site_words)
    page_title = " ".join((tree.findtext(".//title") or "").split())
    if not heading and og_title and page_title:
        # A shared title rewritten for social media, over a <title> and an <h1> that agree: the printed one.
        heading = _printed_headline(tree, set(_words(page_title)) - site_words)
        if heading:
            return _choose(heading, strip_site_name(page_title, source=source, url=url, only_site=False), page_title)
    if not heading:
        titles = [t for t in (declared, page_title) if t]
        return _sole_headline(tree, titles, stripped, _site_names(source, url)) or stripped
    return _choose(heading, stripped, declared)


def _sole_headline(tree: HtmlElement, titles: list[str], stripped: str, names: set[str]) -> str:
    """The page's one <h1>, where the declared titles word the story otherwise ('Alaska Airlines sets
    new date for full Oneworld membership' printed, '... to become full Oneworld member by spring'
    shared): what readers see. It must open a declared title ('The Great Browning' of 'The Great
    Browning: Why Lakes Are Turning Brown - Site') or share two of its words with one; a site's
    name, a tagline ('Latest news from the valley') or a part the title's separators set apart does not."""
    headings = [h for h in tree.iterfind(".//h1") if not _links_home(h)]
    if len(headings) != 1:
        return ""
    text = _heading_text(headings[0])
    if len(text.split()) < _SOLE_HEADLINE_WORDS or len(text) > _MAX_HEADLINE_CHARS or _names_site(text, names):
        return ""
    compact = _compact(text)
    if any(compact == _compact(part) for title in titles for part in _parts(title)) and compact != _compact(stripped):
        return ""  # 'Council votes to repair bridge - [Valley Herald Online]'
    opens = any(_compact(title).startswith(compact) for title in titles)
    shared = max(len(_stems(text) & _stems(title)) for title in titles)
    # A title that is a section's name ('Heritage - Island Life') over a page of one story.
    section = len(_parts(stripped)[0].split()) <= _SECTION_WORDS < len(text.split())
    return text if opens or shared >= _SHARED_WORDS or section else ""


def _stems(text: str) -> set[str]:
    """A text's words of substance, cut to their first letters ('brown' of 'browning')."""
    return {word[:_STEM_LETTERS] for word in _words(text) if len(word) > 2 and word not in STOP_WORDS}


def _choose(heading: str, stripped: str, declared: str) -> str:
    """The printed headline, unless one only adds furniture to the other."""
    whole = _parts(declared)
    for n in range(1, len(whole)):
        rest = _join(declared, whole[:n])
        if _compact(_join(declared, whole[n:])) == _compact(heading) and len(rest) > len(heading):
            return rest  # "Story - Site Name" with the site's name as the page's <h1>
    declared = stripped
    parts = _parts(declared)
    if _compact(heading) == _compact(declared):
        return heading
    if len(parts) > 1 and _compact(parts[-1]) == _compact(heading):
        rest = _join(declared, parts[:-1])
        # "Story - Site" with the site's name as the page's <h1>; but "Opinion | Story" over the story's own <h1>.
        return rest if len(rest) > len(heading) else heading
    if len(parts) > 1 and _compact(_join(declared, parts[: _prefix_length(parts, heading)])) == _compact(heading):
        return heading  # "Story - Section": the <h1> is the story
    heading_parts = _parts(heading)
    if len(heading_parts) > 1 and _compact(heading_parts[-1]) == _compact(declared):
        return declared  # "Section | Story" printed over the story
    return heading


def strip_site_name(title: str, *, source: str, url: str, only_site: bool = True) -> str:
    """Drop " | Site" (and "Site | ") parts that name the site; with `only_site` False, short labels too."""
    names = _site_names(source, url)
    separator = max(_SEPARATORS, key=title.rfind)
    if separator not in title:
        return title.strip()
    parts = [p.strip() for p in title.split(separator)]
    for _ in range(3):
        if len(parts) < 2:
            break
        last, rest = parts[-1], separator.join(parts[:-1])
        is_label = len(last.split()) <= 4 and last[:1].isupper() and len(last) < len(rest)
        if not (_names_site(last, names) or (is_label and not only_site)):
            break
        parts.pop()
    kept = separator.join(parts).strip()
    first = min((kept.find(s), s) for s in _SEPARATORS if s in kept) if any(s in kept for s in _SEPARATORS) else None
    if first is not None and _names_site(kept[: first[0]], names, exact=True):
        kept = kept[first[0] + len(first[1]) :].strip()  # "Site | Story"
    return kept


def _printed_headline(tree: HtmlElement, wanted: set[str]) -> str:
    """The <h1> that tells the declared title's story: most words of each are in the other.

    On a page without an <h1> of its own, its <h2>s ('<h2>' under a site name in a <div>).
    """
    best, best_share = "", 0.0
    # The site's name over every page, as a link to its front page, is no headline.
    headings = [h for h in tree.iterfind(".//h1") if not _links_home(h)]
    for heading in headings or [h for h in tree.iterfind(".//h2") if not _links_home(h)]:
        text = _heading_text(heading)
        words = set(_words(text))
        if len(words) < 2 or len(text) > _MAX_HEADLINE_CHARS or not wanted:
            continue
        common = len(words & wanted)
        share = common / len(words)
        if share > best_share and common / len(wanted) >= _COVERED:
            best, best_share = text, share
    return best if best_share >= _SAME_HEADLINE else ""


def _without_name(title: str, name: str) -> str:
    """The title less the site's name at either end, however many separators that name holds itself."""
    for separator in _SEPARATORS:
        start = title.find(separator)
        while start > 0:
            head, tail = title[:start], title[start + len(separator) :]
            if _compact(tail) == _compact(name) and tail:
                return head.strip()
            if _compact(head) == _compact(name) and head:
                return tail.strip()
            start = title.find(separator, start + 1)
    return title


def _links_home(heading: HtmlElement) -> bool:
    """A heading whose one link goes to the site's front page ("/", "https://herald.example/")."""
    links = heading.xpath(".//a/@href")
    if len(links) != 1:
        return False
    href = urlsplit(links[0].strip())
    if href.query or href.fragment:
        return False
    return (href.path == "/" and not href.netloc) or (bool(href.netloc) and href.path in ("", "/"))


def _parts(title: str) -> list[str]:
    separator = max(_SEPARATORS, key=title.rfind)
    return [p.strip() for p in title.split(separator)] if separator in title else [title]


def _join(title: str, parts: list[str]) -> str:
    separator = max(_SEPARATORS, key=title.rfind)
    return separator.join(parts)


def _prefix_length(parts: list[str], heading: str) -> int:
    size = len(_compact(heading))
    for n in range(1, len(parts)):
        if len(_compact("".join(parts[:n]))) >= size:
            return n
    return len(parts)


def _site_names(source: str, url: str) -> set[str]:
    """The site's name in the forms titles give it: as declared, and its domain's name."""
    names = {_compact(source)} if source else set()
    host = urlsplit(url).hostname or ""
    labels = [label for label in host.split(".") if label not in ("www", "m", "amp", "edition")]
    if labels:
        names.add(_compact(labels[0]))
        names.add(_compact(".".join(labels)))
    return names - {""}


def _names_site(part: str, names: set[str], *, exact: bool = False) -> bool:
    """Whether a title part is the site's name, in any spelling: "The Herald", "HERALD", "herald.com", "Herald 7News"."""
    compact = _compact(part)
    if not compact or not names:
        return False
    for name in names:
        if compact == name or compact.removeprefix("the") == name.removeprefix("the"):
            return True
        # "WSVN 7News" for site "wsvn": the name and a short brand word, not a phrase ("Time Change Explained").
        extra = compact.removeprefix(name) if compact.startswith(name) else compact.removesuffix(name)
        if not exact and len(name) >= 4 and extra != compact and len(part.split()) <= 2 and len(extra) <= 8:
            return True
    return False


def _heading_text(heading: HtmlElement) -> str:
    """A heading's words, spaced where <br> or tags part them ("Minister resigns<br>amid scandal"),
    without a label set apart before them ("<span>LIVE:</span> ...", "<span>Exclusive:</span> ...")."""
    label = heading[0] if len(heading) and not (heading.text or "").strip() else None
    words = " ".join(" ".join(heading.itertext()).split())
    if label is not None and isinstance(label.tag, str):
        kicker = " ".join(" ".join(label.itertext()).split())
        if _KICKER_RE.fullmatch(kicker) and len(words) > len(kicker) + 10:
            return words[len(kicker) :].strip()
    return words


def _compact(text: str) -> str:
    return re.sub(r"[\W_]+", "", fold(text))


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.casefold())
