"""Import many uploads, each in its own transaction, reporting on every one."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from django.db import transaction

from archive.curation import consolidate_surnames
from archive.search.sync import deferred_indexing

from .parse import Upload
from .pipeline import Outcome, ingest_upload
from .unpack import Rejected


def import_items(items: Iterable[Upload | Rejected]) -> Iterator[Outcome]:
    """Yield one Outcome per item; a bad item never stops the others.

    Search indexing is batched; everything imported is searchable once the
    iteration has finished.
    """
    with deferred_indexing():
        for item in items:
            if isinstance(item, Rejected):
                yield Outcome(item.name, "rejected", reason=item.reason)
            else:
                yield ingest_upload(item)
        # Lone surnames ("Blair") join the person they clearly are, now that
        # the whole batch's full names are known.
        with transaction.atomic():
            consolidate_surnames()
