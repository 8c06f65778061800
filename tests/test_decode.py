import codecs
import gzip

from django.test import SimpleTestCase

from archive.ingest.decode import decode_text, gunzip
from archive.ingest.errors import IngestError

SAMPLE = "Café owners in Zürich say the “new” rules cost them £5,000 – a naïve plan."


class DecodeTests(SimpleTestCase):
    def test_it_decodes_utf8_with_and_without_bom(self):
        self.assertEqual(decode_text(SAMPLE.encode("utf-8")), SAMPLE)
        self.assertEqual(decode_text(codecs.BOM_UTF8 + SAMPLE.encode("utf-8")), SAMPLE)

    def test_it_decodes_windows_1252_without_mangling(self):
        self.assertEqual(decode_text(SAMPLE.encode("cp1252")), SAMPLE)

    def test_it_decodes_latin1(self):
        text = "Le café de la gare a fermé: les habitués sont déçus, dit le maire."
        self.assertEqual(decode_text(text.encode("latin-1")), text)

    def test_it_decodes_cyrillic_in_windows_1251(self):
        text = "Москва заявила о новом соглашении с соседними странами региона."
        self.assertEqual(decode_text(text.encode("cp1251")), text)

    def test_it_decodes_utf16_with_bom(self):
        self.assertEqual(decode_text(SAMPLE.encode("utf-16")), SAMPLE)

    def test_it_normalises_line_endings(self):
        self.assertEqual(decode_text(b"one\r\ntwo\rthree"), "one\ntwo\nthree")

    def test_it_rejects_empty_and_blank_files(self):
        for data in (b"", b"   \n\t\n"):
            with self.assertRaisesMessage(IngestError, "empty"):
                decode_text(data)

    def test_it_rejects_binary_data(self):
        with self.assertRaisesMessage(IngestError, "binary"):
            decode_text(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))

    def test_it_gunzips_within_a_limit(self):
        self.assertEqual(gunzip(gzip.compress(b"hello"), limit=10), b"hello")
        with self.assertRaisesMessage(IngestError, "size limit"):
            gunzip(gzip.compress(b"x" * 1000), limit=100)
        with self.assertRaisesMessage(IngestError, "corrupt"):
            gunzip(b"\x1f\x8b" + b"garbage" * 10, limit=100)
