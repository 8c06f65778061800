"""The search page, article page and entity pages, through the test client."""

from __future__ import annotations

from django.http import QueryDict
from django.test import SimpleTestCase, override_settings

from archive.models import Article
from archive.search import facets
from archive.search.base import FacetValue, SearchPage

from .factories import IndexedTestCase, embedded_backend

HOSTILE_TITLE = "<script>alert(1)</script> Harbour news"
HOSTILE_EXTRA = "<img src=x onerror=alert(2)> was posted at the lighthouse."
COUNTRIES = ["France", "Spain", "Portugal", "Greece", "Austria", "Poland", "Sweden", "Norway", "Denmark", "Finland",
             "Ireland", "Croatia"]


class SiteTestCase(IndexedTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.quay = cls.ingest("Harbour quay delayed again", source="Times of Malta", published="2024-01-10",
                              extra="Vladimir Putin visited Germany and the lighthouse.")
        cls.ferry = cls.ingest("Ferry strike ends", source="Malta Today", published="2024-03-02",
                               extra="Olaf Scholz spoke in Germany about the lighthouse.")
        cls.hostile = cls.ingest(HOSTILE_TITLE, source="Times of Malta", published="2024-03-20", extra=HOSTILE_EXTRA)
        cls.bulk = [
            cls.ingest(f"Zephyr report number {n}", source="Bulk Wire", published=f"2023-06-{n + 1:02d}",
                       extra=f"The zephyr reached {COUNTRIES[n % len(COUNTRIES)]}.")
            for n in range(22)
        ]


class SearchPageTests(SiteTestCase):
    def test_it_renders_hits_and_facets(self):
        response = self.client.get("/", {"q": "quay"})
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, f'<a href="/articles/{self.quay.pk}/?q=quay&amp;hit=0">Harbour quay delayed again</a>',
                            html=True)
        self.assertContains(response, "<mark>quay</mark>")
        self.assertContains(
            response,
            '<a href="?q=quay&amp;source=times-of-malta"><span class="box" aria-hidden="true"></span>'
            '<span class="label">Times of Malta</span></a>',
            html=True,
        )
        self.assertContains(response, '<a class="tag person" href="/people/vladimir-putin/">Vladimir Putin</a>', html=True)
        self.assertContains(response, '<a class="tag country" href="/countries/DE/">Germany</a>', html=True)

    def test_it_toggles_a_facet_value_through_its_url(self):
        response = self.client.get("/", {"q": "lighthouse"})
        self.assertEqual(response.context["page"].total, 3)
        outlets = _row(response, "source")
        self.assertEqual(outlets["Times of Malta"]["url"], "?q=lighthouse&source=times-of-malta")
        picked = self.client.get("/" + outlets["Times of Malta"]["url"])
        self.assertEqual(picked.context["page"].total, 2)
        toggled = _row(picked, "source")["Times of Malta"]
        self.assertTrue(toggled["selected"])
        self.assertEqual(toggled["url"], "?q=lighthouse", "a second click removes the value")
        # Values of one facet are OR: Malta Today is still offered with its own count.
        self.assertEqual(_row(picked, "source")["Malta Today"]["count"], 1)
        both = self.client.get("/" + _row(picked, "source")["Malta Today"]["url"])
        self.assertEqual(both.context["page"].total, 3)

    def test_it_shows_active_filters_as_chips_that_remove_them(self):
        response = self.client.get("/", {"q": "lighthouse", "source": "times-of-malta", "from": "2024-01-01"})
        chips = {chip["label"]: chip["url"] for chip in response.context["chips"]}
        self.assertEqual(chips, {"Times of Malta": "?q=lighthouse&from=2024-01-01", "2024-01-01": "?q=lighthouse&source=times-of-malta"})
        self.assertContains(response, 'href="?q=lighthouse&amp;from=2024-01-01" title="Remove this filter"')
        # The query box keeps the filters for the next query.
        self.assertContains(response, '<input type="hidden" name="source" value="times-of-malta">', html=True)

    def test_it_filters_by_date_range_and_drops_bad_dates(self):
        response = self.client.get("/", {"q": "lighthouse", "from": "2024-03-01", "to": "2024-03-31"})
        self.assertEqual({h.id for h in response.context["page"].hits}, {self.ferry.pk, self.hostile.pk})
        response = self.client.get("/", {"q": "lighthouse", "from": "March", "to": "2024-02-31"})
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.context["page"].total, 3)
        self.assertEqual(response.context["chips"], [])

    def test_it_sorts_newest_and_oldest(self):
        newest = self.client.get("/", {"q": "lighthouse", "sort": "newest"}).context["page"].hits
        self.assertEqual([h.id for h in newest], [self.hostile.pk, self.ferry.pk, self.quay.pk])
        oldest = self.client.get("/", {"q": "lighthouse", "sort": "oldest"}).context["page"].hits
        self.assertEqual([h.id for h in oldest], [self.quay.pk, self.ferry.pk, self.hostile.pk])
        self.assertEqual(self.client.get("/", {"q": "lighthouse", "sort": "sideways"}).status_code, 200)

    def test_it_pages_twenty_at_a_time(self):
        first = self.client.get("/", {"q": "zephyr"})
        self.assertEqual((first.context["page"].total, first.context["page"].pages), (22, 2))
        self.assertEqual(len(first.context["page"].hits), 20)
        self.assertContains(first, '<a href="?q=zephyr&amp;page=2" rel="next">Next →</a>', html=True)
        second = self.client.get("/", {"q": "zephyr", "page": "2"})
        self.assertEqual(len(second.context["page"].hits), 2)
        seen = {h.id for h in first.context["page"].hits} | {h.id for h in second.context["page"].hits}
        self.assertEqual(seen, {a.pk for a in self.bulk})

    def test_it_gives_404_for_a_bad_page_number(self):
        for page in ("3", "0", "-1", "two", "1e9"):
            with self.subTest(page=page):
                self.assertEqual(self.client.get("/", {"q": "zephyr", "page": page}).status_code, 404)

    def test_it_never_fails_on_malformed_queries(self):
        for q in ['"unbalanced', "AND", "*", "x" * 10_000, "<script>alert(1)</script>", "title:", "((( NOT", "a\x00b",
                  "pashin*", "Pashinian~", "-", "OR OR"]:
            with self.subTest(q=q[:20]):
                response = self.client.get("/", {"q": q})
                self.assertEqual(response.status_code, 200)
                self.assertNotContains(response, "<script>alert(1)")

    def test_it_says_what_was_searched_when_the_query_was_repaired(self):
        response = self.client.get("/", {"q": '"ferry strike'})
        self.assertContains(response, "Searched for: <strong>ferry strike</strong>", html=True)
        response = self.client.get("/", {"q": "ferry strike"})
        self.assertNotContains(response, "Searched for")

    def test_it_suggests_a_better_spelling(self):
        response = self.client.get("/", {"q": "harbuor"})
        self.assertEqual(response.context["page"].suggestion, "harbour")
        self.assertContains(response, '<a href="?q=harbour">harbour</a>', html=True)

    def test_when_no_article_has_every_word_it_says_so_and_links_the_strict_search(self):
        response = self.client.get("/", {"q": "lighthouse zeppelin"})
        page = response.context["page"]
        self.assertTrue(page.relaxed)
        self.assertEqual(page.total, 3)
        self.assertContains(response, "No article has all 2 words; showing those with any of them, most first.")
        self.assertContains(response, '<a href="?q=lighthouse+zeppelin&amp;all=1">Only articles with every word</a>',
                            html=True)
        self.assertContains(response, '<span class="missing">Missing: <s>zeppelin</s></span>', html=True)
        strict = self.client.get("/", {"q": "lighthouse zeppelin", "all": "1"})
        self.assertEqual((strict.context["page"].total, strict.context["page"].relaxed), (0, False))
        self.assertContains(strict, '<a href="?q=lighthouse+zeppelin">Show those with most of the words too</a>',
                            html=True)

    def test_a_few_with_every_word_come_first_and_the_page_says_how_many(self):
        response = self.client.get("/", {"q": "Scholz lighthouse"})
        page = response.context["page"]
        self.assertEqual((page.relaxed, page.strict_total), (True, 1))
        self.assertEqual(page.hits[0].id, self.ferry.pk)
        self.assertContains(response, "Only 1 article has all 2 words; below it, those with at least 1 of them.")

    def test_it_shows_all_values_of_a_facet_on_request(self):
        response = self.client.get("/", {"q": "zephyr"})
        countries = next(row for row in response.context["facet_rows"] if row["name"] == "country")
        self.assertEqual(len(countries["values"]), 10)
        self.assertTrue(countries["truncated"])
        self.assertContains(response, f'<a class="more" href="?q=zephyr&amp;more=country">Show all {countries["total"]}</a>', html=True)
        response = self.client.get("/", {"q": "zephyr", "more": "country"})
        self.assertEqual(len(_row(response, "country")), countries["total"])
        self.assertGreater(countries["total"], 10)

    def test_it_draws_a_histogram_by_month_linking_to_each_month(self):
        response = self.client.get("/", {"q": "lighthouse"})
        bars = {bar["start"]: (bar["count"], bar["url"]) for bar in response.context["bars"]}
        self.assertEqual(bars["2024-01"], (1, "?q=lighthouse&from=2024-01-01&to=2024-01-31"))
        self.assertEqual(bars["2024-02"][0], 0, "empty months are drawn too")
        self.assertEqual(bars["2024-03"][0], 2)

    def test_it_shows_a_503_page_when_the_index_is_unusable(self):
        broken = {"BACKEND": embedded_backend(), "PATH": __file__}  # a file, not a folder
        with override_settings(ARCHIVE_SEARCH=broken), self.assertLogs("archive.views", "ERROR"):
            response = self.client.get("/", {"q": "lighthouse"})
            self.assertContains(response, "Search is unavailable", status_code=503)
            self.assertEqual(self.client.get(f"/people/{_slug('Vladimir Putin')}/").status_code, 503)


class HostileInputTests(SiteTestCase):
    def test_it_shows_scripts_as_text_in_results(self):
        response = self.client.get("/", {"q": "lighthouse"})
        self.assertContains(response, "&lt;script&gt;alert(1)&lt;/script&gt; Harbour news")
        self.assertNotContains(response, "<script>alert")
        self.assertNotContains(response, "<img src=x")

    def test_it_shows_scripts_as_text_on_the_article_page(self):
        response = self.client.get(self.hostile.get_absolute_url())
        self.assertContains(response, "<h1>&lt;script&gt;alert(1)&lt;/script&gt; Harbour news</h1>", html=True)
        self.assertContains(response, "&lt;img src=x onerror=alert(2)&gt; was posted at the lighthouse.")
        self.assertNotContains(response, "<script>alert")
        self.assertNotContains(response, "<img src=x")

    def test_it_shows_scripts_as_text_on_entity_pages(self):
        response = self.client.get("/outlets/times-of-malta/")
        self.assertContains(response, "&lt;script&gt;alert(1)&lt;/script&gt; Harbour news")
        self.assertNotContains(response, "<script>alert")
        self.assertNotContains(response, "<img src=x")


class ArticlePageTests(SiteTestCase):
    def test_it_links_the_mentions_in_the_text(self):
        response = self.client.get(self.quay.get_absolute_url())
        self.assertContains(response, '<a class="mention" href="/people/vladimir-putin/">Vladimir Putin</a>', html=True)
        self.assertContains(response, '<a class="mention" href="/countries/DE/">Germany</a>', html=True)
        self.assertContains(response, '<a href="/outlets/times-of-malta/">Times of Malta</a>', html=True)
        self.assertContains(response, f'<a href="/articles/{self.quay.pk}/original">Original as uploaded</a>', html=True)

    def test_it_shows_the_spelling_an_article_used(self):
        mention = self.quay.personmention_set.get(person__slug="vladimir-putin")
        mention.spelling = "V. Putin"
        mention.save()
        response = self.client.get(self.quay.get_absolute_url())
        self.assertContains(response, '<span class="meta">as “V. Putin”</span>', html=True)

    def test_it_lists_related_articles(self):
        response = self.client.get(self.bulk[0].get_absolute_url())
        related = response.context["related"]
        self.assertTrue(related)
        self.assertTrue(all(isinstance(a, Article) and a.pk != self.bulk[0].pk for a in related))
        self.assertIn("Zephyr report", related[0].title)

    def test_from_a_hit_it_marks_the_words_and_leads_back_and_on(self):
        results = self.client.get("/", {"q": "zephyr reached", "source": "bulk-wire"})
        first, second = [url for _, url, _ in results.context["hit_rows"][:2]]
        response = self.client.get(first)
        article = response.context["article"]
        self.assertContains(response, "<mark>zephyr</mark> <mark>reached</mark>", html=False)
        self.assertContains(response, '<a href="/?q=zephyr+reached&amp;source=bulk-wire">← Results for “zephyr reached”</a>',
                            html=True)
        self.assertContains(response, f'<a href="{second.replace("&", "&amp;")}" rel="next">Next result →</a>', html=True)
        self.assertNotContains(response, 'rel="prev"')
        self.assertIn(f"/articles/{article.pk}/", first)
        # The last hit of the first page leads on to the first of the second.
        last = self.client.get("/", {"q": "zephyr reached"}).context["hit_rows"][19][1]
        onward = self.client.get(last).context["found"]["next_url"]
        second_page = self.client.get("/", {"q": "zephyr reached", "page": 2}).context["hit_rows"][0][1]
        self.assertEqual(onward, second_page)
        self.assertEqual(self.client.get(second_page).context["found"]["previous_url"], last)

    def test_without_a_search_it_marks_nothing(self):
        response = self.client.get(self.quay.get_absolute_url())
        self.assertNotContains(response, "<mark>")
        self.assertNotContains(response, "Results for")

    def test_it_gives_404_for_a_missing_article(self):
        self.assertEqual(self.client.get("/articles/999999/").status_code, 404)


class EntityPageTests(SiteTestCase):
    def test_a_person_page_lists_articles_and_who_else_is_mentioned(self):
        response = self.client.get("/people/robert-abela/")
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "<h1>Robert Abela</h1>", html=True)
        self.assertEqual(response.context["page"].total, 25)
        self.assertContains(response, '<a href="/?person=robert-abela">Search the 25 articles mentioning Robert Abela</a>', html=True)
        people = {p["label"]: p["count"] for p in response.context["people"]}
        self.assertEqual(people["Maria Borg"], 25)
        self.assertEqual(people["Vladimir Putin"], 1)
        self.assertNotIn("Robert Abela", people)
        countries = {c["label"]: c["count"] for c in response.context["countries"]}
        self.assertEqual(countries["Germany"], 2)
        self.assertEqual(response.context["page"].pages, 2)
        self.assertEqual(len(self.client.get("/people/robert-abela/", {"page": 2}).context["page"].hits), 5)
        self.assertEqual(self.client.get("/people/robert-abela/", {"page": 3}).status_code, 404)

    def test_a_country_page_takes_any_case_and_counts_its_neighbours(self):
        response = self.client.get("/countries/de/")
        self.assertContains(response, "<h1>Germany</h1>", html=True)
        self.assertEqual(response.context["page"].total, 2)
        countries = {c["label"]: c["count"] for c in response.context["countries"]}
        self.assertEqual(countries["Malta"], 2)
        self.assertNotIn("Germany", countries)
        self.assertEqual(sum(bar["count"] for bar in response.context["bars"]), 2)
        self.assertEqual(response.context["bars"][0]["url"], "/?country=DE&from=2024-01-01&to=2024-01-31")

    def test_an_outlet_page_lists_its_articles(self):
        response = self.client.get("/outlets/malta-today/")
        self.assertContains(response, f'<a href="/articles/{self.ferry.pk}/">Ferry strike ends</a>', html=True)
        self.assertEqual(response.context["page"].total, 1)

    def test_an_organization_page_lists_its_articles(self):
        response = self.client.get("/organizations/european-union/")
        self.assertContains(response, "<h1>European Union</h1>", html=True)
        self.assertEqual(response.context["page"].total, 25)

    def test_unknown_entities_give_404(self):
        for url in ("/people/nobody/", "/countries/QQ/", "/organizations/nothing/", "/outlets/nowhere/"):
            self.assertEqual(self.client.get(url).status_code, 404)


def _row(response, facet: str) -> dict:
    row = next(row for row in response.context["facet_rows"] if row["name"] == facet)
    return {v["label"]: v for v in row["values"]}


def _slug(name: str) -> str:
    from archive.models import Person

    return Person.objects.get(name=name).slug


class FacetRowsTests(SimpleTestCase):
    """search/facets.py on a hand-made SearchPage, compared as whole structures."""

    def page(self, **changes) -> SearchPage:
        values = {
            "source": (FacetValue("dan-tri", "Dan Tri", 3, True), FacetValue("mediamax", "Mediamax", 1, False)),
            "person": tuple(FacetValue(f"p{n}", f"P {n}", 20 - n, False) for n in range(12)),
            "country": (), "organization": (),
        }
        fields = {"hits": (), "total": 4, "page": 1, "pages": 1, "facets": values, "histogram": (),
                  "facet_totals": {"source": 2, "person": 12, "country": 0, "organization": 0}}
        return SearchPage(**{**fields, **changes})

    def test_it_builds_rows_with_toggle_urls(self):
        rows = facets.facet_rows(self.page(), QueryDict("q=war&source=dan-tri&page=3"))
        self.assertEqual(rows[0], {
            "name": "source", "title": "Outlets", "singular": "outlet", "total": 2, "truncated": False,
            "more_url": "?q=war&source=dan-tri&more=source", "less_url": "", "findable": False, "find": "",
            "mode": None,  # an article has one outlet: "all of these" would find nothing
            "values": [
                {"value": "dan-tri", "label": "Dan Tri", "count": 3, "selected": True, "excluded": False,
                 "unknown": False, "url": "?q=war", "exclude_url": "?q=war&not_source=dan-tri"},
                {"value": "mediamax", "label": "Mediamax", "count": 1, "selected": False, "excluded": False,
                 "unknown": False, "url": "?q=war&source=dan-tri&source=mediamax",
                 "exclude_url": "?q=war&source=dan-tri&not_source=mediamax"},
            ],
        })
        self.assertEqual((len(rows[1]["values"]), rows[1]["truncated"]), (10, True))
        everything = facets.facet_rows(self.page(), QueryDict("more=person"), more="person")[1]
        self.assertEqual((len(everything["values"]), everything["truncated"], everything["less_url"]), (12, False, "?"))

    def test_it_pages_with_gaps(self):
        links = facets.page_links(self.page(page=7, pages=20), QueryDict("q=war"))
        self.assertEqual([link and link["number"] for link in links["links"]], [1, None, 5, 6, 7, 8, 9, None, 20])
        self.assertEqual((links["previous"], links["next"]), ("?q=war&page=6", "?q=war&page=8"))
        self.assertEqual(facets.page_links(self.page(), QueryDict())["links"], [], "one page: no pagination")

    def test_it_offers_relevance_only_when_there_are_words(self):
        self.assertEqual([s["label"] for s in facets.sort_links(QueryDict("q=war"))],
                         ["relevance", "newest", "oldest", "recently added"])
        self.assertEqual(facets.sort_links(QueryDict("person=x")), [
            {"label": "newest", "current": True, "url": "?person=x"},
            {"label": "oldest", "current": False, "url": "?person=x&sort=oldest"},
            {"label": "recently added", "current": False, "url": "?person=x&sort=added"},
        ])
