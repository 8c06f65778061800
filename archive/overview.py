"""What the front page says about the archive before anyone searches.

A visitor who opens the search page with no words and no filters gets a list
of every article, which says little about what the archive holds. The
overview above it counts what is there, names the most mentioned people and
countries, lists what came in last and offers searches that will find
something, all read from the data. On an empty archive it says how to fill it.

It is the front page: a handful of aggregate queries, each run once per request
(see tests/test_overview.py for the count).
"""

from __future__ import annotations

import re

from django.db.models import Count, Max, Min, Q
from django.http import HttpRequest, QueryDict
from django.urls import reverse

from .models import Article, Country, ImportJob, Person
from .search import facets
from .search.base import SearchQuery

TOP = 8  # people and countries named
NEWEST = 5  # articles listed as the latest added
JOBS = 3  # import jobs listed, for staff

# A headline's words for the example phrase: letters only, so that the phrase
# is found as typed (no digits, quotes or markup a phrase query would trip on).
_WORD = re.compile(r"^[^\W\d_]{2,}$")


def build_overview(request: HttpRequest, query: SearchQuery) -> dict | None:
    """The overview of the whole archive, or None when the query searches or filters anything."""
    if not query.is_empty or query.page > 1:
        return None
    totals = Article.objects.aggregate(
        articles=Count("pk"),
        # An article without a story is a story of its own.
        stories=Count("story", distinct=True) + Count("pk", filter=Q(story=None)),
        outlets=Count("outlet", distinct=True),
        earliest=Min("published"),
        latest=Max("published"),
        undated=Count("pk", filter=Q(published=None)),
    )
    if not totals["articles"]:
        return {"empty": True, **_guidance(request)}
    people = _top(Person.objects.live(), "person", "archive:person", "slug")
    countries = _top(Country.objects.all(), "country", "archive:country", "code")
    newest = list(Article.objects.select_related("outlet").order_by("-created", "-pk")[:NEWEST])
    return {
        "empty": False,
        **totals,
        # Only the people and countries some article mentions: the tables also keep unmentioned ones.
        "people": Person.objects.live().filter(mentions__isnull=False).distinct().count(),
        "countries": Country.objects.filter(mentions__isnull=False).distinct().count(),
        "top_people": people,
        "top_countries": countries,
        "newest": newest,
        "jobs": list(ImportJob.objects.order_by("-created", "-pk")[:JOBS]) if request.user.is_staff else [],
        "examples": _examples(people, countries, newest),
    }


def _top(entities, facet: str, url_name: str, key: str) -> list[dict]:
    """The entities named in the most articles (one mention row per article), most first."""
    rows = (entities.annotate(n=Count("mentions")).filter(n__gt=0).order_by("-n", "name")
            .values_list(key, "name", "n")[:TOP])
    return [{"name": name, "count": n, "value": value, "url": reverse(url_name, args=[value]), "facet": facet}
            for value, name, n in rows]


def _examples(people: list[dict], countries: list[dict], newest: list[Article]) -> list[dict]:
    """Searches that find something here: a name, a country filter, a phrase from a recent headline."""
    search_url = reverse("archive:search")
    params = QueryDict(mutable=True)
    examples = []
    if people:
        examples.append({"label": people[0]["name"], "what": "words",
                         "url": search_url + facets.url_with(params, q=people[0]["name"])})
    if countries:
        examples.append({"label": countries[0]["name"], "what": "country filter",
                         "url": search_url + facets.url_with(params, country=countries[0]["value"])})
    for article in newest:
        phrase = _phrase(article.title)
        if phrase:
            examples.append({"label": f"“{phrase}”", "what": "exact phrase",
                             "url": search_url + facets.url_with(params, q=f'"{phrase}"')})
            break
    return examples


def _phrase(title: str) -> str:
    """Three (else two) neighbouring words of a headline, the longest such run: a phrase worth quoting."""
    words = title.split()
    for size in (3, 2):
        runs = [words[i:i + size] for i in range(len(words) - size + 1)
                if all(_WORD.match(w) for w in words[i:i + size])]
        if runs:
            return " ".join(max(runs, key=lambda run: sum(map(len, run))))
    return ""


def _guidance(request: HttpRequest) -> dict:
    """How an empty archive gets its articles: staff see where to upload."""
    return {"upload_url": reverse("admin:archive_article_upload") if request.user.is_staff else ""}
