"""Display names for facet values (slugs and codes), read from the database."""

from __future__ import annotations

from archive.models import Country, Organization, Outlet, Person


def facet_labels(facet: str, values: list[str]) -> dict[str, str]:
    """Map each facet value to the name people read; unknown values are left out."""
    if not values:
        return {}
    if facet == "country":
        return dict(Country.objects.filter(code__in=values).values_list("code", "name"))
    model = {"source": Outlet, "person": Person, "organization": Organization}[facet]
    return dict(model.objects.filter(slug__in=values).values_list("slug", "name"))
