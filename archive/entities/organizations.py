"""Organizations a text names, with acronyms tied to full names.

Two sources: a table of well-known organizations (``data/organizations.json``,
full name plus acronyms) scanned directly, and the model's ORG spans, cleaned and
filtered (places, people, job titles, bare generic words such as 'Foreign Ministry',
units after numbers such as '1500 GMT', tails of titles such as 'Rings', names the
model labels otherwise as often, and one-word names the text also uses as common
words are dropped). An acronym joins its full name when the text writes
'Full Name (ACR)' or when its letters are the full name's initials; a one-word name
joins a longer one it ends ('United' -> 'Manchester United').
"""

from __future__ import annotations

import functools
import json
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from archive.entities import gazetteer, usage
from archive.entities.base import Found, Mention
from archive.entities.identity import match_key

_DATA = Path(__file__).with_name("data") / "organizations.json"
_LEADING = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)
_POSSESSIVE = re.compile(r"['’]s?$")
_BAD_CHARS = re.compile(r"[\"“”/@|\n\t<>=#*]")
# Words that alone (with places) make no organization name worth a facet.
_GENERIC = frozenset(
    "ministry ministries foreign affairs defense defence interior justice finance economy government "
    "army navy police parliament assembly council committee court office department forces troops "
    "military embassy cabinet administration group party national state federal security ministerial "
    "summit charter armed opposition senate congress union league association news agency media "
    "of and for the on in de company bank team club".split()
)
# Trailing words that turn an organization into an event or document ('EU Summit', 'NATO Treaty',
# 'the WTO Ministerial').
_TRAILING = frozenset({"Ministerial", "Summit", "Charter", "Conference", "Meeting", "Treaty", "Report", "Resolution"})
# An ORG span followed by one of these is part of a job title ('Foreign Affairs Minister X').
# (No '^': with a start position, Pattern.match anchors there, and '^' would not match.)
_TITLE_NEXT = re.compile(
    r"\s+(?:Minister|Secretary|Deputy|Vice|spokes(?:man|woman|person)|chief|head|Chairman|President|Director)\b"
)
_ACRONYM_DEF = re.compile(
    r"([A-Z][\w&'’.-]*(?:[ \t]+(?:[A-Z][\w&'’.-]*|of|for|and|the|on|in|de))*)[ \t]*\(([A-Z][A-Za-z&.-]{1,9})\)"
)
# A time zone or unit after a number is no organization ('1500 GMT', '20 MW').
_NUMBER_BEFORE = re.compile(r"\d[\d:.,]*\s*$")
# The tail of a longer title the model cut short ('Lord of the Rings' -> 'Rings').
_TITLE_HEAD_BEFORE = re.compile(r"[A-Z][\w'’-]*\s+of(?:\s+the)?\s+$")
_SENTENCE_START = re.compile(r"(?:^|[.!?:]\s+|\n\s*)$")
_OTHER_LABELS = frozenset({"PERSON", "GPE", "LOC", "NORP", "EVENT", "WORK_OF_ART", "PRODUCT", "LAW"})
_MINOR = frozenset({"of", "for", "and", "the", "on", "in", "de", "&"})
# Titles that make what follows a person's name.
_PERSON_TITLES = frozenset("lord lady sir dame baroness baron mr mrs ms dr".split())


@dataclass(frozen=True)
class _Table:
    entries: tuple[tuple[str, ...], ...]  # full name first, then other names
    index: dict[str, int]  # casefolded form -> entry
    pattern: re.Pattern


def _form_pattern(form: str) -> str:
    escaped = r"\s+".join(re.escape(w) for w in form.split())
    if " " in form:
        # Full names: the first letter as written, the rest in any case ('Paris club').
        return re.escape(form[0]) + "(?i:" + escaped[len(re.escape(form[0])) :] + ")"
    return escaped


@functools.cache
def _table() -> _Table:
    data = json.loads(_DATA.read_text(encoding="utf-8"))
    entries = tuple(tuple(f.strip() for f in line.split("|")) for line in data["organizations"])
    index = {form.casefold(): i for i, forms in enumerate(entries) for form in forms}
    forms = sorted({f for forms in entries for f in forms}, key=len, reverse=True)
    pattern = re.compile(r"(?<![\w.-])(?:" + "|".join(_form_pattern(f) for f in forms) + r")(?![\w-])")
    return _Table(entries, index, pattern)


def is_known(name: str) -> bool:
    """Tell whether ``name`` is one of the well-known organizations' names or acronyms."""
    return name.casefold() in _table().index


def _clean(name: str) -> str:
    name = _LEADING.sub("", name.strip(" \t\n.,;:‘'`-–"))
    name = _POSSESSIVE.sub("", name).strip()
    words = name.split()
    while len(words) > 1 and words[-1] in _TRAILING:
        words.pop()
    return " ".join(words)


def _is_acronym(name: str) -> bool:
    letters = name.replace(".", "").replace("-", "").replace("&", "")
    return 2 <= len(letters) <= 8 and letters.isupper() and " " not in name


def _initials(name: str) -> str:
    return "".join(w[0] for w in re.split(r"[\s-]+", name) if w and w.casefold() not in _MINOR and w[0].isupper())


def _acceptable(name: str, person_keys: set[str]) -> bool:
    if len(name) < 2 or not name[0].isupper() or _BAD_CHARS.search(name) or name.isdigit():
        return False
    if is_known(name):
        return True
    if gazetteer.is_place(name) or match_key(name) in person_keys:
        return False
    words = name.split()
    if len(words) <= 3 and words[0].casefold().rstrip(".") in _PERSON_TITLES:
        return False  # 'Lord Hutton', 'Sir Ian Blair': a person the model took for a body
    if any(match_key(" ".join(words[:i])) in person_keys and words[i].islower() and words[i] not in _MINOR for i in range(2, len(words))):
        return False  # 'Ian Moss c Hale', a scorecard's line: a person's name, then words no body's name holds
    return not all(w.casefold().strip(".,") in _GENERIC or gazetteer.is_place(w) for w in words)


def extract_organizations(
    text: str, mentions: list[Mention], person_keys: set[str] = frozenset()
) -> tuple[list[Found], list[tuple[int, int]]]:
    """Return the organizations named in ``text`` and the character spans naming them.

    ``mentions`` are the NER spans of the text; ``person_keys`` holds the match keys
    of the people found (full names and surnames), so that a person the model took
    for an organization is not listed.
    """
    table = _table()
    groups: dict[str, str] = {}  # form -> group id
    parent: dict[str, str] = {}

    def find(g: str) -> str:
        while parent.setdefault(g, g) != g:
            g = parent[g]
        return g

    def add(form: str) -> str:
        if form not in groups:
            entry = table.index.get(form.casefold())
            groups[form] = f"T{entry}" if entry is not None else "K" + match_key(form).replace(" ", "")
        return find(groups[form])

    def union(a: str, b: str) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            # Keep a table entry as the root so its full name wins.
            ra, rb = (ra, rb) if ra.startswith("T") else (rb, ra)
            parent[rb] = ra

    for match in table.pattern.finditer(text):
        add(re.sub(r"\s+", " ", match.group()))
    labels: dict[str, Counter] = {}
    for m in mentions:
        labels.setdefault(_clean(m.text), Counter())[m.label] += 1
    for m in mentions:
        if m.label != "ORG" or _TITLE_NEXT.match(text, m.end) or _is_cut(text, m):
            continue
        name = _clean(m.text)
        if _acceptable(name, person_keys) and (is_known(name) or _stands_alone(text, name, labels[name])):
            add(name)
    for match in _ACRONYM_DEF.finditer(text):
        full = _defined_name(_clean(match.group(1)), match.group(2).replace(".", ""), groups)
        if full:
            union(add(full), add(match.group(2)))
    _join_short_forms(text, groups, union)
    acronyms = [f for f in groups if _is_acronym(f)]
    for form in list(groups):
        if not _is_acronym(form) and len(form.split()) > 1:
            for acronym in acronyms:
                if _initials(form) == acronym.replace(".", ""):
                    union(groups[form], groups[acronym])
    return _build(text, groups, find, table)


def _is_cut(text: str, mention: Mention) -> bool:
    """Tell whether an ORG span is a unit after a number or the tail of a longer title."""
    before = text[max(0, mention.start - 40) : mention.start]
    if _is_acronym(mention.text) and _NUMBER_BEFORE.search(before):
        return True
    return " " not in mention.text.strip() and bool(_TITLE_HEAD_BEFORE.search(before))


def _stands_alone(text: str, name: str, labels: Counter) -> bool:
    """Tell whether a name the model labelled ORG is used as an organization's name in ``text``.

    Not when the model labelled it something else at least as often, and, for one
    word, not when the text also writes it in lowercase ('Budget' beside 'budget'),
    in the singular or plural ('Oscars' beside 'Oscar'), or only at the start of a
    sentence ('Digital music downloads...').
    """
    if labels["ORG"] <= sum(labels[label] for label in _OTHER_LABELS):
        return False
    if " " in name or _is_acronym(name):
        return True
    if re.search(rf"(?<![\w-]){re.escape(name.lower())}(?![\w-])", text) or usage.has_twin(text, name):
        return False
    uses = re.finditer(rf"(?<![\w-]){re.escape(name)}(?![\w])", text)
    return any(not _SENTENCE_START.search(text, max(0, m.start() - 3), m.start()) for m in uses)


def _join_short_forms(text: str, groups: dict[str, str], union) -> None:
    """Tie a one-word name to a longer name it ends ('United' -> 'Manchester United'), or drop it.

    A lone 'United' or 'Lions' means too many teams to be a facet value of its own,
    so it is dropped when the text has it after a place ('Manchester United') that
    was not found as an organization.
    """
    for form in [f for f in groups if " " not in f and not _is_acronym(f) and not is_known(f)]:
        longer = [g for g in groups if g.endswith(" " + form)]
        if longer:
            union(groups[longer[0]], groups[form])
            continue
        before_form = re.finditer(rf"\b([A-Z][\w'’-]+)[ \t]+{re.escape(form)}(?![\w])", text)
        if any(gazetteer.is_place(m.group(1)) for m in before_form):
            del groups[form]


def _defined_name(words: str, acronym: str, groups: dict[str, str]) -> str | None:
    """Return the name that 'Name (ACR)' defines: the tail of ``words`` whose initials are ACR."""
    split = words.split()
    for i in range(len(split)):
        tail = " ".join(split[i:])
        if split[i].casefold() in _MINOR:
            continue
        if _initials(tail) == acronym or (tail in groups and _initials(tail)[:1] == acronym[:1]):
            return tail
    return None


def _build(text, groups, find, table) -> tuple[list[Found], list[tuple[int, int]]]:
    members: dict[str, list[str]] = {}
    for form, group in groups.items():
        members.setdefault(find(group), []).append(form)
    spellings = _count(text, groups)
    found, spans = [], []
    for root, forms in members.items():
        counts = {f: spellings[f][0] for f in forms if spellings[f][0]}
        if not counts:
            continue
        if root.startswith("T"):
            entry = table.entries[int(root[1:])]
            name, others = entry[0], list(entry[1:])
        else:
            name = max(forms, key=lambda f: (not _is_acronym(f), len(f.split()), counts.get(f, 0)))
            others = []
        aliases = tuple(dict.fromkeys(f for f in [*others, *counts] if f != name))
        first = min(spellings[f][1] for f in counts)
        found.append((first, Found("organization", name, match_key(name), counts, aliases)))
        spans.extend(span for f in counts for span in spellings[f][2])
    return [f for _, f in sorted(found, key=lambda pair: pair[0])], spans


def _count(text: str, groups: dict[str, str]) -> dict[str, tuple[int, int, list[tuple[int, int]]]]:
    """Count each form's occurrences, longest forms first, without overlaps."""
    result = {form: (0, len(text), []) for form in groups}
    if not groups:
        return result
    forms = sorted(groups, key=len, reverse=True)
    pattern = re.compile(
        r"(?<![\w-])(?:" + "|".join(r"\s+".join(map(re.escape, f.split())) for f in forms) + r")(?![\w-])"
    )
    lookup = {re.sub(r"\s+", " ", f): f for f in forms}
    for match in pattern.finditer(text):
        form = lookup.get(re.sub(r"\s+", " ", match.group()))
        if form is None:
            continue
        n, first, spans = result[form]
        result[form] = (n + 1, min(first, match.start()), [*spans, match.span()])
    return result
