"""The search interface: what every backend takes and returns.

Only the frozen dataclasses below cross it; no engine object or queryset does,
so that a PostgreSQL backend can replace the Whoosh one without a caller noticing.
"""

from __future__ import annotations

import datetime
import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, field

from archive.entities.identity import adds_words

FACETS = ("source", "person", "country", "organization")
# "added": the articles most recently added to the archive first (what a feed lists), whatever their date.
SORTS = ("relevance", "newest", "oldest", "added")
PER_PAGE = 20
# The source facet's value for the articles whose outlet is not known: no outlet
# slug can be it (slugs hold letters, digits, "-" and "_" only).
NO_SOURCE = "~none"
NO_SOURCE_LABEL = "Unknown outlet"
UNDATED = ("only", "exclude")  # SearchQuery.undated: the undated articles alone, or the dated ones alone


class SearchError(Exception):
    """The search engine cannot answer (index missing or broken); the message is for people."""


@dataclass(frozen=True)
class SearchQuery:
    """What a user asked for.

    `filters` maps a facet name to the values picked in it: an article needs any
    of them, or all of them for a facet named in `all_of`. `exclude` maps a facet
    name to values whose articles are left out. Each facet's counts are those of
    the search without its own picked values when they are "any of" (so that the
    others can be added), with them when they are "all of"; its excluded values
    are listed with the articles they leave out.
    """

    q: str = ""
    filters: dict[str, tuple[str, ...]] = field(default_factory=dict)
    exclude: dict[str, tuple[str, ...]] = field(default_factory=dict)
    all_of: frozenset[str] = frozenset()
    undated: str = ""  # one of UNDATED, or "" for dated and undated articles alike
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None
    sort: str = "relevance"
    page: int = 1
    per_page: int = PER_PAGE
    facet_limit: int | None = 10  # values per facet; None for all
    match_all: bool = False  # never relax: only articles with every word
    collapse: bool = False  # one hit per story (its best-ranked copy); facets still count articles
    # Per facet, a text its listed values' names must contain (the filter box over a long list).
    facet_search: dict[str, str] = field(default_factory=dict)

    @property
    def is_empty(self) -> bool:
        return (not self.q.strip() and not any(self.filters.values()) and not any(self.exclude.values())
                and not self.date_from and not self.date_to and not self.undated)

    @property
    def narrows(self) -> bool:
        """Whether anything but words restricts the articles (facet values, dates)."""
        return bool(any(self.filters.values()) or any(self.exclude.values()) or self.date_from or self.date_to
                    or self.undated)


@dataclass(frozen=True)
class Entity:
    value: str  # the facet value: outlet or person/organization slug, ISO code for countries
    label: str


@dataclass(frozen=True)
class Hit:
    id: int
    title: str
    source: Entity | None
    published: datetime.date | None
    snippet: str  # HTML: the article text escaped, matches wrapped in <mark>
    persons: tuple[Entity, ...]
    countries: tuple[Entity, ...]
    score: float = 0.0
    missing: tuple[str, ...] = ()  # the query's words this article lacks (relaxed searches)
    # How the query matched beyond its words as written: "Pashinian → Nikol Pashinyan", "pashin* → pashinyan".
    matched: tuple[str, ...] = ()
    story: int | None = None  # the story this article is a copy of (archive/copies)


@dataclass(frozen=True)
class FacetValue:
    value: str
    label: str
    count: int  # for an excluded value: the articles it leaves out
    selected: bool
    excluded: bool = False


@dataclass(frozen=True)
class SearchPage:
    hits: tuple[Hit, ...]
    total: int
    page: int
    pages: int
    facets: dict[str, tuple[FacetValue, ...]]
    facet_totals: dict[str, int]  # how many distinct values each facet has in all
    histogram: tuple[tuple[str, int], ...]  # ("2023-12", 4), by month, oldest first
    suggestion: str = ""  # "did you mean", as a whole query
    searched: str = ""  # the query as actually searched, after repairing it
    # When too few articles have every word, a search relaxes: it finds those
    # with at least `min_match` of `words`, best first, and says so.
    relaxed: bool = False
    strict_total: int = 0  # articles with every word
    min_match: int = 0
    words: tuple[str, ...] = ()  # the words that may go missing
    marked: tuple[str, ...] = ()  # what to highlight in the articles found ("pashin*" for a prefix)
    # Articles matched: `total` counts stories when the search collapses copies, articles otherwise.
    articles: int = 0
    undated: int = 0  # the articles matched that have no publication date (the histogram leaves them out)


class SearchBackend:
    """A full-text engine holding one document per article."""

    def index(self, articles: Iterable) -> None:
        """Add or replace the documents of these Article instances.

        Each article must have been saved with its mentions; the backend reads
        its outlet, people, countries and organizations. Safe to call from
        several threads and processes at once: writes are serialized.
        """
        raise NotImplementedError

    def remove(self, article_ids: Iterable[int]) -> None:
        """Delete the documents of these article ids; unknown ids are ignored."""
        raise NotImplementedError

    def clear(self) -> None:
        """Delete every document."""
        raise NotImplementedError

    def search(self, query: SearchQuery) -> SearchPage:
        """Run a query and count facets; an empty query gives an empty page.

        A malformed query string never raises: it is repaired or searched as
        plain words, and SearchPage.searched says what was searched. Words the
        prose analyzer drops are never required (plan.py). When fewer than
        plan.FEW articles have every plain word, and not `match_all`, the
        search relaxes to the articles with at least Plan.min_match of them,
        ranked by relevance; each hit names the words it lacks. A name the
        query gives also matches, and ranks higher, the articles that mention
        that entity (names.py); words standing together rank an article above
        scattered ones (plan.rerank_together). Raises SearchError only when
        the engine itself is unusable. With `collapse`, the hits are one per
        story (the best-ranked of its copies, in the query's order) and `total`
        and `pages` count stories; facets and the histogram still count articles,
        and SearchPage.articles says how many matched.
        """
        raise NotImplementedError

    def versions(self) -> dict[int, str]:
        """Map every indexed article id to the version stamp it was indexed at (for check_index)."""
        raise NotImplementedError

    def similar(self, article_id: int, limit: int = 5) -> list[int]:
        """Ids of the articles whose text is most like this one's, best first."""
        raise NotImplementedError


def describe(article) -> dict:
    """Everything a search document holds about an article, engine-neutral.

    Reads the article's outlet and mentions: fetch articles with
    `archive.search.sync.articles_for_index`, which reads the mentions of many
    articles in a few queries (`article.mentioned`), to avoid queries per article.
    """
    mentioned = getattr(article, "mentioned", None)
    if mentioned is None:
        def spelled(entity):
            return named(entity.slug, entity.name, [a.name for a in entity.aliases.all()])
        mentioned = {
            "persons": [spelled(m.person) for m in article.personmention_set.all()],
            "countries": [[m.country.code, m.country.name] for m in article.countrymention_set.all()],
            "organizations": [spelled(m.organization) for m in article.organizationmention_set.all()],
        }
    outlet = article.outlet
    return {
        "id": article.pk,
        "title": article.title,
        "body": article.body_text,
        "published": article.published.isoformat() if article.published else None,
        "source": [outlet.slug, outlet.name] if outlet else None,
        **mentioned,
        "story": article.story_id,
    }


def named(slug: str, name: str, spellings: Iterable[str]) -> list:
    """A person or organization as a search document names them: slug, name, the spellings a search needs.

    Only the spellings a search can tell from the name: 'Mr Blair' finds nothing
    that 'Tony Blair' does not, and would cost a reindex of every article of Tony
    Blair's when it is learned.
    """
    return [slug, name, sorted(a for a in spellings if adds_words(name, a))]


def version_of(description: dict) -> str:
    """A stamp of a document's content: it differs when anything searchable about the article does."""
    data = json.dumps(description, sort_keys=True, ensure_ascii=False).encode("utf-8")
    return hashlib.sha1(data, usedforsecurity=False).hexdigest()
