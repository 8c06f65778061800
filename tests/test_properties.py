"""Property-based tests (Hypothesis) of uploads and queries through the real parts.

Whatever is uploaded or asked: no server error, no "internal error" for one bad
item, nothing uploaded lost or altered, every word of a plain text kept, every
job's counts adding up, and the search index equal to the database.
`bench/fuzz.py` runs the same kind of input for longer, against gunicorn.
"""

from __future__ import annotations

import datetime
import io
import json
import os
import zipfile
from html import escape as html_escape
from io import StringIO

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import SimpleTestCase
from hypothesis import HealthCheck, assume, given, settings, strategies as st
from hypothesis.extra.django import TestCase as HypothesisTestCase

from archive.ingest.errors import IngestError
from archive.ingest.html import parse_html
from archive.ingest.originals import read_original
from archive.jobs.runner import run_job
from archive.models import Article, ImportItem, ImportJob
from archive.search import get_backend
from archive.search.sync import index_now

from .factories import IndexedTestCase
from .test_admin import UPLOAD, upload

# Deterministic in `make test` (the same examples every run, so CI never flakes on
# a new one); bench/fuzz.py explores at random.
EXAMPLES = settings(max_examples=60, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

_LETTERS = st.characters(codec="utf-8", categories=["Lu", "Ll", "Nd"])
WORD = st.one_of(
    st.text(_LETTERS, min_size=1, max_size=12),
    st.sampled_from(["the", "harbour", "café", "Zürich", "Москва", "Αθήνα", "<script>", "<body onload=x()>", "&amp;",
                     "don't", "Wal-Mart", "naïve", "“quoted”", "50%", "#1", "e-mail", "N°5"]),
)
SENTENCE = st.lists(WORD, min_size=6, max_size=14).map(lambda words: " ".join(words).capitalize() + ".")
PARAGRAPH = st.lists(SENTENCE, min_size=1, max_size=3).map(" ".join)
ENCODINGS = st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1252", "cp1251", "latin-1"])
SUFFIXES = st.sampled_from([".txt", ".text", "", ".md", ".TXT", ".html.txt"])
ANY_TEXT = st.text(max_size=60)
DATES = st.one_of(st.dates().map(str), ANY_TEXT, st.sampled_from(["2024-02-30", "0000-00-00", "31/31/2005", "9999-12-31"]))
METADATA = st.fixed_dictionaries({}, optional={
    "title": ANY_TEXT, "source": ANY_TEXT, "author": ANY_TEXT, "published": DATES,
    "url": st.one_of(ANY_TEXT, st.just("https://example.org/a?b=1"), st.just("javascript:alert(1)")),
})


def _words(text: str) -> str:
    return " ".join(text.split())


class _PropertyTestCase(HypothesisTestCase, IndexedTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.staff = get_user_model().objects.create_superuser("staff", "", "pw")

    def setup_example(self):
        super().setup_example()
        # The database rolls back after each example; the index is a folder: start equal.
        get_backend().clear()
        index_now(Article.objects.values_list("pk", flat=True))
        self.client.force_login(self.staff)

    def assert_index_equals_database(self):
        out = StringIO()
        call_command("check_index", stdout=out)  # raises CommandError when they differ
        self.assertIn("the index matches the database", out.getvalue())

    def post_and_run(self, data: dict):
        """Post to the upload form; a job it makes is run here as a worker would. The page or job page."""
        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post(UPLOAD, data)
        if response.status_code == 302:
            job = ImportJob.objects.get()
            with self.captureOnCommitCallbacks(execute=True):
                state = run_job(job.pk, workers=1)
            self.assert_job_adds_up(job, state)
            response = self.client.get(job.get_absolute_url())
        self.assertEqual(response.status_code, 200)
        self.assertNotIn(b"internal error", response.content)
        return response

    def assert_job_adds_up(self, job: ImportJob, state: str):
        job.refresh_from_db()
        self.assertIn(state, ("done", "failed"))
        self.assertNotIn("internal error", job.reason)
        items = list(job.items.all())
        if state == "done":
            self.assertEqual(job.total, len(items))
        self.assertFalse([i for i in items if i.state == ImportItem.State.PENDING])
        self.assertFalse([i.reason for i in items if "internal error" in i.reason])
        imported = [i for i in items if i.state == ImportItem.State.IMPORTED]
        self.assertEqual(Article.objects.count(), len(imported))

    def assert_originals_kept(self):
        for article in Article.objects.all():
            self.assertEqual(len(read_original(article.original_sha256)), article.original_size)


class UploadProperties(_PropertyTestCase):
    @EXAMPLES
    @given(title=SENTENCE, paragraphs=st.lists(PARAGRAPH, min_size=1, max_size=5), encoding=ENCODINGS, suffix=SUFFIXES)
    def test_a_plain_text_keeps_every_paragraph_in_any_encoding_and_name(self, title, paragraphs, encoding, suffix):
        # A first paragraph that repeats the headline is dropped on purpose (scraped pages repeat it).
        assume(all(_words(paragraph) != _words(title) for paragraph in paragraphs))
        text = "\n\n".join([title, *paragraphs]) + "\n"
        try:
            data = text.encode(encoding)
        except UnicodeEncodeError:
            assume(False)
        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post(UPLOAD, {"files": [upload(f"story{suffix}", data)]})
        self.assertEqual(response.status_code, 200)
        article = Article.objects.get()
        self.assertEqual(read_original(article.original_sha256), data, "the original is kept byte for byte")
        body = _words(article.body_text)
        for paragraph in paragraphs:
            self.assertIn(_words(paragraph), body)
        self.assert_index_equals_database()

    @EXAMPLES
    @given(data=st.binary(max_size=3000), name=st.text(min_size=1, max_size=40), metadata=METADATA)
    def test_any_bytes_and_metadata_get_an_answer_never_an_error(self, data, name, metadata):
        # What a browser can send as a file name (Django drops a part named "" or "..").
        assume("\x00" not in name and os.path.basename(name.strip()) not in ("", ".", ".."))
        self.post_and_run({"files": [upload(name, data)], **metadata})
        self.assert_originals_kept()
        self.assert_index_equals_database()

    @EXAMPLES
    @given(text=st.text(min_size=1, max_size=5000), metadata=METADATA)
    def test_any_pasted_text_gets_an_answer_never_an_error(self, text, metadata):
        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post(UPLOAD, {"text": text, **metadata})
        self.assertEqual(response.status_code, 200)
        self.assertNotIn(b"internal error", response.content)
        self.assert_index_equals_database()


ENTRY_NAMES = st.one_of(
    st.text(min_size=1, max_size=30).filter(lambda n: "\x00" not in n),
    st.sampled_from(["a.txt", "dir/b.txt", "../up.txt", "/abs.txt", "c:evil.txt", "__MACOSX/._a.txt", ".hidden.txt",
                     "inner.zip", "page.html", "README.md", "x.gz"]),
)
ENTRY_DATA = st.one_of(
    st.binary(max_size=2000),
    st.lists(PARAGRAPH, min_size=2, max_size=4).map(lambda ps: "\n\n".join(ps).encode()),
)


@st.composite
def manifests(draw, names):
    rows = draw(st.lists(st.fixed_dictionaries({"file": st.one_of(st.sampled_from(names or ["none.txt"]), ANY_TEXT)},
                                               optional={"published": DATES, "title": ANY_TEXT, "source": ANY_TEXT}),
                         max_size=4))
    columns = ["file", "published", "title", "source"]
    out = io.StringIO()
    import csv

    writer = csv.DictWriter(out, columns)
    writer.writeheader()
    for row in rows:
        writer.writerow(row)
    return out.getvalue().encode()


@st.composite
def zips(draw):
    entries = draw(st.dictionaries(ENTRY_NAMES, ENTRY_DATA, min_size=1, max_size=5))
    if draw(st.booleans()):
        entries["manifest.csv"] = draw(manifests(list(entries)))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(zipfile.ZipInfo(name), data)
    data = bytearray(buffer.getvalue())
    if draw(st.booleans()) and len(data) > 40:  # damage a few bytes somewhere
        for _ in range(draw(st.integers(1, 4))):
            data[draw(st.integers(0, len(data) - 1))] = draw(st.integers(0, 255))
    return bytes(data)


class JobProperties(_PropertyTestCase):
    @EXAMPLES
    @given(archive=zips(), metadata=METADATA)
    def test_every_zip_ends_with_a_reason_and_counts_that_add_up(self, archive, metadata):
        self.post_and_run({"files": [upload("batch.zip", archive)], **metadata})
        self.assert_originals_kept()
        self.assert_index_equals_database()


PARAMS = st.dictionaries(
    st.sampled_from(["q", "source", "person", "country", "organization", "sort", "page", "from", "to", "more", "all",
                     "hit", "copies", "format"]),
    st.one_of(ANY_TEXT, st.integers(-10**12, 10**12).map(str), DATES,
              st.sampled_from(['"unclosed', "a OR", "NOT", "title:", "*", "~", "(((", "a AND OR b", "person:x*",
                               "9999-12-31", "0001-01-01", "-", "\u200b", "%00"])),
    max_size=5,
)


class QueryProperties(_PropertyTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        from .factories import make_article

        with cls.captureOnCommitCallbacks(execute=True):
            for n, title in enumerate(["Harbour quay delayed again", "Ferry strike ends", "Lighthouse keeper retires"]):
                make_article(title, source="Times of Malta", published=f"2024-0{n + 1}-10")

    @settings(max_examples=120, deadline=None, derandomize=True, database=None)
    @given(params=PARAMS)
    def test_any_parameters_on_every_public_page_get_an_answer(self, params):
        article = Article.objects.first()
        for path in ("/", "/api/search", "/export.csv", f"/articles/{article.pk}/", "/countries/MT/"):
            response = self.client.get(path, params)
            self.assertIn(response.status_code, (200, 400, 404), f"{path} {params}")
            if response.status_code == 200 and path == "/":
                self.assertNotIn(b"Traceback", response.content)


# Pieces of a page's metadata, right and wrong: what dates, bylines and titles are read from.
_STAMPS = st.one_of(DATES, st.datetimes().map(lambda d: d.isoformat() + "Z"), st.sampled_from([
    "2020-11-09T03:12:00+00:00", "20200414T00:38:07Z", "04:25:06 PM IST Apr 08, 2020", "Tue, 19 Nov 2019 10:00:00 GMT",
    "2020-13-45T99:99:99+99:99", "Jan 0, 2020", "", "null", "{}"]))
_JSON_VALUES = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), ANY_TEXT, _STAMPS),
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(st.sampled_from(
        ["@type", "@id", "name", "author", "datePublished", "headline", "publisher", "@graph"]), inner, max_size=4)),
    max_leaves=8,
)
_HEAD_PIECES = st.one_of(
    st.builds(lambda k, v: f'<meta property="{k}" content="{html_escape(v)}">',
              st.sampled_from(["article:published_time", "og:title", "og:site_name", "og:url", "article:author"]), _STAMPS | ANY_TEXT),
    st.builds(lambda k, v: f'<meta name="{k}" content="{html_escape(v)}">',
              st.sampled_from(["author", "date", "dc.creator", "citation_author", "pubdate"]), _STAMPS | ANY_TEXT),
    st.builds(lambda v: f'<script type="application/ld+json">{json.dumps(v)}</script>', _JSON_VALUES),
    st.builds(lambda v: f"<title>{html_escape(v)}</title>", ANY_TEXT),
    st.builds(lambda v: f'<link rel="canonical" href="{html_escape(v)}">', st.one_of(ANY_TEXT, st.just("https://x.example/2020/02/30/a"))),
)
_BODY_PIECES = st.one_of(
    st.builds(lambda v: f"<h1>{html_escape(v)}</h1>", ANY_TEXT),
    st.builds(lambda v: f'<time datetime="{html_escape(v)}">{html_escape(v)}</time>', _STAMPS),
    st.builds(lambda v: f"<p><span>By</span> <span>{html_escape(v)}</span></p>", ANY_TEXT),
    st.builds(lambda v: f"<p>Published {html_escape(v)}</p>", _STAMPS),
    st.builds(lambda v: f'<span itemprop="author">{html_escape(v)}</span>', ANY_TEXT),
    PARAGRAPH.map(lambda p: f"<p>{html_escape(p)}</p>"),
)


class PageMetadataProperties(SimpleTestCase):
    """Whatever a page declares, reading it gives a page or a clear refusal, and never a far date."""

    @settings(EXAMPLES, max_examples=300)  # no database: cheap examples
    @given(head=st.lists(_HEAD_PIECES, max_size=6), body=st.lists(_BODY_PIECES, max_size=8), url=st.one_of(st.just(""), ANY_TEXT))
    def test_any_metadata_reads_or_is_refused(self, head, body, url):
        page_text = f"<!DOCTYPE html><html><head>{''.join(head)}</head><body><article>{''.join(body)}</article></body></html>"
        try:
            page = parse_html(page_text, url=url)
        except IngestError:
            return
        if page.published is not None:
            self.assertTrue(datetime.date(1990, 1, 1) <= page.published <= datetime.date.today() + datetime.timedelta(days=1))
        self.assertNotIn("@", page.author.split(" ")[0][:1])
        self.assertIsInstance(page.title, str)
