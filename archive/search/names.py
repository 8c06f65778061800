"""The people, organizations and countries a query names, under any of their spellings.

Shared by every backend: articles that mention a named entity rank higher, and
a hit says which spelling led to which entity ("Pashinian → Nikol Pashinyan").
Names are matched by identity.match_key, so transliterations that the archive
never saw still match a known name (Pachinian, Pashinian, Pashinyan).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from archive.entities.identity import match_key

from .plan import expands
from .querytext import fold

_WORD = re.compile(r"[^\W_]+")

_LONGEST = 4  # words in a name looked for
_AMBIGUOUS = 3  # a lone surname shared by more people than this names none of them


@dataclass(frozen=True)
class Named:
    typed: str  # the query's words that name it
    facet: str  # person, organization or country
    value: str  # its facet value: slug or ISO code
    label: str  # its name

    @property
    def respelled(self) -> bool:
        """Whether the typed words are another spelling than the entity's name."""
        return not set(fold(self.typed).split()) <= set(fold(self.label).split())


def named_entities(words: list[str]) -> list[Named]:
    """The entities that runs of these query words name, longest runs first, each entity once.

    A run names a person, organization or country whose name or known
    spelling has the same match key; a single capitalised word also names the
    person whose surname it is, when few people share it.
    """
    from django.db.models.functions import Lower

    from archive.curation import survivor
    from archive.models import Country, Organization, OrganizationAlias, Person, PersonAlias

    runs = {}
    for size in range(min(_LONGEST, len(words)), 0, -1):
        for start in range(len(words) - size + 1):
            typed = " ".join(words[start:start + size])
            runs.setdefault(match_key(typed), typed)
    runs.pop("", None)
    if not runs:
        return []
    found: dict[tuple[str, str], Named] = {}

    def add(typed: str, facet: str, entity) -> None:
        entity = survivor(entity) if facet != "country" else entity
        value = entity.code if facet == "country" else entity.slug
        if getattr(entity, "rejected", False):
            return
        found.setdefault((facet, value), Named(typed, facet, value, entity.name))

    keys = list(runs)
    for model, alias, facet in ((Person, PersonAlias, "person"), (Organization, OrganizationAlias, "organization")):
        for entity in model.objects.filter(key__in=keys, rejected=False):
            add(runs[entity.key], facet, entity)
        owner = facet
        for spelling in alias.objects.filter(key__in=keys).select_related(owner):
            add(runs[spelling.key], facet, getattr(spelling, owner))
    surnames = {match_key(w): w for w in words if w[:1].isupper() and len(w) > 2}
    if surnames:
        people = list(Person.objects.filter(surname_key__in=list(surnames), rejected=False, merged_into=None)
                      .order_by("surname_key", "pk")[:200])
        for key in surnames:
            sharing = [p for p in people if p.surname_key == key]
            if 0 < len(sharing) <= _AMBIGUOUS:
                for person in sharing:
                    add(surnames[key], "person", person)
    # A few hundred rows, compared in lower case by the database (country names carry no accents).
    typed_by_name = {typed.casefold(): typed for typed in runs.values()}
    countries = Country.objects.annotate(lower=Lower("name")).filter(lower__in=list(typed_by_name))
    for code, name, lower in countries.values_list("code", "name", "lower"):
        found.setdefault(("country", code), Named(typed_by_name[lower], "country", code, name))
    return list(found.values())


def explain(hit, text: str, plan, named: list[Named]) -> tuple[str, ...]:
    """How the query matched a hit beyond its words as typed.

    The entities it named under another spelling ("Pashinian → Nikol
    Pashinyan"), and the words of `text` (the hit's title and body) that a
    prefix or fuzzy word stood for ("pashin* → pashinyan, pashinian").
    """
    mentioned = {("person", p.value) for p in hit.persons} | {("country", c.value) for c in hit.countries}
    lines = [f"{n.typed} → {n.label}" for n in named if n.respelled and (n.facet, n.value) in mentioned]
    expanding = plan.expanding
    if expanding:
        words = set(_WORD.findall(fold(text)))
        for term in expanding:
            found = sorted(w for w in words if expands(term, w))
            if found:
                more = " …" if len(found) > 3 else ""
                lines.append(f"{term.text}{'*' if term.prefix else '~'} → {', '.join(found[:3])}{more}")
    return tuple(lines)
