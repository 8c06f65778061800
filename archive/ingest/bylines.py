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
import json
import re
from dataclasses import dataclass

from lxml.html import HtmlElement
from trafilatura.metadata import extract_author

from archive.entities import countries, organizations
from archive.entities.given_names import given_names
from archive.entities.identity import fold
from archive.entities.name_words import COMPANY_WORDS

from .regions import ELSEWHERE_TAGS, is_elsewhere, names_elsewhere

_AUTHOR_META = (
    "author", "article:author", "parsely-author", "sailthru.author", "dc.creator", "dcterms.creator", "byl"
)  # fmt: skip
# A scholarly page's authors: on a news page, those of the paper it reports on (read after the byline).
_CITATION_META = "citation_author"
# Words that open a byline, and words after a name that say what the person does.
_BY_RE = re.compile(r"\A\W*(?:(?:written|posted|words|story|report(?:ed)?|text|photos?)\s+)?(?:by|von|par|por)\b\W*", re.I)
_LABELLED_BY_RE = re.compile(r"\A\W*(?:written|posted|words|story|reported)\s+by\s+[A-Z]", re.I)
_LABEL_RE = re.compile(
    r"\A\W*(?:(?:post\s+)?author(?:s|ed)?\b\s*:?|(?:columnist|writer|reporter|words(?:\s+and\s+(?:photos|pictures))?)\s*:)"
    r"\s*(?:by\b)?",
    re.I,
)
_ROLES = (
    "staff writer", "staff reporter", "senior writer", "senior reporter", "contributing writer",
    "contributor", "correspondent", "reporter", "columnist", "editor", "senior editor", "news editor",
    "managing editor", "associate editor", "editor-in-chief", "writer", "journalist", "photographer",
    "producer", "analyst", "phd", "ph.d", "md", "m.d", "jr", "jr.", "sr", "sr.",
)  # fmt: skip
# Words that qualify a role ("Senior Correspondent", "Political Editor", "Chief Sports Writer").
_ROLE_QUALIFIERS = (
    "senior|chief|deputy|associate|assistant|contributing|special|staff|foreign|political|business|economics|"
    "sports?|science|health|technology|tech|education|investigative|national|international|local|digital|legal|"
    "environment(?:al)?|arts|entertainment|crime|courts?|city|metro|world|news|data|video|features?|lead|general"
)
_ROLE_RE = re.compile(
    rf"(?:\s*[,|/\u2013\u2014-]\s*|\s+)(?:(?:{_ROLE_QUALIFIERS})\s+){{0,3}}(?:"
    + "|".join(re.escape(r) for r in sorted(_ROLES, key=len, reverse=True)) + r")\.?\s*\Z",
    re.I,
)
# Names that stand for nobody.
_PLACEHOLDERS = {
    "admin", "administrator", "author", "authors", "staff", "no author", "unknown", "anonymous", "guest",
    "super user", "webadmin", "guest author", "editor", "editors", "editorial", "editorial staff",
    "editorial team", "the editors", "newsroom", "news desk", "web desk", "desk", "team", "user", "webmaster",
    "null", "none", "n/a",
}  # fmt: skip
# Words that make a name an organization's, not a person's.
_ORGANIZATION_WORDS = {
    "news", "press", "media", "agency", "agencies", "newspaper", "magazine", "times", "post", "herald",
    "journal", "tribune", "gazette", "daily", "weekly", "radio", "television", "tv", "channel",
    "network", "inc", "inc.", "ltd", "ltd.", "llc", "corp", "corporation", "group", "company",
    "university", "institute", "foundation", "association", "ministry", "department", "office",
    "staff", "team", "desk", "newsroom", "editorial", "wire", "online", "blog", "police", "service",
    "services", "council", "committee", "commission", "administration", "authority",
    "bureau", "center", "centre", "school", "college", "club", "society", "union", "party",
    "government", "court", "board", "federal", "national", "international",
}  # fmt: skip
# Lower-case words a name may hold: particles of family names.
_PARTICLES = {"de", "del", "della", "der", "den", "di", "da", "dos", "das", "du", "la", "le", "van", "von", "bin", "binti", "al", "el", "ibn", "y", "zu", "ter", "st"}
# What follows a name in a visible byline: a separator, then a date, a place or a reading time.
_PARENTHESES_RE = re.compile(r"\s*\([^)]*\)")
_TRAILER_RE = re.compile(r"\s+[-|\u00b7\u2022\u2013\u2014]\s+.*\Z|\s+\d.*\Z")
_SENTENCE_END_RE = re.compile(r"(?<![^\W\d_])([^\W\d_]+)\.\s+(?=[A-Z])")  # from a word's start: linear
# Words before a full stop that do not end a sentence ("Dr. Ann Lee", "Robert Lee Jr. and ...").
_ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "prof", "rev", "fr", "hon", "gen", "col", "maj", "sgt", "capt", "cmdr", "lt", "adm",
    "jr", "sr", "st", "sen", "rep", "gov", "pres", "amb", "atty", "supt", "insp", "det", "cllr", "wm", "chas", "jas",
}  # fmt: skip
# "Ann Lee for The Harbour Times": a name, then the outlet she wrote for.
_FOR_RE = re.compile(r"\A((?:[A-Z][^\W\d_]*\.?\s+){1,3}[A-Z][^\W\d_'’-]*(?:['’-][^\W\d_]+)*)\s+(?i:for)\s+(\S.*)\Z")
# What an organization's byline says around its name: "Reuters Staff", "The Editorial Board".
_GROUP_WORDS_RE = re.compile(
    r"\s*\b(?:staff|team|desk|newsroom|editors|editorial(?:\s+board)?|reporters|writers)\Z", re.I
)
_LEADING_THE_RE = re.compile(r"\Athe\s+", re.I)
_SPLIT_RE = re.compile(r"\s*(?:;|\||&|\band\b|\n)\s*", re.I)
_HANDLE_RE = re.compile(r"\A@\w+\Z|\S+@\S+\.\w+|://|\Awww\.", re.I)
_MAX_NAME_WORDS = 6
# An author value (one tag's, all names together) longer than this is none.
_AUTHORS_CHARS = 2000
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
    people += [value for name in _AUTHOR_META for value in _meta_values(repeated, meta, name)]
    authors = clean_authors(typed, source, trusted=True)
    # Each reading only when the ones before found no author (trafilatura's copies the whole page).
    readings = (
        (lambda: people, False),
        (lambda: _visible_byline(tree), True),
        (lambda: _meta_values(repeated, meta, _CITATION_META), False),
        (lambda: _library_byline(tree), True),
        (lambda: _closing_note(tree), True),
    )
    for read, visible in readings:
        candidates = read()
        authors = _merge(authors, clean_authors(candidates, source, visible=visible))
        untyped = [name for name in candidates if not isinstance(name, _Typed)]
        organizations += clean_authors(untyped, "", people=False, visible=visible)
        if authors:
            break
    outlet = next(iter(_outlets(clean_authors(organizations, source, people=False))), "")
    return Byline(authors=_complete(authors, tree), outlet=outlet)


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


def clean_authors(names: list[str], source: str, *, people: bool = True, visible: bool = False,
                  trusted: bool = False) -> list[str]:  # fmt: skip
    """Split, clean and deduplicate names: the people's (or the organizations'), not the outlet's.

    `visible`: the names come from the page's text, where "By Ann Lee, Paris" names a
    place after the comma and a name must be capitalised like one. `trusted`: the page
    typed them as people; no word of theirs makes them an organization.
    """
    found: dict[str, str] = {}
    for raw in names:
        if len(str(raw)) > _AUTHORS_CHARS:
            continue  # no list of authors is this long: a page's text in the wrong field
        # "Parks and Wildlife Service" is one organization, not two names.
        unlabelled = _BY_RE.sub("", _LABEL_RE.sub("", " ".join(str(raw).split())))
        if (written_for := _FOR_RE.match(unlabelled)) and not _is_organization(written_for[1]):
            raw = unlabelled = f"{written_for[1]}; {written_for[2]}"  # the writer, and the outlet
        # ...but "Ann Lee · Harbour News" is a name and the outlet after it.
        # (What brackets add, "Ann Lee (with agencies)", is no part of the name.)
        whole = _is_organization(_TRAILER_RE.sub("", _PARENTHESES_RE.sub("", unlabelled))) and not re.search(r"[;,|]", raw)
        for part in [unlabelled] if whole else _split(raw, visible=visible):
            name = _without_outlet(_clean(part, visible=visible), source)
            if not name or _is_outlet(name, source) or countries.is_place(name):
                continue  # "Ann Lee, New York": where she wrote from
            # A name the page types as a Person is one, unless it is a newsroom's or a known organization's.
            if (not trusted or _is_staff(name) or _is_known(name) or _LEADING_THE_RE.match(name)) and (
                _is_organization(name) == people
            ):
                continue
            key = _key(name)
            # "Ann" beside "Ann Lee" is one person; "Sam Lee" beside "Sam Leeds" are two.
            if not any(_within(key, k) for k in found):
                found = {k: v for k, v in found.items() if not _within(k, key)}
                found[key] = name
    names = list(found.values())
    if people and any(len(name.split()) > 1 for name in names):
        names = [name for name in names if len(name.split()) > 1]  # "Ann Lee; Harbourline": the one word is a site
    return names


def _outlets(organizations: list[str]) -> list[str]:
    """Organizations named as authors, without the words for their staff: "Reuters Staff" is Reuters;
    "The Editorial Board" names no outlet."""
    names = []
    for name in organizations:
        for _ in range(2):
            name = _GROUP_WORDS_RE.sub("", _LEADING_THE_RE.sub("", name)).strip(" ,")
        if name and name.casefold() not in _PLACEHOLDERS:
            names.append(name)
    return names


def _merge(first: list[str], more: list[str]) -> list[str]:
    """Both lists' names, once each: "Ann" adds nothing to "Ann Lee"."""
    merged = list(first)
    for name in more:
        if not any(_within(_key(name), _key(known)) for known in merged):
            merged = [known for known in merged if not _within(_key(known), _key(name))] + [name]
    return merged


def _within(short: str, long: str) -> bool:
    """Whether one name's words are a run of another's."""
    a, b = short.split(), long.split()
    return any(b[i : i + len(a)] == a for i in range(len(b) - len(a) + 1))


def _split(raw: str, *, visible: bool) -> list[str]:
    raw = " ".join(str(raw).split())
    if not raw or "://" in raw and " " not in raw:
        return []
    raw = _TRAILER_RE.sub("", _BY_RE.sub("", _PARENTHESES_RE.sub("", raw)))  # "Ann Lee (Reuters)", "Ann Lee - Reuters"
    raw = _first_sentence(raw)  # "Ann Lee. Photos by Bo Li": the credits after the byline
    if visible and not re.search(r"\band\b|&", raw):
        raw = raw.split(",")[0]  # "Ann Lee, Paris": one name and where she wrote from
    parts = [p for p in _SPLIT_RE.split(raw) if p]
    result = []
    for part in parts:
        pieces = [p.strip() for p in part.split(",")]
        # "Ann Lee, Reuters": an agency or a place after a full name.
        while len(pieces) > 1 and len(pieces[0].split()) >= 2 and len(pieces[-1].split()) == 1:
            pieces.pop()
        part = ", ".join(pieces)
        # "Smith, John" and "Ann Lee, PhD" are one name; "Ann Lee, Bo Li" are two.
        if len(pieces) > 1 and all(len(p.split()) >= 2 for p in pieces if not _ROLE_RE.fullmatch(" " + p)):
            result += [p for p in pieces if not _ROLE_RE.fullmatch(" " + p)]
        else:
            result.append(part)
    return result


def _first_sentence(text: str) -> str:
    for match in _SENTENCE_END_RE.finditer(text):
        if len(match[1]) > 1 and match[1].casefold() not in _ABBREVIATIONS:
            return text[: match.start(1) + len(match[1])]
    return text


def _clean(name: str, *, visible: bool = False) -> str:
    name = _LABEL_RE.sub("", name)
    name = _BY_RE.sub("", name)
    for _ in range(3):
        name = _ROLE_RE.sub("", name).strip(" ,|-\u2013\u2014:")
    name = " ".join(name.split())
    # Length first: the handle pattern takes quadratic time on a long run without spaces.
    if not name or len(name) > 80 or len(name.split()) > _MAX_NAME_WORDS or _HANDLE_RE.search(name):
        return ""
    if name.casefold() in _PLACEHOLDERS or not any(c.isalpha() for c in name):
        return ""
    if name.split()[0].casefold() in {"our", "a", "an"}:
        return ""  # "Our Correspondent", "A Staff Reporter": roles, once the role is gone a word
    if name.isupper() and len(name) > 3:
        name = name.title()  # "GRACE LEE" is a typeset byline, not an acronym
    if not _is_capitalised(name, strict=visible):
        return ""
    return name


def _is_capitalised(name: str, *, strict: bool) -> bool:
    """Names start with a capital (in scripts with case); in running text each word does, but particles."""
    words = name.split()
    if words[0][:1].islower():
        return False
    return not strict or all(w[:1].isupper() or not w[:1].islower() or w.lower() in _PARTICLES for w in words)


def _without_outlet(name: str, source: str) -> str:
    """A byline without the outlet's name after it: "Ann Lee NBS News" is Ann Lee."""
    words, size = name.split(), len(source.split())
    if source and len(words) > size and _key(" ".join(words[-size:])) == _key(source):
        return " ".join(words[:-size])
    return name


def _is_outlet(name: str, source: str) -> bool:
    """The site's own name, in any spacing: "HarbourLine", "Harbour Line", "harbourline.com"."""
    if not source:
        return False
    key, site = _key(name), _key(source)
    compact = key.replace(" ", "")
    return key == site or f" {key} " in f" {site} " or compact in (site.replace(" ", ""), site.replace(" ", "") + "com")


def _is_organization(name: str) -> bool:
    """A name with an organization's word, a web address, or a country's adjective first ("U.S. Coast Guard")."""
    words = set(_key(name).split())
    if _is_known(name):
        return True  # "AP", "The Associated Press", "Xinhua"
    if len(name.split()) == 2 and name.split()[0] in given_names() and not re.search(r"\.\w{2,3}\b", name):
        return False  # "Bill Press", "Mark Post": a given name and a surname that is also a word
    if words & (_ORGANIZATION_WORDS | COMPANY_WORDS) or re.search(r"\.(?:com|org|net|co|uk|de)\b", name, re.I):
        return True
    first = name.split()[0] if len(name.split()) > 2 else ""
    found = countries.lookup(first) if first else None
    # A country's adjective ("British") or abbreviation ("U.S.") before two words or more; not a
    # name ("Jordan", "Devon"), nor two words ("German Lopez" writes for a paper).
    return found is not None and (found[1] == "demonym" or found[1] == "name" and (first.isupper() or "." in first))


def _is_known(name: str) -> bool:
    return organizations.is_known(name) or organizations.is_known(_LEADING_THE_RE.sub("", name))


def _is_staff(name: str) -> bool:
    """"Harbour Herald Staff": a newsroom, even where the page types it as a person."""
    return bool(_GROUP_WORDS_RE.search(name)) and len(name.split()) > 1


def _key(name: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", fold(name)).split())


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


def _visible_byline(tree: HtmlElement, *, anywhere: bool = False) -> list[str]:
    """Names marked as the author in the page, or a "By ..." line: the first found.

    Outside sidebars, comments and quotes, unless `anywhere`.
    """
    marked = []  # the marked authors of one list ('<li class="author">' each), in page order
    for element in tree.xpath(
        ".//*[@rel='author' or @itemprop='author' or contains(concat(' ', @class, ' '), ' author ')"
        " or contains(@class, 'author-name') or contains(@class, 'byline__name') or contains(@class, 'authorName')]"
    ):
        if not anywhere and is_elsewhere(element):
            continue
        if marked and (element.getparent() is not marked[0][0].getparent() or len(marked) == _MAX_MARKED):
            break
        named = (element.xpath(".//*[@itemprop='name']/@content") or element.xpath(".//*[@itemprop='name']")
                 or element.xpath(".//*[contains(concat(' ', @class, ' '), ' name ')]"))  # fmt: skip
        text = named[0] if named and isinstance(named[0], str) else _short_text(named[0] if named else element, 100)
        text = " ".join(text.split())
        if text and len(text) < 100:
            marked.append((element, text))
    if marked:
        return [text for _, text in marked]
    for element in tree.iter(*_BYLINE_TAGS):
        text = " ".join((element.text or "").split()) or _short_text(element, _BYLINE_CHARS)
        if re.fullmatch(r"\W*by\W*", text, re.I):
            # By <a>Ann Lee</a>; <span>By</span> <span>Ann Lee</span>, or the label and the name in blocks of their own
            whole = _short_text(element, _BYLINE_CHARS)
            following = element.xpath("following::*[normalize-space(text())][1]")
            if not re.fullmatch(r"\W*by\W*", whole, re.I):
                text = whole
            else:
                text = f"By {_short_text(following[0], _BYLINE_CHARS)}" if following else ""
        if re.match(r"\W*(?:(?:columnist|writer|reporter|words(?:\s+and\s+(?:photos|pictures))?)\s*:|author:?)\s*[A-Z]",
                    text, re.I):
            text = _LABEL_RE.sub("By ", text)  # "Columnist: Ann Lee", "Words and photos: Ann Lee", "Author Ann Lee"
        if len(text) >= _BYLINE_CHARS and _LABELLED_BY_RE.match(text):
            text = _first_sentence(text)  # "Written by Ann Lee. Ann lives on Alder Street and ..."
        if 3 < len(text) < _BYLINE_CHARS and _BY_RE.match(text) and (anywhere or not is_elsewhere(element)):
            if any(_BY_RE.match((inner.text or "").strip()) for inner in element.iterdescendants(*_BYLINE_TAGS)):
                continue  # the byline's own element comes next, without the date line beside it

            # "By continuing to use this site ...": a line that names no one is no byline; nor a list's
            # link that says "By Method" (a menu's).
            links = element.iter("a") if element.tag == "li" else ()
            if any(_BY_RE.match(" ".join(link.text_content().split())) for link in links):
                continue
            if clean_authors([text], "", visible=True) or clean_authors([text], "", people=False, visible=True):
                return [text]
    return []


# A page's list of its authors, each marked: no more than this many are its own.
_MAX_MARKED = 6
_BYLINE_TAGS = ("p", "span", "div", "address", "small", "li", "strong", "em", "b")


def _short_text(element: HtmlElement, limit: int) -> str:
    """The element's text, or "" once it is longer than `limit` (read no further: wrappers hold whole pages)."""
    pieces, size = [], 0
    for piece in element.itertext():
        size += len(piece)
        if size > limit * 2:
            return ""
        pieces.append(piece)
    return " ".join(" ".join(pieces).split())


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
        names = [name for name in (_clean(part) for part in _split(found, visible=False)) if name]
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
    for paragraph in tree.iter("p"):
        if paragraph.xpath("count(following-sibling::p)") > 1 or is_elsewhere(paragraph):
            continue
        if match := _CLOSING_NOTE_RE.match(_short_text(paragraph, 300)):
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
