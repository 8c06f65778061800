"""How far a job is, counted from its items (the record), for the progress page and its JSON."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone

from archive.models import ImportItem, ImportJob

RECENT = 50  # imported and duplicate items listed on the page, latest first
REJECTED_LISTED = 1000  # rejected ones: the report (report.py) has every item


def progress(job: ImportJob) -> dict:
    """Everything the progress page shows, as plain data (the page renders it, the script polls it)."""
    counts = {state: 0 for state in ImportItem.State.values}
    for row in job.items.values("state").annotate(n=Count("pk")):
        counts[row["state"]] = row["n"]
    total = job.total
    done = sum(n for state, n in counts.items() if state != ImportItem.State.PENDING)
    now = timezone.now()
    end = job.finished or now
    elapsed = (end - job.started).total_seconds() if job.started else 0.0
    return {
        "id": job.pk,
        "name": job.name,
        "state": job.state,
        "state_label": state_label(job, now),
        "finished": job.state in (ImportJob.State.DONE, ImportJob.State.FAILED, ImportJob.State.CANCELLED),
        "total": total,
        "done": done,
        "percent": round(100 * done / total, 1) if total else 0.0,  # no total: items_words says why
        "items_words": items_words(job),
        "counts": counts,
        "elapsed_seconds": round(elapsed, 1),
        "elapsed": duration(elapsed),
        "eta_seconds": (eta := _eta(job, done, total, now)),
        "eta": f"about {duration(eta)}" if eta is not None else "—",
        "current": job.current,
        "reason": job.reason,
        "notes": job.notes,
        "cancel_requested": job.cancel_requested,
        "rejected": _items(job, ImportItem.State.REJECTED, REJECTED_LISTED),
        "imported": _items(job, ImportItem.State.IMPORTED, RECENT),
        "duplicate": _items(job, ImportItem.State.DUPLICATE, RECENT),
        "skipped_count": counts[ImportItem.State.SKIPPED],
    }


def state_label(job: ImportJob, now: datetime.datetime | None = None) -> str:
    """The state as a person reads it: a running job whose worker went silent says so."""
    now = now or timezone.now()
    if job.state == ImportJob.State.RUNNING and job.heartbeat is not None:
        silent = (now - job.heartbeat).total_seconds()
        if silent > 2 * settings.ARCHIVE_WORKER_HEARTBEAT_SECONDS + 5:
            return f"running, but its worker has not answered for {int(silent)} s"
    if job.state == ImportJob.State.RUNNING and job.cancel_requested:
        return "cancelling"
    return job.get_state_display()


def items_words(job: ImportJob) -> str:
    """How far the items are, in words, when "N of T" would mislead ("0 of ?"); "" when it would not."""
    if job.total:
        return ""
    if job.state == ImportJob.State.QUEUED:
        return "waiting for a worker"
    if job.state == ImportJob.State.RUNNING:
        return "unpacking the upload"
    if job.state == ImportJob.State.FAILED:
        return "none: the job failed before its items were counted"
    if job.state == ImportJob.State.CANCELLED:
        return "none: cancelled before its items were read"
    return "none: the upload held no items"


def duration(seconds: float) -> str:
    """1 h 02 min, 3 min 09 s, 41 s: as a person reads a clock."""
    seconds = int(round(seconds))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours} h {minutes:02} min"
    return f"{minutes} min {secs:02} s" if minutes else f"{secs} s"


def _eta(job: ImportJob, done: int, total: int | None, now: datetime.datetime) -> float | None:
    """Seconds left, at the pace of the last minute of this run."""
    if job.state != ImportJob.State.RUNNING or not total or done >= total or job.heartbeat is None:
        return None
    since = max(now - datetime.timedelta(seconds=60), job.started or now)
    window = (now - since).total_seconds()
    recent = job.items.filter(finished__gte=since).exclude(state=ImportItem.State.PENDING).count()
    if recent < 5 or window < 2:
        return None  # too early to tell
    return round((total - done) * window / recent, 1)


def _items(job: ImportJob, state: str, limit: int) -> list[dict]:
    rows = job.items.filter(state=state).select_related("article").order_by("-finished", "-position")[:limit]
    return [
        {
            "position": item.position,
            "name": item.name,
            "reason": item.reason,
            "article": item.article_id,
            "title": item.article.title if item.article_id else "",
            # The article as readers see it; staff edit it from the small link beside.
            "url": reverse("archive:article", args=[item.article_id]) if item.article_id else "",
            "edit_url": reverse("admin:archive_article_change", args=[item.article_id]) if item.article_id else "",
        }
        for item in rows
    ]
