"""What kind of word a capitalised word is, for the shapes of names (``missed``) and their grouping:
a given name, an English word, a participle, a word that may go on a surname, a noun for a person."""

from __future__ import annotations

import functools
import re

from spacy.lang.en.stop_words import STOP_WORDS

from archive.entities import gazetteer, organizations
from archive.entities.given_names import given_names
from archive.entities.identity import fold
from archive.entities.ner import common_words, lowercase_words
from archive.entities.name_words import (
    DESCRIPTOR_ENDING,
    FUNCTION_WORDS,
    ORG_AND_PLACE_WORDS,
    PERSON_NOUNS,
    ROLES,
    THING_WORDS,
    TITLES,
    occupations,
)


def is_person_noun(word: str) -> bool:
    """Tell whether a lower-case word names what a person is: a role, a trade, a kin ('architect', 'mother')."""
    word = word.removesuffix("s") if word.endswith("s") and not word.endswith("ss") else word
    return word in ROLES or word in PERSON_NOUNS or word in occupations() or bool(DESCRIPTOR_ENDING.search(word))


def is_no_name_word(word: str, english_ok: bool = False) -> bool:
    """Tell whether a capitalised word after a title is no part of a name: an English word that
    is no given name ('Council'; unless ``english_ok``), a title, a place or a firm."""
    low = word.casefold()
    if low in TITLES or low in THING_WORDS or low in ORG_AND_PLACE_WORDS or low in FUNCTION_WORDS:
        return True
    english = not english_ok and is_word(word) and word not in given()
    return english or gazetteer.is_place(word) or organizations.is_known(word)


def is_word(word: str) -> bool:
    low = word.lower()
    return low in common_words() or low.removesuffix("s") in common_words()


def is_surname_word(word: str) -> bool:
    """Tell whether a capitalised word may go on a name: no English word, place, firm or word of titles and things."""
    low = word.casefold()
    if low in TITLES or low in THING_WORDS or low in ORG_AND_PLACE_WORDS or low in FUNCTION_WORDS or low in STOP_WORDS:
        return False
    return low not in common_words() and not gazetteer.is_place(word) and not organizations.is_known(word)


def could_be_given(text: str, word: str) -> bool:
    """Tell whether a capitalised word before a known surname may be a given name ('But Venkov' is not)."""
    low = word.lower()
    if low in STOP_WORDS or low in FUNCTION_WORDS or low in TITLES or low in THING_WORDS or gazetteer.is_place(word):
        return False
    if is_participle(word) and not is_given(word):
        return False  # 'Representing Jarvis, Simon Atwal said'
    return re.search(rf"(?<!\w){re.escape(low)}(?!\w)", text) is None


def is_participle(word: str) -> bool:
    """Tell whether a capitalised word is an English verb's '-ing' form: 'Representing', 'Speaking'."""
    low = word.lower()
    stem = low.removesuffix("ing")
    return stem != low and len(stem) > 2 and (low in common_words() or stem in common_words() or stem + "e" in common_words())


@functools.cache
def given() -> frozenset[str]:
    """Given names, less the titles and thing-words that lists of names also hold ('Royal', 'Justice', 'Park')."""
    return frozenset(name for name in given_names() if name.casefold() not in TITLES | THING_WORDS)


def is_given(word: str) -> bool:
    """Tell whether a word is a given name, accents aside ('Seán')."""
    return word in given() or fold(word).capitalize() in given()


def not_a_word_here(text: str, name: str) -> bool:
    """A given name is evidence only where the text never writes it as a common word ('Rich', 'Chance')."""
    return name.lower() not in lowercase_words(text)
