"""Turn a SearchPage and the search's GET parameters into rows the templates only loop over.

Every link a search page shows (toggle a facet value, remove a chip, pick a
month, sort, turn a page, "did you mean") is built here as a query string, so
each state of a search is a shareable URL (datasette `facets.py`).
"""

from __future__ import annotations

import calendar
import datetime

from django.http import QueryDict
from django.urls import reverse

from .base import FACETS, PER_PAGE, SORTS, SearchPage

TITLES = {"source": "Outlets", "person": "People", "country": "Countries", "organization": "Organizations"}
CHIP_TITLES = {"source": "Outlet", "person": "Person", "country": "Country", "organization": "Organization"}
LIMIT = 10


def url_with(params: QueryDict, **changes) -> str:
    """Return `?…` for these parameters with some changed; None removes one, a list repeats it.

    Any change other than turning the page starts again at page 1.
    """
    query = params.copy()
    if "page" not in changes:
        query.pop("page", None)
    for key, value in changes.items():
        key = key.rstrip("_")  # from_=... for the `from` parameter
        if value is None or value == []:
            query.pop(key, None)
        elif isinstance(value, list):
            query.setlist(key, value)
        else:
            query[key] = str(value)
    encoded = query.urlencode()
    return f"?{encoded}" if encoded else "?"


def facet_rows(page: SearchPage, params: QueryDict, *, more: str | None = None) -> list[dict]:
    """One row per facet: its values with counts, selection and toggle URL, and "show more"."""
    rows = []
    for name in FACETS:
        values = page.facets.get(name, ())
        show_all = more == name
        shown = values if show_all else [*values[:LIMIT], *(v for v in values[LIMIT:] if v.selected)]
        rows.append({
            "name": name,
            "title": TITLES[name],
            "values": [
                {"label": v.label, "count": v.count, "selected": v.selected, "url": _toggle(params, name, v.value)}
                for v in shown
            ],
            "truncated": not show_all and page.facet_totals.get(name, 0) > LIMIT,
            "more_url": url_with(params, more=name),
            "less_url": url_with(params, more=None) if show_all else "",
            "total": page.facet_totals.get(name, 0),
        })
    return rows


def filter_chips(page: SearchPage, params: QueryDict) -> list[dict]:
    """The active filters, each with the URL that removes it."""
    chips = []
    for name in FACETS:
        labels = {v.value: v.label for v in page.facets.get(name, ())}
        for value in params.getlist(name):
            label = labels.get(value, value)
            chips.append({"title": CHIP_TITLES[name], "label": label, "url": _toggle(params, name, value)})
    for key, title in (("from", "From"), ("to", "To")):
        if params.get(key):
            chips.append({"title": title, "label": params[key], "url": url_with(params, **{key: None})})
    return chips


def histogram_bars(histogram, params: QueryDict | None = None) -> list[dict]:
    """Bars for matching articles by month, empty months included, each linking to its month."""
    counts = dict(histogram)
    if not counts:
        return []
    months = _months(min(counts), max(counts))
    tallest = max(counts.values())
    bars = []
    for month in months:
        year, number = map(int, month.split("-"))
        first = datetime.date(year, number, 1)
        last = first.replace(day=calendar.monthrange(year, number)[1])
        count = counts.get(month, 0)
        bars.append({
            "month": month,
            "label": first.strftime("%b %Y"),
            "count": count,
            "percent": round(100 * count / tallest),
            "url": url_with(params, from_=first.isoformat(), to=last.isoformat()) if params is not None else "",
        })
    return bars


def page_links(page: SearchPage, params: QueryDict) -> dict:
    """Previous/next URLs and a window of page numbers, with None for a gap."""
    numbers = sorted({1, page.pages, *range(max(1, page.page - 2), min(page.pages, page.page + 2) + 1)})
    links, previous = [], 0
    for number in numbers:
        if number - previous > 1:
            links.append(None)
        links.append({"number": number, "current": number == page.page, "url": url_with(params, page=number)})
        previous = number
    return {
        "links": links if page.pages > 1 else [],
        "previous": url_with(params, page=page.page - 1) if page.page > 1 else "",
        "next": url_with(params, page=page.page + 1) if page.page < page.pages else "",
    }


def sort_links(params: QueryDict) -> list[dict]:
    """Links to each order; without words to rank by, relevance means newest first, so it is not offered."""
    default = "relevance" if params.get("q") else "newest"
    current = params.get("sort") or default
    return [
        {"label": s, "current": s == current, "url": url_with(params, sort=None if s == default else s)}
        for s in SORTS if params.get("q") or s != "relevance"
    ]


def search_context(page: SearchPage, params: QueryDict, *, more: str | None = None) -> dict:
    """Everything the search page shows around its hits."""
    q = params.get("q", "").strip()
    start = (page.page - 1) * PER_PAGE
    return {
        # Each hit links to its article with the search, so that the article page
        # highlights the words and leads back and on (views.article_detail).
        "hit_rows": [(hit, reverse("archive:article", args=[hit.id]) + url_with(params, hit=start + n, more=None))
                     for n, hit in enumerate(page.hits)],
        "relaxed": {
            "strict_total": page.strict_total, "words": len(page.words), "min_match": page.min_match,
            "strict_url": url_with(params, all="1"),
        } if page.relaxed else None,
        # With every word required and few found, offer the relaxed search back.
        "relax_url": url_with(params, all=None) if params.get("all") and len(page.words) > 1 else "",
        "facet_rows": facet_rows(page, params, more=more),
        "chips": filter_chips(page, params),
        "bars": histogram_bars(page.histogram, params),
        "pagination": page_links(page, params),
        "sorts": sort_links(params),
        "suggestion_url": url_with(params, q=page.suggestion) if page.suggestion else "",
        # "Searched for": only when the query was repaired before searching.
        "repaired": None if not q or " ".join(q.split()) == page.searched else page.searched,
        "clear_url": url_with(QueryDict(mutable=True), q=q) if q else "?",
        "hidden": [(k, v) for k in (*FACETS, "sort", "more") for v in params.getlist(k)],
    }


def _toggle(params: QueryDict, name: str, value: str) -> str:
    values = params.getlist(name)
    values = [v for v in values if v != value] if value in values else [*values, value]
    return url_with(params, **{name: values})


def _months(first: str, last: str) -> list[str]:
    year, month = map(int, first.split("-"))
    months = []
    while f"{year:04d}-{month:02d}" <= last:
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months
