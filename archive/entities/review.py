"""Signs that an extracted person or organization is a mistake, for staff to review.

Pure functions, no ORM: each sign is a reason a person can read and a weight;
an entity's score is the sum of its weights, and the admin's review list shows
the highest scores first (curation.suspects). The signs are general knowledge
(what a name of a person looks like), reusing what extraction already knows:
given names, places and countries, well-known organizations.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from spacy.lang.en.stop_words import STOP_WORDS

from archive.entities import gazetteer, organizations
from archive.entities.given_names import given_names

# Words that name a place, a building or an institution: a person's name has none
# ('Clarence House', 'Library'). Words that are also common surnames are left out
# ('Church', 'Castle', 'Park', 'Lake', 'Temple', 'Hall', 'Court', 'Bridge', 'Bank',
# 'Street', 'Union'), or the list would flag real people.
INSTITUTION_WORDS = frozenset(
    "house library road avenue square palace council ministry university college school academy "
    "airport hospital clinic cathedral mosque museum gallery theatre theater stadium arena station "
    "tower centre center institute office department agency committee commission parliament senate "
    "assembly government company corporation group party club league association society "
    "foundation fund hotel airlines news embassy prison county city village district province island "
    "mountain valley market".split()
)

PLACE = 4  # the whole name is a country, a demonym or a place
KNOWN_ORGANIZATION = 4
INSTITUTION = 4
COMMON_WORD = 4  # one word, and an everyday English one ('Bill', 'House')
PLURAL = 4  # an organization's plural whose singular is another organization
GIVEN_NAME_ALONE = 3
LOWER_CASE = 3
DIGITS = 3
ONE_WORD = 2
CAPITALS = 1
ONE_ARTICLE = 1

_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")


@dataclass(frozen=True)
class Reason:
    text: str
    weight: int


@functools.cache
def common_words() -> frozenset[str]:
    """Everyday English words, casefolded: the same lists given_names() leaves out."""
    from faker.providers.lorem.en_US import Provider as EnglishWords

    return frozenset({word.casefold() for word in EnglishWords.word_list} | STOP_WORDS)


def person_reasons(name: str, articles: int) -> list[Reason]:
    """Return why the person called `name`, mentioned in `articles` articles, may be no person."""
    words = _WORD.findall(name)
    reasons = _shared_reasons(name, words, articles)
    if organizations.is_known(name):
        reasons.append(Reason("also the name of a known organization", KNOWN_ORGANIZATION))
    institution = [w for w in words if w.casefold() in INSTITUTION_WORDS]
    if institution:
        reasons.append(Reason(f"“{institution[0]}” names a place, building or institution", INSTITUTION))
    if len(words) == 1 and words[0].casefold() not in common_words():
        if words[0] in given_names():
            reasons.append(Reason("a given name alone", GIVEN_NAME_ALONE))
        else:
            reasons.append(Reason("one word only", ONE_WORD))
    if len(name) > 3 and name.isupper():
        reasons.append(Reason("written in capitals", CAPITALS))
    return reasons


def organization_reasons(name: str, articles: int, others: frozenset[str]) -> list[Reason]:
    """Return why the organization `name` may be no organization.

    `others` holds the casefolded names of the archive's other organizations,
    for plurals of one of them ('European Councils' beside 'European Council').
    """
    words = _WORD.findall(name)
    reasons = _shared_reasons(name, words, articles)
    singular = _singular(name)
    if singular and singular.casefold() in others:
        reasons.append(Reason(f"a plural of the organization “{singular}”", PLURAL))
    if len(words) == 1 and words[0] in given_names():
        reasons.append(Reason("a given name alone", GIVEN_NAME_ALONE))
    return reasons


def score(reasons: list[Reason]) -> int:
    """Return how suspicious the reasons make an entity: the sum of their weights."""
    return sum(reason.weight for reason in reasons)


def _shared_reasons(name: str, words: list[str], articles: int) -> list[Reason]:
    reasons = []
    if gazetteer.is_place(name):
        reasons.append(Reason("also the name of a country or place", PLACE))
    if len(words) == 1 and words[0].casefold() in common_words():
        reasons.append(Reason("one common English word", COMMON_WORD))
    if name[:1].islower():
        reasons.append(Reason("written in lower case", LOWER_CASE))
    if any(c.isdigit() for c in name):
        reasons.append(Reason("contains digits", DIGITS))
    if articles <= 1:
        reasons.append(Reason("seen in one article only" if articles else "in no article", ONE_ARTICLE))
    return reasons


def _singular(name: str) -> str | None:
    """The name with its last word made singular ('Councils' -> 'Council'), or None if it is not plural."""
    head, _, last = name.rpartition(" ")
    if len(last) < 4 or not last.endswith("s") or last.endswith("ss") or last.isupper():
        return None
    last = last[:-3] + "y" if last.endswith("ies") else last[:-1]
    return f"{head} {last}".strip()
