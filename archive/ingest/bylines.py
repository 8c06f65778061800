"""Who wrote a page: its authors, apart from the outlet, handles and placeholders.

Authors are read where pages declare them (JSON-LD, author meta tags), then from
the visible byline (rel/itemprop/class "author" by the headline, a "By ..." line;
trafilatura's byline reading last). Every name is cleaned the same way: "By" and
roles go ("Staff Writer", "PhD"), handles, e-mail addresses and placeholders
("admin", "No Author") are no authors, and a name that is the outlet's, or an
organization's, names the outlet instead.
"""

from __future__ import annotations

import contextlib
import copy
import functools
import json
import re
from dataclasses import dataclass

from lxml.html import HtmlElement
from trafilatura.metadata import extract_author

from .author_names import BY_RE, LABEL_RE, clean, clean_authors, first_sentence, merge, outlets, split
from .regions import ELSEWHERE_TAGS, is_elsewhere, names_elsewhere, short_text

_AUTHOR_META = (
    "author", "article:author", "parsely-author", "sailthru.author", "dc.creator", "dcterms.creator", "byl"
)  # fmt: skip
# A scholarly page's authors: on a news page, those of the paper it reports on (read after the byline).
_CITATION_META = "citation_author"
# "Written by Ann Lee. Ann lives on ...": a labelled byline that runs on into a sentence.
_LABELLED_BY_RE = re.compile(r"\A\W*(?:written|posted|words|story|reported)\s+by\s+[A-Z]", re.I)
# A "By ..." line longer than this is a sentence, not a byline.
_BYLINE_CHARS = 120


class _Typed(str):
    """A name the page's JSON-LD types as a Person."""


@dataclass(frozen=True)
class Byline:
    authors: list[str]
    outlet: str  # an organization named as author, for a page that names no outlet itself


def find_byline(tree: HtmlElement, meta: dict[str, str], article: dict, objects: list[dict],
                *, source: str) -> Byline:  # fmt: skip
    """Return the page's authors, and an organization named as its author."""
    people, organizations = _json_ld_authors(article.get("author"), objects)
    # A name the page itself types as a Person is one, whatever its words ("German Lopez", "Bill Press").
    typed = [name for name in people if isinstance(name, _Typed)]
    repeated = _repeated_meta(tree)
    # A meta tag's author that the JSON-LD types as an organization is that organization ('Harbour Robotics').
    bodies = {" ".join(str(name).split()).casefold() for name in organizations}
    people += [value for name in _AUTHOR_META for value in _meta_values(repeated, meta, name)
               if " ".join(value.split()).casefold() not in bodies]  # fmt: skip
    authors = clean_authors(typed, source, trusted=True)
    # Each reading only when the ones before found no author (trafilatura's copies the whole page).
    # Each read once: the readings below, and the checks after them, ask again.
    marked = functools.cache(lambda: _visible_byline(tree))
    by_line = functools.cache(lambda: _visible_byline(tree, marked=False, source=source))
    readings = (
        (lambda: people, False),
        (marked, True),
        # The marked author may be the site's account ('Harbour Courier', hidden): then the "By" line.
        (by_line, True),
        (lambda: _meta_values(repeated, meta, _CITATION_META), False),
        (lambda: _library_byline(tree), True),
        (lambda: _closing_note(tree), True),
    )
    for read, visible in readings:
        candidates = read()
        authors = merge(authors, clean_authors(candidates, source, visible=visible))
        untyped = [name for name in candidates if not isinstance(name, _Typed)]
        organizations += clean_authors(untyped, "", people=False, visible=visible)
        if authors:
            break
    outlet = next(iter(outlets(clean_authors(organizations, source, people=False))), "")
    authors = _shown_instead(authors, typed, tree, by_line(), source)
    return Byline(authors=_with_coauthors(_complete(authors, tree), marked(), source), outlet=outlet)


def _shown_instead(authors: list[str], typed: list[str], tree: HtmlElement, by_line: list[str], source: str) -> list[str]:
    """The "By" line the story shows (`by_line`), where the meta tags name someone the page never shows:
    the account that uploaded the story ('Tolu Ade' in Yoast's tags over 'By Ann Lee & Bo Li')."""
    if not authors or typed:
        return authors
    shown = clean_authors(by_line, source, visible=True)
    if not shown or {name.casefold() for name in shown} & {name.casefold() for name in authors}:
        return authors
    words = " ".join(" ".join(tree.xpath("//body//text()[not(ancestor::script) and not(ancestor::style)]")).split()).casefold()
    return shown if not any(name.casefold() in words for name in authors) else authors


def _with_coauthors(authors: list[str], visible: list[str], source: str) -> list[str]:
    """The visible byline's names (`visible`), where they are the authors found and more: the JSON-LD
    of many sites names only a story's first author ('by Ann Lee and Bo Li' over 'Ann Lee')."""
    if not authors:
        return authors
    shown = clean_authors(visible, source, visible=True)
    keys = {" ".join(name.casefold().split()) for name in shown}
    if len(shown) > len(authors) and all(" ".join(name.casefold().split()) in keys for name in authors):
        return shown
    return authors


def _repeated_meta(tree: HtmlElement) -> dict[str, list[str]]:
    """Every value of each meta tag by its lowercased name or property, read in one pass."""
    found: dict[str, list[str]] = {}
    for element in tree.iterfind(".//meta[@content]"):
        content = " ".join(element.get("content", "").split())
        keys = {element.get(attribute, "").strip().lower() for attribute in ("name", "property")}
        for key in keys - {""} if content else ():
            found.setdefault(key, []).append(content)
    return found


def _meta_values(repeated: dict[str, list[str]], meta: dict[str, str], name: str) -> list[str]:
    """Every value of a meta tag that a page repeats, one per author ("author", "parsely-author")."""
    values = repeated.get(name, [])
    return values if len(values) > 1 else [meta[name]] if meta.get(name) else []


def _json_ld_authors(value: object, objects: list[dict]) -> tuple[list[str], list[str]]:
    """Names of the people and of the organizations a JSON-LD author value holds (following @id)."""
    people: list[str] = []
    organizations: list[str] = []
    for item in value if isinstance(value, list) else [value]:
        if isinstance(item, str) and item.lstrip().startswith("{"):
            with contextlib.suppress(ValueError):
                item = json.loads(item)  # a JSON object written as a string, as some sites do
        if isinstance(item, str):
            people.append(item)
            continue
        if not isinstance(item, dict):
            continue
        if "name" not in item and "@id" in item:
            item = next((o for o in objects if o.get("@id") == item["@id"] and "name" in o), item)
        name = item.get("name")
        names = [n for n in (name if isinstance(name, list) else [name]) if isinstance(n, str)]
        kinds = {str(k) for k in (item.get("@type") if isinstance(item.get("@type"), list) else [item.get("@type")])}
        if "Person" in kinds:
            people.extend(_Typed(name) for name in names)
        elif kinds & {"Organization", "NewsMediaOrganization", "Corporation"}:
            organizations.extend(names)
        else:
            people.extend(names)
    return people, organizations


def _marked_authors(tree: HtmlElement, *, anywhere: bool) -> list[str]:
    """The names the page marks as its author's ('rel=author', 'itemprop=author', class 'author'), of one list."""
    marked = []  # the marked authors of one list ('<li class="author">' each), in page order
    for element in tree.xpath(
        ".//*[@rel='author' or @itemprop='author' or contains(concat(' ', @class, ' '), ' author ')"
        " or contains(@class, 'author-name') or contains(@class, 'byline__name') or contains(@class, 'authorName')"
        # a byline a test id names ('byline-new-contributors'): its first line is the name, then a role
        " or contains(@data-testid, 'byline') or contains(@data-component, 'byline')]"
    ):
        if not anywhere and is_elsewhere(element):
            continue
        if marked and (element.getparent() is not marked[0][0].getparent() or len(marked) == _MAX_MARKED):
            break
        named = (element.xpath(".//*[@itemprop='name']/@content") or element.xpath(".//*[@itemprop='name']")
                 or element.xpath(".//*[contains(concat(' ', @class, ' '), ' name ')]")
                 or (element.xpath("(.//*[not(*)][normalize-space()][not(self::time)])[1]") if element.get("data-testid") else []))  # fmt: skip
        text = named[0] if named and isinstance(named[0], str) else short_text(named[0] if named else element, 100)
        text = " ".join(text.split())
        if text and len(text) < 100:
            marked.append((element, text))
    return [text for _, text in marked]


def _visible_byline(tree: HtmlElement, *, anywhere: bool = False, marked: bool = True, source: str = "") -> list[str]:
    """Names marked as the author in the page (unless not `marked`), or a "By ..." line: the first found
    that names someone other than the site (`source`).

    Outside sidebars, comments and quotes, unless `anywhere`.
    """
    found = _marked_authors(tree, anywhere=anywhere) if marked else []
    if found:
        return found
    for element in tree.iter(*_BYLINE_TAGS):
        text = " ".join((element.text or "").split()) or short_text(element, _BYLINE_CHARS)
        if re.fullmatch(r"\W*by\W*", text, re.I):
            # By <a>Ann Lee</a>; <span>By</span> <span>Ann Lee</span>, or the label and the name in blocks of their own
            whole = short_text(element, _BYLINE_CHARS)
            following = element.xpath("following::*[normalize-space(text())][1]")
            if not re.fullmatch(r"\W*by\W*", whole, re.I):
                text = whole
            else:
                text = f"By {short_text(following[0], _BYLINE_CHARS)}" if following else ""
        if re.match(r"\W*(?:(?:columnist|writer|reporter|words(?:\s+and\s+(?:photos|pictures))?)\s*:|author:?)\s*[A-Z]",
                    text, re.I):
            text = LABEL_RE.sub("By ", text)  # "Columnist: Ann Lee", "Words and photos: Ann Lee", "Author Ann Lee"
        if len(text) >= _BYLINE_CHARS and _LABELLED_BY_RE.match(text):
            text = first_sentence(text)  # "Written by Ann Lee. Ann lives on Alder Street and ..."
        if 3 < len(text) < _BYLINE_CHARS and BY_RE.match(text) and (anywhere or not is_elsewhere(element)):
            if any(BY_RE.match((inner.text or "").strip()) for inner in element.iterdescendants(*_BYLINE_TAGS)):
                continue  # the byline's own element comes next, without the date line beside it

            # "By continuing to use this site ...": a line that names no one is no byline; nor a list's
            # link that says "By Method" (a menu's).
            links = element.iter("a") if element.tag == "li" else ()
            if any(BY_RE.match(" ".join(link.text_content().split())) for link in links):
                continue
            if clean_authors([text], source, visible=True) or clean_authors([text], source, people=False, visible=True):
                return [text]
    return []


# A page's list of its authors, each marked: no more than this many are its own.
_MAX_MARKED = 6
_BYLINE_TAGS = ("p", "span", "div", "address", "small", "li", "strong", "em", "b")


def _library_byline(tree: HtmlElement) -> list[str]:
    """trafilatura's reading of the byline, on the page without quotes, comments and sidebars."""
    pruned = copy.deepcopy(tree)
    for element in list(pruned.iter(*ELSEWHERE_TAGS)) + [e for e in pruned.iter() if names_elsewhere(e)]:
        if element.getparent() is not None:
            element.getparent().remove(element)
    # trafilatura tidies what it reads ("annsmith42" becomes "Annsmith"): a name not in the page is none.
    words = " ".join(" ".join(pruned.itertext()).split()).casefold()
    with contextlib.suppress(Exception):  # a library's failure on odd markup is no byline, not a lost upload
        found = extract_author(pruned) or ""
        names = [name for name in (clean(part) for part in split(found, visible=False)) if name]
        if all(re.search(rf"(?<!\w){re.escape(name.casefold())}(?!\w)", words) for name in names):
            return [found]
    return []


# A guest column's last lines: "Ann Lee is a professor of public health at ...".
_CLOSING_NOTE_RE = re.compile(
    r"\A((?:[A-Z][^\W\d_]*\.?\s+){1,3}[A-Z][^\W\d_'’-]*(?:['’-][^\W\d_]+)*)\s+is\s+(?:a|an|the)\s+"
    r"(?:[\w-]+\s+){0,3}?(?:professor|lecturer|fellow|director|writer|author|journalist|researcher|"
    r"economist|lawyer|doctor|physician|nurse|teacher|founder|president|chair|editor|columnist|analyst)\b"
)


def _closing_note(tree: HtmlElement) -> list[str]:
    """The author a column names at its end, in a line of its own about them, when nothing else names one."""
    # A parent's last two paragraphs, found in one pass (counting each one's followers was quadratic).
    # The set holds the elements, so lxml hands back these same objects below.
    closing = {p for parent in {p.getparent() for p in tree.iter("p")} if parent is not None
               for p in parent.findall("p")[-2:]}  # fmt: skip
    for paragraph in tree.iter("p"):
        if paragraph not in closing or is_elsewhere(paragraph):
            continue
        if match := _CLOSING_NOTE_RE.match(short_text(paragraph, 300)):
            return [match[1]]
    return []


def _complete(authors: list[str], tree: HtmlElement) -> list[str]:
    """A lone given name ("Nina") completed by the visible byline that starts with it ("Nina Ardell")."""
    if len(authors) != 1 or len(authors[0].split()) != 1:
        return authors
    # A story's byline may sit in an "article sidebar"; only a name that starts with this one is taken.
    for line in _visible_byline(tree, anywhere=True):
        for name in clean_authors([line], ""):
            if name.split()[0].casefold() == authors[0].casefold() and len(name.split()) > 1:
                return [name]
    return authors
