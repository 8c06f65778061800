"""The people, organizations and countries a query names, under any of their spellings.

Shared by every backend: articles that mention a named entity rank higher, and
a hit says which spelling led to which entity ("Pashinian → Nikol Pashinyan").
Names are matched by identity.match_key, so transliterations that the archive
never saw still match a known name (Pachinian, Pashinian, Pashinyan).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from archive.entities import gazetteer
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

    A run names a person or organization whose name or known spelling has the
    same match key, or a country by one of its names; a single capitalised word
    also names the person whose surname it is, when few people share it.
    """
    from django.db.models import Q, Value

    from archive.curation import survivor
    from archive.models import Organization, Person

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
        if not entity.rejected:
            found.setdefault((facet, entity.slug), Named(typed, facet, entity.slug, entity.name))

    keys = list(runs)
    surnames = {match_key(w): w for w in words if w[:1].isupper() and len(w) > 2}
    # One query per kind: entities whose name, a spelling (alias) or, for people, surname has a run's key.
    # A row per spelling of each such entity; the run that matched is found here.
    people = Person.objects.filter(
        Q(key__in=keys) | Q(aliases__key__in=keys) | Q(surname_key__in=list(surnames)), rejected=False,
    ).annotate(kind=Value("person")).order_by().values_list(
        "kind", "pk", "key", "surname_key", "merged_into_id", "aliases__key")
    organizations = Organization.objects.filter(Q(key__in=keys) | Q(aliases__key__in=keys), rejected=False).annotate(
        kind=Value("organization"), surname=Value(""),
    ).order_by().values_list("kind", "pk", "key", "surname", "merged_into_id", "aliases__key")
    sharing: dict[str, set[int]] = {}
    matches = []
    # One query for both kinds: a row per spelling (alias) of each entity that has a run's key.
    for facet, pk, key, surname, merged, alias in people.union(organizations, all=True):
        typed = runs.get(key) or runs.get(alias)
        if typed:
            matches.append((facet, pk, merged, typed))
        elif facet == "person" and surname in surnames and not merged:
            sharing.setdefault(surname, set()).add(pk)
    for surname, pks in sharing.items():
        if len(pks) <= _AMBIGUOUS:
            matches += [("person", pk, None, surnames[surname]) for pk in sorted(pks)]
    models = {"person": Person, "organization": Organization}
    wanted = {(facet, pk) for facet, pk, _, _ in matches}
    entities = {(facet, e.pk): e for facet in models for e in models[facet].objects.filter(
        pk__in=[pk for f, pk in wanted if f == facet])} if wanted else {}
    for facet, pk, merged, typed in matches:
        entity = entities[(facet, pk)]
        add(typed, facet, survivor(entity) if merged else entity)
    # Countries by the extractor's own names for them (Britain, UK), no database needed.
    for typed in runs.values():
        for form in {typed, typed.title()}:
            country = gazetteer.lookup(form)
            if country and country[1] == "name":
                found.setdefault(("country", country[0]), Named(typed, "country", country[0],
                                                                gazetteer.country_name(country[0])))
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
