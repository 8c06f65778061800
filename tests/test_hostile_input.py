"""Faults a fuzz run of uploads and queries found: each one reproduced through the real parts."""

from __future__ import annotations

import datetime
import zipfile

from django.contrib.auth import get_user_model

from archive.jobs.runner import run_job
from archive.models import Article, ImportItem, ImportJob, Person
from archive.search.sync import index_now

from .factories import IndexedTestCase, article_text, make_zip
from .test_admin import UPLOAD, upload

RUSSIAN = "Новости дня: правительство объявило о новых мерах."


class StaffTestCase(IndexedTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.staff = get_user_model().objects.create_superuser("staff", "", "pw")

    def setUp(self):
        super().setUp()
        self.client.force_login(self.staff)

    def post_job(self, **data) -> tuple[ImportJob, dict]:
        """Upload as a user would, then run the job here as a worker would."""
        response = self.client.post(UPLOAD, data)
        self.assertEqual(response.status_code, 302, response.content[:2000])
        job = ImportJob.objects.latest("pk")
        with self.captureOnCommitCallbacks(execute=True):
            run_job(job.pk, workers=1)
        page = self.client.get(job.get_absolute_url())
        self.assertEqual(page.status_code, 200)
        job.refresh_from_db()
        return job, {item.name: item for item in job.items.all()}


class FarDateTests(StaffTestCase):
    def test_the_form_refuses_a_date_no_story_carries(self):
        for published in ("9999-12-31", "0001-01-01", "1799-12-31"):
            with self.subTest(published=published):
                response = self.client.post(UPLOAD, {"text": article_text(), "published": published})
                self.assertEqual(response.status_code, 200)
                self.assertContains(response, "outside the range the archive takes")
        self.assertEqual(Article.objects.count(), 0)
        response = self.client.post(UPLOAD, {"text": article_text(), "published": "1850-05-01"})
        self.assertEqual(str(Article.objects.get().published), "1850-05-01")

    def test_pages_answer_whatever_dates_the_archive_already_holds(self):
        # Archives that took far dates before they were refused keep them: every page must still answer.
        self.ingest("Harbour quay delayed again", published="2024-01-10")
        far = self.ingest("Ferry strike ends", published="2024-03-02")
        Article.objects.filter(pk=far.pk).update(published=datetime.date(9999, 12, 31))
        early = self.ingest("Lighthouse keeper retires", published="2024-03-05")
        Article.objects.filter(pk=early.pk).update(published=datetime.date(1, 1, 1))
        index_now(Article.objects.values_list("pk", flat=True))
        person = Person.objects.get(name="Robert Abela")
        for url in ("/", "/?q=harbour", "/?q=ferry", "/?to=9999-12-31", "/?from=0001-01-01",
                    "/?from=0001-01-01&to=9999-12-31", "/?to=0001-01-01", person.get_absolute_url(),
                    "/api/search?q=ferry", f"/articles/{far.pk}/"):
            with self.subTest(url=url):
                response = self.client.get(url)
                self.assertEqual(response.status_code, 200)
        bars = self.client.get("/").context["bars"]
        self.assertLessEqual(len(bars), 120, "the chart stays bounded")
        self.assertEqual(sum(bar["count"] for bar in bars), 3, "every dated article is on it")

    def test_the_chart_turns_to_years_then_decades_when_months_are_too_many(self):
        for year in (1950, 1990, 2024):
            self.ingest(f"Harbour story of {year}", published=f"{year}-06-01")
        bars = self.client.get("/").context["bars"]
        self.assertEqual((bars[0]["label"], bars[-1]["label"], len(bars)), ("1950", "2024", 2024 - 1950 + 1))
        self.assertEqual(self.client.get("/" + bars[0]["url"]).context["page"].total, 1)
        self.ingest("Harbour story of 1850", published="1850-06-01")
        bars = self.client.get("/").context["bars"]
        self.assertEqual((bars[0]["label"], bars[-1]["label"], len(bars)), ("1850s", "2020s", 18))
        self.assertContains(self.client.get("/"), "Articles by decade, 1850s – 2020s")
        self.assertEqual(self.client.get("/" + bars[-1]["url"]).context["page"].total, 1)


class ManifestTests(StaffTestCase):
    def test_a_csv_field_over_128_kb_is_read(self):
        long_text = article_text("A very long story") + "\n\n".join(["The harbour master spoke again."] * 5000)
        manifest = f'text,title\n"{long_text}",A very long story\n'.encode()
        job, items = self.post_job(manifest=upload("manifest.csv", manifest, "text/csv"))
        self.assertEqual(job.state, "done")
        self.assertEqual(Article.objects.get().title, "A very long story")

    def test_one_bad_date_refuses_that_row_alone(self):
        bad = ("2024-02-30", "not a date", "31/31/2005", "0000-00-00", "9999-12-31")
        rows = "".join(f'"{article_text(f"Story {n}")}",Story {n},{date}\n' for n, date in enumerate(bad))
        rows += f'"{article_text("Good story")}",Good story,2024-02-28\n'
        job, items = self.post_job(manifest=upload("manifest.csv", f"text,title,published\n{rows}".encode(), "text/csv"))
        self.assertEqual(job.state, "done", job.reason)
        self.assertEqual(list(Article.objects.values_list("title", flat=True)), ["Good story"])
        rejected = [i for i in items.values() if i.state == ImportItem.State.REJECTED]
        self.assertEqual(len(rejected), len(bad))
        for item in rejected:
            self.assertIn("published date", item.reason)
            self.assertNotIn("internal error", item.reason)

    def test_one_bad_date_in_a_zips_manifest_refuses_that_entry_alone(self):
        archive = make_zip({
            "manifest.csv": b"file,published\none.txt,2024-02-30\ntwo.txt,2024-02-28\n",
            "one.txt": article_text("First story").encode(),
            "two.txt": article_text("Second story").encode(),
        })
        job, items = self.post_job(files=[upload("batch.zip", archive)])
        self.assertEqual(job.state, "done", job.reason)
        self.assertEqual(items["batch.zip/one.txt"].state, ImportItem.State.REJECTED)
        self.assertIn("2024-02-30", items["batch.zip/one.txt"].reason)
        self.assertEqual(str(Article.objects.get().published), "2024-02-28")


class TextThatMentionsTagsTests(StaffTestCase):
    TEXT = (
        "Browsers fire onpageshow\n\n"
        'The page starts with <body onpageshow="init()"> and a <script> tag that loads the player.\n\n'
        "Engineers at the harbour office said the second paragraph matters too.\n\n"
        "And the third one, with the quay schedule, matters most.\n"
    )

    def test_it_stays_text_under_every_name_and_when_pasted(self):
        for name in ("notes.text", "notes", "notes.md"):
            with self.subTest(name=name):
                self.client.post(UPLOAD, {"files": [upload(name, self.TEXT.encode())]})
                article = Article.objects.get()
                self.assertIn("the quay schedule, matters most", article.body_text)
                self.assertIn('<body onpageshow="init()">', article.body_text)
                article.delete()
        self.client.post(UPLOAD, {"text": self.TEXT})
        self.assertIn("the quay schedule, matters most", Article.objects.get().body_text)

    def test_a_page_is_still_a_page(self):
        page = f"<!DOCTYPE html><html><body><article><h1>Quay</h1><p>{article_text()}</p></article></body></html>"
        self.client.post(UPLOAD, {"files": [upload("page", page.encode())]})
        self.assertEqual(Article.objects.get().title, "Quay")


class EncodingTests(StaffTestCase):
    def test_a_cyrillic_sentence_in_windows_1251_survives_the_form(self):
        text = article_text(extra=RUSSIAN)
        self.client.post(UPLOAD, {"files": [upload("story.txt", text.encode("cp1251"))]})
        self.assertIn(RUSSIAN, Article.objects.get().body_text)

    def test_short_cyrillic_words_too(self):
        for words in ("Москва", "Новости дня", "«Известия» сообщили"):
            with self.subTest(words=words):
                self.client.post(UPLOAD, {"files": [upload("story.txt", article_text(extra=words).encode("cp1251"))]})
                self.assertIn(words, Article.objects.get().body_text)
                Article.objects.all().delete()


class CorruptZipEntryTests(StaffTestCase):
    def test_the_other_entries_import_and_the_bad_one_is_named(self):
        archive = bytearray(make_zip({
            "good.txt": article_text("Good story").encode(),
            "bad.txt": article_text("Bad story").encode() * 20,
            "also good.txt": article_text("Another good story").encode(),
        }))
        # Corrupt the second entry's compressed data in place.
        with zipfile.ZipFile(__import__("io").BytesIO(bytes(archive))) as z:
            info = z.getinfo("bad.txt")
        start = info.header_offset + 30 + len(info.filename) + len(info.extra)
        archive[start:start + 40] = b"\xff" * 40
        job, items = self.post_job(files=[upload("batch.zip", bytes(archive))])
        self.assertEqual(job.state, "done", job.reason)
        self.assertEqual(sorted(Article.objects.values_list("title", flat=True)), ["Another good story", "Good story"])
        self.assertEqual(items["batch.zip/bad.txt"].state, ImportItem.State.REJECTED)
        self.assertIn("corrupt", items["batch.zip/bad.txt"].reason)

    def test_an_entry_whose_name_is_not_utf8_is_named(self):
        archive = bytearray(make_zip({"good.txt": article_text("Good story").encode(),
                                      "bad-\u00e9.txt": article_text("Bad story").encode()}))
        # The local header of the second entry says UTF-8 but carries a byte that is not.
        encoded = "bad-\u00e9.txt".encode()
        position = archive.index(encoded)
        archive[position:position + len(encoded)] = b"bad-\xff\xfe.txt"
        job, items = self.post_job(files=[upload("batch.zip", bytes(archive))])
        self.assertEqual(job.state, "done", job.reason)
        self.assertEqual(list(Article.objects.values_list("title", flat=True)), ["Good story"])
        bad = [i for i in items.values() if "bad" in i.name]
        self.assertEqual([i.state for i in bad], [ImportItem.State.REJECTED])
        self.assertNotIn("internal error", bad[0].reason)


    def test_a_zip_asking_for_an_unknown_zip_version_is_refused_with_the_reason(self):
        # Found by bench/fuzz.py: a damaged directory entry ("zip file version 9.2") was an internal error.
        archive = bytearray(make_zip({"good.txt": article_text("Good story").encode()}))
        directory = archive.index(b"PK\x01\x02")
        archive[directory + 6:directory + 8] = (92).to_bytes(2, "little")
        job, items = self.post_job(files=[upload("batch.zip", bytes(archive))])
        self.assertEqual(job.state, "failed")
        self.assertIn("not a readable zip archive", job.reason)
        self.assertNotIn("internal error", job.reason)


class PastedTextSizeTests(StaffTestCase):
    def test_a_text_over_2_5_mb_and_under_the_limit_imports_in_a_job(self):
        text = article_text() + "\n\n".join(f"Paragraph {n} of the long harbour report." for n in range(70_000))
        self.assertGreater(len(text.encode()), 2_700_000)
        job, items = self.post_job(text=text)  # too long to import while a web server waits
        self.assertEqual(job.state, "done", job.reason)
        self.assertIn("Paragraph 69999 of the long harbour report.", Article.objects.get().body_text)

    def test_a_short_text_imports_at_once(self):
        response = self.client.post(UPLOAD, {"text": article_text()})
        self.assertEqual(response.status_code, 200)
        self.assertEqual(Article.objects.count(), 1)

    def test_a_text_over_the_limit_gets_the_form_with_the_limit(self):
        text = "word " * 3_000_000  # 15 MB: three times the article limit
        response = self.client.post(UPLOAD, {"text": text})
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "over the limit of 5,242,880 bytes for one article")
        self.assertLess(len(response.content), 100_000, "the paste is not sent back")
        self.assertEqual(Article.objects.count(), 0)
