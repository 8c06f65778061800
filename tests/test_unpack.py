import gzip
import json
import tempfile
from pathlib import Path

from django.test import SimpleTestCase, override_settings

from archive.ingest.errors import IngestError
from archive.ingest.parse import Upload
from archive.ingest.unpack import Rejected, read_manifest, unpack, unpack_paths

from .factories import article_text, make_zip

ONE = article_text("First story").encode()
TWO = article_text("Second story").encode()


class UnpackTests(SimpleTestCase):
    def test_it_yields_a_plain_file_as_one_upload(self):
        [item] = unpack("a.txt", ONE, metadata={"source": "Port Gazette"})
        self.assertEqual(item, Upload(ONE, "a.txt", "text/plain", {"source": "Port Gazette"}))

    def test_it_yields_each_zip_entry_and_skips_folders_and_hidden_files(self):
        data = make_zip({"a.txt": ONE, "sub/b.html": TWO, "__MACOSX/._a.txt": b"x", ".DS_Store": b"x"})
        items = list(unpack("batch.zip", data))
        self.assertEqual([(i.name, i.content_type) for i in items], [("batch.zip/a.txt", "text/plain"), ("batch.zip/sub/b.html", "text/html")])
        self.assertEqual(items[1].data, TWO)

    def test_it_reports_a_collections_readme_and_licence_in_a_zip_and_imports_the_articles(self):
        data = make_zip({"README.md": b"# Scraped news\n\nCollected by our team.", "a.txt": ONE, "LICENSE": b"CC BY 4.0",
                         "docs/Copying.txt": b"Free to share."})
        items = list(unpack("batch.zip", data))
        self.assertEqual([i.name for i in items if isinstance(i, Upload)], ["batch.zip/a.txt"])
        rejected = [i for i in items if isinstance(i, Rejected)]
        self.assertEqual([i.name for i in rejected], ["batch.zip/README.md", "batch.zip/LICENSE", "batch.zip/docs/Copying.txt"])
        self.assertTrue(all("not an article" in i.reason for i in rejected))

    def test_it_refuses_a_whole_zip_with_an_entry_leading_outside(self):
        for bad in ("../../etc/evil.txt", "/etc/passwd", "ok/../../x.txt", "C:/windows/x.txt"):
            with self.subTest(bad=bad):
                [item] = unpack("evil.zip", make_zip({"good.txt": ONE, bad: TWO}))
                self.assertIsInstance(item, Rejected)
                self.assertIn("unsafe entry name", item.reason)

    def test_it_refuses_a_zip_bomb(self):
        bomb = make_zip({"bomb.txt": b"0" * 20_000_000})
        self.assertLess(len(bomb), 100_000)
        [item] = unpack("bomb.zip", bomb)
        self.assertIsInstance(item, Rejected)
        self.assertIn("zip bomb", item.reason)

    @override_settings(ARCHIVE_MAX_UPLOAD_BYTES=1000)
    def test_it_refuses_a_zip_that_expands_over_the_limit(self):
        [item] = unpack("big.zip", make_zip({"a.txt": ONE * 2, "b.txt": ONE * 2}))
        self.assertIn("zip bomb", item.reason)

    def test_it_rejects_nested_zips_but_keeps_the_rest(self):
        items = list(unpack("outer.zip", make_zip({"a.txt": ONE, "inner.zip": make_zip({"b.txt": TWO})})))
        self.assertIsInstance(items[0], Upload)
        self.assertIsInstance(items[1], Rejected)
        self.assertIn("nested archives", items[1].reason)

    def test_it_refuses_a_corrupt_zip(self):
        [item] = unpack("broken.zip", make_zip({"a.txt": ONE})[:40])
        self.assertIn("not a readable zip", item.reason)

    @override_settings(ARCHIVE_MAX_UPLOAD_BYTES=100)
    def test_it_refuses_files_over_the_size_limit(self):
        [item] = unpack("big.txt", b"x" * 101)
        self.assertIn("over the upload limit", item.reason)

    def test_it_applies_a_manifest_inside_a_zip(self):
        manifest = b"file,title,source,published\na.txt,Given title,Port Gazette,2024-03-05\n"
        items = list(unpack("m.zip", make_zip({"a.txt": ONE, "manifest.csv": manifest})))
        self.assertEqual(len(items), 1)
        self.assertEqual(items[0].metadata, {"title": "Given title", "source": "Port Gazette", "published": "2024-03-05"})


class ManifestTests(SimpleTestCase):
    def test_it_reads_json_lines_with_files_and_texts(self):
        lines = [{"file": "a.txt", "source": "Gazette"}, {"text": "Title\n\nBody text here.", "title": "T"}]
        manifest = read_manifest("\n".join(json.dumps(x) for x in lines).encode(), "m.jsonl")
        self.assertEqual(manifest.metadata_for("dir/a.txt"), {"source": "Gazette"})
        self.assertEqual(manifest.texts, [("m.jsonl#row2", "Title\n\nBody text here.", {"title": "T"})])

    def test_it_rejects_bad_manifests_with_the_row(self):
        cases = [
            (b'{"file": "a.txt"}\nnot json\n', "m.jsonl", "line 2: not valid JSON"),
            (b"file,colour\na.txt,red\n", "m.csv", "unknown column(s) colour"),
            (b"title\nOnly a title\n", "m.csv", "row 1: give either 'file' or 'text'"),
        ]
        for data, name, message in cases:
            with self.subTest(name=name), self.assertRaisesMessage(IngestError, message):
                read_manifest(data, name)

    def test_it_walks_folders_recursively_with_a_manifest_of_the_folder(self):
        with tempfile.TemporaryDirectory() as tmp:
            root = Path(tmp)
            (root / "sub").mkdir()
            (root / "sub" / "b.txt").write_bytes(TWO)
            (root / "a.txt.gz").write_bytes(gzip.compress(ONE))
            (root / ".hidden.txt").write_bytes(ONE)
            (root / "README.txt").write_text("What this folder holds.")
            (root / "manifest.csv").write_text("file,source\nsub/b.txt,Harbour News\n")
            items = list(unpack_paths([root]))
        # Named from the folder given, never by this machine's absolute path.
        self.assertEqual([i.name for i in items], [f"{root.name}/a.txt.gz", f"{root.name}/sub/b.txt"])
        self.assertEqual(items[1].metadata, {"source": "Harbour News"})
