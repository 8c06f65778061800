"""The web side of import jobs: create one from an upload, cancel it, take back a stalled one."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from archive.ingest.originals import store_original
from archive.models import ImportItem, ImportJob, WorkerBeat

from .tasks import run_import_job


@dataclass(frozen=True)
class StoredFile:
    name: str
    data: bytes


def create_job(files: list[StoredFile], *, manifest: StoredFile | None = None, metadata: dict | None = None,
               user=None) -> ImportJob:
    """Keep every uploaded file verbatim, then queue the job; a worker unpacks and imports it.

    The files are stored before the job exists, so nothing handed over is lost
    whatever happens next; the task is queued once the job row is committed.
    """
    stored = [{"name": f.name, "sha256": store_original(f.data), "size": len(f.data)} for f in files]
    kept_manifest = None
    if manifest is not None:
        kept_manifest = {"name": manifest.name, "sha256": store_original(manifest.data), "size": len(manifest.data)}
    name = files[0].name if len(files) == 1 else f"{len(files)} files" if files else (manifest.name if manifest else "")
    with transaction.atomic():
        job = ImportJob.objects.create(
            name=name[:500], files=stored, manifest=kept_manifest, metadata=jsonable(metadata or {}),
            created_by=user if user is not None and user.is_authenticated else None,
        )
        transaction.on_commit(lambda: enqueue(job))
    return job


def enqueue(job: ImportJob) -> None:
    result = run_import_job.enqueue(job.pk)
    ImportJob.objects.filter(pk=job.pk).update(task_id=str(result.id))
    job.task_id = str(result.id)


def cancel_job(job: ImportJob) -> ImportJob:
    """Stop a job: a queued one at once; a running one at its next item (its worker sees the flag)."""
    now = timezone.now()
    with transaction.atomic():
        if ImportJob.objects.filter(pk=job.pk, state=ImportJob.State.QUEUED).update(
            state=ImportJob.State.CANCELLED, cancel_requested=True, finished=now, current=""
        ):
            skip_pending(job, "cancelled before it was imported")
        else:
            ImportJob.objects.filter(pk=job.pk, state=ImportJob.State.RUNNING).update(cancel_requested=True)
    job.refresh_from_db()
    return job


def skip_pending(job: ImportJob, reason: str) -> int:
    return job.items.filter(state=ImportItem.State.PENDING).update(
        state=ImportItem.State.SKIPPED, reason=reason, finished=timezone.now()
    )


def recover_stalled_jobs() -> list[int]:
    """Put back in the queue every job whose worker has gone silent; return their ids.

    A running job's worker writes a heartbeat every few seconds; one silent
    for ARCHIVE_JOB_STALE_SECONDS is gone (killed, crashed, the machine
    restarted). Its job is marked as such and queued again: the next worker
    resumes it at its first item not yet done. A queued job whose task was lost
    is queued again too. Safe to call from any process at any time: each
    change is a conditional update, so a job is taken back once.
    """
    now = timezone.now()
    stale = now - datetime.timedelta(seconds=settings.ARCHIVE_JOB_STALE_SECONDS)
    recovered = []
    for job in ImportJob.objects.filter(state=ImportJob.State.RUNNING, heartbeat__lt=stale):
        done = job.items.exclude(state=ImportItem.State.PENDING).count()
        seen = timezone.localtime(job.heartbeat).strftime("%Y-%m-%d %H:%M:%S")
        note = f"The worker {job.worker_id} stopped answering after {seen} ({done} items done); the job was queued again."
        with transaction.atomic():
            taken = ImportJob.objects.filter(pk=job.pk, state=ImportJob.State.RUNNING, worker_id=job.worker_id,
                                             heartbeat=job.heartbeat).update(
                state=ImportJob.State.QUEUED, worker_id="", current="", notes=_add_note(job.notes, note)
            )
            if taken:
                _abandon_task(job.task_id)
                transaction.on_commit(lambda job=job: enqueue(job))
                recovered.append(job.pk)
    for job in ImportJob.objects.filter(state=ImportJob.State.QUEUED).exclude(pk__in=recovered):
        if not _task_waiting(job.task_id, stale):
            with transaction.atomic():
                if ImportJob.objects.filter(pk=job.pk, state=ImportJob.State.QUEUED, task_id=job.task_id).update(
                    task_id=""
                ):
                    _abandon_task(job.task_id)
                    transaction.on_commit(lambda job=job: enqueue(job))
                    recovered.append(job.pk)
    return recovered


def workers_alive() -> int:
    """How many import workers have said they are alive lately."""
    recent = timezone.now() - datetime.timedelta(seconds=3 * settings.ARCHIVE_WORKER_HEARTBEAT_SECONDS)
    return WorkerBeat.objects.filter(seen__gte=recent).count()


def _task_waiting(task_id: str, stale: datetime.datetime) -> bool:
    """Whether the job's task is still to be run, or being started by a live worker."""
    from django_tasks_db.models import DBTaskResult

    if not task_id:
        return False
    task = DBTaskResult.objects.filter(id=task_id).only("status", "started_at").first()
    if task is None:
        return False
    if task.status == "READY":
        return True
    return task.status == "RUNNING" and task.started_at is not None and task.started_at >= stale


def _abandon_task(task_id: str) -> None:
    """The queue's record of a task whose worker died says RUNNING forever; say FAILED instead."""
    from django_tasks_db.models import DBTaskResult

    if task_id:
        DBTaskResult.objects.filter(id=task_id, status="RUNNING").update(status="FAILED", finished_at=timezone.now())


def _add_note(notes: str, note: str) -> str:
    stamp = timezone.localtime().strftime("%Y-%m-%d %H:%M:%S")
    return f"{notes}\n{stamp} {note}".strip()


def jsonable(metadata: dict) -> dict:
    """Metadata as a JSON field keeps it: dates as ISO strings."""
    return {k: v.isoformat() if hasattr(v, "isoformat") else v for k, v in metadata.items()}
