"""The CSV export's snippet column and file name, and the JSON API's plain-text snippet."""

from __future__ import annotations

import csv
import io

from .factories import IndexedTestCase


class ExportTestCase(IndexedTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.plain = cls.ingest("Quarry permits frozen", source="Island Courier", published="2024-02-03",
                               extra="The quarry owners & tenants protested.")
        cls.hostile = cls.ingest("Lantern night", source="Coastal Herald", published="2023-05-06",
                                 extra='<b onmouseover="x">quarry</b> lanterns, =SUM(A1) & more.')

    def get_csv(self, **params):
        response = self.client.get("/export.csv", params)
        self.assertEqual(response.status_code, 200)
        text = b"".join(response.streaming_content).decode("utf-8")
        return response, {int(row["id"]): row for row in csv.DictReader(io.StringIO(text))}


class CsvSnippetTests(ExportTestCase):
    def test_it_adds_the_matched_words_in_context_as_plain_text(self):
        _, rows = self.get_csv(q="quarry")
        snippet = rows[self.plain.pk]["snippet"]
        self.assertIn("quarry owners & tenants", snippet)
        for markup in ("<mark>", "</mark>", "&amp;", "&lt;"):
            self.assertNotIn(markup, snippet)
        # Text that looks like markup in the article is kept as the text it is.
        self.assertIn('<b onmouseover="x">quarry</b>', rows[self.hostile.pk]["snippet"])

    def test_a_snippet_is_defused_like_any_cell(self):
        _, rows = self.get_csv(q="SUM")
        self.assertFalse(rows[self.hostile.pk]["snippet"].startswith("="), rows[self.hostile.pk]["snippet"])

    def test_without_words_each_row_still_has_its_opening_text(self):
        _, rows = self.get_csv()
        self.assertEqual(set(rows), {self.plain.pk, self.hostile.pk})
        self.assertTrue(all(row["snippet"] for row in rows.values()))


class CsvFileNameTests(ExportTestCase):
    def file_name(self, **params) -> str:
        response, _ = self.get_csv(**params)
        return response["Content-Disposition"]

    def test_an_empty_search_is_articles_csv(self):
        self.assertEqual(self.file_name(), 'attachment; filename="articles.csv"')

    def test_it_is_named_after_the_words_and_filters(self):
        self.assertEqual(self.file_name(q="quarry permits", source="island-courier", **{"from": "2024-01-01"}),
                         'attachment; filename="articles-quarry-permits-island-courier-2024-01-01.csv"')

    def test_a_whole_year_is_named_by_its_number(self):
        name = self.file_name(q='"quarry"', country="mt", **{"from": "2024-01-01", "to": "2024-12-31"})
        self.assertEqual(name, 'attachment; filename="articles-quarry-mt-2024.csv"')

    def test_left_out_values_and_undated_articles_are_named_too(self):
        name = self.file_name(q="quarry", not_source=["island-courier", "~none"], undated="exclude")
        self.assertEqual(name, 'attachment; filename="articles-quarry-not-island-courier-not-unknown-outlet-dated.csv"')

    def test_a_long_or_hostile_search_gives_a_short_safe_name(self):
        name = self.file_name(q='../"quote"; ' + "x" * 300)
        self.assertRegex(name, r'^attachment; filename="articles-[a-z0-9-]+\.csv"$')
        self.assertLessEqual(len(name.split('"')[1]), 84)


class ApiSnippetTextTests(ExportTestCase):
    def test_it_gives_the_snippet_as_plain_text_beside_the_highlighted_one(self):
        results = {r["id"]: r for r in self.client.get("/api/search", {"q": "quarry"}).json()["results"]}
        plain, hostile = results[self.plain.pk], results[self.hostile.pk]
        self.assertIn("<mark>", plain["snippet"])
        self.assertIn("&amp;", plain["snippet"])
        self.assertIn("quarry owners & tenants", plain["snippet_text"])
        self.assertNotIn("<mark>", plain["snippet_text"])
        # Decoded, the article's own markup-like text comes back as the text it was, and the
        # highlighted snippet still carries it escaped.
        self.assertIn('<b onmouseover="x">quarry</b>', hostile["snippet_text"])
        self.assertNotIn("<b onmouseover", hostile["snippet"])
