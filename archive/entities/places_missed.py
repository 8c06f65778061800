"""Towns the model did not read as places, found by how the story writes them.

The small model reads few places in local news: a story of one town names it over and over
('a Limerick man', 'Toowoomba residents', 'in Ennis', 'ABEOKUTA, Nigeria (AP) -', 'Stockport
County 2-1 ...') and the model tags none of it. A name the gazetteers know as a town or a
region of one country names that place where the story writes it as a place's:
- after a preposition of place, or listed among places (``usage.is_a_place_here``);
- at the head of a paragraph in capitals, before a comma, a dash or an agency (a dateline);
- before a noun of local people or institutions ('man', 'residents', 'magistrates', 'council');
- before an institution's or a club's last word ('City Council', 'Crown Court', 'County').

Not a name the story also writes as a person's, or as a common word or a given name ('March',
'Reading', 'Florence': in a dateline it is a place all the same). The mentions found here go to
``countries.extract_countries`` beside the model's, and count as its towns do: where the story
names no country.
"""

from __future__ import annotations

import re

from archive.entities import towns, usage
from archive.entities.base import TOWN_BY_USE, Found, Mention
from archive.entities.given_names import given_names
from archive.entities.name_words import FUNCTION_WORDS, THING_WORDS
from archive.entities.ner import common_words, lowercase_words

# A capitalised name of up to four words, with the small words of towns' names ('Dar es Salaam',
# 'Newcastle upon Tyne').
_NAME = re.compile(r"(?<![\w'’.-])[A-Z][\w'’-]+(?:[ \t]+(?:(?:es|de|del|da|do|upon|on|al|el)[ \t]+)?[A-Z][\w'’-]+){0,3}")
_DAY_AFTER = re.compile(
    r"[ \t]+on[ \t]+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April"
    r"|May|June|July|August|September|October|November|December)\b"
)
_SEASONS = frozenset({"spring", "summer", "autumn", "fall", "winter"})
_DATELINE_AFTER = re.compile(r"(?:[,:]|[ \t]+[—–-]|[ \t]*\()")
_LOCAL_NOUN_AFTER = re.compile(
    r"[ \t]+(?:man|woman|men|women|boy|girl|teenager|teen|youth|pensioner|resident|residents|native|natives"
    r"|councillors?|council|businessman|businesswoman|farmers?|motorists?|pupils|schools|hospital|court"
    r"|magistrates|police|airport|harbour|port|suburbs?|district|area|region|town|city|centre|center)\b"
)
_INSTITUTION_AFTER = re.compile(
    r"[ \t]+(?:(?:City|Town|District|Regional|Shire|Borough|County|Municipal)[ \t]+Council|Council|Magistrates"
    r"|(?:Crown|District|Magistrates['’]?|High|Circuit|County)[ \t]+Court|City|Town|County|United|Rovers"
    r"|Athletic|Wanderers|Albion|FC|(?:Base|District|General|Regional)[ \t]+Hospital"
    r"|(?:Football|Rugby|Cricket|Netball|Hockey|Soccer)[ \t]+(?:League|Club|Association)|Chamber[ \t]+of[ \t]+Commerce"
    r"|Airport|Railway[ \t]+Station|Grammar[ \t]+School|High[ \t]+School)\b"
)


def find_missed_places(
    text: str, mentions: list[Mention], people: list[Found], person_spans: list[tuple[int, int]]
) -> list[Mention]:
    """Return a mention for each use of a town's name the model left untagged and the story
    writes as a place's (see the module's docstring), labelled ``TOWN_BY_USE``."""
    people_words = {word for person in people for spelling in person.spellings for word in spelling.split()}
    tagged = {m.text.casefold() for m in mentions if m.label in ("GPE", "LOC")}
    chosen: dict[str, bool] = {}  # name -> a place's here
    found = []
    for match in _NAME.finditer(text):
        start, name = _town_in(text, match)
        end = start + len(name)
        # a dateline counts where the model read the headline's use of the name ('KIMBERLEY —')
        if not name or (name.casefold() in tagged and not is_dateline(text, start, end)) or (name.isupper() and len(name) <= 3):
            continue  # 'AUR 7 14 0 7' of a box score is Aurora's abbreviation, not Aur atoll
        if any(s < end and start < e for s, e in person_spans):
            continue
        if name not in chosen:
            chosen[name] = name not in people_words and _is_written_as_place(text, name)
        if chosen[name]:
            found.append(Mention(start, end, TOWN_BY_USE, name))
    return found


def _town_in(text: str, match: re.Match) -> tuple[int, str]:
    """(start, name) of the capitalised run at ``match`` if it names a town or region of one
    country, or of its opening before an institution's or a club's last words ('Clare' of 'Clare
    County Council') or before a day ('Tokoroa' of 'Tokoroa on Monday'); a sentence's first
    word is no part of it ('In Huntly')."""
    start, words = match.start(), match.group().split()
    if len(words) > 1 and words[0].casefold() in FUNCTION_WORDS:
        start, words = match.start() + match.group().index(words[1], len(words[0])), words[1:]
    if not towns.may_open_place(words[0]):
        return start, ""
    for size in range(len(words), 0, -1):
        name = " ".join(words[:size])
        after = start + len(name)
        if size < len(words) and not (_INSTITUTION_AFTER.match(text, after) or _DAY_AFTER.match(text, after)):
            continue
        if towns.place_country(name) or towns.small_town_country(name):
            return start, name
    return start, ""


def is_a_town_here(text: str, name: str) -> bool:
    """Tell whether ``name`` is a town's or a region's that the story writes as a place and never
    as a person's: in its dateline ('VERONA –'), before its people or institutions ('a Verona
    court'), after a preposition of place."""
    if not (towns.place_country(name) or towns.small_town_country(name)):
        return False
    if usage.written_as_person(text, name):
        return False
    capitals = name.upper()
    return _is_written_as_place(text, name) or any(is_dateline(text, s, e) for s, e in usage.uses(text, capitals))


def _is_written_as_place(text: str, name: str) -> bool:
    uses = usage.uses(text, name)
    if usage.written_as_person(text, name, uses):
        return False
    if any(is_dateline(text, start, end) for start, end in uses):
        return True
    if name.casefold() in THING_WORDS | _SEASONS or name.lower() in lowercase_words(text):
        return False  # 'in March', 'in Spring', 'in Reading' where the story also writes 'reading'
    if name in given_names():
        return False  # 'Mary' (Turkmenistan) is more often someone
    # 'prayed to God' (Göd, Hungary): a common word names a town only before its people or institutions.
    if (" " in name or name.lower() not in common_words()) and usage.is_a_place_here(text, name):
        return True
    return any(_LOCAL_NOUN_AFTER.match(text, end) or _INSTITUTION_AFTER.match(text, end) for _, end in uses)


def is_dateline(text: str, start: int, end: int) -> bool:
    """Tell whether text[start:end] heads its paragraph in capitals before a comma, a dash or an
    agency: where the story was written ('IPOH —', 'KPANDO, Volta Region —')."""
    line_start = text.rfind("\n", 0, start) + 1
    return start == line_start and text[start:end].isupper() and bool(_DATELINE_AFTER.match(text, end))
