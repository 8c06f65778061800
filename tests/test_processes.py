"""Several importer processes at once: no article lost or doubled, the index equal to the database."""

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from io import StringIO
from pathlib import Path

from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import TransactionTestCase, override_settings

from archive.models import Article, Person
from archive.search import get_backend
from archive.search.base import SearchQuery

from .factories import article_text

ROOT = Path(__file__).resolve().parents[1]


def database_url() -> str:
    """The test database as a URL another process can open."""
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{db['NAME']}"
    auth = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    return f"postgres://{auth}@{db['HOST'] or 'localhost'}:{db['PORT'] or 5432}/{db['NAME']}"


class ConcurrentImportersTests(TransactionTestCase):
    def setUp(self):
        self.tmp = Path(tempfile.mkdtemp(prefix="archive-procs-"))
        self.addCleanup(shutil.rmtree, self.tmp, ignore_errors=True)
        search = override_settings(ARCHIVE_SEARCH={**settings.ARCHIVE_SEARCH, "PATH": self.tmp / "data" / "index"},
                                   ARCHIVE_DATA_DIR=self.tmp / "data")
        search.enable()
        self.addCleanup(search.disable)
        folder = self.tmp / "batch"
        folder.mkdir()
        for n in range(24):
            extra = f"Minister Anna Vella{' and President Tom Borg' if n % 3 == 0 else ''} spoke of case {n}."
            (folder / f"{n:02}.txt").write_text(article_text(f"Harbour story {n}", outlet="Port Gazette", extra=extra))

    def env(self) -> dict:
        return {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "newsarchive.settings.dev",
            "DATABASE_URL": database_url(),
            "ARCHIVE_DATA_DIR": str(self.tmp / "data"),
            "ARCHIVE_SEARCH_BACKEND": settings.ARCHIVE_SEARCH["BACKEND"],
        }

    def importer(self, workers: int = 1) -> subprocess.Popen:
        command = [sys.executable, "manage.py", "import_articles", str(self.tmp / "batch"), "--workers", str(workers)]
        return subprocess.Popen(command, cwd=ROOT, env=self.env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                text=True)

    def assert_index_matches(self):
        out = StringIO()
        try:
            call_command("check_index", stdout=out)
        except CommandError as exc:
            self.fail(f"{exc}\n{out.getvalue()}")
        self.assertIn("the index matches the database", out.getvalue())

    def test_sigterm_stops_an_import_after_an_article_with_everything_it_imported_searchable(self):
        process = self.importer(workers=2)
        deadline = time.monotonic() + 120
        while Article.objects.count() < 2 and time.monotonic() < deadline and process.poll() is None:
            time.sleep(0.05)
        process.send_signal(signal.SIGTERM)
        out, err = process.communicate(timeout=120)
        self.assertEqual(process.returncode, 1, err[-2000:])
        self.assertIn("stopped by SIGTERM after", err)
        imported = Article.objects.count()
        self.assertTrue(2 <= imported < 24, (imported, out))
        self.assertIn(f"imported {imported},", out)
        self.assertEqual(get_backend().search(SearchQuery(q="harbour")).total, imported)
        self.assert_index_matches()
        # The same command again imports the rest.
        again = self.importer()
        out, err = again.communicate(timeout=300)
        self.assertEqual(again.returncode, 0, err[-2000:])
        self.assertIn(f"imported {24 - imported}, duplicates {imported},", out)
        self.assertEqual(get_backend().search(SearchQuery(q="harbour")).total, 24)

    def test_three_importers_on_one_folder_import_each_article_once(self):
        processes = [self.importer() for _ in range(3)]
        outputs = [p.communicate(timeout=300) for p in processes]
        for process, (out, err) in zip(processes, outputs):
            self.assertEqual(process.returncode, 0, err[-2000:])
        summaries = [out.strip().splitlines()[0] for out, _ in outputs]
        imported = sum(int(s.split()[1].rstrip(",")) for s in summaries)
        errors = "\n".join(err[-3000:] for _, err in outputs)
        self.assertEqual(imported, 24, (summaries, errors))
        self.assertEqual(Article.objects.count(), 24)
        self.assertEqual(Person.objects.filter(name="Anna Vella").count(), 1)
        self.assertEqual(Person.objects.get(name="Anna Vella").mentions.count(), 24)
        self.assertEqual(get_backend().search(SearchQuery(q="harbour")).total, 24, errors)
        self.assert_index_matches()


HANG_SCRIPT = """
import os, signal, sys, time
sys.path.insert(0, {root!r})
import django
django.setup()
from archive.ingest import import_batch
from archive.ingest.parse import Upload

# What a db_worker does on SIGTERM: note it and go on (a graceful stop).
signal.signal(signal.SIGTERM, lambda *args: None)
real = import_batch._plain_signals
def slow_start():
    time.sleep(0.5)  # a child still starting when its pool is ended
    real()
import_batch._plain_signals = slow_start
for _ in range(2):
    list(import_batch.parse_ahead([], 2))  # a pool made and ended at once
    ahead = import_batch.parse_ahead([Upload(b"Quay\\n\\nThe quay opens.", "a.txt")], 2)
    next(ahead)
    ahead.close()
print("ended")
"""


class ParsingPoolTests(TransactionTestCase):
    def test_a_pool_ended_while_its_children_start_never_hangs(self):
        env = {**os.environ, "DJANGO_SETTINGS_MODULE": "newsarchive.settings.dev", "DATABASE_URL": database_url(),
               "ARCHIVE_DATA_DIR": str(settings.ARCHIVE_DATA_DIR)}
        result = subprocess.run([sys.executable, "-c", HANG_SCRIPT.format(root=str(ROOT))], cwd=ROOT, env=env,
                                capture_output=True, text=True, timeout=120)
        self.assertEqual(result.stdout.strip().splitlines()[-1:], ["ended"], result.stderr[-2000:])
