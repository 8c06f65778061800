"""Import jobs in one process: queueing, unpacking, cancelling, taking back a stalled job, the pages."""

from __future__ import annotations

import csv
import datetime
from io import StringIO
from unittest import mock

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from archive.jobs.queue import StoredFile, cancel_job, create_job, recover_stalled_jobs
from archive.jobs.runner import run_job
from archive.models import Article, ImportItem, ImportJob, WorkerBeat
from archive.search import get_backend
from archive.search.base import SearchQuery

from .factories import IndexedTestCase, article_text, make_zip

UPLOAD = reverse("admin:archive_article_upload")


def batch(n: int, prefix: str = "Harbour story") -> bytes:
    return make_zip({f"batch/{i:03}.txt": article_text(f"{prefix} {i}", extra=f"Case {i}.").encode() for i in range(n)})


class JobTests(IndexedTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.staff = get_user_model().objects.create_superuser("staff", "", "pw")

    def setUp(self):
        super().setUp()
        self.client.force_login(self.staff)

    def queue(self, data: bytes, name: str = "batch.zip", **metadata) -> ImportJob:
        with self.captureOnCommitCallbacks(execute=True):
            return create_job([StoredFile(name, data)], metadata=metadata)

    def run_job(self, job: ImportJob) -> str:
        with self.captureOnCommitCallbacks(execute=True):
            state = run_job(job.pk, workers=1)
        job.refresh_from_db()
        return state

    def progress(self, job: ImportJob) -> dict:
        response = self.client.get(reverse("admin:archive_importjob_progress", args=[job.pk]))
        self.assertEqual(response.status_code, 200)
        return response.json()

    def test_a_job_is_queued_as_a_task_and_imports_every_item_once(self):
        job = self.queue(batch(6), source="Port Gazette")
        self.assertEqual(DBTaskResult.objects.get(id=job.task_id).status, "READY")
        self.assertEqual(self.progress(job)["state"], "queued")
        self.assertEqual(self.run_job(job), "done")
        progress = self.progress(job)
        self.assertEqual((progress["total"], progress["done"], progress["counts"]["imported"]), (6, 6, 6))
        self.assertEqual(progress["eta_seconds"], None)
        self.assertEqual(set(Article.objects.values_list("outlet__name", flat=True)), {"Port Gazette"})
        self.assertEqual(get_backend().search(SearchQuery(q="harbour")).total, 6)
        self.assertEqual(job.attempts, 1)
        # A second task for the same job (a recovery racing a slow worker) finds nothing to do.
        self.assertEqual(self.run_job(job), "not taken: done")
        self.assertEqual(Article.objects.count(), 6)

    @override_settings(ARCHIVE_WORKER_HEARTBEAT_SECONDS=0.01)
    def test_a_job_run_inside_a_transaction_beats_no_heartbeat_that_would_wait_for_its_lock(self):
        # A test case's transaction (or a task backend that runs tasks at once) holds
        # the write lock the whole job long; nobody else can see the job to take it back.
        job = self.queue(batch(6))
        with self.assertNoLogs("archive.jobs.runner", "ERROR"):
            self.assertEqual(self.run_job(job), "done")
        self.assertEqual(Article.objects.count(), 6)

    def test_the_same_upload_again_is_all_duplicates(self):
        self.run_job(self.queue(batch(4)))
        again = self.queue(batch(4), name="again.zip")
        self.run_job(again)
        self.assertEqual(self.progress(again)["counts"]["duplicate"], 4)
        self.assertEqual(Article.objects.count(), 4)

    def test_a_corrupt_zip_fails_with_its_reason_and_imports_nothing(self):
        job = self.queue(b"PK\x03\x04" + b"\x00" * 64, name="scrape.zip")
        self.assertEqual(self.run_job(job), "failed")
        self.assertIn("scrape.zip: ", job.reason)
        self.assertEqual((job.total, job.items.count(), Article.objects.count()), (None, 0, 0))
        page = self.client.get(job.get_absolute_url())
        self.assertContains(page, job.reason)
        self.assertNotContains(page, "Cancel this job")

    def test_an_item_that_fails_is_rejected_with_its_reason_and_the_job_goes_on(self):
        data = make_zip({"a.txt": article_text("First").encode(), "b.txt": b"", "c.txt": article_text("Third").encode()})
        self.run_job(job := self.queue(data))
        items = {i.name: i for i in job.items.all()}
        self.assertEqual(items["batch.zip/b.txt"].state, "rejected")
        self.assertIn("empty", items["batch.zip/b.txt"].reason)
        self.assertEqual(job.state, "done")
        self.assertEqual(Article.objects.count(), 2)

    def test_cancelling_a_queued_job_skips_everything(self):
        job = cancel_job(self.queue(batch(3)))
        self.assertEqual(job.state, "cancelled")
        self.assertEqual(self.run_job(job), "not taken: cancelled")
        self.assertEqual(Article.objects.count(), 0)

    def test_a_cancel_seen_by_the_worker_keeps_what_is_imported_and_skips_the_rest(self):
        job = self.queue(batch(5))
        run_job_until = 2

        def cancel_after_two(*args, **kwargs):
            if job.items.exclude(state="pending").count() >= run_job_until:
                ImportJob.objects.filter(pk=job.pk).update(cancel_requested=True)

        from archive.jobs import runner

        original = runner._import_item

        def importing(*args, **kwargs):
            original(*args, **kwargs)
            cancel_after_two()

        runner._import_item = importing
        self.addCleanup(setattr, runner, "_import_item", original)
        self.assertEqual(self.run_job(job), "cancelled")
        counts = self.progress(job)["counts"]
        self.assertEqual((counts["imported"], counts["skipped"], counts["pending"]), (2, 3, 0))
        self.assertEqual(set(job.items.filter(state="skipped").values_list("reason", flat=True)),
                         {"cancelled before it was imported"})
        self.assertEqual(Article.objects.count(), 2)

    def test_the_cancel_button_asks_a_running_job_to_stop(self):
        job = self.queue(batch(2))
        ImportJob.objects.filter(pk=job.pk).update(state="running", worker_id="w", heartbeat=timezone.now())
        response = self.client.post(reverse("admin:archive_importjob_cancel", args=[job.pk]), follow=True)
        self.assertContains(response, "Cancelling")
        job.refresh_from_db()
        self.assertEqual((job.state, job.cancel_requested), ("running", True))
        self.assertEqual(self.client.get(reverse("admin:archive_importjob_cancel", args=[job.pk])).status_code, 405)

    @override_settings(ARCHIVE_JOB_STALE_SECONDS=30)
    def test_a_job_whose_worker_went_silent_is_marked_and_queued_again(self):
        job = self.queue(batch(4))
        self.run_job(job)
        old = timezone.now() - datetime.timedelta(seconds=120)
        ImportJob.objects.filter(pk=job.pk).update(state="running", worker_id="gone:1:x", heartbeat=old)
        job.items.filter(position__gte=2).update(state="pending", article=None, finished=None)
        Article.objects.filter(pk__in=Article.objects.order_by("-pk").values("pk")[:2]).delete()
        with self.captureOnCommitCallbacks(execute=True):
            listing = self.client.get(reverse("admin:archive_importjob_changelist"))
        self.assertContains(listing, "2 of 4")
        job.refresh_from_db()
        self.assertEqual(job.state, "queued")
        self.assertIn("gone:1:x stopped answering", job.notes)
        self.assertEqual(DBTaskResult.objects.get(id=job.task_id).status, "READY")
        self.assertEqual(recover_stalled_jobs(), [])  # taken back once
        self.assertEqual(self.run_job(job), "done")
        self.assertEqual((job.attempts, Article.objects.count()), (2, 4))
        self.assertContains(self.client.get(job.get_absolute_url()), "stopped answering")

    @override_settings(ARCHIVE_JOB_STALE_SECONDS=30)
    def test_a_queued_job_whose_task_died_before_taking_it_is_queued_again(self):
        job = self.queue(batch(2))
        # The worker claimed the task, then was killed before it took the job.
        DBTaskResult.objects.filter(id=job.task_id).update(
            status="RUNNING", started_at=timezone.now() - datetime.timedelta(seconds=120))
        old_task = job.task_id
        with self.captureOnCommitCallbacks(execute=True):
            self.assertEqual(recover_stalled_jobs(), [job.pk])
        job.refresh_from_db()
        self.assertNotEqual(job.task_id, old_task)
        self.assertEqual(DBTaskResult.objects.get(id=old_task).status, "FAILED")
        self.assertEqual(DBTaskResult.objects.get(id=job.task_id).status, "READY")
        # A task still waiting, or started a moment ago, is left alone.
        DBTaskResult.objects.filter(id=job.task_id).update(status="RUNNING", started_at=timezone.now())
        self.assertEqual(recover_stalled_jobs(), [])

    def test_a_running_job_whose_worker_is_silent_says_so(self):
        job = self.queue(batch(1))
        ImportJob.objects.filter(pk=job.pk).update(
            state="running", worker_id="w", heartbeat=timezone.now() - datetime.timedelta(seconds=40))
        self.assertIn("has not answered for", self.progress(job)["state_label"])

    def test_with_no_worker_the_pages_say_jobs_wait_for_one(self):
        self.assertContains(self.client.get(UPLOAD), "No import worker is running")
        files = [SimpleUploadedFile(f"{n}.txt", article_text(f"Story {n}").encode()) for n in range(2)]
        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post(UPLOAD, {"files": files}, follow=True)
        self.assertContains(response, "No import worker is running: this job is queued")
        self.assertEqual(self.progress(ImportJob.objects.get())["workers_alive"], 0)
        now = timezone.now()
        WorkerBeat.objects.create(worker_id="w", started=now, seen=now)
        self.assertNotContains(self.client.get(UPLOAD), "No import worker is running")

    def test_one_file_or_a_pasted_text_still_imports_at_once(self):
        response = self.client.post(UPLOAD, {"text": article_text()})
        self.assertContains(response, "Imported 1, duplicates 0, rejected 0")
        response = self.client.post(UPLOAD, {"files": [SimpleUploadedFile("one.txt", article_text("Other").encode())]})
        self.assertContains(response, "Imported 1, duplicates 0, rejected 0")
        self.assertEqual(ImportJob.objects.count(), 0)

    def test_the_pages_are_for_staff_and_show_text_as_text(self):
        job = self.queue(make_zip({"<script>x</script>.txt": b""}), name="<b>bold</b>.zip")
        self.run_job(job)
        page = self.client.get(job.get_absolute_url())
        self.assertNotContains(page, "<b>bold</b>")
        self.assertNotContains(page, "<script>x</script>")
        self.assertContains(page, "&lt;script&gt;x&lt;/script&gt;")
        self.client.logout()
        self.assertEqual(self.client.get(reverse("admin:archive_importjob_progress", args=[job.pk])).status_code, 302)
        self.client.force_login(self.staff)
        self.assertEqual(self.client.get(reverse("admin:archive_importjob_progress", args=[9999])).status_code, 404)

    def test_the_report_has_every_item_and_the_page_lists_the_latest_rejected(self):
        data = make_zip({
            "a.txt": article_text("First").encode(), "b.txt": b"", "c.txt": b"", "d.txt": b"",
            "again.txt": article_text("First").encode(),
        })
        with mock.patch("archive.jobs.progress.REJECTED_LISTED", 2):
            self.run_job(job := self.queue(data, name="=SUM(A1).zip"))
            progress = self.progress(job)
            page = self.client.get(job.get_absolute_url())
        self.assertEqual((progress["counts"]["rejected"], len(progress["rejected"])), (3, 2))
        self.assertContains(page, "the report</a> has every one")

        response = self.client.get(reverse("admin:archive_importjob_report", args=[job.pk]))
        self.assertEqual(response["Content-Type"], "text/csv; charset=utf-8")
        rows = list(csv.DictReader(StringIO(b"".join(response.streaming_content).decode())))
        self.assertEqual([(r["position"], r["outcome"]) for r in rows],
                         [("0", "imported"), ("1", "rejected"), ("2", "rejected"), ("3", "rejected"), ("4", "duplicate")])
        # A name a spreadsheet would take for a formula stays text.
        self.assertEqual(rows[1]["name"], "'=SUM(A1).zip/b.txt")
        self.assertEqual(rows[0]["title"], "First")
        self.assertEqual(rows[0]["article"], str(Article.objects.get().pk))
        self.assertIn("empty", rows[2]["reason"])
        self.client.logout()
        self.assertEqual(self.client.get(reverse("admin:archive_importjob_report", args=[job.pk])).status_code, 302)

    def test_check_index_agrees_after_a_job(self):
        self.run_job(self.queue(batch(5)))
        out = StringIO()
        call_command("check_index", stdout=out)
        self.assertIn("the index matches the database", out.getvalue())
        self.assertEqual(ImportItem.objects.filter(state="imported").count(), 5)
