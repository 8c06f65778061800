import io
import pickle
import random
import string
import sys
import threading
import tracemalloc
from pathlib import Path
from unittest import mock

from django.test import SimpleTestCase

from archive.models import Article
from archive.search import get_backend
from archive.search.base import SearchQuery
from archive.search.mappedfile import MappedFile

from ..factories import IndexedTestCase, make_article
from .contract import SearchBackendContract


class WhooshBackendTests(SearchBackendContract, IndexedTestCase):
    search_backend = "archive.search.whoosh.WhooshBackend"


class SharedAnalyzerTests(SimpleTestCase):
    def test_threads_analysing_more_words_than_the_stem_cache_holds_do_not_break_each_other(self):
        from archive.search.whoosh import SCHEMA

        analyzer, errors = SCHEMA["body"].analyzer, []

        def analyse(n: int):
            try:
                for i in range(25_000):  # 6 threads: three times the words the cache keeps
                    list(analyzer(f"w{n}x{i}ing"))
            except BaseException as exc:
                errors.append(repr(exc))

        switch = sys.getswitchinterval()
        sys.setswitchinterval(1e-6)  # threads take turns often, as a busy server's do
        try:
            threads = [threading.Thread(target=analyse, args=(n,)) for n in range(6)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
        finally:
            sys.setswitchinterval(switch)
        self.assertEqual(errors, [])
        self.assertEqual([t.text for t in analyzer("Running horses")], ["runn", "hors"])


class MappedSegmentTests(IndexedTestCase):
    """Searchers read mapped segments in place, not copies of them."""

    search_backend = "archive.search.whoosh.WhooshBackend"

    def test_a_searcher_does_not_copy_the_index_into_memory(self):
        words = ["".join(random.Random(i).choices(string.ascii_lowercase, k=9)) for i in range(20_000)]
        for start in range(0, len(words), 4_000):
            self.ingest(f"Harbour report {start}", extra=" ".join(words[start:start + 4_000]) + ".")
        backend = get_backend()
        segments = sum(path.stat().st_size for path in Path(backend.path).glob("*.seg"))
        self.assertGreater(segments, 300_000)
        tracemalloc.start()
        try:
            backend._searcher()
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
        self.assertLess(peak, segments / 4)  # Whoosh's own BytesIO(view) copied all of them
        self.assertEqual(get_backend().search(SearchQuery(q=words[12_345])).total, 1)

    def test_the_mapped_file_reads_as_a_file_does(self):
        data = pickle.dumps({"a": 1}) + b"line one\nline two\n" + b"x" * 10_000 + b"\nno newline"
        mapped, copied = MappedFile(memoryview(data)), io.BytesIO(data)
        self.assertEqual(pickle.load(mapped), pickle.load(copied))
        self.assertEqual(mapped.tell(), copied.tell())
        self.assertEqual(mapped.readline(), copied.readline())
        self.assertEqual(mapped.readline(4), copied.readline(4))
        self.assertEqual(mapped.readline(), copied.readline())
        self.assertEqual(mapped.readline(), copied.readline())  # 10,000 bytes long
        self.assertEqual(mapped.read(4), copied.read(4))
        self.assertEqual(mapped.seek(-3, 2), copied.seek(-3, 2))
        self.assertEqual(mapped.read(), copied.read())
        self.assertEqual(mapped.seek(2), copied.seek(2))
        self.assertEqual(mapped.seek(3, 1), copied.seek(3, 1))
        into, other = bytearray(6), bytearray(6)
        self.assertEqual(mapped.readinto(into), copied.readinto(other))
        self.assertEqual(into, other)
        self.assertEqual(mapped.read(10**6), copied.read(10**6))
        self.assertEqual(mapped.read(), b"")
        self.assertEqual(mapped.readline(), b"")


class KeptMasksTests(IndexedTestCase):
    """What one thread read of an index generation serves every thread, and no later generation."""

    search_backend = "archive.search.whoosh.WhooshBackend"

    def test_a_search_in_one_thread_spares_the_next_the_postings_until_the_index_changes(self):
        with self.captureOnCommitCallbacks(execute=True):
            make_article("Lantern festival returns", source="Bay Courier", extra="The lantern festival filled the bay.")
        backend = get_backend()
        reader = threading.Thread(target=backend.search, args=(SearchQuery(q="lantern"),))
        reader.start()
        reader.join()
        read = mock.patch.object(type(backend), "_read_mask", side_effect=AssertionError("postings read again"))
        with read:
            self.assertEqual(backend.search(SearchQuery(q="lantern", page=1)).total, 1)
        with self.captureOnCommitCallbacks(execute=True):
            make_article("Lanterns for the new quay", source="Bay Courier", extra="More lantern light on the quay.")
        self.assertEqual(backend.search(SearchQuery(q="lantern")).total, 2, "a new generation reads its own")
        with self.captureOnCommitCallbacks(execute=True):
            Article.objects.filter(title__startswith="Lanterns").delete()
        self.assertEqual(backend.search(SearchQuery()).total, 1, "a deletion is a new generation too")
