"""What a byline's words name: people, apart from roles, handles, placeholders and organizations.

"By Ann Lee, Staff Writer", "Ann Lee and Bo Li", "Smith, John", "@annlee", "No Author",
"Reuters Staff": each raw author value, from a tag or from the page's text, is split
into names and cleaned the same way (bylines.py finds them).
"""

from __future__ import annotations

import re

from archive.entities import gazetteer, organizations
from archive.entities.given_names import given_names
from archive.entities.identity import fold
from archive.entities.name_words import COMPANY_WORDS

# Words that open a byline, and words after a name that say what the person does.
BY_RE = re.compile(r"\A\W*(?:(?:written|posted|words|story|report(?:ed)?|text|photos?)\s+)?(?:by|von|par|por)\b\W*", re.I)
LABEL_RE = re.compile(
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
ROLE_RE = re.compile(
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
_TRAILER_RE = re.compile(r"\s+[-|/\u00b7\u2022\u2013\u2014]\s+.*\Z|\s+\d.*\Z")
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
# A date line run on after the byline: its label, or a weekday or a month before a day's number.
_DATE_TAIL_RE = re.compile(
    r"\s+(?:(?:first\s+|last\s+)?(?:published|updated|posted|modified)\b\s*:?"
    r"|(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\b,?\s+(?=\d|[a-z]+\.?\s+\d)"
    r"|(?:jan|feb|mar|apr|may|jun|jul|aug|sept?|oct|nov|dec)[a-z]*\.?\s+\d{1,2}(?:st|nd|rd|th)?\b,?\s+\d{4}"
    r"|\d{1,2}(?:st|nd|rd|th)?\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sept?|oct|nov|dec)[a-z]*\.?,?\s+\d{4}).*\Z",
    re.I,
)
_EMAIL_RE = re.compile(r"(?<!\S)[\w.+-]+@[\w-]+(?:\.[\w-]+)+(?!\S)")
_HANDLE_RE = re.compile(r"\A@\w+\Z|\S+@\S+\.\w+|://|\Awww\.", re.I)
_MAX_NAME_WORDS = 6
# An author value (one tag's, all names together) longer than this is none.
_AUTHORS_CHARS = 2000


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
        unlabelled = BY_RE.sub("", LABEL_RE.sub("", " ".join(str(raw).split())))
        if (written_for := _FOR_RE.match(unlabelled)) and not _is_organization(written_for[1]):
            raw = unlabelled = f"{written_for[1]}; {written_for[2]}"  # the writer, and the outlet
        # ...but "Ann Lee · Harbour News" is a name and the outlet after it.
        # (What brackets add, "Ann Lee (with agencies)", is no part of the name.)
        whole = _is_organization(_TRAILER_RE.sub("", _PARENTHESES_RE.sub("", unlabelled))) and not re.search(r"[;,|]", raw)
        for part in [unlabelled] if whole else split(raw, visible=visible):
            name = _without_outlet(clean(part, visible=visible), source)
            if not name or _is_outlet(name, source) or gazetteer.is_place(name):
                continue  # "Ann Lee, New York": where she wrote from
            if people and not trusted and _LEADING_THE_RE.match(name):
                continue  # "The Research Exchange": no one's name opens with 'The'
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


def outlets(organizations: list[str]) -> list[str]:
    """Organizations named as authors, without the words for their staff: "Reuters Staff" is Reuters;
    "The Editorial Board" names no outlet."""
    names = []
    for name in organizations:
        for _ in range(2):
            name = _GROUP_WORDS_RE.sub("", _LEADING_THE_RE.sub("", name)).strip(" ,")
        if name and name.casefold() not in _PLACEHOLDERS:
            names.append(name)
    return names


def merge(first: list[str], more: list[str]) -> list[str]:
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


def split(raw: str, *, visible: bool) -> list[str]:
    raw = " ".join(str(raw).split())
    if not raw or "://" in raw and " " not in raw:
        return []
    raw = _DATE_TAIL_RE.sub("", raw)  # "By Ann Lee Wednesday 21st August 2024", "By Ann Lee Published : Nov. 7"
    raw = _TRAILER_RE.sub("", BY_RE.sub("", _PARENTHESES_RE.sub("", raw)))  # "Ann Lee (Reuters)", "Ann Lee - Reuters"
    raw = first_sentence(raw)  # "Ann Lee. Photos by Bo Li": the credits after the byline
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
        if len(pieces) > 1 and all(len(p.split()) >= 2 for p in pieces if not ROLE_RE.fullmatch(" " + p)):
            result += [p for p in pieces if not ROLE_RE.fullmatch(" " + p)]
        else:
            result.append(part)
    return result


def first_sentence(text: str) -> str:
    for match in _SENTENCE_END_RE.finditer(text):
        if len(match[1]) > 1 and match[1].casefold() not in _ABBREVIATIONS:
            return text[: match.start(1) + len(match[1])]
    return text


def clean(name: str, *, visible: bool = False) -> str:
    name = LABEL_RE.sub("", name)
    name = BY_RE.sub("", name)
    if ROLE_RE.fullmatch(" " + name.strip()):
        return ""  # "Special Correspondent", "Staff Reporter": a role and no name
    name = _EMAIL_RE.sub("", name)  # "Ann Lee alee@harbour.example": her name and where to write
    before_roles = name
    for _ in range(3):
        name = ROLE_RE.sub("", name).strip(" ,|-\u2013\u2014:")
    name = " ".join(name.split())
    if name != " ".join(before_roles.split()) and re.fullmatch(r"[A-Z]{2,5}", name):
        return ""  # "BT Correspondent", "PTI Staff Writer": an outlet's initials before a role
    # Length first: the handle pattern takes quadratic time on a long run without spaces.
    if not name or len(name) > 80 or len(name.split()) > _MAX_NAME_WORDS or _HANDLE_RE.search(name):
        return ""
    if name.casefold() in _PLACEHOLDERS or not any(c.isalpha() for c in name):
        return ""
    if name.split()[0].casefold() in {"our", "a", "an", "at", "in", "from", "on"}:
        return ""  # "Our Correspondent", "A Staff Reporter": roles, once the role is gone a word; "at Lowe Park"
    if name.isupper() and len(name) > 3:
        name = name.title()  # "GRACE LEE" is a typeset byline, not an acronym
    if not _is_capitalised(name, strict=visible):
        return ""
    return name


def is_placeholder(name: str) -> bool:
    """A name that stands for nobody: "admin", "No Author"."""
    return " ".join(name.split()).strip(" .").casefold() in _PLACEHOLDERS


def _is_capitalised(name: str, *, strict: bool) -> bool:
    """Names start with a capital (in scripts with case); in running text each word does, but particles."""
    words = name.split()
    if words[0][:1].islower():
        return False
    return not strict or all(w[:1].isupper() or not w[:1].islower() or w.lower() in _PARTICLES for w in words)


def _without_outlet(name: str, source: str) -> str:
    """A byline without the outlet's name after it: "Ann Lee NBS News" is Ann Lee, and "Ann Lee
    Harbour Creek Today" on harbourcreektoday.com."""
    words, size = name.split(), len(source.split())
    if source and len(words) > size and _key(" ".join(words[-size:])) == _key(source):
        return " ".join(words[:-size])
    site = _key(re.sub(r"\.(?:com|org|net|news|co|ca|uk|au|in|ng|ke|za)(?:\.\w{2})?\Z", "", source.strip(), flags=re.I))
    site = site.replace(" ", "")
    for size in range(1, min(4, len(words) - 2) + 1):
        if site and _key("".join(words[-size:])).replace(" ", "") == site:
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
    found = gazetteer.lookup(first) if first else None
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
