"""Keep the search index in step with the database."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterable
from contextlib import contextmanager

from django.db import transaction
from django.db.models import Count

from archive.models import (Article, CountryMention, OrganizationAlias, OrganizationMention, PersonAlias,
                            PersonMention)

from . import get_backend
from .base import named

logger = logging.getLogger(__name__)
BATCH = 50
# Inside deferred_indexing(): what an import commits has gone to the index after at
# most this many articles or seconds. Each index commit writes a segment and merges
# small ones; at one commit per 50 articles that was two thirds of a big import's time.
DEFERRED_BATCH = 500
DEFERRED_SECONDS = 10.0
_state = threading.local()


def articles_for_index(ids: Iterable[int]) -> list[Article]:
    """Articles with everything a search document needs, in a few queries whatever their number.

    What each article mentions is read as rows, not as models (`article.mentioned`,
    which base.describe takes): prefetching mentions, their people and their
    spellings built some 15 model objects an article, most of the time of
    indexing a million articles.
    """
    articles = list(Article.objects.filter(pk__in=list(ids)).select_related("outlet")
                    .only("title", "body_text", "published", "story", "outlet__slug", "outlet__name"))
    keys = [a.pk for a in articles]
    mentioned = {pk: {"persons": [], "countries": [], "organizations": []} for pk in keys}
    for model, field, kind, alias in ((PersonMention, "person", "persons", PersonAlias),
                                      (CountryMention, "country", "countries", None),
                                      (OrganizationMention, "organization", "organizations", OrganizationAlias)):
        # In the order they were found: a document (and its version stamp) must not
        # depend on the order a join plan happens to return rows in.
        key = "code" if alias is None else "slug"
        rows = _in_chunks(keys, lambda chunk: model.objects.filter(article__in=chunk).order_by("pk").values_list(
            "article", field, f"{field}__{key}", f"{field}__name"))
        spellings: dict[int, list[str]] = {}
        if alias is not None:
            entities = sorted({row[1] for row in rows})
            for owner, name in _in_chunks(entities, lambda chunk: alias.objects.filter(
                    **{f"{field}__in": chunk}).values_list(field, "name")):
                spellings.setdefault(owner, []).append(name)
        for article, entity, value, name in rows:
            mentioned[article][kind].append([value, name] if alias is None else
                                            named(value, name, spellings.get(entity, ())))
    # How many articles each story holds: a search counts stories by those with other copies.
    sizes = dict(_in_chunks(sorted({a.story_id for a in articles if a.story_id}), lambda chunk: Article.objects
                            .filter(story__in=chunk).values("story").annotate(n=Count("pk")).values_list("story", "n")))
    for article in articles:
        article.mentioned = mentioned[article.pk]
        article.story_copies = sizes.get(article.story_id, 1)
    return articles


def _in_chunks(keys: list, query) -> list:
    """The rows of `query(chunk)` for chunks of keys within SQLite's limit of parameters."""
    return [row for start in range(0, len(keys), 500) for row in query(keys[start:start + 500])]


def index_now(ids: Iterable[int], batch: int = BATCH) -> None:
    """Index these articles as they are in the database now, `batch` per index commit."""
    ids = list(ids)
    backend = get_backend()
    for start in range(0, len(ids), batch):
        backend.index(articles_for_index(ids[start:start + batch]))


def schedule_index(ids: Iterable[int], *, by_the_end: bool = False) -> None:
    """Index these articles once the current transaction commits.

    After a commit, not on post_save: the mentions are saved after the
    article row, and a rolled-back import must leave nothing in the index.
    Inside `deferred_indexing()` the ids are collected and indexed in batches;
    with `by_the_end`, only when it ends, each article once. That is for the
    articles one article changes in passing (a spelling it taught a person is
    in the documents of all their articles): in a big import a much-named
    person's every article would otherwise be indexed again and again.
    """
    ids = list(ids)

    def run():
        # Whether to batch is decided when the commit happens, not before.
        pending = getattr(_state, "pending", None)
        if pending is not None:
            pending.add(ids, by_the_end=by_the_end)
        else:
            _safely(index_now, ids)

    transaction.on_commit(run)


def schedule_remove(ids: Iterable[int]) -> None:
    """Remove these articles from the index once the current transaction commits."""
    ids = list(ids)
    transaction.on_commit(lambda: _safely(get_backend().remove, ids))


@contextmanager
def deferred_indexing():
    """Batch the indexing of everything imported inside; flushed on the way out."""
    if getattr(_state, "pending", None) is not None:
        yield
        return
    _state.pending = _Pending()
    try:
        yield
    finally:
        pending, _state.pending = _state.pending, None
        pending.finish()


class _Pending:
    """Ids committed inside deferred_indexing() and not yet indexed."""

    def __init__(self):
        self.ids: set[int] = set()
        self.at_the_end: set[int] = set()
        self.flushed = time.monotonic()

    def add(self, ids: list[int], *, by_the_end: bool = False) -> None:
        if by_the_end:
            self.at_the_end.update(ids)
            return
        self.ids.update(ids)
        if len(self.ids) >= DEFERRED_BATCH or time.monotonic() - self.flushed >= DEFERRED_SECONDS:
            self.flush()

    def finish(self) -> None:
        """Index everything still waiting, what waited for the end included."""
        self.ids |= self.at_the_end
        self.at_the_end = set()
        self.flush()

    def flush(self) -> None:
        ids, self.ids = sorted(self.ids), set()
        # Indexed now as the database stands, with what they waited for the end for.
        self.at_the_end.difference_update(ids)
        self.flushed = time.monotonic()
        if ids:
            _safely(lambda ids: index_now(ids, DEFERRED_BATCH), ids)


def _safely(action, ids) -> None:
    # The database is the record; a failed index write is repaired by
    # `manage.py check_index --fix`, and must not undo an import.
    try:
        action(ids)
    except Exception:
        logger.exception("search index update failed for articles %s; run `manage.py check_index --fix`", ids[:20])
