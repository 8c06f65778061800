"""GET /api/search and /export.csv, and the issue's acceptance on the seed articles."""

from __future__ import annotations

import csv
import io
import unittest
from unittest.mock import patch

from django.test import override_settings

from archive.models import Person

from .factories import SHARED, IndexedTestCase, embedded_backend, import_paths

RESULT_KEYS = {"id", "url", "title", "source", "published", "snippet", "snippet_text", "persons", "countries",
               "matched", "missing", "story", "copies", "copies_total"}
HOSTILE_TITLE = '<script>alert(1)</script> "onerror=alert(2)" lighthouse'


class ApiTestCase(IndexedTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.quay = cls.ingest("Harbour quay delayed again", source="Times of Malta", published="2024-01-10",
                              extra="Vladimir Putin visited Germany and the lighthouse.")
        cls.hostile = cls.ingest(HOSTILE_TITLE, published="2024-03-20", extra="<img src=x onerror=alert(2)>")
        cls.formula = cls.ingest("=HYPERLINK(\"http://evil.example\") lighthouse", source="Bulk Wire")
        cls.bulk = [cls.ingest(f"Zephyr report number {n}", source="Bulk Wire", published=f"2023-06-{n + 1:02d}",
                               author="Desk", extra="The zephyr reached France.") for n in range(23)]

    def get_csv(self, **params) -> list[dict]:
        response = self.client.get("/export.csv", params)
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response.streaming)
        self.assertEqual(response["Content-Type"], "text/csv; charset=utf-8")
        text = b"".join(response.streaming_content).decode("utf-8")
        return list(csv.DictReader(io.StringIO(text)))


class ApiSearchTests(ApiTestCase):
    def test_it_returns_exactly_the_documented_shape(self):
        data = self.client.get("/api/search", {"q": "quay", "source": "times-of-malta"}).json()
        self.assertEqual(set(data), {"total", "page", "pages", "results", "facets", "suggestion", "searched", "histogram",
                                     "relaxed", "strict_total", "articles", "copies", "undated", "unknown_outlet"})
        self.assertEqual((data["total"], data["page"], data["pages"]), (1, 1, 1))
        result = data["results"][0]
        self.assertEqual(set(result), RESULT_KEYS)
        self.assertEqual(result["id"], self.quay.pk)
        self.assertEqual(result["url"], f"http://testserver/articles/{self.quay.pk}/")
        self.assertEqual(result["title"], "Harbour quay delayed again")
        self.assertEqual(result["source"], "Times of Malta")
        self.assertEqual(result["published"], "2024-01-10")
        self.assertIn("<mark>quay</mark>", result["snippet"])
        self.assertIn({"value": "vladimir-putin", "label": "Vladimir Putin"}, result["persons"])
        self.assertIn({"value": "DE", "label": "Germany"}, result["countries"])
        self.assertEqual(set(data["facets"]), {"source", "person", "country", "organization"})
        # The source facet ignores its own filter: Bulk Wire is offered with its count.
        self.assertEqual(data["facets"]["source"], [
            {"value": "bulk-wire", "label": "Bulk Wire", "count": 24, "selected": False, "excluded": False},
            {"value": "times-of-malta", "label": "Times of Malta", "count": 1, "selected": True, "excluded": False},
            {"value": "~none", "label": "Unknown outlet", "count": 1, "selected": False, "excluded": False},
        ])
        self.assertEqual((data["unknown_outlet"], data["undated"]), (1, 0))
        self.assertEqual(data["histogram"], [{"month": "2024-01", "count": 1}])

    def test_it_pages_and_filters_like_the_page(self):
        data = self.client.get("/api/search", {"q": "zephyr", "page": "2", "sort": "oldest"}).json()
        self.assertEqual((data["total"], data["page"], data["pages"], len(data["results"])), (23, 2, 2, 3))
        self.assertEqual([r["title"] for r in data["results"]], [f"Zephyr report number {n}" for n in (20, 21, 22)])
        data = self.client.get("/api/search", {"q": "zephyr", "from": "2023-06-05", "to": "2023-06-06"}).json()
        self.assertEqual(data["total"], 2)
        data = self.client.get("/api/search", {"country": "de"}).json()
        self.assertEqual(data["total"], 1, "country codes are taken in any case")

    def test_it_answers_404_in_json_for_a_bad_page(self):
        for page in ("3", "zero"):
            response = self.client.get("/api/search", {"q": "zephyr", "page": page})
            self.assertEqual(response.status_code, 404)
            self.assertEqual(response.json(), {"error": "No such page of results."})

    def test_it_answers_503_in_json_when_the_index_is_unusable(self):
        with override_settings(ARCHIVE_SEARCH={"BACKEND": embedded_backend(), "PATH": __file__}):
            response = self.client.get("/api/search", {"q": "quay"})
            self.assertEqual(response.status_code, 503)
            self.assertIn("cannot be opened", response.json()["error"])
            self.assertEqual(self.client.get("/export.csv").status_code, 503)

    def test_it_never_fails_on_malformed_queries(self):
        for q in ['"unbalanced', "AND", "*", "x" * 10_000, "<script>alert(1)</script>", "title:", "((("]:
            with self.subTest(q=q[:20]):
                response = self.client.get("/api/search", {"q": q})
                self.assertEqual(response.status_code, 200)
                self.assertEqual(set(response.json()["facets"]), {"source", "person", "country", "organization"})

    def test_it_keeps_hostile_text_as_data(self):
        response = self.client.get("/api/search", {"q": "lighthouse alert"})
        self.assertEqual(response["Content-Type"], "application/json")
        self.assertEqual(response["X-Content-Type-Options"], "nosniff")
        result = next(r for r in response.json()["results"] if r["id"] == self.hostile.pk)
        self.assertEqual(result["title"], HOSTILE_TITLE, "JSON carries the title as text, for clients to escape")
        self.assertNotIn("<img", result["snippet"])
        self.assertNotIn("<script", result["snippet"])


class ExportTests(ApiTestCase):
    def test_it_exports_every_matching_article_not_just_a_page(self):
        rows = self.get_csv(q="zephyr")
        self.assertEqual(len(rows), 23)
        self.assertEqual(list(rows[0]), ["id", "url", "title", "source", "published", "author", "persons", "countries",
                                         "organizations", "source_url", "snippet"])
        self.assertEqual({int(r["id"]) for r in rows}, {a.pk for a in self.bulk})
        self.assertEqual({r["source"] for r in rows}, {"Bulk Wire"})
        self.assertIn("France", rows[0]["countries"])
        self.assertEqual(rows[0]["author"], "Desk")

    def test_it_pages_through_the_backend(self):
        with patch("archive.api.CSV_PAGE", 5):
            rows = self.get_csv(q="zephyr", sort="oldest")
        self.assertEqual([r["title"] for r in rows], [f"Zephyr report number {n}" for n in range(23)])

    def test_it_takes_the_search_filters(self):
        rows = self.get_csv(source="times-of-malta")
        self.assertEqual([int(r["id"]) for r in rows], [self.quay.pk])
        self.assertIn("Vladimir Putin", rows[0]["persons"])
        self.assertEqual(len(self.get_csv()), 26, "no parameters: the whole archive")

    def test_it_defuses_spreadsheet_formulas_and_keeps_markup_as_text(self):
        rows = {int(r["id"]): r for r in self.get_csv(q="lighthouse")}
        self.assertEqual(rows[self.formula.pk]["title"], "'=HYPERLINK(\"http://evil.example\") lighthouse")
        self.assertEqual(rows[self.hostile.pk]["title"], HOSTILE_TITLE)


SEEDS = SHARED / "corpus" / "seeds"


@unittest.skipUnless(SEEDS.exists(), f"{SEEDS} not found: seed acceptance skipped (needs ../shared beside the project)")
class SeedAcceptanceTests(IndexedTestCase):
    @classmethod
    def setUpTestData(cls):
        seeds = sorted(SEEDS.glob("*.txt"))
        import_paths(seeds[0], seeds[1], seeds[3])
        import_paths(seeds[2], source="Caucasus Watch")
        import_paths(seeds[4], source="Newsweek")

    def api(self, **params) -> dict:
        response = self.client.get("/api/search", params)
        self.assertEqual(response.status_code, 200)
        return response.json()

    def test_the_issue_acceptance_checks(self):
        pashinyan = Person.objects.get(name="Nikol Pashinyan").slug
        self.assertEqual(self.api(person=pashinyan)["total"], 3)
        self.assertEqual(self.api(country="AM")["total"], 5)
        self.assertEqual(self.api(country="GE")["total"], 0)
        both = self.api(country=["UA", "MD"])
        self.assertEqual(both["total"], 2)
        self.assertIn({"value": "AM", "label": "Armenia", "count": 5, "selected": False, "excluded": False},
                      both["facets"]["country"])

        front = self.api(q='"second front"')
        self.assertEqual(front["results"][0]["source"], "Dan Tri")
        self.assertIn("<mark>second</mark> <mark>front</mark>", front["results"][0]["snippet"])

        pashinian = self.api(q="Pashinian")
        self.assertEqual(pashinian["total"], 3)
        self.assertEqual({r["id"] for r in pashinian["results"]}, {r["id"] for r in self.api(person=pashinyan)["results"]})

        outlets = {v["label"] for v in self.api()["facets"]["source"]}
        # The seed that names no outlet is counted as a value of its own.
        self.assertEqual(outlets, {"Dan Tri", "Mediamax", "Caucasus Watch", "Newsweek", "Unknown outlet"})

    def test_the_pages_show_the_seeds(self):
        pashinyan = Person.objects.get(name="Nikol Pashinyan")
        response = self.client.get(f"/people/{pashinyan.slug}/")
        self.assertEqual(response.context["page"].total, 3)
        self.assertIn("Nikol Pashinian", response.context["aliases"])
        self.assertContains(response, "Nikol Pashinian")
        response = self.client.get("/", {"q": "second front"})
        self.assertContains(response, "<mark>second</mark> <mark>front</mark>")
        self.assertEqual(response.context["page"].hits[0].source.label, "Dan Tri")
