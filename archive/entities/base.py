"""Value types shared by the entity extractors."""

from __future__ import annotations

from dataclasses import dataclass, field

# The label of a town's name the model did not tag, found by how the story writes it (places_missed).
TOWN_BY_USE = "TOWN"


@dataclass(frozen=True)
class Found:
    """One person, country or organization found in one text.

    ``name`` is the best name within the text (the fullest form; for countries the
    common English name), ``key`` the identity key (ISO 3166-1 alpha-2 code for
    countries, ``identity.match_key(name)`` otherwise), ``spellings`` maps each
    surface form to its number of occurrences and ``aliases`` lists other names
    known for the entity (an organization's acronym or full name).
    """

    kind: str
    name: str
    key: str
    spellings: dict[str, int] = field(default_factory=dict, hash=False)
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Mention:
    """A span the NER model labelled: character offsets into the text, label and text."""

    start: int
    end: int
    label: str
    text: str
