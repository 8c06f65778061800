"""Display names for facet values (slugs and codes), read from the database."""

from __future__ import annotations

import heapq
import math
from collections import Counter

from django.db.models import Q

from archive.entities.identity import fold, match_key
from archive.models import Country, Organization, Outlet, Person

from .base import NO_SOURCE, NO_SOURCE_LABEL, FacetValue


def facet_labels(facet: str, values: list[str]) -> dict[str, str]:
    """Map each facet value to the name people read; unknown values are left out."""
    if not values:
        return {}
    if facet == "country":
        return dict(Country.objects.filter(code__in=values).values_list("code", "name"))
    model = {"source": Outlet, "person": Person, "organization": Organization}[facet]
    labels = dict(model.objects.filter(slug__in=values).values_list("slug", "name"))
    if facet == "source" and NO_SOURCE in values:
        labels[NO_SOURCE] = NO_SOURCE_LABEL
    return labels


def facet_values(name: str, counts: Counter, selected: tuple[str, ...], limit: int | None, *,
                 excluded: dict[str, int] | None = None, contains: str = "", labels=facet_labels):
    """Rank a facet's counts, keep the top `limit` plus what is picked or excluded, label them.

    `excluded` maps each excluded value to the articles it leaves out; with
    `contains`, only the values whose name (or another spelling) holds that
    text are ranked; `labels` names the values shown (facet_labels: from the
    database). Returns (FacetValue tuple, number of values ranked).
    """
    excluded = excluded or {}
    counts = Counter({v: n for v, n in counts.items() if v and n > 0 and v not in excluded})
    if contains.strip():
        found = named_like(name, contains)
        counts = Counter({v: n for v, n in counts.items() if v in found})
    ranked = counts.items()
    if limit is not None and len(counts) > limit:
        # Thousands of people, ten shown: only those counted at least as often as the tenth are sorted.
        least = heapq.nlargest(limit, counts.values())[-1] if limit else math.inf
        ranked = [(v, n) for v, n in ranked if n >= least]
    shown = dict(sorted(ranked, key=lambda item: (-item[1], item[0]))[:limit])
    # A picked or excluded value stays visible even when it has fallen out of the top,
    # and so do the articles of no known outlet (a value people look for).
    if name == "source" and counts.get(NO_SOURCE):
        shown.setdefault(NO_SOURCE, counts[NO_SOURCE])
    for value in selected:
        shown.setdefault(value, counts.get(value, 0))
    shown.update(excluded)
    names = labels(name, list(shown))
    values = tuple(FacetValue(v, names.get(v, v), n, v in selected, v in excluded) for v, n in shown.items())
    return values, len(counts)


def named_like(facet: str, text: str) -> set[str]:
    """The values of a facet whose name, or a known other spelling, contains `text` (case and accents aside)."""
    text = " ".join(text.split())[:100]
    folded = fold(text)
    if facet == "country":
        found = set(Country.objects.filter(Q(name__icontains=text) | Q(code__iexact=text)).values_list("code", flat=True))
        found |= {code for code, name in Country.objects.values_list("code", "name") if folded in fold(name)}
        return found
    if facet == "source":
        found = {slug for slug, name in Outlet.objects.values_list("slug", "name") if folded in fold(name)}
        return found | ({NO_SOURCE} if folded in fold(NO_SOURCE_LABEL) else set())
    model = {"person": Person, "organization": Organization}[facet]
    # A name or spelling holding the text; or, for the spellings of a word (Pashinian/Pashinyan,
    # accents aside), a word of the match key starting with the text's key.
    def condition(prefix: str = "") -> Q:
        found = Q(**{f"{prefix}name__icontains": text})
        key = match_key(text)
        if key:
            found |= Q(**{f"{prefix}key__startswith": key}) | Q(**{f"{prefix}key__contains": f" {key}"})
        return found
    # Two plain queries, not one joined through the aliases: an OR across the join reads both tables whole.
    found = set(model.objects.filter(condition()).order_by().values_list("slug", flat=True))
    aliases = model.aliases.rel.related_model.objects.filter(condition())
    found |= set(aliases.order_by().values_list(f"{facet}__slug", flat=True))
    return found
