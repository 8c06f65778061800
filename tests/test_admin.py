import gzip
import json
import shutil
import tempfile

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase, override_settings
from django.urls import reverse

from pathlib import Path

from archive.jobs.runner import run_job
from archive.models import Article, ImportJob

from .factories import article_text, make_zip

UPLOAD = reverse("admin:archive_article_upload")


def upload(name: str, data: bytes, content_type: str = "application/octet-stream") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type=content_type)


class UploadPageTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.staff = get_user_model().objects.create_superuser("staff", "", "pw")

    def setUp(self):
        self.client.force_login(self.staff)

    def post(self, **data):
        response = self.client.post(UPLOAD, data)
        self.assertEqual(response.status_code, 200)
        return response

    def test_anonymous_users_are_sent_to_the_login_page(self):
        self.client.logout()
        for url in (UPLOAD, reverse("admin:archive_article_changelist")):
            response = self.client.get(url)
            self.assertEqual(response.status_code, 302)
            self.assertIn(reverse("admin:login"), response["Location"])

    def test_non_staff_users_cannot_upload(self):
        user = get_user_model().objects.create_user("reader", "", "pw")
        self.client.force_login(user)
        self.assertEqual(self.client.post(UPLOAD, {"text": article_text()}).status_code, 302)
        self.assertEqual(Article.objects.count(), 0)

    def test_it_shows_the_form(self):
        response = self.client.get(UPLOAD)
        self.assertContains(response, '<input type="submit" class="default" value="Upload">', html=True)

    def test_it_imports_pasted_text_with_the_given_outlet_and_date(self):
        response = self.post(text=article_text(), source="Port Gazette", published="2024-03-05", title="Given")
        article = Article.objects.get()
        self.assertEqual((article.title, article.outlet.name, str(article.published)), ("Given", "Port Gazette", "2024-03-05"))
        self.assertContains(response, "Imported 1, duplicates 0, rejected 0")
        self.assertContains(response, f'<a href="{article.get_absolute_url()}">#{article.pk} Given</a>', html=True)
        self.assertContains(response, reverse("admin:archive_article_change", args=[article.pk]))

    def post_job(self, **data):
        """Upload as a user would, then run the job here as a worker would; the finished job page."""
        response = self.client.post(UPLOAD, data)
        self.assertEqual(response.status_code, 302, response.content[:2000])
        job = ImportJob.objects.get(pk=int(response["Location"].rstrip("/").split("/")[-2]))
        self.assertEqual(response["Location"], job.get_absolute_url())
        with self.captureOnCommitCallbacks(execute=True):
            run_job(job.pk, workers=1)
        page = self.client.get(job.get_absolute_url())
        self.assertEqual(page.status_code, 200)
        return page, self.client.get(reverse("admin:archive_importjob_progress", args=[job.pk])).json()

    def test_it_reports_every_item_of_a_mixed_batch(self):
        files = [
            upload("one.txt", article_text("First story").encode()),
            upload("two.html.gz", gzip.compress(f"<html><body><article><h1>Second</h1><p>{article_text('x')}</p></article></body></html>".encode())),
            upload("batch.zip", make_zip({"three.txt": article_text("Third story").encode(), "again.txt": article_text("First story").encode()})),
            upload("empty.txt", b""),
            upload("picture.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))),
            upload("bad.txt", b"\x81\x8d\x8f\x90\x9d" * 200),
        ]
        page, progress = self.post_job(files=files)
        self.assertEqual(Article.objects.count(), 3)
        self.assertEqual(progress["state"], "done")
        self.assertEqual(progress["counts"], {"pending": 0, "imported": 3, "duplicate": 1, "rejected": 3, "skipped": 0})
        first = Article.objects.get(title="First story")
        # The article as readers see it, and a small link to edit it.
        self.assertContains(page, f'<a href="{first.get_absolute_url()}">#{first.pk} First story</a>', html=True)
        self.assertContains(page, f'<a class="edit" href="{reverse("admin:archive_article_change", args=[first.pk])}">edit</a>', html=True)
        self.assertEqual(progress["imported"][0]["url"], Article.objects.get(title="Third story").get_absolute_url())
        self.assertContains(page, "the file is empty")
        self.assertContains(page, "binary file")

    def test_it_rejects_hostile_zips_and_imports_nothing_from_them(self):
        cases = {
            "traversal.zip": make_zip({"ok.txt": article_text("Fine").encode(), "../../evil.txt": article_text("Evil").encode()}),
            "absolute.zip": make_zip({"/tmp/evil.txt": article_text("Evil").encode()}),
            "bomb.zip": make_zip({"bomb.txt": b"A" * 30_000_000}),
            "corrupt.zip": b"PK\x03\x04" + b"\x00" * 50,
            "not-a-zip.zip": article_text("Named like a zip").encode(),
        }
        for name, data in cases.items():
            with self.subTest(name=name):
                page, progress = self.post_job(files=[upload(name, data)])
                self.assertEqual(progress["state"], "failed")
                self.assertTrue(progress["reason"].startswith(f"{name}: "), progress["reason"])
                self.assertContains(page, "Failed")
                self.assertEqual(progress["total"], None)
                # The state in words, not "0 of ? (100.0 %)".
                self.assertContains(page, "none: the job failed before its items were counted")
                self.assertNotContains(page, "100.0")
                self.assertContains(page, '<span id="job-count" hidden>', count=1)
        page, progress = self.post_job(files=[upload("n.zip", make_zip({"in.zip": make_zip({"a.txt": b"x"})}))])
        self.assertContains(page, "nested archives")
        self.assertEqual(progress["counts"]["rejected"], 1)
        self.assertEqual(Article.objects.count(), 0)

    def test_it_refuses_files_over_the_limit_before_storing_anything(self):
        data_dir = Path(tempfile.mkdtemp(prefix="archive-limit-"))
        self.addCleanup(shutil.rmtree, data_dir, ignore_errors=True)
        with override_settings(ARCHIVE_MAX_UPLOAD_BYTES=2000, ARCHIVE_DATA_DIR=data_dir):
            for files in ([upload("big.txt", article_text().encode() * 10)],
                          [upload("a.txt", article_text().encode()), upload("big.zip", b"PK\x03\x04" + b"\x00" * 3000)]):
                response = self.post(files=files)
                self.assertContains(response, "over the upload limit")
        self.assertEqual(Article.objects.count(), 0)
        self.assertEqual(ImportJob.objects.count(), 0)
        self.assertEqual(list(data_dir.rglob("*")), [])

    def test_stored_html_never_carries_scripts(self):
        page = (
            "<html><body><article><h1>Quay</h1>"
            + "".join(f"<p>{p}</p>" for p in article_text().split("\n\n"))
            + "<script>alert(1)</script><a href='javascript:alert(2)' onmouseover='x()'>more</a></article></body></html>"
        )
        self.post(files=[upload("page.html", page.encode(), "text/html")])
        article = Article.objects.get()
        for bad in ("<script", "javascript:", "onmouseover"):
            self.assertNotIn(bad, article.body_html)
        detail = self.client.get(article.get_absolute_url())
        self.assertNotContains(detail, "<script>alert")

    def test_it_imports_with_a_manifest(self):
        manifest = "\n".join(json.dumps(row) for row in [
            {"file": "one.txt", "source": "Harbour News", "published": "2023-12-28", "url": "https://example.org/one"},
            {"text": article_text("Inline story"), "title": "Inline story", "source": "Port Gazette"},
        ]).encode()
        page, progress = self.post_job(files=[upload("one.txt", article_text("First story").encode())], manifest=upload("m.jsonl", manifest))
        self.assertEqual(progress["counts"]["imported"], 2)
        self.assertEqual(progress["done"], 2)
        one = Article.objects.get(title="First story")
        self.assertEqual((one.outlet.name, str(one.published), one.url), ("Harbour News", "2023-12-28", "https://example.org/one"))
        self.assertEqual(Article.objects.get(title="Inline story").outlet.name, "Port Gazette")

    def test_a_bad_manifest_imports_nothing(self):
        response = self.post(files=[upload("one.txt", article_text().encode())], manifest=upload("m.csv", b"file,colour\none.txt,red\n"))
        self.assertContains(response, "unknown column(s) colour")
        self.assertEqual(Article.objects.count(), 0)
        self.assertEqual(ImportJob.objects.count(), 0)

    def test_an_empty_form_says_what_to_do(self):
        self.assertContains(self.post(), "Choose files, a manifest, or paste an article.")

    def test_the_article_list_filters_by_outlet_person_and_country(self):
        self.post(text=article_text(), source="Port Gazette")
        changelist = reverse("admin:archive_article_changelist")
        response = self.client.get(changelist)
        self.assertContains(response, "Robert Abela")
        self.assertContains(response, "Upload articles")
        person = Article.objects.get().persons.get(name="Robert Abela")
        self.assertContains(self.client.get(changelist, {"person": person.pk}), "1 article")
        self.assertContains(self.client.get(changelist, {"q": "harbour master"}), "1 article")


class JobPagesInWordsTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.staff = get_user_model().objects.create_superuser("staff", "", "pw")

    def setUp(self):
        self.client.force_login(self.staff)

    def test_a_queued_job_says_it_waits_for_a_worker(self):
        job = ImportJob.objects.create(name="batch.zip")
        page = self.client.get(job.get_absolute_url())
        self.assertContains(page, "waiting for a worker")
        self.assertContains(page, '<progress id="job-bar" max="1" value="0" hidden></progress>', html=True)
        listed = self.client.get(reverse("admin:archive_importjob_changelist"))
        self.assertContains(listed, "waiting for a worker")
        self.assertNotContains(listed, "not unpacked yet")

    def test_the_job_list_says_why_a_job_failed_and_counts_a_running_one(self):
        ImportJob.objects.create(name="bad.zip", state=ImportJob.State.FAILED, reason="bad.zip: not a readable zip archive")
        ImportJob.objects.create(name="ok.zip", state=ImportJob.State.RUNNING, total=4)
        listed = self.client.get(reverse("admin:archive_importjob_changelist"))
        self.assertContains(listed, "Failed: bad.zip: not a readable zip archive")
        self.assertContains(listed, "none: the job failed before its items were counted")
        self.assertContains(listed, "0 of 4")

    def test_a_done_job_of_no_items_says_so(self):
        job = ImportJob.objects.create(name="empty.zip", state=ImportJob.State.DONE, total=0)
        self.assertContains(self.client.get(job.get_absolute_url()), "none: the upload held no items")

    def test_the_upload_page_links_all_jobs_outside_the_blue_heading(self):
        ImportJob.objects.create(name="batch.zip")
        page = self.client.get(UPLOAD)
        self.assertContains(page, "<h2>Recent import jobs</h2>", html=True)
        self.assertContains(page, f'<a href="{reverse("admin:archive_importjob_changelist")}" id="all-jobs">All import jobs</a>', html=True)

    def test_the_date_help_does_not_contradict_the_date_picker(self):
        page = self.client.get(UPLOAD)
        self.assertContains(page, 'type="date"')
        self.assertNotContains(page, "YYYY-MM-DD")
