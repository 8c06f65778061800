"""Acceptance tests on the shared corpora; skipped with a message where ../shared is absent."""

import json
import os
import subprocess
import sys
import tempfile
import unittest
from io import StringIO
from pathlib import Path

from django.core.management import call_command
from django.test import TestCase

from archive.models import Article

from .factories import SHARED
from .test_html import _token_f1

SEEDS = SHARED / "corpus" / "seeds"
BBC = SHARED / "corpus" / "bbc"
SCORER = SHARED / "tools" / "score_extraction.py"


def _need(path: Path):
    return unittest.skipUnless(path.exists(), f"{path} not found: acceptance test skipped (needs ../shared beside the project)")


@_need(SEEDS)
class SeedsTests(TestCase):
    def test_the_seeds_score_at_least_the_agreed_figures(self):
        out = StringIO()
        call_command("extract", "--json", *sorted(str(p) for p in SEEDS.glob("*.txt")), stdout=out)
        with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as fh:
            fh.write(out.getvalue())
        report = subprocess.run([sys.executable, str(SCORER), fh.name], capture_output=True, text=True, check=True).stdout
        os.unlink(fh.name)
        scores = dict(item.split("=") for item in report.strip().splitlines()[-1].removeprefix("score: ").split())
        for check in ("title", "source", "published", "body_keep", "body_drop", "cross_article_identity"):
            done, total = scores[check].split("/")
            self.assertEqual(done, total, f"{check}: {scores[check]}\n{report}")
        self.assertGreaterEqual(float(scores["persons_f1"]), 0.90, report)
        self.assertGreaterEqual(float(scores["countries_f1"]), 0.90, report)

    def test_importing_the_seeds_twice_imports_nothing_the_second_time(self):
        out = StringIO()
        call_command("import_articles", str(SEEDS), stdout=out)
        self.assertIn("imported 5, duplicates 0, rejected 0", out.getvalue())
        out = StringIO()
        call_command("import_articles", str(SEEDS), stdout=out)
        self.assertIn("imported 0, duplicates 5, rejected 0", out.getvalue())
        pashinyan = Article.objects.filter(persons__name__startswith="Nikol Pash").values_list("persons__name", flat=True)
        self.assertEqual(len(set(pashinyan)), 1, "Pashinyan, Pashinian and Pachinian are one person")
        self.assertEqual(len(pashinyan), 3)


@_need(BBC)
class BBCTests(TestCase):
    def test_the_bbc_corpus_imports_2127_articles_and_98_duplicates(self):
        out = StringIO()
        call_command("import_articles", str(BBC), stdout=out)
        self.assertIn("imported 2127, duplicates 98, rejected 0", out.getvalue())
        self.assertEqual(Article.objects.count(), 2127)
        # sport/199.txt had a Latin-1 pound sign, re-encoded as UTF-8 in the corpus.
        self.assertIn("£15.8m", Article.objects.get(original_name__endswith="sport/199.txt").body_text)
        out = StringIO()
        call_command("import_articles", str(BBC), stdout=out)
        self.assertIn("imported 0, duplicates 2225, rejected 0", out.getvalue())


HTML = SHARED / "corpus" / "html"


@_need(HTML)
class HTMLPagesTests(TestCase):
    def test_the_30_news_pages_import_with_clean_bodies(self):
        out = StringIO()
        call_command("import_articles", str(HTML / "html"), stdout=out)
        self.assertIn("imported 30, duplicates 0, rejected 0", out.getvalue())
        truth = json.loads((HTML / "ground-truth.json").read_text())
        scores = []
        for article in Article.objects.all():
            page_id = Path(article.original_name).name.split(".")[0]
            with self.subTest(page=page_id):
                self.assertTrue(article.body_html)
                self.assertNotIn("<script", article.body_html)
                self.assertEqual(article.original_size, (HTML / "html" / f"{page_id}.html.gz").stat().st_size)
                scores.append(_token_f1(article.body_text, truth[page_id]["articleBody"]))
        self.assertGreaterEqual(sum(scores) / len(scores), 0.85, "average token F1 of stored bodies")
