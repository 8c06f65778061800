"""Towns that bear another place's name, and which of them a story means: the one of the state,
province or county written after it ('Paris, Texas', 'MEXICO, Maine —', 'London, Ont.'), and, in
a local story of US states, the town of those states that a country's name is too ('Norway' among
the towns of Michigan's Upper Peninsula).
"""

from __future__ import annotations

import re
from collections import Counter

from archive.entities.senses import travelled
from archive.entities.towns import (
    big_place,
    capital_country,
    countries_with_region,
    folded,
    namesakes,
    place_country,
    qualifier_country,
    small_town_country,
)
from archive.entities.villages import us_states_named, us_states_of_town

# A town's name and, after a comma, the state, province or county that tells which town it is:
# 'MEXICO, Maine —', 'in Paris, Texas, where', 'London, Ont.'; not a list ('Canada, Mexico, Texas
# and Arizona').
_TOWN_AND_REGION = re.compile(
    r"(?<![\w'’.-])(?<!, )(?<! and )((?:[A-Z][\w'’-]*[ \t-]){0,2}[A-Z][\w'’-]*),[ \t]+"
    r"((?:(?:Co\.|County)[ \t]+)?[A-Z][\w'’.-]*(?:[ \t][A-Z][\w'’-]*)?)"
)
_REGION_ENDS = re.compile(r"[ \t]*(?:[—–:(.;)\n]|-{1,2}[ \t]|\Z)|,[ \t]+(?!and\b|or\b)[a-z0-9]|[ \t]+(?!and\b|or\b)[a-z]")


def qualified_towns(text: str, people: list[tuple[int, int]] = ()) -> tuple[dict[str, str], dict[str, str]]:
    """The towns ``text`` names with the state, province or county that tells which they are
    ('Paris, Texas'), by folded name: the country of that region, where a town of the name may lie
    there ('Denmark, S.C.', too small for the gazetteer; not 'Tbilisi, Georgia'). A region that
    several countries bear is the one of the country of a town known before it, and so are its
    other uses: 'MANDEVILLE, Manchester' and then 'the Manchester police'. Second, each region as
    written with its country: 'WALCHA, NSW' tells Australia, whether or not any list holds Walcha.
    A region's name that is a person's where it stands (``people``: their spans) is none: 'under the
    Reform Act, Santiago signed'."""
    found: dict[str, str] = {}
    regions: dict[str, str] = {}
    for match in _TOWN_AND_REGION.finditer(text):
        if any(s <= match.start(2) < e for s, e in people):
            continue
        words, town = match.group(2).split(), match.group(1).split()
        for size in range(len(words), 0, -1):
            region = " ".join(words[:size])
            if not _REGION_ENDS.match(text, match.start(2) + len(region)):
                continue
            if code := qualifier_country(region):
                for start in range(len(town)):  # 'In Paris, Texas': the town is the last words
                    name = " ".join(town[start:])
                    if _may_lie_in(name, code) and qualifier_country(name) != code:  # not 'Texas, Arizona'
                        found[folded(name)] = found[folded(region)] = code
                        regions.setdefault(region, code)
                break
            name = " ".join(town)
            if (home := place_country(name) or small_town_country(name)) and home in namesakes(region) | countries_with_region(region):
                found[folded(name)] = found[folded(region)] = home
                break
    return found, regions


def _may_lie_in(name: str, code: str) -> bool:
    """Tell whether a town ``name`` may lie in the country ``code``: a town of it does, or it is
    no capital or city of millions elsewhere."""
    return code in namesakes(name) | {place_country(name), small_town_country(name)} or not (
        big_place(name) or capital_country(name)
    )


def to_local_namesakes(text: str, counts: dict[str, Counter], kinds: dict[str, set[str]], towns: list[str]) -> None:
    """Move to the United States each country's or foreign city's name of a local story of US
    states that a town of those states bears, where nothing else bears the other country out:
    'Mexico', 'Peru', 'Norway' and 'Paris' among the towns of a story of western Maine. A story is
    local where it names two other towns of its states; a name the story goes to or from, or
    writes as an owner ('China's tariffs'), stays the country's. A story is of the states it names and
    of the state its US towns share, where they share one or two ('Syracuse' and 'Oswego': New York)."""
    # 'Norwegian', or a town of the country itself, bears the country out
    foreign = [code for code, spellings in counts.items() if code != "US" and all(kinds[s] <= _FOREIGN_KINDS for s in spellings)]
    if not foreign:
        return  # before reading GeoNames' villages, which most stories need not
    states = us_states_named(text) | _shared_state(towns)
    if not states or len({folded(town) for town in towns if us_states_of_town(town) & states}) < 2:
        return
    for code in foreign:
        spellings = counts[code]
        for spelling in [s for s in spellings if us_states_of_town(s) & states and not _owner_or_travelled(text, s)]:
            counts.setdefault("US", Counter())[spelling] += spellings.pop(spelling)
            kinds[spelling].add("named town")
        if not spellings:
            del counts[code]


def _shared_state(towns: list[str]) -> frozenset[str]:
    """The one or two US states that two or more of ``towns`` (of no other country that the
    gazetteers know) lie in, or none."""
    named = {folded(town): us_states_of_town(town) for town in towns if place_country(town) in ("US", "")}
    shared = Counter(state for states in named.values() for state in states)
    best = {state for state, n in shared.items() if n >= 2}
    return frozenset(best) if 0 < len(best) <= 2 else frozenset()


_FOREIGN_KINDS = frozenset({"name", "place", "weak place", "city"})


def _owner_or_travelled(text: str, place: str) -> bool:
    return travelled(text, place) or re.search(rf"\b{re.escape(place)}['’]s?\b", text) is not None
