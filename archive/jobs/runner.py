"""What a worker does with an import job: unpack it once, then import its items one by one.

Exactly once, whatever kills the worker: each item is imported and marked
done in one transaction, so a worker killed mid-item leaves that item pending
and the next worker redoes it from scratch. Only the worker that holds the
job (its worker_id, renewed by a heartbeat) may write an item; a worker that
finds the job taken from it stops.
"""

from __future__ import annotations

import logging
import threading

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from archive.curation import consolidate_surnames
from archive.ingest.errors import IngestError
from archive.ingest.import_batch import default_workers, parse_ahead
from archive.ingest.originals import read_original, store_original
from archive.ingest.parse import Upload, clean_metadata
from archive.ingest.pipeline import Outcome, ingest_upload
from archive.ingest.unpack import Manifest, Rejected, read_manifest, read_upload
from archive.models import ImportItem, ImportJob
from archive.search.sync import deferred_indexing, index_now

from .identity import worker_id
from .queue import jsonable, skip_pending

logger = logging.getLogger(__name__)
State = ImportJob.State


class JobLost(Exception):
    """Another worker has taken the job (this one was thought dead)."""


def run_job(job_id: int, *, workers: int | None = None) -> str:
    """Take the job if it is free, and run it to its end; returns its final state."""
    me = worker_id()
    now = timezone.now()
    with transaction.atomic():
        job = ImportJob.objects.select_for_update().filter(pk=job_id).first()
        if job is None or job.state != State.QUEUED:
            return f"not taken: {job.state if job else 'no such job'}"
        job.state, job.worker_id, job.heartbeat = State.RUNNING, me, now
        job.attempts += 1
        job.started = job.started or now
        job.save(update_fields=["state", "worker_id", "heartbeat", "attempts", "started"])
    heartbeat = _Heartbeat(job.pk, me)
    heartbeat.start()
    try:
        return _run(job, me, heartbeat, workers or default_workers())
    except JobLost:
        logger.warning("import job %s was taken over by another worker; %s stops", job.pk, me)
        return "lost"
    except Exception as exc:
        logger.exception("import job %s failed", job.pk)
        _end(job, me, State.FAILED, reason=f"internal error ({type(exc).__name__}: {exc})"[:2000],
             skip="not imported: the job failed")
        return State.FAILED
    finally:
        heartbeat.stop()


def _run(job: ImportJob, me: str, heartbeat: _Heartbeat, workers: int) -> str:
    if job.total is None:
        try:
            _unpack(job)
        except IngestError as exc:
            _end(job, me, State.FAILED, reason=str(exc))
            return State.FAILED
    elif job.attempts > 1:
        # A worker died here before: what it imported may not have reached the index.
        index_now(job.items.filter(state=ImportItem.State.IMPORTED).values_list("article_id", flat=True))
    if job.cancel_requested:
        _end(job, me, State.CANCELLED, skip="cancelled before it was imported")
        return State.CANCELLED
    with deferred_indexing():
        for item, parsed, error in parse_ahead(_pending(job), workers, _upload):
            if heartbeat.lost:
                raise JobLost
            if _cancelled(job):
                break
            _import_item(job, me, item, parsed, error)
        consolidate_surnames()
    if _cancelled(job):
        _end(job, me, State.CANCELLED, skip="cancelled before it was imported")
        return State.CANCELLED
    _end(job, me, State.DONE)
    return State.DONE


def _unpack(job: ImportJob) -> None:
    """Read the stored upload into items, all at once or not at all; raises IngestError if unreadable."""
    metadata = clean_metadata(job.metadata)
    manifest = Manifest()
    if job.manifest:
        manifest = read_manifest(read_original(job.manifest["sha256"]), job.manifest["name"])
    if len(job.files) > 1 or manifest.by_file or manifest.texts:
        metadata.pop("title", None)  # one title cannot name many articles
    found: list[Upload | Rejected] = []
    for stored in job.files:
        try:
            found += read_upload(stored["name"], read_original(stored["sha256"]), metadata=metadata, manifest=manifest)
        except IngestError as exc:
            raise IngestError(f"{stored['name']}: {exc}") from None
    for name, text, row_meta in manifest.texts:
        found.append(Upload(text.encode("utf-8"), name, "text/plain", {**metadata, **row_meta}))
    if not found:
        raise IngestError("the upload holds no article")
    now = timezone.now()
    items = []
    for position, thing in enumerate(found):
        if isinstance(thing, Upload):
            try:  # a manifest row's bad date refuses that item alone
                item_metadata = jsonable(clean_metadata(thing.metadata))
            except IngestError as exc:
                thing = Rejected(thing.name, str(exc))
        if isinstance(thing, Rejected):
            items.append(ImportItem(job=job, position=position, name=thing.name[:1000], finished=now,
                                    state=ImportItem.State.REJECTED, reason=thing.reason[:2000]))
        else:
            items.append(ImportItem(job=job, position=position, name=thing.name[:1000],
                                    sha256=store_original(thing.data), content_type=thing.content_type[:100],
                                    metadata=item_metadata))
    with transaction.atomic():
        if ImportJob.objects.filter(pk=job.pk, worker_id=job.worker_id, total=None).update(total=len(items)) != 1:
            raise JobLost
        ImportItem.objects.bulk_create(items, batch_size=500)
    job.total = len(items)


def _pending(job: ImportJob, chunk: int = 200):
    """The items still to do, in order, fetched a chunk at a time.

    Not one long-lived cursor: on SQLite an open read would pin its snapshot
    and every write transaction of this connection would find the database locked.
    """
    after = -1
    while True:
        items = list(job.items.filter(state=ImportItem.State.PENDING, position__gt=after).order_by("position")[:chunk])
        yield from items
        if len(items) < chunk:
            return
        after = items[-1].position


def _upload(item: ImportItem) -> Upload:
    # The metadata was checked when the job was unpacked; parsing checks it again, per item.
    return Upload(read_original(item.sha256), item.name, item.content_type, item.metadata)


def _import_item(job: ImportJob, me: str, item: ImportItem, parsed, error: str) -> None:
    """Import one item and record what became of it, in one transaction."""
    with transaction.atomic():
        if not ImportJob.objects.filter(pk=job.pk, worker_id=me, state=State.RUNNING).update(current=item.name[:1000]):
            raise JobLost
        outcome = Outcome(item.name, "rejected", reason=error) if error else ingest_upload(_upload(item), parsed)
        done = ImportItem.objects.filter(pk=item.pk, state=ImportItem.State.PENDING).update(
            state=outcome.status, reason=outcome.reason[:2000], finished=timezone.now(),
            article=outcome.article if outcome.article is not None and outcome.article.pk else None,
        )
        if done != 1:
            raise JobLost  # rolls the article back: somebody else recorded this item


def _cancelled(job: ImportJob) -> bool:
    return ImportJob.objects.filter(pk=job.pk, cancel_requested=True).exists()


def _end(job: ImportJob, me: str, state: str, *, reason: str = "", skip: str = "") -> None:
    with transaction.atomic():
        ended = ImportJob.objects.filter(pk=job.pk, worker_id=me).update(
            state=state, reason=reason, current="", finished=timezone.now()
        )
        if ended and skip:
            skip_pending(job, skip)


class _Heartbeat:
    """Renew the job's heartbeat every few seconds from a thread, while the import goes on.

    The job is the worker's only while the heartbeat lands: if it no longer
    does (the job was taken back as stalled), `lost` tells the import to stop.
    """

    def __init__(self, job_id: int, me: str):
        self.job_id, self.me = job_id, me
        self.lost = False
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name=f"heartbeat-job-{job_id}", daemon=True)

    def start(self) -> None:
        # Run inside a caller's transaction (a test case, or a task backend that runs
        # tasks at once), the job is seen by no other connection, so no worker can take
        # it back; a beat from another connection would only wait out this one's lock.
        if not connection.in_atomic_block:
            self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join()

    def _run(self) -> None:
        try:
            while not self._stop.wait(settings.ARCHIVE_WORKER_HEARTBEAT_SECONDS):
                try:
                    beats = ImportJob.objects.filter(pk=self.job_id, worker_id=self.me).update(heartbeat=timezone.now())
                except Exception:
                    logger.exception("heartbeat of import job %s failed", self.job_id)
                    continue
                if not beats:
                    self.lost = True
                    return
        finally:
            connection.close()
