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

from archive.copies.listing import outlets_line

from .base import FACETS, NO_SOURCE, PER_PAGE, SORTS, SearchPage

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
    if "more" in changes and changes["more"] != params.get("more"):
        query.pop("find", None)  # the text that narrowed one long list goes with it
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


MULTI = ("person", "country", "organization")  # an article can have several: "all of these" means something
SINGULAR = {name: title.lower() for name, title in CHIP_TITLES.items()}  # "outlet", "person", ...


def facet_rows(page: SearchPage, params: QueryDict, *, more: str | None = None) -> list[dict]:
    """One row per facet: its values with counts, pick and exclude URLs, "show more", "find", any/all."""
    rows = []
    find = params.get("find", "") if more else ""
    for name in FACETS:
        values = page.facets.get(name, ())
        show_all = more == name
        shown = values if show_all else [*values[:LIMIT], *(v for v in values[LIMIT:] if v.selected or v.excluded)]
        picked = params.getlist(name)
        every = name in params.getlist("every")
        rows.append({
            "name": name,
            "title": TITLES[name],
            "singular": SINGULAR[name],
            "values": [_value_row(params, name, v) for v in shown],
            "truncated": not show_all and page.facet_totals.get(name, 0) > LIMIT,
            "more_url": url_with(params, more=name),
            "less_url": url_with(params, more=None) if show_all else "",
            "total": page.facet_totals.get(name, 0),
            # A box to find a value by name, for lists longer than the few shown.
            "findable": show_all or page.facet_totals.get(name, 0) > LIMIT,
            "find": find if show_all else "",
            # Any or all of the picked values: offered once a value is picked.
            "mode": {
                "every": every,
                "any_url": url_with(params, every=[f for f in params.getlist("every") if f != name]),
                "all_url": url_with(params, every=[*params.getlist("every"), name]),
            } if name in MULTI and picked else None,
        })
    return rows


def _value_row(params: QueryDict, name: str, value) -> dict:
    excluded_key = f"not_{name}"
    return {
        "value": value.value, "label": value.label, "count": value.count, "selected": value.selected,
        "excluded": value.excluded, "unknown": value.value == NO_SOURCE,
        # Picking an excluded value takes its exclusion away; excluding a picked one unpicks it.
        "url": _toggle(params, excluded_key if value.excluded else name, value.value),
        "exclude_url": url_with(params, **{
            excluded_key: [*params.getlist(excluded_key), value.value],
            name: [v for v in params.getlist(name) if v != value.value],
        }) if not value.excluded else "",
    }


def facet_json(row: dict) -> dict:
    """A facet row as the filter box's answer: what the page's list shows, as data."""
    return {
        "facet": row["name"], "total": row["total"], "find": row["find"],
        "values": [{k: v[k] for k in ("value", "label", "count", "selected", "excluded", "url", "exclude_url")}
                   for v in row["values"]],
    }


def filter_chips(page: SearchPage, params: QueryDict) -> list[dict]:
    """The active filters, each with the URL that removes it."""
    chips = []
    for name in FACETS:
        labels = {v.value: v.label for v in page.facets.get(name, ())}
        picked = params.getlist(name)
        every = name in params.getlist("every") and len(picked) > 1
        for value in picked:
            title = f"{CHIP_TITLES[name]} (all of)" if every else CHIP_TITLES[name]
            chips.append({"title": title, "label": labels.get(value, value), "url": _toggle(params, name, value)})
        for value in params.getlist(f"not_{name}"):
            chips.append({"title": f"Not {SINGULAR[name]}", "label": labels.get(value, value),
                          "url": _toggle(params, f"not_{name}", value), "excluded": True})
    for key, title in (("from", "From"), ("to", "To")):
        if params.get(key):
            chips.append({"title": title, "label": params[key], "url": url_with(params, **{key: None})})
    if params.get("undated"):
        label = "undated only" if params["undated"] == "only" else "dated only"
        chips.append({"title": "Date", "label": label, "url": url_with(params, undated=None)})
    return chips


def dates_row(page: SearchPage, params: QueryDict) -> dict:
    """Under the chart: a link per year to narrow to it, and the undated articles to see alone or leave out."""
    years: dict[str, int] = {}
    for month, count in page.histogram:
        years[month[:4]] = years.get(month[:4], 0) + count
    picked = params.get("undated", "")
    return {
        "years": [{"year": year, "count": count,
                   "url": url_with(params, from_=f"{year}-01-01", to=f"{year}-12-31", undated=None)}
                  for year, count in sorted(years.items())] if len(years) > 1 else [],
        "undated": page.undated,
        "undated_picked": picked,
        "only_url": url_with(params, undated="only", from_=None, to=None),
        "leave_out_url": url_with(params, undated="exclude"),
        "all_url": url_with(params, undated=None),
    }


def histogram_bars(histogram, params: QueryDict | None = None) -> list[dict]:
    """Bars for matching articles over time, empty spans included, each linking to its span.

    By month while that makes at most MAX_BARS bars, else by year, decade or
    century: an archive reaching from 1850 to today still draws a readable chart.
    """
    counts = {}
    for month, count in histogram:
        year, number = map(int, month.split("-"))
        counts[year * 12 + number - 1] = counts.get(year * 12 + number - 1, 0) + count
    if not counts:
        return []
    first, last = min(counts), max(counts)
    months = next(m for m in _SPANS if (last // m - first // m) < MAX_BARS or m == max(_SPANS))
    spans: dict[int, int] = {}
    for index, count in counts.items():
        spans[index // months] = spans.get(index // months, 0) + count
    tallest = max(spans.values())
    bars = []
    for span in range(first // months, last // months + 1):
        start = span * months
        start_day = datetime.date(max(1, start // 12), start % 12 + 1, 1)
        end = start + months - 1
        end_year = min(9999, end // 12)
        end_day = datetime.date(end_year, end % 12 + 1, calendar.monthrange(end_year, end % 12 + 1)[1])
        count = spans.get(span, 0)
        bars.append({
            "start": start_day.isoformat()[:7],  # the first month it covers
            "unit": _SPANS[months],
            "label": _span_label(months, start_day),
            "count": count,
            "percent": round(100 * count / tallest),
            "url": url_with(params, from_=start_day.isoformat(), to=end_day.isoformat()) if params is not None else "",
        })
    return bars


MAX_BARS = 120
_SPANS = {1: "month", 12: "year", 120: "decade", 1200: "century"}  # months in a bar: what a bar is


def _span_label(months: int, start: datetime.date) -> str:
    if months == 1:
        return start.strftime("%b %Y")
    if months == 12:
        return str(start.year)
    return f"{start.year}s" if months == 120 else f"{start.year}–{start.year + 99}"


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


_SORT_LABELS = {"added": "recently added"}


def _default_sort(params: QueryDict) -> str:
    """Relevance when there are words to rank by, else newest first."""
    return "relevance" if params.get("q") else "newest"


def sort_note(page: SearchPage, params: QueryDict) -> str:
    """Where a date order puts the articles without a date: said whenever some are among the matches."""
    current = params.get("sort") or _default_sort(params)
    if current in ("newest", "oldest") and page.undated:
        return f"{page.undated} undated article{'s' if page.undated != 1 else ''} come{'s' if page.undated == 1 else ''} last."
    return ""


def sort_links(params: QueryDict) -> list[dict]:
    """Links to each order; without words to rank by, relevance means newest first, so it is not offered."""
    default = _default_sort(params)
    current = params.get("sort") or default
    return [
        {"label": _SORT_LABELS.get(s, s), "current": s == current, "url": url_with(params, sort=None if s == default else s)}
        for s in SORTS if params.get("q") or s != "relevance"
    ]


def search_context(page: SearchPage, params: QueryDict, *, more: str | None = None,
                   copies: dict | None = None) -> dict:
    """Everything the search page shows around its hits (and, given `copies`, each hit's other copies)."""
    q = params.get("q", "").strip()
    start = (page.page - 1) * PER_PAGE
    return {
        # Each hit links to its article with the search, so that the article page
        # highlights the words and leads back and on (views.article_detail).
        "hit_rows": [(hit, reverse("archive:article", args=[hit.id]) + url_with(params, hit=start + n, more=None),
                      _also(copies.get(hit.id) if copies else None))
                     for n, hit in enumerate(page.hits)],
        "collapsed": params.get("copies") != "all",
        "copies_url": url_with(params, copies=None if params.get("copies") == "all" else "all", page=None),
        "relaxed": {
            "strict_total": page.strict_total, "words": len(page.words), "min_match": page.min_match,
            "strict_url": url_with(params, all="1"),
        } if page.relaxed else None,
        # With every word required and few found, offer the relaxed search back.
        "relax_url": url_with(params, all=None) if params.get("all") and len(page.words) > 1 else "",
        "facet_rows": facet_rows(page, params, more=more),
        "chips": filter_chips(page, params),
        "bars": histogram_bars(page.histogram, params),
        "dates": dates_row(page, params),
        "sort_note": sort_note(page, params),
        "active_filters": sum(len(params.getlist(k)) for k in (*FACETS, *(f"not_{f}" for f in FACETS)))
                          + bool(params.get("from") or params.get("to")) + bool(params.get("undated")),
        "pagination": page_links(page, params),
        "sorts": sort_links(params),
        "suggestion_url": url_with(params, q=page.suggestion) if page.suggestion else "",
        # "Searched for": only when the query was repaired before searching.
        "repaired": None if not q or " ".join(q.split()) == page.searched else page.searched,
        "clear_url": url_with(QueryDict(mutable=True), q=q) if q else "?",
        # What the filter boxes send besides their facet and text: the search as it is.
        "find_hidden": [(k, v) for k in params if k not in ("page", "more", "find") for v in params.getlist(k)],
        "hidden": [(k, v) for k in (*FACETS, *(f"not_{f}" for f in FACETS), "every", "undated", "sort", "more",
                                    "copies") for v in params.getlist(k)],
    }


def _also(copies) -> dict | None:
    """"Also reported by X, Y (+3)": the other copies to name, and how many more."""
    if not copies or not copies.total:
        return None
    named, more = outlets_line(copies)
    return {"named": named, "more": more}


def _toggle(params: QueryDict, name: str, value: str) -> str:
    values = params.getlist(name)
    values = [v for v in values if v != value] if value in values else [*values, value]
    return url_with(params, **{name: values})
