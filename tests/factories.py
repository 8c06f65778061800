"""Small builders for test data: articles written here, zips made on the fly."""

from __future__ import annotations

import io
import shutil
import tempfile
import zipfile
from io import StringIO
from pathlib import Path
from unittest import mock

from django.conf import settings
from django.core.management import call_command
from django.test import TestCase, override_settings

from archive.copies.grouping import store_bands
from archive.ingest.parse import Upload
from archive.ingest.pipeline import ingest_article
from archive.models import Article, Story

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def article_text(title: str = "Harbour quay delayed again", *, outlet: str = "", extra: str = "") -> str:
    dateline = f"({outlet}) – " if outlet else ""
    return (
        f"{title}\n\n"
        f"{dateline}Maria Borg, the harbour master, said on Tuesday that the new quay in Valletta would open next spring.\n\n"
        f"Prime Minister Robert Abela promised compensation to fishermen from Malta and Italy. {extra}\n\n"
        "The European Union paid for part of the works, the ministry said.\n"
    )


def make_article(title: str = "Harbour quay delayed again", *, own_story: bool = True, **kwargs):
    """An article imported from article_text(), its metadata given as the uploader's.

    These articles share all their text but a sentence, so grouping rightly
    takes them for copies of one story. The tests built on them mean different
    stories: each is given a story of its own, placed (curated) so that a
    reprocess keeps it, unless `own_story` is False. tests/test_copies.py tests
    grouping on real stories.
    """
    text = article_text(title, outlet=kwargs.pop("outlet", ""), extra=kwargs.pop("extra", ""))
    upload = Upload(text.encode("utf-8"), kwargs.pop("name", f"{title}.txt"), "text/plain", kwargs)
    if not own_story:
        return ingest_article(upload)
    with stories_of_their_own():
        return ingest_article(upload)


def stories_of_their_own():
    """Import each article in a story of its own, for tests of texts from article_text() that mean different stories.

    Placed as fixture data, not as a staff action: no history row, and no other
    article joined to it for a moment (which would index that one again).
    """
    return mock.patch("archive.ingest.pipeline.place_in_story", _own_story)


def _own_story(article: Article) -> list[int]:
    store_bands(article)
    article.story, article.story_curated = Story.objects.create(), True
    Article.objects.filter(pk=article.pk).update(story=article.story, story_curated=True)
    return []


def make_zip(entries: dict[str, bytes], *, compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=compression) as archive:
        for name, data in entries.items():
            info = zipfile.ZipInfo(name)
            info.compress_type = compression
            archive.writestr(info, data)
    return buffer.getvalue()


def embedded_backend() -> str:
    """The configured search backend if it keeps an index in a folder (tantivy, Whoosh), else tantivy."""
    backend = settings.ARCHIVE_SEARCH["BACKEND"]
    return "archive.search.tantivy.TantivyBackend" if backend.endswith("PostgresBackend") else backend


class IndexedTestCase(TestCase):
    """A TestCase with a search index of its own, and on-commit indexing run at once.

    Django's TestCase never commits, so `transaction.on_commit` callbacks (which
    keep the index in step) are captured and run; the index lives in a temp dir.
    """

    search_backend = ""  # the configured one, unless a subclass names another

    @classmethod
    def setUpClass(cls):
        cls._index_dir = tempfile.mkdtemp(prefix="archive-index-")
        backend = cls.search_backend or settings.ARCHIVE_SEARCH["BACKEND"]
        cls._index_settings = override_settings(ARCHIVE_SEARCH={"BACKEND": backend, "PATH": cls._index_dir})
        cls._index_settings.enable()
        super().setUpClass()

    @classmethod
    def tearDownClass(cls):
        super().tearDownClass()
        cls._index_settings.disable()
        shutil.rmtree(cls._index_dir, ignore_errors=True)

    def setUp(self):
        # The database rolls back after each test but the index is a folder:
        # start every test from an index that matches the database.
        from archive.models import Article
        from archive.search import get_backend
        from archive.search.sync import index_now

        super().setUp()
        get_backend().clear()
        index_now(Article.objects.values_list("pk", flat=True))

    @classmethod
    def ingest(cls, *args, **kwargs):
        with cls.captureOnCommitCallbacks(execute=True):
            return make_article(*args, **kwargs)


def import_paths(*paths: Path, **options) -> str:
    """Run import_articles the way a user would, indexing as a real commit would."""
    out = StringIO()
    with TestCase.captureOnCommitCallbacks(execute=True):
        call_command("import_articles", *map(str, paths), stdout=out, **options)
    return out.getvalue()
