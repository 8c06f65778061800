import json
import shutil
import tempfile
from io import StringIO
from pathlib import Path
from unittest import mock

from django.core.management import CommandError, call_command
from django.test import SimpleTestCase, TestCase

from archive.models import Article

from .factories import article_text, make_zip


def run(*args) -> str:
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


class ImportArticlesTests(TestCase):
    def setUp(self):
        self.tmp = Path(tempfile.mkdtemp())
        self.addCleanup(shutil.rmtree, self.tmp)
        (self.tmp / "folder" / "sub").mkdir(parents=True)
        (self.tmp / "folder" / "a.txt").write_text(article_text("First story"))
        (self.tmp / "folder" / "sub" / "b.txt").write_text(article_text("Second story"))
        (self.tmp / "folder" / "sub" / "copy.txt").write_text(article_text("Second story"))
        (self.tmp / "folder" / "empty.txt").write_text("")
        (self.tmp / "batch.zip").write_bytes(make_zip({"c.txt": article_text("Third story").encode()}))

    def test_it_imports_folders_and_zips_and_summarises(self):
        out = run("import_articles", str(self.tmp / "folder"), str(self.tmp / "batch.zip"), "--source", "Port Gazette")
        self.assertIn("imported 3, duplicates 1, rejected 1", out)
        self.assertIn("empty.txt: the file is empty", out)
        self.assertEqual(set(Article.objects.values_list("outlet__name", flat=True)), {"Port Gazette"})

    def test_a_second_run_is_a_no_op(self):
        # The first in this process, the second with parsing workers: same answers.
        self.assertIn("imported 2, duplicates 1, rejected 1", run("import_articles", str(self.tmp / "folder"), "--workers", "1"))
        self.assertIn("imported 0, duplicates 3, rejected 1", run("import_articles", str(self.tmp / "folder"), "--workers", "2"))
        self.assertEqual(Article.objects.count(), 2)

    def test_parsing_processes_are_replaced_as_they_wear_and_nothing_is_lost(self):
        folder = self.tmp / "more"
        folder.mkdir()
        for n in range(7):
            (folder / f"{n}.txt").write_text(article_text(f"Story number {n}", extra=f"Marker word q{n}x."))
        with mock.patch("archive.ingest.import_batch.PARSES_PER_PROCESS", 2):
            out = run("import_articles", str(folder), "--workers", "2")
        self.assertIn("imported 7, duplicates 0, rejected 0", out)
        self.assertEqual(sorted(Article.objects.values_list("title", flat=True)), [f"Story number {n}" for n in range(7)])

    def test_parsing_ahead_keeps_the_order_whatever_its_bounds(self):
        from archive.ingest.import_batch import parse_ahead
        from archive.ingest.parse import Upload

        uploads = [Upload(article_text(f"Story number {n}").encode(), f"{n}.txt") for n in range(9)]
        for items, size in ((2, 1 << 30), (256, 1)):  # few items ahead; or one upload's bytes
            with (mock.patch("archive.ingest.import_batch.AHEAD_ITEMS", items),
                  mock.patch("archive.ingest.import_batch.AHEAD_BYTES", size)):
                results = list(parse_ahead(uploads, 2))
            self.assertEqual([(item.name, parsed.title, error) for item, parsed, error in results],
                             [(f"{n}.txt", f"Story number {n}", "") for n in range(9)])

    def test_it_fails_when_nothing_could_be_read(self):
        with self.assertRaisesMessage(CommandError, "nothing could be read"):
            run("import_articles", str(self.tmp / "folder" / "empty.txt"))
        with self.assertRaisesMessage(CommandError, "no such file"):
            run("import_articles", str(self.tmp / "missing"))

    def test_it_imports_with_a_manifest(self):
        manifest = self.tmp / "m.csv"
        manifest.write_text("file,title,source,published\nfolder/a.txt,Given title,Harbour News,2020-01-31\n")
        self.assertIn("imported 1,", run("import_articles", "--manifest", str(manifest)))
        article = Article.objects.get()
        self.assertEqual((article.title, article.outlet.name, str(article.published)), ("Given title", "Harbour News", "2020-01-31"))

    def test_reprocess_keeps_every_article(self):
        run("import_articles", str(self.tmp / "folder"))
        self.assertIn("reprocessed 2, unchanged because of a problem 0", run("reprocess"))

    def test_a_rule_that_fails_on_one_article_does_not_stop_a_reprocess(self):
        run("import_articles", str(self.tmp / "folder"))
        from archive.ingest import pipeline

        real = pipeline.parse_upload

        def failing_on_the_first(upload):
            if upload.name.endswith("a.txt"):
                raise RuntimeError("a bug")
            return real(upload)

        with mock.patch.object(pipeline, "parse_upload", failing_on_the_first), self.assertLogs("archive", "ERROR"):
            out = run("reprocess")
        self.assertIn("reprocessed 1, unchanged because of a problem 1", out)
        self.assertIn("internal error while re-deriving it (RuntimeError)", out)
        self.assertEqual(Article.objects.count(), 2)


class ExtractTests(TestCase):
    def test_it_prints_json_without_writing(self):
        tmp = Path(tempfile.mkdtemp())
        self.addCleanup(shutil.rmtree, tmp)
        (tmp / "a.txt").write_text(article_text("Talks", outlet="Port Gazette", extra="Nikol Pashinyan spoke."))
        (tmp / "b.txt").write_text(article_text("More talks", extra="Prime Minister Nikol Pashinian spoke."))
        (tmp / "c.txt").write_text("")
        result = json.loads(run("extract", "--json", str(tmp / "a.txt"), str(tmp / "b.txt"), str(tmp / "c.txt")))
        self.assertEqual(Article.objects.count(), 0)
        a, b, c = result
        self.assertEqual((a["title"], a["source"], a["published"]), ("Talks", "Port Gazette", None))
        self.assertEqual(set(a), {"file", "title", "source", "published", "author", "url", "body", "persons", "countries", "organizations"})
        pashinyan = {p["name"] for p in a["persons"] + b["persons"] if "Pashin" in p["name"]}
        self.assertEqual(len(pashinyan), 1, "one person, one name across files")
        self.assertIn({"code": "MT", "name": "Malta"}, a["countries"])
        self.assertEqual(c, {"file": "c.txt", "error": "the file is empty"})

    def test_a_duplicate_says_which_file_it_repeats(self):
        tmp = Path(tempfile.mkdtemp())
        self.addCleanup(shutil.rmtree, tmp)
        (tmp / "a.txt").write_text(article_text("Talks"))
        (tmp / "b.txt").write_text(article_text("Talks"))
        a, b = json.loads(run("extract", "--json", str(tmp / "a.txt"), str(tmp / "b.txt")))
        self.assertNotIn("duplicate_of", a)
        self.assertEqual(b["duplicate_of"], "a.txt")
        self.assertEqual(b["persons"], a["persons"])

    def test_it_never_imports_into_an_archive_it_did_not_make(self):
        tmp = Path(tempfile.mkdtemp())
        self.addCleanup(shutil.rmtree, tmp)
        (tmp / "a.txt").write_text(article_text("Talks"))
        with mock.patch.dict("os.environ", {"ARCHIVE_EXTRACT_SANDBOX": str(tmp)}), \
                self.assertRaisesMessage(CommandError, "refusing to import"):
            run("extract", str(tmp / "a.txt"))
        self.assertEqual(Article.objects.count(), 0)


SEEDS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "seeds"


class ExtractIsAnImportTests(TestCase):
    """`extract --json` prints what an import of the same files stores: one identity algorithm."""

    def setUp(self):
        self.tmp = Path(tempfile.mkdtemp())
        self.addCleanup(shutil.rmtree, self.tmp)
        folder = self.tmp / "batch"
        folder.mkdir()
        stories = {
            # A lone surname in one story, the full name in another: merged at the batch's end.
            "1.txt": ("Halvorsen to lead port review", "Halvorsen said the review would start soon. Halvorsen smiled."),
            "2.txt": ("Port review begins", "Transport Minister Glenn Halvorsen opened the review with UNESCO."),
            # Spellings of one name, and two people who share a surname.
            "3.txt": ("Talks in Yerevan", "Prime Minister Nikol Pashinyan met President Ilham Aliyev."),
            "4.txt": ("Talks resume", "Nikol Pashinian recalled that Heydar Aliyev once ruled Azerbaijan."),
            "5.txt": ("Visit ends", "George W. Bush met Mr. Pashinian, and George Bush later left for Georgia."),
        }
        for name, (title, extra) in stories.items():
            (folder / name).write_text(article_text(title, extra=extra))
        self.paths = [folder]
        if SEEDS.is_dir():
            shutil.copytree(SEEDS, self.tmp / "seeds")
            self.paths.append(self.tmp / "seeds")

    def test_extract_prints_the_people_countries_and_organizations_an_import_stores(self):
        printed = json.loads(run("extract", "--json", *map(str, self.paths)))
        self.assertEqual(Article.objects.count(), 0, "extract wrote to the archive")
        run("import_articles", *map(str, self.paths), "--workers", "1")
        stored = {}
        for article in Article.objects.all():
            stored[article.original_name] = {
                "persons": {m.person.name for m in article.personmention_set.all() if not m.person.rejected},
                "countries": {m.country.code for m in article.countrymention_set.all()},
                "organizations": {m.organization.name for m in article.organizationmention_set.all()},
            }
        extracted = {
            result["file"]: {
                "persons": {p["name"] for p in result["persons"]},
                "countries": {c["code"] for c in result["countries"]},
                "organizations": {o["name"] for o in result["organizations"]},
            }
            for result in printed
        }
        self.assertEqual(extracted, stored)
        self.assertGreaterEqual(len(stored), 5)
        halvorsen = {name for file, found in stored.items() for name in found["persons"] if "Halvorsen" in name}
        self.assertEqual(halvorsen, {"Glenn Halvorsen"}, "the lone surname joined the full name")
        aliyevs = {name for found in stored.values() for name in found["persons"] if "Aliyev" in name}
        self.assertEqual(aliyevs, {"Ilham Aliyev", "Heydar Aliyev"}, "two people who share a surname")


class CheckModelTests(SimpleTestCase):
    def test_the_installed_model_says_what_the_release_says(self):
        out = StringIO()
        call_command("check_model", stdout=out)
        self.assertIn("metadata: 12 of 12 facts as in the release", out.getvalue())

    def test_a_wheel_that_is_not_the_release_is_refused(self):
        with tempfile.NamedTemporaryFile(suffix=".whl") as fake:
            fake.write(make_zip({"en_core_web_sm/en_core_web_sm-3.8.0/config.cfg": b"[nlp]"}))
            fake.flush()
            with self.assertRaisesMessage(CommandError, "is not the official wheel"):
                call_command("check_model", official_wheel=Path(fake.name), stdout=StringIO())
