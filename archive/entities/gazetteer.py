"""The names of countries and of places in them: pycountry's names plus ``data/countries.json``
(short forms, demonyms, capitals, big cities, regions, 'the Kremlin'-style metonyms), and the
case-sensitive scan that finds them in a text. What a match means in its story is
``countries``' business.
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from pathlib import Path

import pycountry

from archive.entities.towns import norm

_DATA = Path(__file__).with_name("data") / "countries.json"
# A prefix that makes a demonym span countries: 'Inter-American', 'Pan-Arab'.
_SPANNING = re.compile(r"(?<![\w-])(?:[Ii]nter|[Pp]an|[Tt]rans|[Ii]ntra)[-–]\Z")


@dataclass(frozen=True)
class Hit:
    """One gazetteer match: offsets, the text matched, its country code and kind."""

    start: int
    end: int
    text: str
    code: str
    kind: str  # "name" | "demonym" | "place"
    weak: bool


@dataclass(frozen=True)
class _Gazetteer:
    terms: dict[str, tuple[str, str]]  # normalised term -> (code or "", kind)
    weak: frozenset[str]
    display: dict[str, str]
    pattern: re.Pattern



def _split(value: str) -> list[str]:
    return [v.strip() for v in value.split("|") if v.strip()]


@functools.cache
def _gazetteer() -> _Gazetteer:
    data = json.loads(_DATA.read_text(encoding="utf-8"))
    terms: dict[str, tuple[str, str]] = {}
    display: dict[str, str] = {}
    for country in pycountry.countries:
        code = country.alpha_2
        display[code] = getattr(country, "common_name", None) or country.name
        for attr in ("name", "common_name", "official_name"):
            value = getattr(country, attr, None)
            if value and "," not in value and "(" not in value:
                value = norm(value.removeprefix("the "))
                terms.setdefault(value, (code, "name"))
                if value.startswith("Saint "):  # 'St Lucia', 'St. Kitts and Nevis', as news writes them
                    for short in ("St ", "St. "):
                        terms.setdefault(short + value.removeprefix("Saint "), (code, "name"))
    display.update(data["display"])
    for code, value in data["names"].items():
        for term in _split(value):
            terms[norm(term)] = (code, "name")
    for code, value in data["demonyms"].items():
        for term in _split(value):
            terms.setdefault(norm(term), (code, "demonym"))
            if term[-1] in "nir":
                terms.setdefault(norm(term + "s"), (code, "demonym"))
    for code, value in data["places"].items():
        for term in _split(value):
            terms.setdefault(norm(term), (code, "place"))
    for term in _split(data["blockers"]):
        terms[norm(term)] = ("", "blocker")
    alternatives = sorted(terms, key=len, reverse=True)
    body = "|".join(re.escape(t).replace("\\-", r"\s*[-–—]\s*").replace("\\ ", r"\s+") for t in alternatives)
    pattern = re.compile(rf"(?<![\w.])(?:{body})(?![\w])")
    return _Gazetteer(terms, frozenset(_split(data["weak"])), display, pattern)


def country_name(code: str) -> str:
    """Return the common English name for an ISO 3166-1 alpha-2 code ('RU' -> 'Russia')."""
    return _gazetteer().display.get(code.upper(), code.upper())


def lookup(term: str) -> tuple[str, str] | None:
    """Return ``(code, kind)`` when ``term`` as a whole names a country or a place in one."""
    found = _gazetteer().terms.get(norm(term))
    return found if found and found[1] != "blocker" else None


def is_qualifier(word: str) -> bool:
    """Tell whether ``word`` can stand before a name as a plain qualifier ('Russian', 'Moscow').

    Weak names are excluded: 'Paris' in 'Paris Hilton' is part of the name.
    """
    found = lookup(word)
    return found is not None and norm(word) not in _gazetteer().weak


def is_place(term: str) -> bool:
    """Tell whether ``term`` is a country, demonym or place name (weak ones included)."""
    return lookup(term) is not None



def find_hits(text: str) -> list[Hit]:
    """Return every gazetteer match in ``text`` (blockers excluded), in text order."""
    gaz = _gazetteer()
    hits = []
    for match in gaz.pattern.finditer(text):
        key = norm(match.group())
        code, kind = gaz.terms[key]
        if kind == "demonym" and _SPANNING.search(text, max(0, match.start() - 7), match.start()):
            continue  # 'Inter-American', 'Pan-Arab'; but 'the Trans-Canada Highway' is Canada's
        if kind != "blocker":
            hits.append(Hit(match.start(), match.end(), match.group(), code, kind, key in gaz.weak))
    return hits


def is_weak(term: str) -> bool:
    """Tell whether ``term`` is a name that means a country or city only where it is read as a
    place ('Georgia', 'Jordan', 'Paris')."""
    return norm(term) in _gazetteer().weak
