"""Import many uploads, each in its own transaction, reporting on every one."""

from __future__ import annotations

import logging
import multiprocessing
import os
from collections import deque
from collections.abc import Iterable, Iterator

from django.db import connections, transaction

from archive.curation import consolidate_surnames
from archive.entities import extract_entities
from archive.search.sync import deferred_indexing

from .errors import IngestError
from .parse import ParsedArticle, Upload, parse_upload
from .pipeline import Outcome, ingest_upload, known_original
from .unpack import Rejected

logger = logging.getLogger(__name__)


def default_workers() -> int:
    """Parsing processes for a big import: one per core (the database work stays in this one)."""
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1))


def import_items(items: Iterable[Upload | Rejected], *, workers: int = 1) -> Iterator[Outcome]:
    """Yield one Outcome per item, in order; a bad item never stops the others.

    With workers > 1, parsing and entity extraction (the slow, CPU-bound part)
    run in that many forked processes while this one writes to the database,
    one transaction per item as always. Search indexing is batched; everything
    imported is searchable once the iteration has finished.
    """
    with deferred_indexing():
        if workers > 1:
            yield from _import_in_parallel(items, workers)
        else:
            for item in items:
                yield Outcome(item.name, "rejected", reason=item.reason) if isinstance(item, Rejected) else ingest_upload(item)
        # Lone surnames ("Blair") join the person they clearly are, now that
        # the whole batch's full names are known.
        with transaction.atomic():
            consolidate_surnames()


def _import_in_parallel(items: Iterable[Upload | Rejected], workers: int) -> Iterator[Outcome]:
    """Parse ahead in worker processes, a bounded window at a time; write here, in order.

    Workers never touch the database: what is already known (a re-import) is
    found here, before any parsing, and every write happens in this process.
    """
    extract_entities("Warm up the model before forking.")  # the children share its memory
    if not any(c.in_atomic_block for c in connections.all(initialized_only=True)):
        connections.close_all()  # no connection is shared with a child
    window: deque = deque()
    context = multiprocessing.get_context("fork")
    with context.Pool(workers) as pool:
        for item in items:
            if isinstance(item, Rejected) or known_original(item) is not None:
                window.append((item, None))  # reported without parsing
            else:
                window.append((item, pool.apply_async(_parse, (item,))))
            while len(window) > workers * 4:
                yield _finish(*window.popleft())
        while window:
            yield _finish(*window.popleft())


def _finish(item: Upload | Rejected, pending) -> Outcome:
    if isinstance(item, Rejected):
        return Outcome(item.name, "rejected", reason=item.reason)
    if pending is None:
        return ingest_upload(item)  # known: a duplicate, found without parsing
    parsed, error = pending.get()
    return Outcome(item.name, "rejected", reason=error) if error else ingest_upload(item, parsed)


def _parse(item: Upload) -> tuple[ParsedArticle | None, str]:
    """In a worker process: parse and extract, reporting bad input as a reason."""
    try:
        return parse_upload(item), ""
    except IngestError as exc:
        return None, str(exc)
    except Exception as exc:  # a bug in one item must not stop the batch
        logger.exception("parsing %s failed", item.name)
        return None, f"internal error while parsing ({type(exc).__name__})"
