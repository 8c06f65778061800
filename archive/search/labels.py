"""Display names for facet values (slugs and codes), read from the database."""

from __future__ import annotations

from collections import Counter

from archive.models import Country, Organization, Outlet, Person

from .base import FacetValue


def facet_labels(facet: str, values: list[str]) -> dict[str, str]:
    """Map each facet value to the name people read; unknown values are left out."""
    if not values:
        return {}
    if facet == "country":
        return dict(Country.objects.filter(code__in=values).values_list("code", "name"))
    model = {"source": Outlet, "person": Person, "organization": Organization}[facet]
    return dict(model.objects.filter(slug__in=values).values_list("slug", "name"))


def facet_values(name: str, counts: Counter, selected: tuple[str, ...], limit: int | None):
    """Rank a facet's counts, keep the top `limit` plus what is selected, label them.

    Returns (FacetValue tuple, number of distinct values in all)."""
    counts.pop("", None)
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    shown = ranked if limit is None else ranked[:limit]
    # A picked value stays visible even when it has fallen out of the top.
    shown += [(v, counts.get(v, 0)) for v in selected if v not in dict(shown)]
    labels = facet_labels(name, [v for v, _ in shown])
    values = tuple(FacetValue(v, labels.get(v, v), n, v in selected) for v, n in shown)
    return values, len(ranked)
