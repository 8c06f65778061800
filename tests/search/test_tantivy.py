import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

from django.test import override_settings

from archive.models import Article
from archive.search import get_backend
from archive.search.base import SearchQuery
from archive.search.sync import articles_for_index
from archive.search.tantivy import TantivyBackend

from ..factories import IndexedTestCase, make_article
from .contract import SearchBackendContract

ROOT = Path(__file__).resolve().parents[2]
BACKEND = "archive.search.tantivy.TantivyBackend"


class TantivyBackendTests(SearchBackendContract, IndexedTestCase):
    search_backend = BACKEND


class TantivyProcessesTests(IndexedTestCase):
    """Several processes on one index: one writer at a time, readers see each commit, a killed writer loses nothing."""

    search_backend = BACKEND

    def other_process(self) -> TantivyBackend:
        """A backend with an index handle of its own, as another process holds (flock locks per open file)."""
        return TantivyBackend(self._index_dir)

    def test_a_reader_sees_another_writers_commit_at_its_next_search(self):
        reader = get_backend()
        self.assertEqual(reader.search(SearchQuery(q="lighthouse")).total, 0)
        with self.captureOnCommitCallbacks(execute=False):
            article = make_article("Lighthouse keeper retires", extra="The lighthouse on the cape goes dark.")
        self.other_process().index(articles_for_index([article.pk]))
        self.assertEqual(reader.search(SearchQuery(q="lighthouse")).total, 1)
        self.other_process().remove([article.pk])
        self.assertEqual(reader.search(SearchQuery(q="lighthouse")).total, 0)

    def test_writers_wait_for_each_other_instead_of_failing(self):
        with self.captureOnCommitCallbacks(execute=False):
            articles = [make_article(f"Regatta day {n}", extra=f"Sailors raced boat {n} round the regatta buoys.")
                        for n in range(8)]
        batches = [list(articles_for_index([a.pk])) for a in articles]  # read here: threads share no connection
        errors = []

        def write(batch):
            try:
                self.other_process().index(batch)
            except BaseException as exc:  # tantivy's LockBusy, were writers not serialized
                errors.append(exc)

        threads = [threading.Thread(target=write, args=(batch,)) for batch in batches]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=120)
        self.assertEqual(errors, [])
        self.assertEqual(get_backend().search(SearchQuery(q="regatta")).total, 8)

    def test_a_writer_killed_before_its_commit_leaves_the_index_as_it_was_and_writable(self):
        before = get_backend().search(SearchQuery()).total
        script = (
            "import os, sys, time, django; django.setup()\n"
            "from archive.search.sync import articles_for_index\n"
            "from archive.search.tantivy import TantivyBackend\n"
            "backend = TantivyBackend(sys.argv[1])\n"
            "with backend._writer() as writer:\n"
            "    writer.delete_documents_by_query(backend._id_query(list(backend.versions())))\n"
            "    print('writing', flush=True)\n"
            "    time.sleep(120)\n"
        )
        env = {**os.environ, "DJANGO_SETTINGS_MODULE": "newsarchive.settings.test"}
        writer = subprocess.Popen([sys.executable, "-c", script, self._index_dir], cwd=ROOT, env=env,
                                  stdout=subprocess.PIPE, text=True)
        self.addCleanup(writer.kill)
        self.assertEqual(writer.stdout.readline().strip(), "writing")
        os.kill(writer.pid, signal.SIGKILL)
        writer.wait(timeout=30)
        backend = get_backend()
        self.assertEqual(backend.search(SearchQuery()).total, before, "nothing uncommitted is seen")
        with self.captureOnCommitCallbacks(execute=True):  # the lock died with its process: this writes at once
            make_article("Lighthouse keeper retires", extra="The lighthouse on the cape goes dark.")
        self.assertEqual(backend.search(SearchQuery()).total, before + 1)
        self.assertEqual(len(backend.versions()), Article.objects.count())

    def test_an_index_of_another_schema_asks_for_a_rebuild_and_clear_starts_afresh(self):
        path = Path(self._index_dir) / "older"
        with override_settings(ARCHIVE_SEARCH={"BACKEND": BACKEND, "PATH": path}):
            backend = get_backend()
            backend.search(SearchQuery())
            (backend.path / "schema-version").write_text("0")
            fresh = TantivyBackend(path)
            with self.assertRaisesMessage(Exception, "rebuild_index"):
                fresh.search(SearchQuery())
            fresh.clear()
            fresh.index(articles_for_index(Article.objects.values_list("pk", flat=True)))
            self.assertEqual(fresh.search(SearchQuery()).total, Article.objects.count())


class PanicException(BaseException):
    """What pyo3 raises when Rust code panics (pyo3_runtime.PanicException derives from BaseException)."""


class TantivyFailuresTests(IndexedTestCase):
    search_backend = BACKEND

    def test_a_panic_in_the_engine_is_a_search_error(self):
        from unittest import mock

        from archive.search.base import SearchError

        backend = get_backend()
        # In a count, which runs in a thread beside the others: the panic reaches the request all the same.
        with mock.patch.object(type(backend), "_terms", side_effect=PanicException("2127 >= 2174")), \
                self.assertLogs("archive.search.tantivy", "ERROR"), self.assertRaises(SearchError):
            backend.search(SearchQuery(q="harbour"))

    def test_stories_past_the_engines_bucket_limit_are_estimated_from_the_copies_column(self):
        from unittest import mock

        with self.captureOnCommitCallbacks(execute=True):
            for title in ("Harbour quay delayed again", "Harbour quay delays again"):
                make_article(title, own_story=False)  # one story: the texts differ by a word
            make_article("Lighthouse keepers strike", extra="The lighthouse keepers walked out at dawn.")
        exact = get_backend().search(SearchQuery(collapse=True))
        self.assertEqual((exact.total, exact.articles), (2, 3))
        searcher_class = type(get_backend()._searcher())
        aggregate = searcher_class.aggregate

        def over_the_limit(searcher, query, spec):
            if any(agg.get("terms", {}).get("field") == "copies" for agg in spec.values()):
                raise ValueError("Aborting aggregation because bucket limit was exceeded")
            return aggregate(searcher, query, spec)

        with mock.patch.object(searcher_class, "aggregate", over_the_limit):
            estimated = get_backend().search(SearchQuery(collapse=True))
        self.assertEqual((estimated.total, estimated.articles), (2, 3))

    def test_similar_articles_after_updates_left_deleted_documents(self):
        with self.captureOnCommitCallbacks(execute=True):
            articles = [make_article(f"Harbour strike day {n}", extra="Dockers at the harbour strike over pay again.")
                        for n in range(4)]
        for _ in range(3):  # each update deletes a document: words' frequencies then count more than the live ones
            get_backend().index(articles_for_index([a.pk for a in articles]))
        similar = get_backend().similar(articles[0].pk)
        self.assertEqual(set(similar), {a.pk for a in articles[1:]})


class ForkTests(IndexedTestCase):
    search_backend = BACKEND

    def test_a_process_forked_while_the_index_commits_keeps_no_lock_of_it(self):
        import multiprocessing
        import time

        with self.captureOnCommitCallbacks(execute=True):
            for n in range(3):
                make_article(f"Ferry timetable {n}", extra="The ferry timetable changes in winter.")
        backend = get_backend()
        articles = list(articles_for_index(Article.objects.values_list("pk", flat=True)))
        errors, stop = [], threading.Event()

        def commit_again_and_again():
            try:
                while not stop.is_set():
                    backend.index(articles)
            except BaseException as exc:  # LockBusy: a child kept the writer's lock
                errors.append(exc)

        writer = threading.Thread(target=commit_again_and_again)
        writer.start()
        # As an import's parsing pool does: children forked at any moment, living on a while.
        children = [multiprocessing.get_context("fork").Process(target=time.sleep, args=(1.5,)) for _ in range(8)]
        for child in children:
            child.start()
            time.sleep(0.1)
        time.sleep(0.5)
        stop.set()
        writer.join(timeout=60)
        for child in children:
            child.join(timeout=30)
        self.assertFalse(writer.is_alive(), "a commit waits for a lock a child holds")
        self.assertEqual(errors, [])
        self.assertEqual(backend.search(SearchQuery()).total, Article.objects.count())
