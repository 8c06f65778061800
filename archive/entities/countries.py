"""Countries a text refers to: by name, demonym, capital, metonym or a place inside them.

The names come from ``gazetteer``'s case-sensitive scan; the NER spans only settle the
ambiguous cases: a hit inside a person's name ('Jordan Mills', 'Grace Washington') does not
count, a city inside a longer organization name ('Paris Club', 'Washington Post') does not
count, 'weak' names (Georgia, Jordan, Chad, Paris...) count only where the model also tags them
as a place, and ``senses`` tells where the words around a name make it something else (a
language, a currency, a street). The towns and regions the model tags tell their countries
through ``towns``, where the story's other places leave room for them; ``namesakes`` tells which
of several towns of a name the story means ('Paris, Texas', 'Norway' of Michigan).
"""

from __future__ import annotations

import re
from collections import Counter

from archive.entities.base import TOWN_BY_USE, Found, Mention
from archive.entities.gazetteer import Hit, country_name, find_hits, is_weak, lookup
from archive.entities.ner import common_words, lowercase_words
from archive.entities.namesakes import qualified_towns, to_local_namesakes
from archive.entities.places_missed import is_dateline
from archive.entities.senses import another_meaning, beside_a_name, georgia_of_the_us, travelled
from archive.entities.towns import (
    big_place,
    capital_country,
    folded,
    is_capital,
    is_state,
    is_region,
    is_region_with_its_kind,
    is_town,
    namesakes,
    place_country,
    qualifier_country,
    region_country,
    small_town_country,
    the_stripped,
)
from archive.entities.villages import is_us_county

_PLACE_LABELS = frozenset({"GPE", "LOC", "NORP", "FAC"})
_ORG_LABELS = frozenset({"ORG"})
_TOWN_LABELS = frozenset({"GPE", "LOC"})
_EUROPEAN_UNION = re.compile(r"\bEU\b|\bEuropean[ \t]+(?:Union|Commission|Parliament|Council)\b|\bNATO\b")
# The last word of an event held where its name says: 'the Berlin Marathon', 'the Cannes Film Festival'.
_EVENT_END = re.compile(r"\b(?:Marathon|Half[ \t]+Marathon|Festival|Biennale|Summit|Expo|Carnival|Regatta|Open|Grand[ \t]+Prix|Games|Fair)\Z")
_COUNTY_AFTER = re.compile(r"[ \t]+(?:County|Shire|Township|Parish|Borough)\b")
_AND_AFTER = re.compile(r" (?:and|&) ([A-Z][\w'’-]+)")
_OF_BEFORE = re.compile(r"(?<![\w'’-])([A-Z][\w'’-]+) of \Z")
_COMPASS = re.compile(r"\A(?:North|South|East|West|Northern|Southern|Eastern|Western|Central)[ \t]+(?=[A-Z])")
_WORD_AFTER = re.compile(r" ([A-Z][\w'’-]+)(?![\w'’-])")


def extract_countries(
    text: str,
    mentions: list[Mention],
    person_spans: list[tuple[int, int]] = (),
    org_spans: list[tuple[int, int]] = (),
) -> list[Found]:
    """Return the countries ``text`` refers to, one ``Found`` per ISO code, in order of first mention.

    ``mentions`` are the NER spans of the text; ``person_spans`` and ``org_spans``
    are where people and organizations were found, which hide the places inside them.
    """
    orgs = list(org_spans) + [(m.start, m.end) for m in mentions if m.label in _ORG_LABELS]
    places = [(m.start, m.end) for m in mentions if m.label in _PLACE_LABELS]
    counts: dict[str, Counter] = {}
    kinds: dict[str, set[str]] = {}  # each spelling's kinds of hit: name, demonym, place

    def count(code: str, spelling: str, kind: str) -> None:
        counts.setdefault(code, Counter())[spelling] += 1
        kinds.setdefault(spelling, set()).add(kind)

    hits = find_hits(text)
    # A place's name written after another's is a name of its own, which the story may then
    # shorten: 'Wellington Phoenix', 'the Phoenix'.
    named_after = {
        after.group(1)
        for hit in hits
        if hit.kind == "place" and (after := _WORD_AFTER.match(text, hit.end)) and not lookup(after.group(1))
    }
    regions: list[tuple[int, int]] = []  # regions of two names joined by 'and'
    qualified, qualifiers = qualified_towns(text, person_spans)  # 'WALCHA, NSW': Walcha, and Australia of 'NSW'
    for hit in hits:
        if _inside(hit, person_spans) or (hit.kind == "place" and hit.text in named_after):
            continue
        if hit.kind != "demonym" and text[max(0, hit.start - 4) : hit.start] == "New ":
            # 'New Hampshire', 'New Glasgow': another place, the bigger of which the gazetteers know
            whole = f"New {hit.text}"
            if code := place_country(whole) or small_town_country(whole) or region_country(whole):
                count(code, whole, "place")
            continue
        if hit.kind != "demonym" and (kind := _COUNTY_AFTER.match(text, hit.end)):
            # 'Wellington County' of Ontario, 'Perth County': a county named after the place, in
            # the country of the county where the gazetteers know it ('Dublin County Council')
            if code := qualifier_country(whole := hit.text + kind.group()) or ("US" if is_us_county(whole) else ""):
                count(code, whole, "place")  # 'Los Angeles County'
            continue
        if (code := qualified.get(folded(hit.text))) and code != hit.code:
            count(code, hit.text, "named town")  # 'MEXICO, Maine', and then 'the Mexico selectmen'
            continue
        if hit.kind == "place" and any(
            s <= hit.start and hit.end <= e and e - s > hit.end - hit.start and not _EVENT_END.search(text, s, e)
            for s, e in orgs
        ):
            continue  # 'Manchester United' plays anywhere; the 'Berlin Marathon' is run in Berlin
        if hit.weak and not any(s < hit.end and hit.start < e for s, e in places):
            continue
        if hit.weak and any(s <= hit.start and hit.end < e and text[hit.end] == " " and text[hit.end + 1].isupper() for s, e in places):
            continue  # 'the Essex Valley' of Jamaica, 'Essex County' of New Jersey: another place's name
        if another_meaning(text, hit):
            continue
        if (opening := _OF_BEFORE.search(text, max(0, hit.start - 30), hit.start)) and (
            code := place_country(whole := f"{opening.group(1)} of {hit.text}")
        ) != hit.code and code:
            count(code, whole, "place")  # 'Port of Spain', 'Bay of Plenty': a place of another country
            continue
        if (joined := _AND_AFTER.match(text, hit.end)) and (
            code := region_country(whole := f"{hit.text} and {joined.group(1)}")
        ):
            count(code, whole, "place")  # 'Perth and Kinross', 'Dumfries and Galloway': one region
            regions.append((hit.start, joined.end()))
            continue
        if hit.kind in ("name", "place") and " " not in hit.text and beside_a_name(text, hit):
            continue  # 'Lucas Montenegro', 'Devon Khan-Mohammed': a person's name the model missed
        if georgia_of_the_us(text, hit):
            continue
        kind = "weak place" if hit.weak else hit.kind
        if kind == "place" and is_town(hit.text) and not is_capital(hit.text):
            kind = "city"  # 'Birmingham' beside Tuscaloosa may be Alabama's: see _at_home
        count(hit.code, hit.text, kind)
    # Where the model reads a place, a capital or a city of millions tells its country
    # ('Kampala', 'Monterrey'), and so does a state or province of one country ('Minnesota',
    # 'Kerala'). A story that names no country is often local news whose towns tell it: there,
    # a town or a smaller region of one country tells it too ('Winnipeg'). Where a country or a
    # known place is named, one town tells nothing unless the other towns bear it out: a town of
    # one country's name is then as likely another's ('Orlando' of Soweto).
    named = [(hit.start, hit.end) for hit in hits] + regions
    towns = [
        mention
        for mention in mentions
        if mention.label in _TOWN_LABELS | {"FAC", TOWN_BY_USE}
        and not any(_inside(mention, spans) for spans in (named, person_spans))
        and mention.text not in named_after
        # a town found by use may head an institution's name ('Clare County Council')
        and (mention.label == TOWN_BY_USE or not _inside(mention, orgs))
        and not the_stripped(mention.text)[:1].islower()  # 'the west coast' is no region's name
        and not _an_english_word_after_the(text, mention)  # 'the Republic's newest town' is no 'Republic' of Missouri
    ]
    # A story that names other countries only by their people's names ('a Nigerian striker') is
    # still told where it is by one town of its own ('Limbe').
    places_named = any(kinds[spelling] - {"demonym"} for spellings in counts.values() for spelling in spellings)
    beside_named: dict[str, list[str]] = {}  # towns of each country in a story that names one
    small: dict[str, list[str]] = {}  # towns of fewer than 15,000 people, of each country
    shared: list[str] = []  # towns of a name that towns of several countries bear
    dated: dict[str, list[str]] = {}  # the town of the story's dateline
    with_countries: set[str] = set()  # countries of towns listed beside a country ('Singapore and Hat Yai')
    for mention in towns:
        if code := qualified.get(folded(mention.text)):
            count(code, mention.text, "named town")  # 'Fredericton, New Brunswick', 'LONDON, Ont.'
            continue
        # A place's name that runs on into another capitalised word is part of a longer name
        # the model cut ('Bursa' of 'Bursa Malaysia', the stock exchange).
        if mention.label != TOWN_BY_USE and re.match(r" [A-Z]", text[mention.end : mention.end + 2]):
            continue
        if mention.label != "FAC" and (code := big_place(mention.text)):
            # 'LIMA, Ohio' is as weak a name as 'Lima'
            # a city of millions that is no capital may be a namesake's ('San Antonio' of Chile)
            weak = is_weak(mention.text.title())
            count(code, mention.text, "weak place" if weak else "place" if is_capital(mention.text) else "city")
        elif mention.label in ("GPE", TOWN_BY_USE) and _opens_the_story(text, mention) and (
            code := place_country(mention.text) or small_town_country(mention.text)
        ):
            count(code, mention.text, "named town")  # 'CASTLEBAR —': where the story was written
            dated.setdefault(code, []).append(mention.text)
        elif code := _compass_region_country(mention.text):
            count(code, mention.text, "state")  # 'West Cork', 'North Kerry': a county's part, as sure as the county
        elif (code := place_country(mention.text)) and (is_state(mention.text) or is_region_with_its_kind(mention.text)):
            # the model now and then reads a state as a building; 'the Polonnaruwa District' is as sure
            count(code, mention.text, "state")
        elif code and mention.label != "FAC":
            beside_named.setdefault(code, []).append(mention.text)
            if _listed_with_a_country(text, mention, hits):
                with_countries.add(code)
        elif not code and mention.label in ("GPE", TOWN_BY_USE) and (code := small_town_country(mention.text)):
            # 'Casino' of New South Wales, unless the story writes the word ('the valley')
            if the_stripped(mention.text).lower() not in lowercase_words(text):
                small.setdefault(code, []).append(mention.text)
        elif not code and mention.label in ("GPE", TOWN_BY_USE) and namesakes(mention.text):
            shared.append(mention.text)
    # A name that towns of several countries bear is the town of the one among them whose other
    # towns or places the story names: 'Ballina' beside 'Castlebar' is Mayo's, not New South Wales'.
    placed = {code for code, spellings in counts.items() if any(kinds[s] - {"demonym"} for s in spellings)}
    for spelling in shared:
        homes = ({code for code, towns_of in [*beside_named.items(), *small.items()] if towns_of} | placed) & namesakes(spelling)
        if len(homes) == 1:
            small.setdefault(homes.pop(), []).append(spelling)
        elif not homes and is_state(spelling) and (code := region_country(spelling)):
            count(code, spelling, "state")  # 'emigrated to Ontario' in a story of Lewis: the province, not California's town
        elif not homes and not placed and (code := capital_country(spelling)) in namesakes(spelling):
            # 'Georgetown' in a story that tells no other place is Guyana's capital, of all its namesakes
            small.setdefault(code, []).append(spelling)
    # Where the story names a country, its towns tell theirs only where two towns or more of
    # one country, of either size, show the story is set there (a Norwegian match report that
    # names a player 'Gambian').
    told = {code: Counter(spellings) for code, spellings in counts.items()}  # before any town counts
    local: dict[str, set[str]] = {}  # the distinct towns of each country, of either size
    for code, spellings in [*beside_named.items(), *small.items(), *dated.items()]:
        local.setdefault(code, set()).update(folded(spelling) for spelling in spellings)

    def outnumbers(code: str) -> bool:
        # 'Ashmont' is a town of the US, as 'Melbourne' is, but the story's other towns are
        # Australia's: one town does not outweigh the towns of the country the story names.
        return all(len(local[code]) > len(local.get(other, ())) for other in told if other != code)

    def outnumbered(code: str) -> bool:
        # 'Lyman' (a town of Ukraine) among eight towns of Washington state, 'Sikka' (of India)
        # beside two of Flores: the local country's namesake, too small for the list of towns;
        # but not a town the story goes to or comes from ('ferries from Rosslare to Cherbourg')
        return (
            len(local[code]) == 1
            and any(len(towns_of) >= 2 for other, towns_of in local.items() if other != code)
            and not any(travelled(text, spelling) for spelling in beside_named.get(code, []))
        )

    for code, spellings in beside_named.items():
        if not outnumbered(code) and (
            not places_named
            or len(local[code]) > 1
            or code in with_countries
            or (_only_namesakes_of(code, told, kinds) and outnumbers(code))
        ):
            for spelling in spellings:
                count(code, spelling, "town")
    # A small town tells its country only where no other place tells another, beside another
    # town of its country, or beside a bigger place of it: 'Listowel' of Ontario beside
    # 'Tralee' is Kerry's Listowel, too small for the list of towns.
    told = {code: Counter(spellings) for code, spellings in counts.items()}
    for code, spellings in small.items():
        two = len(local[code]) > 1
        alone = not told and len(small) == 1
        if two or alone or code in told or (told and _only_namesakes_of(code, told, kinds) and outnumbers(code)):
            for spelling in spellings:
                count(code, spelling, "town")
    for region, code in qualifiers.items():
        if code not in counts:
            count(code, region, "named town")
    # 'Brussels' in a story of the European Union is the Union, not Belgium, unless the story says
    # more of Belgium.
    if set(counts.get("BE", ())) == {"Brussels"} and _EUROPEAN_UNION.search(text):
        del counts["BE"]
    # A country's name that is a town's too, of the country whose towns the story names, and that
    # nothing else in the story bears out, is that town: 'Montenegro' among the towns of Rio Grande
    # do Sul, 'Lebanon' among Ohio's, or beside a dateline that writes it as the town ('LEBANON —').
    for code in list(counts):
        if len(counts[code]) != 1:
            continue
        spelling = next(iter(counts[code]))
        homes = {
            home
            for home, towns_of in local.items()
            if home != code
            and (len(towns_of) >= 3 or folded(spelling) in towns_of)
            and home in namesakes(spelling) | {small_town_country(spelling)}
        }
        if kinds[spelling] == {"name"} and len(homes) == 1 and not travelled(text, spelling):
            counts.setdefault(homes.pop(), Counter())[spelling] += counts.pop(code)[spelling]
    to_local_namesakes(text, counts, kinds, [m.text for m in towns])
    return _founds(_at_home(counts, kinds, local))


def _at_home(counts: dict[str, Counter], kinds: dict[str, set[str]], local: dict[str, set[str]]) -> dict[str, Counter]:
    """``counts`` with each town of a common name moved to its namesake in a country the story
    is sure of.

    A town's name tells the country of its best-known bearer; where the story is sure of another
    country that has a town or region of that name, the town is that one ('Lima' beside Ohio,
    'Alexandria' among Minnesota's towns). Where the story names a country, it is sure of the
    countries it names, and only names known to be shared move (weak names, 'LIMA'), not a capital
    named as such ('Vienna' in a story of Washington). A city of millions that is no capital moves
    too where the story names towns of its namesake's country ('San Antonio' beside 'Los Andes' in
    a story of Chile). Where it names none, it is sure of a country that a place no other country
    of the story bears tells, and any place may move.
    """

    def others(code: str, spelling: str) -> set[str]:
        return set(namesakes(spelling)) & counts.keys() - {code}

    with_towns = set(local)  # the countries whose towns the story names

    sure = {code for code, spellings in counts.items() if any(kinds[s] & {"name", "demonym"} for s in spellings)}
    movable = {"weak place", "town"} if sure else {"weak place", "town", "place", "city"}
    if not sure:
        sure = {code for code, spellings in counts.items() if any(not others(code, s) for s in spellings)}
    moved: dict[str, Counter] = {code: Counter(spellings) for code, spellings in counts.items()}
    for code in counts.keys() - sure:
        for spelling, n in counts[code].items():
            home = others(code, spelling) & sure
            # a capital moves only to a country whose towns the story names, more than its own ('Vienna'
            # among Virginia's), not to a village of its name in another city's country ('Dhaka', 'Kolkata')
            if is_capital(spelling) and not all(len(local.get(h, ())) > len(local.get(code, ())) for h in home):
                continue
            if len(home) == 1 and (kinds[spelling] <= movable or kinds[spelling] <= movable | {"city"} and home <= with_towns):
                moved[home.pop()][spelling] += n
                del moved[code][spelling]
    return {code: spellings for code, spellings in moved.items() if spellings}


def _listed_with_a_country(text: str, mention: Mention, hits: list[Hit]) -> bool:
    """Tell whether a town is listed beside a country's name or a capital, as a place of the same
    kind: 'visitors from Singapore and Hat Yai', 'Penang, Medan and Singapore'."""
    for hit in hits:
        if hit.kind in ("name", "place") and not hit.weak:
            between = text[hit.end : mention.start] if hit.end <= mention.start else text[mention.end : hit.start]
            if between in (" and ", ", ", " & ", " or "):
                return True
    return False


def _an_english_word_after_the(text: str, mention: Mention) -> bool:
    """Tell whether ``mention`` is one English word after 'the': a noun, capitalised ('the Republic')."""
    return mention.text.lower() in common_words() and text[max(0, mention.start - 4) : mention.start].lower() == "the "


def _opens_the_story(text: str, mention: Mention) -> bool:
    """Tell whether ``mention`` is the dateline of the story's first paragraph ('IPOH —'): only
    a headline, a byline and such short lines stand before it. A name in capitals heading a later
    paragraph may be a family notice's surname ('MACKAY — Peacefully, ...')."""
    return is_dateline(text, mention.start, mention.end) and all(len(line.split()) <= 14 for line in text[: mention.start].splitlines())


def _only_namesakes_of(code: str, counts: dict[str, Counter], kinds: dict[str, set[str]]) -> bool:
    """Tell whether the story names no country, and each place it names that the gazetteer knows
    is also a town's of ``code``: 'Cambridge' beside a town of New Zealand tells no other country.
    Places of several countries ('London', 'Wellington', 'Ottawa') make a story of the world, not
    of one country's towns that bear famous names."""
    if len(counts) > 1:
        return False
    spellings = [spelling for found in counts.values() for spelling in found]
    if any(kinds[spelling] & {"name", "demonym"} for spelling in spellings):
        return False
    return all(code in namesakes(spelling) for spelling in spellings)


def _founds(counts: dict[str, Counter]) -> list[Found]:
    return [Found("country", country_name(code), code, dict(spellings)) for code, spellings in counts.items()]


def _inside(hit: Hit, spans) -> bool:
    return any(s < hit.end and hit.start < e for s, e in spans)


def _compass_region_country(name: str) -> str:
    """The country of a region named by a compass point before a county's or a region's name that
    no gazetteer holds whole ('West Cork', 'North Kerry'), or ""."""
    if not (compass := _COMPASS.match(name)):
        return ""
    rest = name[compass.end() :]
    return region_country(rest) if is_region(rest) and not _COMPASS.match(f"{rest} X") else ""
