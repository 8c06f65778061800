from __future__ import annotations

import logging
import re
from collections import Counter

from django.contrib import messages
from django.contrib.admin.views.decorators import staff_member_required
from django.db import IntegrityError, transaction
from django.db.models import Count
from django.http import Http404, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_POST

from .copies.compare import compare
from .copies.listing import other_copies
from .curation import survivor
from .feeds import newest_article
from .forms import SearchForm
from .ingest.originals import read_original
from .models import Article, Country, Organization, Outlet, Person, SavedSearch
from .overview import build_overview
from .search import facets, get_backend
from .search.base import SearchError, SearchPage, SearchQuery
from .search.snippets import mark_html, mark_words

logger = logging.getLogger(__name__)
ENTITY_URLS = {"source": "archive:outlet", "person": "archive:person", "country": "archive:country",
               "organization": "archive:organization"}


def search(request):
    form = SearchForm(request.GET)
    try:
        page = run_search(form)
    except SearchError as exc:
        return _unavailable(request, exc)
    params = form.params()
    context = {"page": page, "q": params.get("q", ""), "date_from": params.get("from", ""),
               "date_to": params.get("to", ""), "api_url": reverse("archive:api_search") + facets.url_with(params),
               "csv_url": reverse("archive:export") + facets.url_with(params, more=None),
               "feed_url": reverse("archive:feed") + facets.url_with(params, more=None, page=None, sort=None),
               "saved_query": facets.url_with(params, more=None, page=None).lstrip("?")}
    # "Also reported by" under each story's hit; with every copy shown, each is its own hit.
    copies = other_copies(page.hits) if params.get("copies") != "all" else {}
    context.update(facets.search_context(page, params, more=params.get("more"), copies=copies))
    context["overview"] = build_overview(request, form.search_query())  # no words, no filters: what the archive holds
    return render(request, "archive/search.html", context)


@staff_member_required
@require_POST
def save_search(request):
    """Save the search page's parameters under a name, for the admin's list of followed searches."""
    name = " ".join(request.POST.get("name", "").split())[:200]
    form = SearchForm(QueryDict(request.POST.get("query", "")))
    params = form.params()
    params.pop("page", None)
    back = reverse("archive:search") + facets.url_with(params, more=None)
    if not name:
        messages.error(request, "Give the search a name to save it.")
        return redirect(back)
    query = params.urlencode()
    if len(query) > SavedSearch._meta.get_field("query").max_length:
        messages.error(request, "This search is too long to save: shorten its words or filters.")
        return redirect(back)
    try:
        with transaction.atomic():
            SavedSearch.objects.create(name=name, query=query, created_by=request.user,
                                       seen_up_to=newest_article(), seen=timezone.now())
    except IntegrityError:
        messages.error(request, f"A saved search is already named “{name}”: choose another name.")
        return redirect(back)
    messages.success(request, f"Saved as “{name}”: the admin's Saved searches shows what it gains.")
    return redirect(back)


@staff_member_required
def open_saved_search(request, pk: int):
    """Open a saved search, newest additions first, and count it as looked at now."""
    saved = get_object_or_404(SavedSearch, pk=pk)
    SavedSearch.objects.filter(pk=pk).update(seen_up_to=newest_article(), seen=timezone.now())
    params = SearchForm(QueryDict(saved.query)).params()
    params["sort"] = "added"
    return redirect(reverse("archive:search") + facets.url_with(params, more=None))


def article_detail(request, pk: int):
    article = get_object_or_404(Article.objects.select_related("outlet"), pk=pk)
    mentions = {
        "person": article.personmention_set.select_related("person").order_by("-count", "person__name"),
        "country": article.countrymention_set.select_related("country").order_by("-count", "country__name"),
        "organization": article.organizationmention_set.select_related("organization").order_by("-count"),
    }
    rows = {kind: [_mention_row(kind, m) for m in qs] for kind, qs in mentions.items()}
    copies, is_earliest = _copies_of(article)
    found = _found_by(request)
    marked = found.get("marked", ())
    context = {
        "found": found,
        "article": article,
        "mention_lists": [
            ("People", rows["person"]), ("Countries", rows["country"]), ("Organizations", rows["organization"]),
        ],
        # Mentions are linked in plain-text articles only: the text is escaped first,
        # then the links are inserted, so nothing in it can become markup.
        "paragraphs": [] if article.body_html else _linked_paragraphs(article.body_text, rows, marked),
        "body_html": mark_html(article.body_html, marked) if article.body_html and marked else article.body_html,
        "related": _related(article.pk, copies),
        "copies": copies,
        "is_earliest": bool(copies) and is_earliest,
        # For citing: the archive's own address for the article, which never changes.
        "permalink": request.build_absolute_uri(article.get_absolute_url()),
    }
    return render(request, "archive/article_detail.html", context)


def article_changes(request, pk: int):
    """What this copy of a story changed against the story's earliest copy."""
    article = get_object_or_404(Article.objects.select_related("outlet"), pk=pk)
    copies = list(article.story.copies().select_related("outlet")) if article.story else [article]
    earliest = copies[0]
    context = {
        "article": article,
        "earliest": earliest,
        "copies": [c for c in copies if c.pk != earliest.pk],
        "comparison": None if earliest.pk == article.pk else compare(earliest.body_text, article.body_text),
    }
    return render(request, "archive/article_changes.html", context)


def _copies_of(article: Article) -> tuple[list[Article], bool]:
    """The other copies of the article's story, the earliest first, and whether the article comes before them."""
    if not article.story_id:
        return [], False
    copies = list(article.story.copies().select_related("outlet"))
    return [c for c in copies if c.pk != article.pk], copies[0].pk == article.pk


def article_original(request, pk: int):
    article = get_object_or_404(Article, pk=pk)
    # Always a download, never rendered: an uploaded HTML page may carry scripts.
    response = HttpResponse(read_original(article.original_sha256), content_type="application/octet-stream")
    name = article.original_name.replace("\\", "/").rsplit("/", 1)[-1] or f"article-{pk}"
    response["Content-Disposition"] = f'attachment; filename="{name.encode("ascii", "replace").decode()}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


def person_detail(request, slug: str):
    return _named_entity_page(request, Person, "person", slug)


def country_detail(request, code: str):
    country = get_object_or_404(Country, code=code.upper())
    return _entity_page(request, "country", country.code, country.name, [], country.mentions)


def organization_detail(request, slug: str):
    return _named_entity_page(request, Organization, "organization", slug)


def outlet_detail(request, slug: str):
    outlet = get_object_or_404(Outlet, slug=slug)
    return _entity_page(request, "source", outlet.slug, outlet.name, [], None)


def _named_entity_page(request, model, facet: str, slug: str):
    """A person's or organization's page; a merged one leads to the entity it became, a renamed one's old slug to its new."""
    entity = model.objects.prefetch_related("aliases").filter(rejected=False, slug=slug).first()
    if entity is None:  # a bookmark from before a rename: the old address leads to the new one
        # Not a permanent redirect: browsers keep those for good, and a rename undone would
        # send them back and forth between the two addresses.
        return redirect(get_object_or_404(model, rejected=False, former_slugs__slug=slug), permanent=False)
    if entity.merged_into_id:
        return redirect(survivor(entity), permanent=False)
    aliases = [a.name for a in entity.aliases.all() if a.name != entity.name]
    return _entity_page(request, facet, entity.slug, entity.name, aliases, entity.mentions)


def _entity_page(request, facet: str, value: str, name: str, aliases: list[str], mentions):
    form = SearchForm(request.GET)
    try:
        page = run_search(form, SearchQuery(filters={facet: (value,)}, sort="newest", page=form.search_query().page))
    except SearchError as exc:
        return _unavailable(request, exc)
    search_url = reverse("archive:search")
    own = QueryDict(mutable=True)
    own[facet] = value
    dated = sum(count for _, count in page.histogram)
    context = {
        "kind": facets.CHIP_TITLES[facet], "name": name, "aliases": aliases, "page": page,
        # The chart counts dated articles only: say how many it leaves out, so that
        # a chart of few bars (or none) over many articles does not look like a fault.
        "chart_title": f"Articles {'from' if facet == 'source' else 'mentioning'} {name} over time",
        "undated": max(0, (page.articles or page.total) - dated),
        "spellings": _spellings(mentions, [name, *aliases]) if mentions is not None else [],
        "bars": [{**bar, "url": search_url + bar["url"]} for bar in facets.histogram_bars(page.histogram, own)],
        "pagination": facets.page_links(page, QueryDict()),
        "search_url": search_url + facets.url_with(own),
        "people": _mentioned_with(page, "person", facet, value),
        "countries": _mentioned_with(page, "country", facet, value),
    }
    return render(request, "archive/entity_detail.html", context)


def run_search(form: SearchForm, query: SearchQuery | None = None) -> SearchPage:
    """Run the form's query (or this one); a page number that is bad or past the end is a 404."""
    if form.bad_page:
        raise Http404("No such page of results.")
    query = query or form.search_query()
    page = get_backend().search(query)
    if query.page > page.pages:
        raise Http404("No such page of results.")
    return page


def _unavailable(request, exc: SearchError):
    logger.error("search unavailable: %s", exc)
    return render(request, "archive/unavailable.html", {"message": str(exc)}, status=503)


def _mention_row(kind: str, mention) -> dict:
    entity = getattr(mention, kind)
    value = entity.code if kind == "country" else entity.slug
    return {
        "name": entity.name,
        # A country's "spelling" is often a city or an adjective (Geneva, Armenian): not worth showing.
        "spelling": mention.spelling if kind != "country" and mention.spelling != entity.name else "",
        "count": mention.count,
        "url": reverse(ENTITY_URLS[kind], args=[value]),
        "forms": {*mention.spellings, mention.spelling, entity.name},
    }


def _found_by(request) -> dict:
    """When an article was opened from a search hit: the words to mark, and links back and on.

    The hit's link carries the search and the hit's place in it (`hit`); the
    search is run again for the neighbours, so the links follow the results
    as they are now.
    """
    form = SearchForm(request.GET)
    position = getattr(form, "cleaned_data", {}).get("hit")
    params = form.params()
    if position is None or not params.get("q"):
        return {}
    per_page = SearchQuery().per_page
    try:
        page = get_backend().search(form.search_query(page=position // per_page + 1))
        after = page
        if (position + 1) % per_page == 0 and position + 1 < page.total:
            after = get_backend().search(form.search_query(page=(position + 1) // per_page + 1))
        before = page
        if position % per_page == 0 and position > 0:
            before = get_backend().search(form.search_query(page=(position - 1) // per_page + 1))
    except SearchError:
        logger.exception("search unavailable for an article's hit links")
        return {}
    search_url = reverse("archive:search")

    def link(n: int, within) -> str:
        hits = within.hits
        if not 0 <= n < within.total or not hits or n // per_page + 1 != within.page or n % per_page >= len(hits):
            return ""
        return reverse("archive:article", args=[hits[n % per_page].id]) + facets.url_with(params, hit=n)

    back_page = position // per_page + 1
    return {
        "marked": page.marked,
        "q": params["q"],
        "position": position + 1,
        "total": page.total,
        "back_url": search_url + facets.url_with(params, page=back_page if back_page > 1 else None),
        "next_url": link(position + 1, after),
        "previous_url": link(position - 1, before),
    }


def _linked_paragraphs(text: str, rows: dict[str, list[dict]], marked: tuple[str, ...] = ()) -> list[str]:
    links = {form: row["url"] for kind in ("country", "organization", "person") for row in rows[kind]
             for form in row["forms"] if form.strip()}
    pattern = re.compile(
        r"(?<!\w)(" + "|".join(re.escape(f) for f in sorted(links, key=len, reverse=True)) + r")(?!\w)"
    ) if links else None
    paragraphs = []
    for paragraph in text.split("\n\n"):
        pieces, last = [], 0
        for match in pattern.finditer(paragraph) if pattern else ():
            pieces += [mark_words(paragraph[last:match.start()], marked),
                       format_html('<a class="mention" href="{}">{}</a>', links[match.group(0)],
                                   mark_safe(mark_words(match.group(0), marked)))]
            last = match.end()
        pieces.append(mark_words(paragraph[last:], marked))
        paragraphs.append(mark_safe("".join(pieces)))  # mark_words escapes every piece
    return paragraphs


def _related(pk: int, copies: list[Article]) -> list[Article]:
    """Articles like this one, other than its story's copies (listed apart)."""
    try:
        ids = get_backend().similar(pk, limit=5 + len(copies))
    except SearchError:
        logger.exception("similar articles unavailable for %s", pk)
        return []
    ids = [i for i in ids if i not in {c.pk for c in copies}][:5]
    found = Article.objects.select_related("outlet").in_bulk(ids)
    return [found[i] for i in ids if i in found]


def _spellings(mentions, known: list[str]) -> list[tuple[str, int]]:
    """How articles wrote the name, besides the name and aliases already shown."""
    counts: Counter = Counter()
    for spellings in mentions.values_list("spellings", flat=True)[:1000]:
        counts.update(spellings)
    for name in known:
        counts.pop(name, None)
    return counts.most_common(12)


def _mentioned_with(page: SearchPage, kind: str, facet: str, value: str) -> list[dict]:
    if kind == facet:
        # A facet's counts leave out its own filter (disjunctive faceting), so a
        # person's co-mentioned people come from the database instead.
        model, lookup, key = {"person": (Person, "persons", "slug"), "country": (Country, "countries", "code")}[kind]
        rows = (model.objects.filter(**{f"articles__{lookup}__{key}": value}).exclude(**{key: value})
                .annotate(n=Count("articles")).order_by("-n", "name").values_list(key, "name", "n")[:10])
    else:
        rows = [(v.value, v.label, v.count) for v in page.facets[kind] if v.count][:10]
    return [{"label": label, "count": n, "url": reverse(ENTITY_URLS[kind], args=[v])} for v, label, n in rows]
