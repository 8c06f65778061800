"""Every search as an Atom feed: the articles most recently added to the archive that match it.

By the time an article was added, not its publication date, so that an old story
imported today reaches a reader following the search. A feed asks for every
word of the query (no relaxed matches: a feed is followed, not browsed) and
lists every copy of a story, each being one outlet's article.
"""

from __future__ import annotations

from dataclasses import replace
from html import unescape

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import strip_tags

from .forms import SearchForm
from .models import Article
from .search import facets, get_backend
from .search.base import NO_SOURCE, NO_SOURCE_LABEL, SearchError, SearchQuery

ENTRIES = 50


def feed_query(form: SearchForm, **changes) -> SearchQuery:
    """The query a feed runs for the search page's parameters."""
    query = form.search_query(sort="added", page=1, per_page=ENTRIES, facet_limit=0, collapse=False, match_all=True)
    return replace(query, **changes)


class SearchFeed(Feed):
    """One instance serves every request: what a request asked for travels in the object, not on self."""

    feed_type = Atom1Feed

    def get_object(self, request):
        form = SearchForm(request.GET)
        params = form.params()
        params.pop("page", None)
        try:
            page = get_backend().search(feed_query(form))
        except SearchError as exc:
            raise Http404(f"Search is unavailable: {exc}") from exc
        articles = Article.objects.select_related("outlet").in_bulk([hit.id for hit in page.hits])
        return {"params": params, "entries": [(hit, articles[hit.id]) for hit in page.hits if hit.id in articles]}

    def title(self, feed):
        return f"News Archive: {describe(feed['params'])}"

    def subtitle(self, feed):
        return "The articles most recently added to the archive that match this search."

    def link(self, feed):
        return reverse("archive:search") + facets.url_with(feed["params"], more=None)

    def feed_url(self, feed):
        return reverse("archive:feed") + facets.url_with(feed["params"], more=None)

    def items(self, feed):
        return feed["entries"]

    def item_title(self, entry):
        return entry[1].title

    def item_link(self, entry):
        return entry[1].get_absolute_url()

    def item_description(self, entry):
        hit, article = entry
        outlet = article.outlet.name if article.outlet else "Unknown outlet"
        published = article.published.strftime("%-d %B %Y") if article.published else "undated"
        return f"{outlet}, {published}. {unescape(strip_tags(hit.snippet))}"

    def item_author_name(self, entry):
        return entry[1].outlet.name if entry[1].outlet else None

    def item_pubdate(self, entry):
        return entry[1].created

    def item_updateddate(self, entry):
        return entry[1].created

    def item_categories(self, entry):
        hit = entry[0]
        return [p.label for p in hit.persons] + [c.label for c in hit.countries]


def describe(params) -> str:
    """A search in words: "talks · country: AM · from 2024-01-01"."""
    parts = [f"“{params['q']}”"] if params.get("q") else []
    every = params.getlist("every")
    for name in ("source", "person", "country", "organization"):
        values = [NO_SOURCE_LABEL if v == NO_SOURCE else v for v in params.getlist(name)]
        if values:
            joined = " and ".join(values) if name in every else ", ".join(values)
            parts.append(f"{name}: {joined}")
        left_out = [NO_SOURCE_LABEL if v == NO_SOURCE else v for v in params.getlist(f"not_{name}")]
        if left_out:
            parts.append(f"not {name}: {', '.join(left_out)}")
    if params.get("from") or params.get("to"):
        parts.append(f"{params.get('from', '…')} to {params.get('to', '…')}")
    if params.get("undated"):
        parts.append("undated only" if params["undated"] == "only" else "dated only")
    return " · ".join(parts) or "every article"


def new_since(form: SearchForm, seen_up_to: int, cap: int = 1000) -> int:
    """How many articles matching the search were added after article `seen_up_to`, up to `cap`.

    Counted from the search by time added, page after page, until an article seen before.
    """
    count, page_number = 0, 1
    while count < cap:
        page = get_backend().search(feed_query(form, page=page_number, per_page=200))
        newer = [hit.id for hit in page.hits if hit.id > seen_up_to]
        count += len(newer)
        if len(newer) < len(page.hits) or page_number >= page.pages:
            break
        page_number += 1
    return min(count, cap)


def newest_article() -> int:
    """The id of the article added last: what a saved search has seen once opened (ids grow as articles come)."""
    return Article.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
