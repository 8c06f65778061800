"""Keep the search index in step with the database."""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterable
from contextlib import contextmanager

from django.db import transaction
from django.db.models import Prefetch

from archive.models import Article, CountryMention, OrganizationMention, PersonMention

from . import get_backend

logger = logging.getLogger(__name__)
BATCH = 50
LARGE_BATCH = 500  # for the many articles one decision touches (a batch's surname merges)
_state = threading.local()


def articles_for_index(ids: Iterable[int]):
    """Articles with everything a search document needs, in few queries."""
    # Each mention's entity by a join, not a prefetch: Django prefetches a foreign
    # key as (id = 1 OR id = 2 ...) on SQLite, past its expression depth of 1,000.
    return Article.objects.filter(pk__in=list(ids)).select_related("outlet").prefetch_related(
        Prefetch("personmention_set", PersonMention.objects.select_related("person")),
        "personmention_set__person__aliases",
        Prefetch("countrymention_set", CountryMention.objects.select_related("country")),
        Prefetch("organizationmention_set", OrganizationMention.objects.select_related("organization")),
        "organizationmention_set__organization__aliases",
    )


def index_now(ids: Iterable[int], batch: int = BATCH) -> None:
    """Index these articles as they are in the database now, `batch` per index commit."""
    ids = list(ids)
    backend = get_backend()
    for start in range(0, len(ids), batch):
        backend.index(articles_for_index(ids[start:start + batch]))


def schedule_index(ids: Iterable[int]) -> None:
    """Index these articles once the current transaction commits.

    After a commit, not on post_save: the mentions are saved after the
    article row, and a rolled-back import must leave nothing in the index.
    Inside `deferred_indexing()` the ids are collected and indexed in batches.
    """
    ids = list(ids)

    def run():
        # Whether to batch is decided when the commit happens, not before.
        pending = getattr(_state, "pending", None)
        if pending is not None:
            pending.extend(ids)
            if len(set(pending)) >= BATCH:
                _flush(pending)
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
    _state.pending = []
    try:
        yield
    finally:
        pending, _state.pending = _state.pending, None
        _flush(pending)


def _flush(pending: list[int]) -> None:
    ids, pending[:] = sorted(set(pending)), []
    _safely(lambda ids: index_now(ids, LARGE_BATCH), ids)


def _safely(action, ids) -> None:
    # The database is the record; a failed index write is repaired by
    # `manage.py check_index --fix`, and must not undo an import.
    try:
        action(ids)
    except Exception:
        logger.exception("search index update failed for articles %s; run `manage.py check_index --fix`", ids[:20])
