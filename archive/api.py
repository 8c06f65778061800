"""The search as data: JSON for programs and the filter box, and every matching article as CSV."""

from __future__ import annotations

import csv
from dataclasses import asdict, replace
from html import unescape

from django.http import Http404, HttpResponse, JsonResponse, QueryDict, StreamingHttpResponse
from django.urls import reverse
from django.utils.html import strip_tags
from django.utils.text import slugify

from .copies.listing import other_copies
from .forms import SearchForm
from .models import Article
from .search import facets, get_backend
from .search.base import FACETS, NO_SOURCE, SearchError, SearchPage, SearchQuery
from .views import run_search

CSV_PAGE = 500  # articles per backend page while exporting
CSV_COLUMNS = ["id", "url", "title", "source", "published", "author", "persons", "countries", "organizations",
               "source_url", "snippet"]


def api_search(request):
    form = SearchForm(request.GET)
    try:
        page = run_search(form)
    except Http404:
        return JsonResponse({"error": "No such page of results."}, status=404)
    except SearchError as exc:
        return JsonResponse({"error": str(exc)}, status=503)
    copies = other_copies(page.hits)
    return JsonResponse({
        # Stories when copies are collapsed (the default), articles with copies=all; `articles` always counts articles.
        "total": page.total,
        "articles": page.articles,
        "copies": "all" if form.params().get("copies") == "all" else "collapsed",
        "page": page.page,
        "pages": page.pages,
        "results": [_hit_json(request, hit, copies[hit.id]) for hit in page.hits],
        "facets": {name: [asdict(v) for v in page.facets[name]] for name in FACETS},
        "suggestion": page.suggestion,
        "searched": page.searched,
        # Fewer than a handful had every word: the results are those with most of them.
        "relaxed": page.relaxed,
        "strict_total": page.strict_total,
        "histogram": [{"month": month, "count": count} for month, count in page.histogram],
        # The matches the histogram leaves out, and those of no known outlet (also a value of the source facet).
        "undated": page.undated,
        "unknown_outlet": next((v.count for v in page.facets["source"] if v.value == NO_SOURCE and not v.excluded), 0),
    })


FIND_LIMIT = 50  # values a facet's filter box lists


def api_facet(request):
    """The values of the facet `more` whose name holds `find`, counted for the search's parameters.

    What the filter box over a long list shows as you type (without JavaScript,
    the search page itself lists them: ?more=person&find=...).
    """
    form = SearchForm(request.GET)
    params = form.params()
    if not params.get("more"):
        return JsonResponse({"error": "Say which facet: more=source, person, country or organization."}, status=400)
    try:
        page = get_backend().search(form.search_query(page=1, per_page=0, facet_limit=FIND_LIMIT))
    except SearchError as exc:
        return JsonResponse({"error": str(exc)}, status=503)
    row = next(r for r in facets.facet_rows(page, params, more=params["more"]) if r["name"] == params["more"])
    return JsonResponse(facets.facet_json(row))


def export_csv(request):
    # Every matching article, copies of one story included: an export is for counting and reading each.
    query = SearchForm(request.GET).search_query(page=1, per_page=CSV_PAGE, facet_limit=0, collapse=False)
    try:
        first = get_backend().search(query)
    except SearchError as exc:
        return HttpResponse(f"Search is unavailable: {exc}\n", status=503, content_type="text/plain")
    response = StreamingHttpResponse(_csv_lines(request, query, first), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_export_name(SearchForm(request.GET).params())}.csv"'
    return response


def _export_name(params: QueryDict) -> str:
    """An export's file name after its search (articles-pay-rise-malta-not-reuters-2024), so that several stay apart."""
    def value(v: str) -> str:
        return "unknown outlet" if v == NO_SOURCE else v

    words = [params.get("q", ""), *(value(v) for name in FACETS for v in params.getlist(name))]
    words += [f"not {value(v)}" for name in FACETS for v in params.getlist(f"not_{name}")]
    dates = [params.get("from", ""), params.get("to", "")]
    if dates[0][:4] and dates[0][4:] == "-01-01" and dates[1] == dates[0][:4] + "-12-31":
        dates = [dates[0][:4]]  # a whole year
    dates += {"only": ["undated"], "exclude": ["dated"]}.get(params.get("undated", ""), [])
    return slugify(" ".join(["articles", *words, *dates]))[:80].rstrip("-")  # short enough for any file system


def _hit_json(request, hit, copies) -> dict:
    return {
        "id": hit.id,
        "url": request.build_absolute_uri(reverse("archive:article", args=[hit.id])),
        "title": hit.title,
        "source": hit.source.label if hit.source else None,
        "published": hit.published.isoformat() if hit.published else None,
        "snippet": hit.snippet,
        # The same text for programs that want no markup: tags dropped, entities decoded.
        "snippet_text": unescape(strip_tags(hit.snippet)),
        "persons": [{"value": p.value, "label": p.label} for p in hit.persons],
        "countries": [{"value": c.value, "label": c.label} for c in hit.countries],
        "matched": list(hit.matched),
        "missing": list(hit.missing),
        "story": hit.story,
        # The story's other copies, the earliest first (at most copies.LISTED; copies_total counts them all).
        "copies": [{
            "id": copy.pk,
            "url": request.build_absolute_uri(reverse("archive:article", args=[copy.pk])),
            "source": copy.outlet.name if copy.outlet else None,
            "published": copy.published.isoformat() if copy.published else None,
        } for copy in copies.listed],
        "copies_total": copies.total,
    }


class _Echo:
    def write(self, value: str) -> str:
        return value


def _csv_lines(request, query: SearchQuery, page: SearchPage):
    """Every matching article, one backend page of `query.per_page` at a time."""
    writer = csv.writer(_Echo())
    yield writer.writerow(CSV_COLUMNS)
    while True:
        articles = Article.objects.select_related("outlet").prefetch_related("persons", "countries", "organizations")
        by_id = articles.in_bulk([hit.id for hit in page.hits])
        for hit in page.hits:
            if hit.id in by_id:
                yield writer.writerow([_cell(v) for v in _csv_row(request, by_id[hit.id], hit)])
        if page.page >= page.pages:
            return
        page = get_backend().search(replace(query, page=page.page + 1))


def _csv_row(request, article: Article, hit) -> list:
    return [
        article.pk,
        request.build_absolute_uri(article.get_absolute_url()),
        article.title,
        article.outlet.name if article.outlet else "",
        article.published.isoformat() if article.published else "",
        article.author,
        "; ".join(p.name for p in article.persons.all()),
        "; ".join(c.name for c in article.countries.all()),
        "; ".join(o.name for o in article.organizations.all()),
        article.url,
        # Plain text: a spreadsheet shows <mark> and &amp; as they are.
        " ".join(unescape(strip_tags(hit.snippet)).split()),
    ]


def _cell(value):
    # A cell starting with = + - @ is a formula to spreadsheets (OWASP "CSV injection").
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value
