"""Import many uploads, each in its own transaction, reporting on every one."""

from __future__ import annotations

import logging
import multiprocessing
import os
import signal
from collections import deque
from collections.abc import Iterable, Iterator
from typing import TypeVar

from django.db import connections

from archive.curation import consolidate_surnames
from archive.entities import extract_entities
from archive.search.sync import deferred_indexing

from .errors import IngestError
from .parse import ParsedArticle, Upload, parse_upload
from .pipeline import Outcome, ingest_upload, known_original
from .unpack import Rejected

logger = logging.getLogger(__name__)
T = TypeVar("T")
# A parsing process is replaced after this many articles: the language model's
# string store grows with every new word it meets, and 100,000 articles would
# otherwise grow each parsing process for the whole run.
PARSES_PER_PROCESS = 1000
# How far parsing may run ahead of the writing: far enough to keep the parsers busy
# while this process sends a batch to the index (seconds, at 100,000 articles),
# bounded in bytes because one upload may be 50 MB.
AHEAD_ITEMS = 256
AHEAD_BYTES = 64 * 2**20


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
        for item, parsed, error in parse_ahead(items, workers):
            if isinstance(item, Rejected):
                yield Outcome(item.name, "rejected", reason=item.reason)
            else:
                yield Outcome(item.name, "rejected", reason=error) if error else ingest_upload(item, parsed)
        # Lone surnames ("Blair") join the person they clearly are, now that
        # the whole batch's full names are known.
        consolidate_surnames()


def parse_ahead(items: Iterable[T], workers: int, upload_of=None) -> Iterator[tuple[T, ParsedArticle | None, str]]:
    """Yield (item, parsed, error) in order, parsing ahead in `workers` forked processes.

    `upload_of(item)` is the item's Upload, or None for an item not to parse
    (a Rejected one). Workers never touch the database: what is already known
    (a re-import) is found here, before any parsing, and comes with parsed None
    so that the write path reports it as a duplicate; so does every item when
    workers is 1 (ingest_upload then parses in this process).
    """
    upload_of = upload_of or (lambda item: None if isinstance(item, Rejected) else item)
    if workers <= 1:
        for item in items:
            yield item, None, ""
        return
    extract_entities("Warm up the model before forking.")  # the children share its memory
    if not any(c.in_atomic_block for c in connections.all(initialized_only=True)):
        connections.close_all()  # no connection is shared with a child
    window: deque = deque()  # (item, pending parse or None, its upload's size)
    ahead = 0  # bytes of the uploads in the window
    context = multiprocessing.get_context("fork")
    # Children are forked with SIGTERM and SIGINT blocked, and unblock them once
    # their own handlers are set (_plain_signals): a SIGTERM that ends the pool
    # while a child is still starting would otherwise reach the parent's handler
    # (a db_worker's graceful stop) in the child, which then never ends, and the
    # pool waits for it for ever. Threads the pool starts (and forks from) keep the mask.
    blocked = signal.pthread_sigmask(signal.SIG_BLOCK, _STOP_SIGNALS)
    try:
        pool = context.Pool(workers, initializer=_plain_signals, maxtasksperchild=PARSES_PER_PROCESS)
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, blocked)
    with pool:
        for item in items:
            upload = upload_of(item)
            if upload is None or known_original(upload) is not None:
                window.append((item, None, 0))  # reported without parsing
            else:
                window.append((item, pool.apply_async(_parse, (upload,)), len(upload.data)))
                ahead += len(upload.data)
            while len(window) > max(AHEAD_ITEMS, workers * 4) or (len(window) > 1 and ahead > AHEAD_BYTES):
                item, pending, size = window.popleft()
                ahead -= size
                yield _result(item, pending)
        for item, pending, _ in window:
            yield _result(item, pending)


def _plain_signals() -> None:
    """In a worker process: the parent's signal handlers (a db_worker's graceful stop) are not ours.

    Ctrl-C reaches the whole process group; the parent decides, and ends the
    pool with SIGTERM, which must then simply end the child.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, _STOP_SIGNALS)


_STOP_SIGNALS = {signal.SIGTERM, signal.SIGINT}


def _result(item, pending) -> tuple:
    if pending is None:
        return item, None, ""
    parsed, error = pending.get()
    return item, parsed, error


def _parse(item: Upload) -> tuple[ParsedArticle | None, str]:
    """In a worker process: parse and extract, reporting bad input as a reason."""
    try:
        return parse_upload(item), ""
    except IngestError as exc:
        return None, str(exc)
    except Exception as exc:  # a bug in one item must not stop the batch
        logger.exception("parsing %s failed", item.name)
        return None, f"internal error while parsing ({type(exc).__name__})"
