"""What a country's or town's name in a story may mean besides the place: a language ('written
in French'), a currency ('US$'), a street, hotel or quarter named after it ('Jamaica Road'), a
ground named for someone ('Bolton Park'), initials spelled out as another name ('DRC'), a given
name in a list of people ('Ethan, Jaylen and Sofia'), a person's name the model missed ('Lucas
Montenegro'), the US state of Georgia; and whether the story travels to a place rather than stays
in a namesake of it.
"""

from __future__ import annotations

import re

from archive.entities.gazetteer import Hit, lookup
from archive.entities.given_names import given_names, surnames
from archive.entities.name_words import FUNCTION_WORDS, THING_WORDS, TITLES
from archive.entities.ner import is_common_word
from archive.entities.towns import is_region, is_small_town

_STREET_AFTER = re.compile(
    r"[ \t]+(?:Street|St|Road|Rd|Avenue|Ave|Lane|Drive|Boulevard|Crescent|Terrace|Way|Close|Gardens"
    r"|Hotel|Inn|Lodge|Restaurant|Cafe|Café)\b(?:[ \t]+(?:North|South|East|West)\b)?(?![ \t]*[A-Z])"
)
# A local place named after a country, with its kind in lower case: 'the Kenya and Katuba communes'
# of a city, 'Mexico township' (but 'Palestinian villages' are the people's).
_LOCAL_KIND_AFTER = re.compile(
    r"(?:[ \t]+(?:and|&)[ \t]+[A-Z][\w'’-]+)?[ \t]+"
    r"(?:communes?|districts?|wards?|townships?|neighbou?rhoods?|suburbs?|villages?|estates?|quarters?|barrios?)\b"
)
# A local place named after a country or its people, by its feature's word: 'Canada Bay' of Sydney,
# 'Canada Water' of London, 'Indian Run Falls', 'Jamaica Plain', 'Spanish Town' of Jamaica. Not a
# river or valley, which mostly lie in the country of their name ('Jordan Valley', 'Congo River').
_FEATURE_AFTER = re.compile(
    r"(?:[ \t]+[A-Z][\w'’-]+)?[ \t]+(?:Bay|Water|Creek|Falls|Beach|Plain|Heights|Cove|Springs|Run|Point|Hill|Hills|Town)\b(?![ \t]*[A-Z])"
)
# A demonym that names a language: 'staff speak both English and Spanish', 'written in French.',
# 'a Spanish-language paper', 'Portuguese lessons' (but not 'in Croatian and other media', 'in
# Japanese, Korean and Chinese stocks').
_LANGUAGE_BEFORE = re.compile(
    r"\b(?:speak|speaks|speaking|spoken|fluent[ \t]+in|translated[ \t]+(?:from|into)|dubbed[ \t]+into)"
    r"[ \t]+(?:both[ \t]+|either[ \t]+)?(?:[A-Z][\w'’-]*(?:,[ \t]*|[ \t]+(?:and|or)[ \t]+))*\Z"
)
_IN_A_LANGUAGE = re.compile(r"\b(?:in|into)[ \t]+\Z")
# A demonym paired with English after 'in' is a language too: 'in English and Spanish after ...'.
_BESIDE_ENGLISH_BEFORE = re.compile(r"\bin[ \t]+(?:both[ \t]+)?English[ \t]+(?:and|or)[ \t]+\Z")
_BESIDE_ENGLISH_AFTER = re.compile(r"[ \t]+(?:and|or)[ \t]+English\b")
_LANGUAGE_ENDS = re.compile(r"[ \t]*(?:[;.:)]|\n|\Z|(?:by|with|as)\b)")
_LANGUAGE_AFTER = re.compile(
    r"[- ](?:speaking|language|languages|medium|lessons|classes|subtitles|translations?|interpreters?|translators?"
    r"|inscriptions?|script|dialects?)\b"
)
# The name before initials in brackets: 'the Democratic Resettlement Community (DRC)'.
_SPELLED_OUT = re.compile(r"(?<![\w'’-])((?:[A-Z][\w'’-]*[ \t]+(?:(?:of|and|for|the)[ \t]+)?){1,8})\Z")
# A country's name before its money is a currency: 'US$790 million', 'paid in US dollars', 'Australian
# dollars'. A story of Zimbabwe's tobacco sales prices them so.
_CURRENCY_AFTER = re.compile(r"\$|[ \t]+dollars?\b")
# A ground or park after a surname is named for someone: 'Bolton Park', 'Kingston Oval'.
_GROUND_AFTER = re.compile(r"[ \t]+(?:Park|Oval|Reserve|Field|Fields|Ground)\b(?![ \t]*[A-Z])")
# Clues that 'Georgia' is the US state rather than the country.
_US_GEORGIA = re.compile(
    r"Atlanta|Savannah|Augusta|state of Georgia|Georgia state|Georgia, U\.?S|Georgia Tech|"
    r"University of Georgia|Georgia Bulldogs|Ga\.|Alabama|Tennessee|Carolina|Florida"
)
# Names listed beside a name: 'Ethan, [Sofia]', '[Sofia] and Ethan'.
_LISTED_BEFORE = re.compile(r"(?<![\w'’-])([A-Z][\w'’-]+)(?:,[ \t]+|[ \t]+(?:and|&)[ \t]+)\Z")
_LISTED_AFTER = re.compile(r"(?:,[ \t]+|[ \t]+(?:and|&)[ \t]+)([A-Z][\w'’-]+)(?![\w'’-])")
# A capitalised word just before or after a name: ('Lucas') Montenegro, Devon ('Khan-Mohammed').
_WORD_BEFORE = re.compile(r"(?<![\w'’.-])([A-Z][\w'’-]+) \Z")
_WORD_AFTER = re.compile(r" ([A-Z][\w'’-]+)(?![\w'’-])")


def another_meaning(text: str, hit: Hit) -> bool:
    """Tell whether the words around ``hit`` make it something other than the place: a given name
    among people's, a street or local quarter, a ground named for someone, a language, a currency,
    initials the story spells out as another name."""
    if hit.weak and _listed_with_given_names(text, hit):
        return True  # 'Ethan, Jaylen and Sofia'
    if _STREET_AFTER.match(text, hit.end) or (hit.kind != "demonym" and _LOCAL_KIND_AFTER.match(text, hit.end)):
        return True  # 'Wellington Street' of Ballymena, 'Jamaica Road'
    if _FEATURE_AFTER.match(text, hit.end):
        return True
    if _GROUND_AFTER.match(text, hit.end) and hit.text in surnames():
        return True
    if hit.kind == "demonym" and _is_a_language(text, hit):
        return True
    if hit.kind in ("name", "demonym") and _CURRENCY_AFTER.match(text, hit.end):
        return True
    return hit.text.isupper() and _defined_as_another(text, hit)  # 'the Democratic Resettlement Community (DRC)'


def georgia_of_the_us(text: str, hit: Hit) -> bool:
    return hit.code == "GE" and hit.text == "Georgia" and _US_GEORGIA.search(text) is not None


def beside_a_name(text: str, hit: Hit) -> bool:
    """Tell whether a one-word country's or town's name is written beside a word that can only
    be a name's: no English word, title, place or people."""
    before = _WORD_BEFORE.search(text, max(0, hit.start - 40), hit.start)
    after = _WORD_AFTER.match(text, hit.end)
    # "Hexal's US affiliate", "Monday's Zurich match": a possessive before the name is not a given name.
    given = before and not re.search(r"['’]s?\Z", before.group(1)) and _is_name_word(before.group(1))
    return bool(given or (after and _is_name_word(re.sub(r"['’]s?\Z", "", after.group(1)))))


def _defined_as_another(text: str, hit: Hit) -> bool:
    """Tell whether the story spells out a country's initials ('DRC', 'UAE') as another name."""
    brackets, at = f"({hit.text})", 0
    while (at := text.find(brackets, at)) >= 0:
        if spelled := _SPELLED_OUT.search(text, max(0, at - 80), at):
            words = spelled.group(1).split()
            if not any((found := lookup(" ".join(words[i:]))) and found[0] == hit.code for i in range(len(words))):
                return True
        at += len(brackets)
    return False


def _is_a_language(text: str, hit: Hit) -> bool:
    before = text[max(0, hit.start - 60) : hit.start]
    return bool(
        _LANGUAGE_BEFORE.search(before)
        or _LANGUAGE_AFTER.match(text, hit.end)
        or (_IN_A_LANGUAGE.search(before) and _LANGUAGE_ENDS.match(text, hit.end))
        or _BESIDE_ENGLISH_BEFORE.search(before)
        or (_IN_A_LANGUAGE.search(before) and _BESIDE_ENGLISH_AFTER.match(text, hit.end))
    )


def _listed_with_given_names(text: str, hit: Hit) -> bool:
    """Tell whether a name that is a place's and a person's ('Sofia', 'Jordan') is listed beside a
    given name that is no place: a list of people ('Ethan, Jaylen and Sofia')."""
    beside = [_LISTED_BEFORE.search(text, max(0, hit.start - 40), hit.start), _LISTED_AFTER.match(text, hit.end)]
    return any(m and m.group(1) in given_names() and _is_name_word(m.group(1)) for m in beside)


def _is_name_word(word: str) -> bool:
    low = word.casefold()
    if is_common_word(low) or low in TITLES | THING_WORDS | FUNCTION_WORDS:
        return False
    return lookup(word) is None and not is_region(word) and not is_small_town(word)


def travelled(text: str, place: str) -> bool:
    """Tell whether the story goes to, comes from or deals with ``place`` somewhere ('exports to
    Mexico', 'ferries from Cherbourg'): a place abroad, not a local namesake."""
    # not a longer name it opens: 'drives to Mexico Academy'
    # and after others of a list: 'the borders with Peru and Colombia'
    listed = r"(?:[A-Z][\w'’-]+(?:[ \t]+[A-Z][\w'’-]+)?(?:,[ \t]*|,?[ \t]+and[ \t]+))*"
    pattern = rf"\b(?:to|from|into|with|against|via)[ \t]+(?:the[ \t]+)?{listed}{re.escape(place)}\b(?![ \t]+[A-Z])"
    return re.search(pattern, text) is not None
