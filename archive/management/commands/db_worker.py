"""django-tasks-db's `db_worker`, plus what import jobs need of a worker process.

While it runs, a thread says every few seconds that this worker is alive (the
upload page warns when no worker is) and takes back the jobs whose worker has
gone silent, so that a job interrupted by a kill or a crash is resumed by the
next worker to run, never left "running" forever.
"""

from __future__ import annotations

import logging
import os
import socket
import threading

from django.conf import settings
from django.db import connection
from django.utils import timezone
from django_tasks_db.management.commands.db_worker import Command as DatabaseWorkerCommand

from archive.jobs.identity import worker_id
from archive.jobs.queue import recover_stalled_jobs
from archive.models import WorkerBeat

logger = logging.getLogger(__name__)


class Command(DatabaseWorkerCommand):
    help = "Run a background worker: import jobs and every other queued task (stops on Ctrl-C)"

    def handle(self, *args, **options):
        if options.get("reload") and os.environ.get("RUN_MAIN") != "true":
            return super().handle(*args, **options)  # the reloader's parent process runs no tasks
        stop = threading.Event()
        beat = threading.Thread(target=_keep_alive, args=(stop,), name="worker-heartbeat", daemon=True)
        _beat()  # before the first task, so the stalled jobs are queued again at once
        beat.start()
        try:
            return super().handle(*args, **options)
        finally:
            stop.set()
            beat.join(timeout=5)
            WorkerBeat.objects.filter(worker_id=worker_id()).delete()


def _keep_alive(stop: threading.Event) -> None:
    try:
        while not stop.wait(settings.ARCHIVE_WORKER_HEARTBEAT_SECONDS):
            try:
                _beat()
            except Exception:
                logger.exception("worker heartbeat failed")
    finally:
        connection.close()


def _beat() -> None:
    now = timezone.now()
    WorkerBeat.objects.update_or_create(
        worker_id=worker_id(), defaults={"seen": now, "host": socket.gethostname()[:200], "pid": os.getpid()},
        create_defaults={"seen": now, "started": now, "host": socket.gethostname()[:200], "pid": os.getpid()},
    )
    recovered = recover_stalled_jobs()
    if recovered:
        logger.warning("import jobs %s had lost their worker and are queued again", recovered)
