"""How a capitalised name is used in one text: as a person's name, or as a thing's.

The model often labels parties, firms, bands, awards and leagues as people ('the Free
Greens', 'Novatek', 'Harriet Vane', 'Emmy', 'the Championship'). English grammar
gives them away wherever they occur in the article: people are rarely written
with a determiner ('the Championship', 'an Emmy nomination'), after a noun that
describes a thing ('gas giant Novatek', 'band Harriet Vane', 'the daily Kurjer Polski') or
before a publication's kind ('Kurjer Polski daily said'), as a modifier before
someone's role and name ('Free Green leader Ann Lowe', 'Emmy hopefuls Tom
Ardell'), with a plural verb ('Harriet Vane are'), or in both singular and plural
('Free Green' and 'Free Greens'). ``is_thing`` counts those uses over all occurrences.

A name the gazetteers know as a place (``countries``: countries, capitals, regions, every
country's subdivisions and the world's towns of 15,000 people or more) names that place where
the text writes it as one, after a preposition of place or in a list of places ('in Warri',
'Kildare, Meath and Wicklow'), unless it also writes it as a person's (``is_a_place_here``); so
does a name listed among two places or more, and a region's or a town's whole name of two words
or more wherever it stands (``is_a_known_place``).

A name is also a place's or a thing's by what stands around it (``names_a_place_or_thing``):
a ship's or a storm's prefix ('MV ...', 'Storm ...'), an Irish county's 'Co', a last word of
places that is a surname too after a preposition of place ('at ... Hall'), or a place's noun
after every use of it ('... Airport', 'the ... music school').
"""

from __future__ import annotations

import functools
import itertools
import re

from spacy.lang.en.stop_words import STOP_WORDS

from archive.entities import gazetteer, towns
from archive.entities.given_names import given_names, surnames
from archive.entities.name_words import (
    FACILITY_NOUNS,
    JOINED_PARTICIPLE,
    ORG_AND_PLACE_WORDS,
    PLACE_OR_SURNAME,
    VESSEL_AND_STORM,
)
from archive.entities.ner import common_words, verbs

_DETERMINER_BEFORE = re.compile(r"(?<![\w'’])(?:the|The|a|an|An)\s+$")
# Lowercase nouns that describe what follows as an organization, a group or a work
# ('gas giant Novatek', 'indie band Harriet Vane', 'the film Mary Lowe'). The strong
# ones settle it on their own; the others also head relative clauses ('the game
# Ardell lost'), so they are one cue among others.
_STRONG_THING_NOUNS = frozenset(
    "firm company giant group band maker manufacturer carmaker retailer supermarket airline operator "
    "broadcaster newspaper tabloid magazine website label chain insurer lender conglomerate outfit studio "
    "film movie album sitcom novel musical console charity agency daily weekly "
    "ship vessel boat yacht ferry tanker trawler freighter lifeboat liner storm hurricane cyclone typhoon "
    # animals that race or show under names: 'the filly Tugela Star', 'his gelding Bold Ruler'
    "horse racehorse filly colt mare gelding stallion greyhound".split()
)
# A publication or agency named before its kind: 'Harbour Post newspaper said', 'the Courier daily'.
_OUTLET_AFTER = re.compile(r"[ \t]+(?:news[ \t]+)?(?:newspaper|daily|weekly|magazine|tabloid|agency|broadcaster)\b")
_THING_NOUNS = _STRONG_THING_NOUNS | frozenset(
    "firms companies giants groups bands club clubs side sides team teams makers carrier operators network "
    "channel station paper site service brand bank parties party studios franchise films movies albums "
    "single song show shows series programme drama soap book play game games award awards prize ceremony "
    "tournament championship league competition event festival organisation organization body union".split()
)
# Nouns for a person's role: 'X leader Charles Kennedy' makes X a party, firm or team.
_ROLE_NOUNS = (
    "leader|leaders|boss|bosses|chief|chiefs|chairman|chairwoman|spokesman|spokeswoman|spokesperson|owner|"
    "owners|founder|manager|coach|captain|hopeful|hopefuls|star|stars|winner|winners|nominee|nominees|"
    "frontman|head|president|candidate|candidates|executive|director|producer|player|players|member|members|"
    "colleague|colleagues|rival|rivals|team-mate|team-mates|striker|midfielder|defender|goalkeeper|singer|"
    "guitarist|drummer|minister|secretary|mp|mps|peer|peers|councillor|councillors|"
    # ...or a place: 'Kensal grower Tony Ruiz', 'Harbourside resident Ana Lima'.
    "grower|growers|farmer|farmers|resident|residents|native|natives"
)
# ...except after a campaign: 'Harris campaign manager Ann Lowe' names a person's campaign; nor across
# 'and' or a verb: 'a deflection off Omar Haddad and wrong-footed goalkeeper Sami Idris', 'coach Ada
# Obi introduced striker Musa Bello' are two people.
_ROLE_AND_NAME_AFTER = re.compile(
    rf"(?:[ \t]+(?!campaign\b|and\b|or\b|[a-z]+ed\b)[a-z][\w-]*){{0,2}}[ \t]+(?:{_ROLE_NOUNS})"
    r"[ \t]+(?:(?:Sir|Dr|Mr|Mrs|Ms)\.?[ \t]+)?[A-Z][a-z]"
)
_WHICH_AFTER = re.compile(r",[ \t]+which\b")
_PLURAL_VERB_AFTER = re.compile(r"[ \t]+(?:are|were|have)\b")
_SENTENCE_START_BEFORE = re.compile(r"(?:^|[.!?]\s+|\n\s*)$")
_PERSON_TITLES = frozenset("Mr Mrs Ms Dr Sir Lady Lord President Senator Governor Minister Premier".split())
_NEXT_WORD = re.compile(r"[ \t]+([a-z]+)\b")
# A person's name that goes on into what is named after the person: 'the Ann Lowe Foundation'.
_NAME_GOES_ON = re.compile(r"[ \t]+([A-Z][a-z]+)\b")
_NAMED_AFTER_SOMEONE = FACILITY_NOUNS | frozenset("trust fund scholarship lecture society".split())
_WORD_BEFORE = re.compile(r"([\w-]+)\s+$")


@functools.lru_cache(maxsize=2048)
def is_thing(text: str, name: str) -> bool:
    """Tell whether ``text`` uses ``name`` as the name of a thing rather than a person.

    True when ``name`` also occurs in the singular or plural, follows a noun such as
    'firm' or 'band', or when at least one occurrence in four is used the way a
    thing's name is (see the module docstring).
    """
    if has_twin(text, name):
        return True
    occurrences = cues = 0
    for match in re.finditer(rf"(?<![\w-]){re.escape(name)}(?![\w])", text):
        word = _WORD_BEFORE.search(text, max(0, match.start() - 40), match.start())
        if (word and word.group(1) in _STRONG_THING_NOUNS) or _OUTLET_AFTER.match(text, match.end()):
            return True
        occurrences += 1
        cues += _is_thing_use(text, match.start(), match.end())
    return cues > 0 and 4 * cues >= occurrences


def _is_thing_use(text: str, start: int, end: int) -> bool:
    if _PARTICIPLE_JOINED.match(text, end):
        return False  # 'the Ann Lowe-trained filly', 'a Tom Hale-led review': the person did it
    before = text[max(0, start - 40) : start]
    if _DETERMINER_BEFORE.search(before):
        # 'The Free Greens also', 'the Championship.', but not 'the Lowe administration':
        # a person's name with an article is usually a modifier of the next noun; nor 'the Ann Lowe
        # Foundation', where the name goes on into what is named after the person.
        following = _NEXT_WORD.match(text, end)
        goes_on = _NAME_GOES_ON.match(text, end)
        memorial = goes_on is not None and goes_on.group(1).casefold() in _NAMED_AFTER_SOMEONE
        if not memorial and (not following or following.group(1) in STOP_WORDS):
            return True
    word = _WORD_BEFORE.search(before)
    if word and word.group(1) in _THING_NOUNS:
        return True
    if _ROLE_AND_NAME_AFTER.match(text, end):
        return True
    # 'which' after a subject that opens its sentence ('Statnor, which runs the plant, said'); elsewhere
    # it may be said of a longer name before ('a firm controlled by a son of President Lowe, which ...').
    if _WHICH_AFTER.match(text, end) and _SENTENCE_START_BEFORE.search(before):
        return True
    # A plural verb counts only for a subject that opens its sentence ('Harriet Vane are').
    return bool(_PLURAL_VERB_AFTER.match(text, end)) and bool(_SENTENCE_START_BEFORE.search(before))


def has_twin(text: str, name: str) -> bool:
    """Tell whether the name's plural (or singular) stands on its own in ``text`` too."""
    singular = name[:-1] if name.endswith("s") and not name.endswith("ss") else name
    twin = singular if singular != name else name + "s"
    if len(twin) < 3 or (" " not in name and _is_surname(text, singular)):
        return False
    for match in re.finditer(rf"(?<![\w-]){re.escape(twin)}(?![\w'’])", text):
        before = text[max(0, match.start() - 30) : match.start()]
        word = _WORD_BEFORE.search(before)
        # 'Prince Edward' beside 'Nina Edwards' is two names, not one word's two numbers.
        if not (word and word.group(1)[:1].isupper() and not before.rstrip().endswith((".", ",", ":"))):
            return True
    return False


def _is_surname(text: str, word: str) -> bool:
    """Tell whether ``word`` ends a two-word name somewhere ('Bill Clinton' beside 'the Clintons')."""
    for match in re.finditer(rf"(?<=[a-z] ){re.escape(word)}(?![\w])", text):
        before = text[max(0, match.start() - 30) : match.start()]
        given = re.search(r"([A-Z][a-z]+) $", before)
        if given and (
            given.group(1) in _PERSON_TITLES or not _SENTENCE_START_BEFORE.search(before, 0, given.start())
        ):
            return True
    return False


def names_a_place_or_thing(text: str, start: int, name: str) -> bool:
    """Tell whether the words around ``name`` (found at ``start``) make it a place's or a thing's."""
    words = name.split()
    before = _NAME_WORD_BEFORE.search(text, max(0, start - 30), start)
    if {words[0], before and before.group(1)} & _VESSEL_STORM_OR_COUNTY or _VESSEL_AND_TITLE_BEFORE.search(
        text, max(0, start - 40), start
    ):
        return True  # 'MV Glen Sannox', 'Cyclone Winston', 'Co Louth'
    if words[-1].casefold() in PLACE_OR_SURNAME and (
        len(words) > 2 or (before and before.group(1) in _PLACE_PREPOSITIONS) or _english_not_given(words[0])
    ):
        return True  # 'Cesar Chavez Park', 'at Vahdat Hall', 'the Civic Hall'
    found = uses(text, name)
    if any((before := _NAME_WORD_BEFORE.search(text, max(0, s - 30), s)) and before.group(1) in VESSEL_AND_STORM
           for s, _ in found):  # fmt: skip
        return True  # 'Ottoline' of 'Storm Ottoline', wherever the text names it
    # A name only ever written before a place's or a thing's noun is theirs: 'Václav Havel Airport',
    # 'the Mykola Lysenko music school'.
    return bool(found) and all(_names_a_thing(_WORDS_AFTER.match(text, e).group()) for _, e in found)


def _english_not_given(word: str) -> bool:
    """Tell whether a capitalised word is an English word and no given name ('Civic', 'Memorial')."""
    return word.lower() in common_words() and word not in given_names()


_PARTICIPLE_JOINED = re.compile(rf"{JOINED_PARTICIPLE}(?![\w-])")
_NAME_WORD_BEFORE = re.compile(r"([\w.]+)[ \t]+[\"“‘']?\Z")  # and a quote: 'Typhoon "Perla"'
_VESSEL_STORM_OR_COUNTY = VESSEL_AND_STORM | {"Co", "Co."}
# A ship named after someone with a title: 'RRS Sir David Attenborough', 'USNS Admiral ...'.
_VESSEL_AND_TITLE_BEFORE = re.compile(
    rf"(?<![\w.])(?:{'|'.join(sorted(VESSEL_AND_STORM))})[ \t]+(?:Sir|Dame|Lord|Lady|Dr|Professor|General|Admiral|Captain)\.?[ \t]+\Z"
)
_PLACE_PREPOSITIONS = frozenset(
    "at in on to near inside outside into from across along opposite between via toward towards beyond past around through".split()
)
# The second of two names after a preposition of place: 'to Laxey and [Ramsey]', 'from New Bell, [Limbe]'.
_LISTED_AFTER_A_PREPOSITION = re.compile(
    rf"\b(?:{'|'.join(sorted(_PLACE_PREPOSITIONS - {'to', 'on', 'at', 'past', 'between', 'along', 'opposite'}))})[ \t]+(?:[A-Z][\w'’-]+[ \t]+)?[A-Z][\w'’-]+(?:,[ \t]+|[ \t]+(?:and|or)[ \t]+)\Z"
)
# Prepositions that take places and not people, before a name or a list of names ending in it.
_NO_PEOPLE_PREPOSITIONS = frozenset("in into near around across outside throughout via towards toward beyond".split())
_ONLY_PLACES_BEFORE = re.compile(
    rf"(?<![\w-])(?:{'|'.join(sorted(_NO_PEOPLE_PREPOSITIONS))})[ \t]+"
    r"(?P<listed>(?:[A-Z][\w'’-]+(?:[ \t]+(?:do|de|da|del|du)[ \t]+[A-Z][\w'’-]+)?(?:,[ \t]+|,?[ \t]+(?:and|or)[ \t]+))*)\Z"
)
# What a place's name follows, once is enough: 'Born in Cwm Pedol in 1939', 'the two men are from
# Arima and Caroni', 'in nearby Lourdes'. People are born, live and are from somewhere, not someone.
_HOME_BEFORE = re.compile(
    r"(?<![\w-])(?:(?:[Bb]orn|raised|grew[ \t]+up|brought[ \t]+up|lives|lived|living|settled)[ \t]+in"
    r"|(?:moved|emigrated|relocated)[ \t]+to|(?:am|is|are|was|were)[ \t]+(?:originally[ \t]+)?from"
    r"|(?:in|to|from|near)[ \t]+(?:nearby|neighbouring|neighboring))[ \t]+"
    r"(?:[A-Z][\w'’-]+(?:,[ \t]+|,?[ \t]+(?:and|or)[ \t]+))*\Z"
)
# ...or what follows it, once: 'Hwaseong and Giheung, where its older plants are'.
_WHERE_AFTER = re.compile(r"(?:(?:,[ \t]*|[ \t]+(?:and|or)[ \t]+)[A-Z][\w'’-]+)*,[ \t]+where\b")
_WORDS_AFTER = re.compile(r"(?:[ \t]+[\w-]+){0,2}")


def uses(text: str, name: str) -> list[tuple[int, int]]:
    """Where ``name`` stands in ``text`` as a whole name (one space between its words)."""
    found, at = [], text.find(name)
    while at >= 0:
        end = at + len(name)
        if not _is_name_char(text[at - 1 : at]) and not _is_name_char(text[end : end + 1]):
            found.append((at, end))
        at = text.find(name, end)
    return found


def _is_name_char(char: str) -> bool:
    return bool(char) and (char.isalnum() or char in "_-")


def _names_a_thing(after: str) -> bool:
    """Tell whether the words after a name make it a place's or a thing's name."""
    words = after.split()
    if words and words[0][:1].isupper():
        # 'Winnipeg James Armstrong [Richardson International] Airport': the name runs on into the thing's
        capitalised = itertools.takewhile(lambda word: word[:1].isupper(), words)
        return any(word.casefold() in ORG_AND_PLACE_WORDS for word in capitalised)
    if words and words[0] in FACILITY_NOUNS:
        return True  # 'the Ana Lima school'
    # 'the Ana Lima music school', but not 'Ana Lima said school'
    return len(words) > 1 and words[1] in FACILITY_NOUNS and words[0].isalpha() and words[0].islower() and (
        words[0] not in STOP_WORDS and not words[0].endswith(("ed", "s")) and words[0] not in verbs())


def written_as_person(text: str, name: str, found: list[tuple[int, int]] | None = None) -> bool:
    """Tell whether the text writes ``name`` as a person's anywhere: before a verb of saying, an
    age or kin, or after a title. ``found``: its uses, where the caller has them already."""
    return any(_person_cue(text, s, e) for s, e in (uses(text, name) if found is None else found))


def is_a_place_here(text: str, name: str) -> bool:
    """Tell whether the text writes ``name`` as a place's: see the module's docstring."""
    found = uses(text, name)
    if not found or written_as_person(text, name, found):
        return False
    if any(_PLACE_KIND_AFTER.match(text, end) or _PLACES_KIND_AFTER.match(text, end) for _, end in found):
        return True  # 'the Armutlu neighbourhood', 'Fang district police', 'Westmorland and Albert counties'
    # Towns of 5,000 people tell a place after a preposition ('from Loughrea'); in a list only
    # towns of 15,000 do: a team sheet's surnames are many small towns' names ('Staunton, Houghton').
    known, known_small = _is_known_place(name), _is_known_place(name, small=True)
    # A name no list holds is a place's where the story lists it among others after a preposition
    # only places take ('in Cerro and Casavalle', 'into Encantado, Muçum and Roca Sales'), or writes
    # it after one twice ('into Grindavík', 'in Grindavík'): people are not 'in' or 'near' someone.
    # Not a name of people's ('faith in Harris', 'belief in Hodgson').
    people_name = any(word in surnames() or word in given_names() for word in name.split())
    only_before_places = [] if people_name else [_ONLY_PLACES_BEFORE.search(text, max(0, start - 80), start) for start, _ in found]
    if any(m and m.group("listed") for m in only_before_places):
        return True
    if any(_HOME_BEFORE.search(text, max(0, start - 80), start) or _WHERE_AFTER.match(text, end) for start, end in found):
        return True
    if sum(m is not None for m in only_before_places) >= 2:
        return True
    for start, end in found:
        beside = list_neighbours(text, start, end)
        # 'Alexandra, Sophia, Michael and Lucas' lists people: a given name that is a town's
        # too ('Alexandra', 'Phoenix') tells neither.
        known_beside = [(_is_known_place(other) or _ends_in_a_place_kind(other), other in given_names()) for other in beside]
        people_beside = sum(given and not place for place, given in known_beside)
        places_beside = sum(place and not given for place, given in known_beside)
        if places_beside > people_beside and (places_beside >= 2 or known):
            return True
        if _AGE_AND_OF_BEFORE.search(text, max(0, start - 20), start) or _ONLY_A_PLACE_OF_BEFORE.search(
            text, max(0, start - 40), start
        ):
            return True
        # A name no one bears, not the model's guess at a person's: where it stands tells.
        if not people_name and " " not in name and (
            _COMPASS_BEFORE.search(text, max(0, start - 50), start) or _HOME_OF_BEFORE.search(text, max(0, start - 40), start)
        ):
            return True
        before = _NAME_WORD_BEFORE.search(text, max(0, start - 30), start)
        if known_small and (before and before.group(1) in _PLACE_PREPOSITIONS
                      or _OF_A_PLACE_BEFORE.search(text, max(0, start - 30), start)
                      or _LISTED_AFTER_A_PREPOSITION.search(text, max(0, start - 60), start)):  # fmt: skip
            return True
    return False


def _ends_in_a_place_kind(name: str) -> bool:
    """'Cauayan City', 'Rangpur Town', 'Shiraz Province': a name that says it is a place's."""
    words = name.split()
    return len(words) > 1 and words[-1].casefold() in _KINDS_CLOSING_A_NAME


def is_a_known_place(text: str, name: str) -> bool:
    """Tell whether a name of two words or more is a region's or a town's as a whole ('Tamil Nadu',
    'Nova Scotia'), or a name of one word a capital's or a city of millions' and no given name
    ('Campinas'), and the text never writes it as a person's: few people's names are."""
    if len(name.split()) > 1:
        known = _is_known_place(name, small=True)
    else:
        known = bool(towns.big_place(name)) and name not in given_names()
    return known and not written_as_person(text, name)


@functools.lru_cache(maxsize=20_000)
def _is_known_place(name: str, small: bool = False) -> bool:
    """The whole name, or the name before a place's kind ('Kano State'): not its first word
    alone, which is often a given name that is a place's too ('Paul', 'Alexandra'). Towns of
    15,000 people or more, or of 5,000 (``small``)."""
    words = name.split()
    if len(words) > 1 and words[-1].casefold() in _PLACE_KINDS:
        name = " ".join(words[:-1])
    town = towns.is_small_town(name) if small else towns.is_town(name)
    return gazetteer.is_place(name) or towns.is_region(name) or town


# What closes a place's name as its kind ('Cauayan City'); 'Ward' and 'West' close surnames too.
_KINDS_CLOSING_A_NAME = frozenset("city town province district municipality county village region prefecture governorate".split())
_PLACE_KINDS = frozenset(
    "ward district town city county state province region village municipality suburb east west north south central".split()
)


# "Port Harcourt, Warri and Kaduna": the capitalised names next to a name in a list.
_NEIGHBOUR_BEFORE = re.compile(r"((?:[A-Z][\w'’.-]*[ \t]+){0,2}[A-Z][\w'’.-]*)(?:,[ \t]*|[ \t]+(?:and|or)[ \t]+)\Z")
_NEIGHBOUR_AFTER = re.compile(r"(?:,[ \t]*|[ \t]+(?:and|or)[ \t]+)((?:[A-Z][\w'’.-]*[ \t]+){0,2}[A-Z][\w'’.-]*)")
# A lower-case place's kind after a name: 'Fang district', 'the Armutlu neighbourhood'.
_PLACE_KIND_AFTER = re.compile(
    r"[ \t]+(?:districts?|sub-?districts?|neighbou?rhoods?|villages?|provinces?|municipality|townships?|commune|barangay|prefecture"
    r"|regions?|regency|regencies|blocks|taluka?s?|tehsils?|mandals?|upazilas?|parishes|rivers?|creeks?|waterfalls?|junction"
    r"|counties|islands|lagoons?|reservoirs?|headworks|refugee[ \t]+camps?|police[ \t]+station"
    # What is named after no one in lower case: 'Loy Krathong festivities', 'Lassa fever'.
    r"|festivals?|festivities|fever)\b"
)
# The kind of every place of a list, after its last: 'Westmorland and Albert counties', 'Kampar,
# Rokan Hulu, Pelalawan and Siak regencies'.
_PLACES_KIND_AFTER = re.compile(
    r"(?:(?:,[ \t]*|[ \t]+(?:and|or)[ \t]+)(?:[A-Z][\w'’.-]*[ \t]+){0,2}[A-Z][\w'’.-]*)+[ \t]+"
    r"(?:districts|sub-?districts|neighbou?rhoods|villages|provinces|municipalities|townships|communes|regions|regencies"
    r"|counties|islands|states|suburbs|towns|wards|festivals|festivities"
    r"|mills|mines|estates|plantations|factories|farms|valleys|hills|lakes|rivers|dams)\b"
)
# A home town after an age: 'Ian Moss, 31, of Glebe', 'Ian Moss, 22, from Glebe'.
_AGE_AND_OF_BEFORE = re.compile(r",[ \t]+\d{1,3},[ \t]+(?:of|from)[ \t]+\Z")
# What only a place's name follows, known or not: 'the village of Alda', 'the villages of Ardo and Pila'
# (but not 'In the village of Lefka, Maria Costa').
_ONLY_A_PLACE_OF_BEFORE = re.compile(
    r"\b(?:villages?|towns?|hamlets?|townships?|municipality|suburbs?|plains?|valley|islands?|ports?|coasts?|shores?|outskirts)[ \t]+of[ \t]+"
    r"(?:[A-Z][\w'’-]*[ \t]+(?:and|or)[ \t]+)?\Z"
)
# A compass point's adjective in lower case before a name: 'in south-east Anglesey', 'across northern Kordofan'.
_COMPASS_BEFORE = re.compile(
    r"\b(?:in|of|across|from|around|throughout)[ \t]+(?:the[ \t]+)?(?:rural[ \t]+)?"
    r"(?:(?:north|south)(?:[ -]?(?:east|west))?(?:ern)?|east(?:ern)?|west(?:ern)?|central)[ \t]+\Z"
)
# Someone's home after their name, or a family's: 'T. Walsh of Oakvale', 'the Mensah family of Adabraka'.
_HOME_OF_BEFORE = re.compile(r"(?:\b[A-Z][\w'’-]+|\bfamil(?:y|ies))[ \t]+of[ \t]+\Z")
_OF_A_PLACE_BEFORE = re.compile(r"\b(?:city|province|state|district|region|county|port)\s+of\s+\Z")
# What only a person's name has after it: a verb of saying (not 'added 55' of a side's runs), an age, kin.
_PERSON_AFTER = re.compile(
    r"['’]s?\s+(?:wife|husband|son|daughter|brother|sister|mother|father|family)\b"
    r"|\s+(?:said|says|told|asked|argued|insisted|admitted|explained|recalled|who|died)\b|\s+added\b(?![ \t]+\d)|,\s+\d{1,3},"
)
# Prepositions that a place's name follows and a person's hardly ever: 'from Dunedin', 'in Renk'.
_PLACE_PREPOSITION_BEFORE = re.compile(r"\b(?:from|in|near|outside|across|throughout|into)[ \t]+\Z")
# Titles written before a person and never before a place (name_words.TITLES holds more: "chief", "general").
_TITLE_BEFORE = re.compile(r"\b(?:Mr|Mrs|Ms|Miss|Dr|Prof|Sir|Dame|Lord|Lady|President|Minister|Governor|Senator|Judge)\.?\s+\Z")


def list_neighbours(text: str, start: int, end: int) -> list[str]:
    """The names beside the one at text[start:end] in a list, up to three on each side."""
    names, at = [], start
    for _ in range(3):
        if not (match := _NEIGHBOUR_BEFORE.search(text, max(0, at - 80), at)):
            break
        names.append(match.group(1))
        at = match.start()
    at = end
    for _ in range(3):
        if not (match := _NEIGHBOUR_AFTER.match(text, at)):
            break
        names.append(match.group(1).rstrip("."))  # the list may end its sentence
        at = match.end()
    return names


def _person_cue(text: str, start: int, end: int) -> bool:
    # 'a teacher from Dunedin who ...', 'residents in Kano said': the cue after a place is its people's.
    after = _PERSON_AFTER.match(text, end) and not _PLACE_PREPOSITION_BEFORE.search(text, max(0, start - 12), start)
    return bool(after or _TITLE_BEFORE.search(text, max(0, start - 15), start))
