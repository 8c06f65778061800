"""Given names of many countries: Faker's name lists (well kept, and on disk: no download),
and data/given_names.txt for the common transliterations they lack (Russian, Arabic,
Chinese, African names as English-language news spells them).

A capitalised run that starts with one of them is read as a person's name when the
model missed it. Names that are also common English words ("Will", "May", "Hope",
"Long") are left out: a sentence starts with them as often as a name does.
"""

from __future__ import annotations

import functools
import importlib
import pkgutil
from pathlib import Path

from spacy.lang.en.stop_words import STOP_WORDS

from archive.entities import gazetteer

_LISTS = ("first_names", "first_names_male", "first_names_female")
_CALENDAR = frozenset(
    "january february march april may june july august september october november december "
    "monday tuesday wednesday thursday friday saturday sunday".split()
)
_TRANSLITERATIONS = Path(__file__).with_name("data") / "given_names.txt"
# Names in the Latin script only: the archive's texts are English.
_LATIN_END = 0x250


@functools.cache
def given_names() -> frozenset[str]:
    """Every given name of Faker's person lists, in Latin script, that is not a common English word
    nor a place's name."""
    return frozenset(name for name in given_names_and_places() if not gazetteer.is_place(name))


@functools.cache
def given_names_and_places() -> frozenset[str]:
    """given_names() with those that are places' names too ('Devon', 'Kent', 'Sydney')."""
    from faker.providers.lorem.en_US import Provider as EnglishWords

    common = {word.casefold() for word in EnglishWords.word_list} | STOP_WORDS | _CALENDAR
    names = {name for _, provider in _providers() for attribute in _LISTS for name in _names(provider, attribute)}
    # "Jones", "Daniels", "Brown": given names in a list, surnames in the news.
    english = [provider for locale, provider in _providers() if locale.startswith("en")]
    names -= {name for provider in english for name in _names(provider, "last_names")}
    lines = _TRANSLITERATIONS.read_text(encoding="utf-8").splitlines()
    names.update(word for line in lines if not line.startswith("#") for word in line.split())
    return frozenset(name for name in names if name.casefold() not in common)


@functools.cache
def surnames() -> frozenset[str]:
    """Every surname of Faker's person lists in Latin script ('Taylor', 'Green', 'Novak')."""
    return frozenset(name for _, provider in _providers() for name in _names(provider, "last_names"))


@functools.cache
def _providers() -> tuple[tuple[str, type], ...]:
    """(locale, person provider) of every locale Faker has."""
    import faker.providers.person as person

    found = []
    for module in pkgutil.iter_modules(person.__path__):
        provider = getattr(importlib.import_module(f"{person.__name__}.{module.name}"), "Provider", None)
        if provider is not None:
            found.append((module.name, provider))
    return tuple(found)


def _names(provider: type, attribute: str) -> set[str]:
    found = vars(provider).get(attribute)
    return {name for name in found if _usable(name)} if isinstance(found, (dict, list, tuple)) else set()


def _usable(name: object) -> bool:
    return (
        isinstance(name, str) and len(name) > 1 and name[0].isupper() and " " not in name
        and all(ord(c) < _LATIN_END for c in name) and name.replace("-", "").replace("'", "").isalpha()
    )  # fmt: skip
