"""A span the model or a shape reads as a person's: its name, cleaned of titles, possessives and
what follows a name ('OBE', 'Thera'), and the tests that tell it names no person after all (a
place, a body, a thing, a credit, a dateline)."""

from __future__ import annotations

import re

from archive.entities import credits, gazetteer, missed, name_words, organizations, places_missed, towns, usage, word_kinds
from archive.entities.base import Mention
from archive.entities.given_names import given_names_and_places, surnames
from archive.entities.identity import fold
from archive.entities.ner import common_words, lowercase_words
from archive.entities.name_words import (
    DESCRIPTOR_ENDING,
    FUNCTION_WORDS,
    INSTITUTION_OPENERS,
    PARTICLES,
    PLACE_OPENERS,
    POST_NOMINALS,
    THING_WORDS,
    TITLES,
    TWO_WORD_TITLES,
)

_POSSESSIVE = re.compile(r"['’]s?$")
_NAME_TOKEN = re.compile(r"^(?:[^\W\d_]\.)+$|^[^\W\d_]+(?:['’-][^\W\d_]+)*(?:(?<![sS])['’])?\.?$")
# A Luo name's closing apostrophe, no possessive's: "Rose Achieng' Ouma", "Anyang' Nyong'o".
_LUO_APOSTROPHE = re.compile(r"[^\W\dsS_]['’]\Z")
_COMPASS_POINTS = frozenset({"North", "South", "East", "West", "Central"})
_SAINT_BEFORE = re.compile(r"(?<![\w'’-])(?:St|Ste|Saint|Sainte)\.?[ \t]+\Z")
_ADDRESS_BEFORE = re.compile(r"\b(?:Road|Street|Avenue|Drive|Lane|Highway|Terrace|Crescent|Boulevard|Rd|St|Ave),[ \t]+\Z")
_ROLE_FROM_BEFORE = re.compile(r"\b([a-z]+)[ \t]+from[ \t]+\Z")
_REGION_OPENERS = _COMPASS_POINTS | {"Northern", "Southern", "Eastern", "Western", "Greater"}
_ARTICLE_PREFIX = re.compile(r"(?:al|el)-[A-Z]")  # 'al-Maktari'
# The article of a Gaelic surname, and a name's first letter eclipsed or aspirated after it.
_GAELIC_PIECE = re.compile(r"(?:Mac|Nic|Mhic) (?:an|a['’])\Z|(?:an|a['’]|Ó|Ní|Uí) (?:t|h|n)[A-Z][^\W\d_]+\Z")


def clean(text: str, mention: Mention) -> tuple[int, int, str] | None:
    """Return (start, end, name) of a PERSON span without titles and possessives, or None."""
    if "\n" in mention.text.strip():
        return None
    tokens = [(m.start() + mention.start, m.group()) for m in re.finditer(r"\S+", mention.text)]
    # A possessive ends the name: "Ann Lowe's Valletta" names Ann Lowe.
    cut = next((i for i, (_, t) in enumerate(tokens[:-1]) if _POSSESSIVE.search(t) and t[-2:] != "s'" and not _LUO_APOSTROPHE.search(t)), None)
    if cut is not None:
        after = [t for _, t in tokens[cut + 1 :]]
        # A body's or a party's person: "Sinn Féin's Mairéad Gallagher", where the name after opens
        # with a given name and the one before does not.
        if len(after) >= 2 and word_kinds.is_given(after[0]) and not word_kinds.is_given(tokens[0][1]):
            tokens = tokens[cut + 1 :]
        else:
            tokens = tokens[: cut + 1]
    while len(tokens) > 2 and (fold(tokens[0][1]), fold(tokens[1][1])) in TWO_WORD_TITLES:
        tokens = tokens[2:]
    if len(tokens) > 2 and missed.ends_a_title(text, *tokens[0]):
        tokens = tokens[1:]  # "Dato' [Sri Nur Aisyah ...]"
    while tokens and (
        fold(tokens[0][1]).rstrip(".,") in TITLES
        or (len(tokens[0][1]) > 1 and fold(tokens[0][1]) in FUNCTION_WORDS)
        # 'Moscow Mayor Sobyanin', but not the given name of a two-word name ('Devon Samuel')
        or (gazetteer.is_qualifier(_POSSESSIVE.sub("", tokens[0][1])) and not (len(tokens) == 2 and tokens[0][1] in given_names_and_places()))
    ):
        tokens.pop(0)
    # A participle opening the sentence: 'Representing Jarvis, Simon Atwal said'.
    if len(tokens) > 1 and word_kinds.is_participle(tokens[0][1]) and not word_kinds.is_given(tokens[0][1]):
        tokens.pop(0)
    while len(tokens) > 1 and tokens[-1][1].rstrip(",.;:") in POST_NOMINALS:
        tokens.pop()
    if len(tokens) >= 3 and _is_descriptor(text, tokens[0][1], tokens[1][1]):
        tokens.pop(0)  # 'Guitarist Tom Pryce', 'Photographer Ann Lowe'
    if not tokens:
        return None
    start, last = tokens[-1]
    last = _POSSESSIVE.sub("", last.rstrip(',;:)"”-'))
    last = missed.without_participle(last)  # 'the Ann Lowe-trained filly'
    tokens[-1] = (start, last)
    words = [t for _, t in tokens]
    if not last or len(words) > 5:
        return None
    for i, word in enumerate(words):
        if word in PARTICLES and 0 < i < len(words) - 1:
            continue
        if i and _GAELIC_PIECE.match(f"{words[i - 1]} {word}"):
            continue  # "Mac an tSaoir", "Mac a' Phearsain", 'Ó hUiginn'

        if not _NAME_TOKEN.match(word) or not (word[0].isupper() or _ARTICLE_PREFIX.match(word)):
            return None
        # Capitals are an acronym's, but for a surname after given names ('Genet Abebe WOLDEYES').
        capitals_surname = i == len(words) - 1 > 0 and missed.is_capitals_surname(" ".join(words[:-1]), word)
        if word.isupper() and len(word) > 1 and "." not in word and not capitals_surname:
            return None
    begin, end = tokens[0][0], start + len(last)
    return begin, end, " ".join(words)


def _is_a_towns(word: str) -> bool:
    """Tell whether a word is a town's or a place's name, of any size and country."""
    return bool(gazetteer.is_place(word) or towns.namesakes(word) or towns.small_town_country(word))


def _is_plural_noun(word: str) -> bool:
    """Tell whether a capitalised word is an English noun's plural ('Striders', 'Rovers')."""
    low = word.lower()
    return low.endswith("s") and not low.endswith("ss") and word_kinds.is_word(low[:-1]) and low[:-1] in common_words()


def _is_descriptor(text: str, word: str, following: str) -> bool:
    """Tell whether ``word``, before a given name, describes the person rather than naming them.

    It is no given name itself, and it reads as a noun of role, origin or team (before a name no
    list holds, only an English noun of a trade does): the text
    also writes it in lower case, it ends as only such nouns do ('-ist', '-grapher', '-eer'),
    it is a word of an occupation's name, or a nationality.
    """
    given = word_kinds.given()
    if word in given or len(word) < 3 or not word.isalpha():
        return False
    low = word.lower()
    if following not in given:  # 'Motorist Shelly-Ann Joseph': only an English noun of a trade tells
        return word_kinds.is_word(word) and bool(DESCRIPTOR_ENDING.search(low) or low.removesuffix("s") in name_words.occupations())
    if DESCRIPTOR_ENDING.search(low) or low in lowercase_words(text) or low.removesuffix("s") in name_words.occupations():
        return True
    # A nationality: 'Scot', 'Briton', 'Welshman'.
    found = gazetteer.lookup(word) or gazetteer.lookup(re.sub(r"(?:wo)?m[ae]n\Z", "", word))
    return found is not None and found[1] == "demonym"


def is_not_person(text: str, start: int, end: int, name: str) -> bool:
    if gazetteer.is_place(name) or organizations.is_known(name):
        return True
    words = name.split()
    if words[-1].casefold() in THING_WORDS or usage.is_thing(text, name) or credits.is_credit(text, start, end):
        return True
    before = re.search(r"([A-Z][a-z]+)[ \t]+(?:[A-Z][a-z]+[ \t]+)?\Z", text[max(0, start - 30) : start])
    if (len(words) > 1 and words[0].casefold() in PLACE_OPENERS | INSTITUTION_OPENERS) or (
        before and before.group(1).casefold() in PLACE_OPENERS | INSTITUTION_OPENERS
    ):
        return True  # 'Jalan Kapar', 'Cerro Pachón', '[Kampung Seri] Melati', 'Universiti [Tunku] Abdul Rahman'
    # A country's name in a name of two words or more makes a body's: 'Boursa Kuwait', 'Sri Lanka Railways';
    # not where people bear it ('Georgia Reid', 'Jack Wales').
    if len(words) > 1 and any(
        hit.kind == "name" and hit.text not in given_names_and_places() | surnames()
        and not (hit.start > 0 and word_kinds.is_given(words[0]))
        for hit in gazetteer.find_hits(name)
    ):
        return True
    # A compass point after a word that is no given name ends a place's name: 'from Nkanu West', 'Twic East'.
    if len(words) == 2 and words[1] in _COMPASS_POINTS and not word_kinds.is_given(words[0]):
        if not usage.written_as_person(text, name):
            return True
    # ...and one opens it before names that are no given name: 'Central Java', 'East Nusa Tenggara'.
    if len(words) > 1 and words[0] in _REGION_OPENERS and not word_kinds.is_given(words[1]):
        if not usage.written_as_person(text, name):
            return True
    # A state's abbreviation after a town: 'Milton, Ont., native', 'Trois-Rivières, Que.'.
    if towns.is_state_abbreviation(name) and text[max(0, start - 2) : start] == ", " and text[end : end + 1] in ".,":
        return True
    # A dateline or credit in brackets: '(Harbour Times) –', '(Kbps)'; but '(R. Okafor)' names a rider.
    if text[start - 1 : start] == "(" and text[end : end + 1] == ")" and not re.match(r"[A-Z]\.", name):
        # ...but a spouse's given name after a relative's, as obituaries list them: 'Wade (Debbie)'.
        partner = re.search(r"(\w+)[ \t]+\Z", text[max(0, start - 30) : start - 1])
        if not (partner and word_kinds.is_given(partner.group(1)) and word_kinds.is_given(name.split()[0])):
            return True
    # A saint's name, or a town's or a church's after one, wherever the text writes it: 'St. Jean Baptiste'.
    if (found := usage.uses(text, name)) and all(_SAINT_BEFORE.search(text, max(0, s - 8), s) for s, _ in found):
        return True
    # A suburb after its street: 'the service station on Hobart Road, Kings Meadows,'.
    if any(_ADDRESS_BEFORE.search(text, max(0, s - 20), s) for s, _ in usage.uses(text, name)):
        return True
    # A club named by its town and a plural noun: 'Knaresborough Striders' (not 'Tiger Woods', 'V. Drakes').
    if len(words) > 1 and _is_plural_noun(words[-1]) and words[-1] not in surnames() and _is_a_towns(words[0]):
        return True
    # Where a person is from: 'a Polish-language teacher from Nowa Huta, who'.
    role_from = _ROLE_FROM_BEFORE.search(text, max(0, start - 40), start)
    if role_from and word_kinds.is_person_noun(role_from.group(1)) and not usage.written_as_person(text, name):
        return True
    return (
        usage.names_a_place_or_thing(text, start, name)
        or usage.is_a_place_here(text, name)
        or usage.is_a_known_place(text, name)
        or (len(words) == 1 and places_missed.is_a_town_here(text, name))
    )
