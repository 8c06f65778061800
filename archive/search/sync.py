"""Keep the search index in step with the database."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterable
from contextlib import contextmanager

from django.db import transaction
from django.db.models import Prefetch

from archive.models import (Article, CountryMention, OrganizationAlias, OrganizationMention, PersonAlias,
                            PersonMention)

from . import get_backend

logger = logging.getLogger(__name__)
BATCH = 50
# Inside deferred_indexing(): what an import commits has gone to the index after at
# most this many articles or seconds. Each index commit writes a segment and merges
# small ones; at one commit per 50 articles that was two thirds of a big import's time.
DEFERRED_BATCH = 500
DEFERRED_SECONDS = 10.0
_state = threading.local()


def articles_for_index(ids: Iterable[int]) -> list[Article]:
    """Articles with everything a search document needs, in few queries.

    Each mention's person or organization carries `alias_names`, its other
    spellings (base.describe reads them): one query for all of them, where
    prefetching each entity's aliases cost Django a queryset per entity (two
    thirds of indexing an import's articles).
    """
    # Each mention's entity by a join, not a prefetch: Django prefetches a foreign
    # key as (id = 1 OR id = 2 ...) on SQLite, past its expression depth of 1,000.
    # In the order they were found: a document (and its version stamp) must not
    # depend on the order a join plan happens to return rows in.
    articles = list(Article.objects.filter(pk__in=list(ids)).select_related("outlet").prefetch_related(
        Prefetch("personmention_set", PersonMention.objects.select_related("person").order_by("pk")),
        Prefetch("countrymention_set", CountryMention.objects.select_related("country").order_by("pk")),
        Prefetch("organizationmention_set",
                 OrganizationMention.objects.select_related("organization").order_by("pk")),
    ))
    for mentions, field, alias in (("personmention_set", "person", PersonAlias),
                                   ("organizationmention_set", "organization", OrganizationAlias)):
        entities = [getattr(m, field) for a in articles for m in getattr(a, mentions).all()]
        names: dict[int, list[str]] = {}
        ids_of = sorted({e.pk for e in entities})
        for start in range(0, len(ids_of), 500):  # within SQLite's limit of parameters
            for owner, name in alias.objects.filter(**{f"{field}_id__in": ids_of[start:start + 500]}).values_list(
                    f"{field}_id", "name"):
                names.setdefault(owner, []).append(name)
        for entity in entities:
            entity.alias_names = names.get(entity.pk, [])
    return articles


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
