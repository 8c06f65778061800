"""Import jobs run by real `db_worker` processes: killed at random, two at once, cancelled mid-way."""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from io import StringIO
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import TransactionTestCase, override_settings
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from archive.jobs.progress import progress
from archive.jobs.queue import StoredFile, create_job, enqueue
from archive.models import Article, ImportItem, ImportJob
from archive.search import get_backend
from archive.search.base import SearchQuery

from .factories import article_text, make_zip
from .test_processes import ROOT, database_url

# A worker silent this long is taken for dead. Heartbeats come every second; a loaded machine (two
# cores, a test run beside another) has delayed one past 3 s, and the job was taken back from a live worker.
STALE_SECONDS = 8


def batch(n: int, prefix: str) -> bytes:
    return make_zip({f"{prefix}/{i:03}.txt": article_text(f"{prefix} story {i}", extra=f"Case {prefix}-{i}.").encode()
                     for i in range(n)})


class WorkerProcessTests(TransactionTestCase):
    def setUp(self):
        self.tmp = Path(tempfile.mkdtemp(prefix="archive-workers-"))
        self.addCleanup(shutil.rmtree, self.tmp, ignore_errors=True)
        data = self.tmp / "data"
        changed = override_settings(
            ARCHIVE_SEARCH={**settings.ARCHIVE_SEARCH, "PATH": data / "index"}, ARCHIVE_DATA_DIR=data,
            ARCHIVE_JOB_STALE_SECONDS=STALE_SECONDS, ARCHIVE_WORKER_HEARTBEAT_SECONDS=1,
        )
        changed.enable()
        self.addCleanup(changed.disable)
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "newsarchive.settings.dev",
            "DATABASE_URL": database_url(),
            "ARCHIVE_DATA_DIR": str(data),
            "ARCHIVE_SEARCH_BACKEND": settings.ARCHIVE_SEARCH["BACKEND"],
            "ARCHIVE_JOB_STALE_SECONDS": str(STALE_SECONDS),
            "ARCHIVE_WORKER_HEARTBEAT_SECONDS": "1",
        }
        self.workers: list[subprocess.Popen] = []
        self.addCleanup(self.stop_workers)

    def start_worker(self) -> subprocess.Popen:
        log = open(self.tmp / f"worker-{len(self.workers)}.log", "w")
        command = [sys.executable, "manage.py", "db_worker", "--no-reload", "--no-startup-delay", "--interval", "0.2"]
        # A session of its own: a kill reaches the worker and its parsing processes alike.
        worker = subprocess.Popen(command, cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT,
                                  start_new_session=True)
        log.close()
        self.workers.append(worker)
        return worker

    def kill(self, worker: subprocess.Popen) -> None:
        os.killpg(worker.pid, signal.SIGKILL)
        worker.wait()

    def stop_workers(self) -> None:
        for worker in self.workers:
            if worker.poll() is None:
                os.killpg(worker.pid, signal.SIGTERM)
                try:
                    worker.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    self.kill(worker)

    def logs(self) -> str:
        return "\n".join(f"--- {p.name}\n{p.read_text()[-3000:]}" for p in sorted(self.tmp.glob("worker-*.log")))

    def wait_for(self, condition, timeout: float = 240, what: str = "") -> None:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            if condition():
                return
            time.sleep(0.1)
        self.fail(f"timed out waiting for {what}\n{self.logs()}")

    def done(self, job: ImportJob) -> int:
        return job.items.exclude(state=ImportItem.State.PENDING).count()

    def attempts(self, job: ImportJob) -> int:
        return ImportJob.objects.values_list("attempts", flat=True).get(pk=job.pk)

    def state(self, job: ImportJob) -> str:
        return ImportJob.objects.values_list("state", flat=True).get(pk=job.pk)

    def assert_index_agrees(self) -> None:
        out = StringIO()
        call_command("check_index", stdout=out)
        self.assertIn("the index matches the database", out.getvalue(), self.logs())

    def test_a_worker_killed_at_random_points_resumes_and_every_item_ends_exactly_once(self):
        seed = int(os.environ.get("ARCHIVE_TEST_SEED") or random.randrange(1_000_000))
        rng = random.Random(seed)
        total, kills = 150, 3
        job = create_job([StoredFile("scrape.zip", batch(total - 6, "harbour"))])
        # Six items that are duplicates of others: counted as such once, even when redone after a kill.
        extra = create_job([StoredFile("again.zip", batch(6, "harbour"))])
        for attempt in range(1, kills + 1):
            worker = self.start_worker()
            self.wait_for(lambda: self.attempts(job) == attempt, what=f"attempt {attempt} (seed {seed})")
            # Past the six that `extra` repeats, which may run before the job is taken back.
            target = min(max(self.done(job) + rng.randint(1, 15), 8), total - 20)
            self.wait_for(lambda: self.done(job) >= target, what=f"item {target} (seed {seed})")
            time.sleep(rng.uniform(0, 0.05))  # mid-item or mid-commit, wherever it falls
            self.kill(worker)
            self.assertNotEqual(self.state(job), "done", f"killed too late to test anything (seed {seed})")
        self.start_worker()
        self.wait_for(lambda: self.state(job) == "done" and self.state(extra) == "done", what=f"the end (seed {seed})")
        job.refresh_from_db()
        self.assertEqual(job.attempts, kills + 1, f"seed {seed}")
        self.assertEqual(job.notes.count("stopped answering"), kills)
        states = list(job.items.values_list("state", flat=True))
        self.assertEqual(len(states), total - 6)
        self.assertEqual(states.count("imported"), total - 6, f"seed {seed}\n{self.logs()}")
        self.assertEqual(progress(extra)["counts"]["duplicate"], 6)
        self.assertEqual(Article.objects.count(), total - 6)
        self.assertEqual(Article.objects.values("fingerprint").distinct().count(), total - 6)
        linked = list(job.items.values_list("article_id", flat=True))
        self.assertEqual(len(set(linked)), total - 6)
        shown = progress(job)
        self.assertEqual((shown["done"], shown["total"], shown["counts"]["pending"]), (total - 6, total - 6, 0))
        self.assertEqual(get_backend().search(SearchQuery(q="harbour")).total, total - 6)
        self.assert_index_agrees()

    def test_two_workers_on_one_queue_never_take_the_same_item(self):
        first = create_job([StoredFile("first.zip", batch(30, "quay"))])
        second = create_job([StoredFile("second.zip", batch(30, "pier"))])
        enqueue(first)  # a second task for the same job, as a recovery racing a slow worker could make
        self.start_worker()
        self.start_worker()
        self.wait_for(lambda: self.state(first) == "done" and self.state(second) == "done", what="both jobs")
        self.wait_for(lambda: not DBTaskResult.objects.exclude(status="SUCCESSFUL").exists(), what="every task")
        results = sorted(str(r) for r in DBTaskResult.objects.values_list("return_value", flat=True))
        self.assertEqual(results[:2], ["done", "done"], self.logs())
        self.assertRegex(results[2], "^not taken: (running|done)$")  # the second task for `first`
        for job in (first, second):
            job.refresh_from_db()
            self.assertEqual(job.attempts, 1)
            self.assertEqual(progress(job)["counts"]["imported"], 30)
        self.assertEqual(Article.objects.count(), 60)
        self.assert_index_agrees()

    def test_cancelling_a_running_job_keeps_the_imported_and_skips_the_rest(self):
        staff = get_user_model().objects.create_superuser("staff", "", "pw")
        self.client.force_login(staff)
        # Big enough that the cancel lands while items are left, however fast the worker
        # imports what it has parsed ahead (up to 256 articles).
        job = create_job([StoredFile("big.zip", batch(600, "harbour"))])
        self.start_worker()
        self.wait_for(lambda: self.done(job) >= 5, what="the first items")
        response = self.client.post(reverse("admin:archive_importjob_cancel", args=[job.pk]))
        self.assertEqual(response.status_code, 302)
        self.wait_for(lambda: self.state(job) == "cancelled", what="the cancel")
        counts = progress(job)["counts"]
        self.assertGreater(counts["skipped"], 0)
        self.assertEqual(counts["pending"], 0)
        self.assertEqual(counts["imported"] + counts["skipped"], 600)
        self.assertEqual(Article.objects.count(), counts["imported"])
        self.assertEqual(get_backend().search(SearchQuery(q="harbour")).total, counts["imported"])
        self.assert_index_agrees()
