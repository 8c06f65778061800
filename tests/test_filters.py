"""The search page's filters through the test client: exclude, all of, Unknown outlet, Undated, the filter box."""

from __future__ import annotations

from archive.search.base import NO_SOURCE

from .factories import IndexedTestCase


class FilterTestCase(IndexedTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.both = cls.ingest("Harbour talks in Valletta", source="Times of Malta", published="2024-01-10",
                              extra="Vladimir Putin and Olaf Scholz met in Germany about the lighthouse.")
        cls.putin = cls.ingest("Lighthouse visit", source="Malta Today", published="2023-03-02",
                               extra="Vladimir Putin visited the lighthouse in Russia.")
        cls.scholz = cls.ingest("Lighthouse plans", source="Times of Malta",
                                extra="Olaf Scholz spoke in Germany about the lighthouse.")
        cls.nameless = cls.ingest("Lighthouse keepers strike", published="2024-02-14",
                                  extra="The lighthouse keepers of Gozo went on strike.")

    def ids(self, response) -> set[int]:
        return {hit.id for hit, _, _ in response.context["hit_rows"]}


class ExcludeAndAllOfTests(FilterTestCase):
    def test_an_excluded_outlet_leaves_its_articles_out_and_can_be_taken_back(self):
        response = self.client.get("/", {"q": "lighthouse", "not_source": "times-of-malta"})
        self.assertEqual(self.ids(response), {self.putin.pk, self.nameless.pk})
        self.assertContains(response, '<a class="chip excluded" href="?q=lighthouse" title="Remove this filter">'
                                      'Not outlet: Times of Malta<span class="x" aria-hidden="true"> ×</span>'
                                      '<span class="sr"> (remove)</span></a>', html=True)
        row = response.context["facet_rows"][0]
        excluded = next(v for v in row["values"] if v["value"] == "times-of-malta")
        self.assertEqual((excluded["excluded"], excluded["count"], excluded["url"]), (True, 2, "?q=lighthouse"))

    def test_each_value_offers_to_leave_it_out(self):
        response = self.client.get("/", {"q": "lighthouse"})
        people = response.context["facet_rows"][1]["values"]
        putin = next(v for v in people if v["label"] == "Vladimir Putin")
        self.assertEqual(putin["exclude_url"], "?q=lighthouse&not_person=vladimir-putin")
        self.assertContains(response, 'aria-label="Leave out Vladimir Putin"')
        left = self.client.get("/" + putin["exclude_url"])
        self.assertEqual(self.ids(left), {self.scholz.pk, self.nameless.pk})

    def test_all_of_the_picked_people_means_both(self):
        either = self.client.get("/", {"person": ["vladimir-putin", "olaf-scholz"]})
        self.assertEqual(self.ids(either), {self.both.pk, self.putin.pk, self.scholz.pk})
        mode = either.context["facet_rows"][1]["mode"]
        self.assertEqual(mode["every"], False)
        both = self.client.get("/" + mode["all_url"])
        self.assertEqual(self.ids(both), {self.both.pk})
        self.assertContains(both, "Person (all of): Vladimir Putin")
        self.assertEqual(both.context["facet_rows"][1]["mode"]["any_url"],
                         "?person=vladimir-putin&person=olaf-scholz")

    def test_picking_an_excluded_value_takes_the_exclusion_away(self):
        response = self.client.get("/", {"q": "lighthouse", "not_person": "vladimir-putin", "person": "olaf-scholz"})
        self.assertEqual(self.ids(response), {self.scholz.pk})
        scholz = next(v for v in response.context["facet_rows"][1]["values"] if v["value"] == "olaf-scholz")
        self.assertEqual(scholz["exclude_url"], "?q=lighthouse&not_person=vladimir-putin&not_person=olaf-scholz")


class UnknownAndUndatedTests(FilterTestCase):
    def test_unknown_outlet_is_a_value_that_can_be_picked(self):
        response = self.client.get("/", {"q": "lighthouse"})
        unknown = next(v for v in response.context["facet_rows"][0]["values"] if v["value"] == NO_SOURCE)
        self.assertEqual((unknown["label"], unknown["count"], unknown["unknown"]), ("Unknown outlet", 1, True))
        self.assertEqual(self.ids(self.client.get("/" + unknown["url"])), {self.nameless.pk})
        self.assertEqual(len(self.ids(self.client.get("/" + unknown["exclude_url"]))), 3)

    def test_undated_articles_are_counted_beside_the_chart_and_can_be_seen_alone_or_left_out(self):
        response = self.client.get("/", {"q": "lighthouse", "sort": "newest"})
        dates = response.context["dates"]
        self.assertEqual(dates["undated"], 1)
        self.assertContains(response, "1 undated article comes last.")
        self.assertEqual([y["year"] for y in dates["years"]], ["2023", "2024"])
        self.assertEqual(dates["years"][0]["url"], "?q=lighthouse&sort=newest&from=2023-01-01&to=2023-12-31")
        self.assertEqual(self.ids(self.client.get("/" + dates["only_url"])), {self.scholz.pk})
        dated = self.client.get("/" + dates["leave_out_url"])
        self.assertEqual(len(self.ids(dated)), 3)
        self.assertContains(dated, "Date: dated only")
        self.assertNotContains(dated, "undated article comes last")

    def test_the_api_lists_the_unknown_outlet_and_undated_counts(self):
        data = self.client.get("/api/search", {"q": "lighthouse"}).json()
        self.assertEqual((data["unknown_outlet"], data["undated"]), (1, 1))
        self.assertIn({"value": NO_SOURCE, "label": "Unknown outlet", "count": 1, "selected": False, "excluded": False},
                      data["facets"]["source"])
        excluded = self.client.get("/api/search", {"q": "lighthouse", "not_source": NO_SOURCE, "undated": "exclude"})
        self.assertEqual(excluded.json()["total"], 2)

    def test_left_out_unknown_outlets_count_as_none_found(self):
        data = self.client.get("/api/search", {"q": "lighthouse", "not_source": NO_SOURCE}).json()
        self.assertEqual((data["total"], data["unknown_outlet"]), (3, 0))
        feed = self.client.get("/feed", {"q": "lighthouse", "not_source": NO_SOURCE}).content.decode()
        self.assertIn("not source: Unknown outlet", feed)

    def test_a_value_both_picked_and_left_out_is_left_out(self):
        response = self.client.get("/", {"q": "lighthouse", "person": "vladimir-putin", "not_person": "vladimir-putin"})
        self.assertEqual(self.ids(response), {self.scholz.pk, self.nameless.pk})
        people = [v["value"] for v in response.context["facet_rows"][1]["values"]]
        self.assertEqual(people.count("vladimir-putin"), 1)

    def test_bad_filter_values_are_dropped_not_errors(self):
        response = self.client.get("/", {"q": "lighthouse", "undated": "sometimes", "every": "nonsense",
                                         "not_person": "x" * 500})
        self.assertEqual(response.status_code, 200)
        self.assertEqual(len(self.ids(response)), 4)


class FilterBoxTests(FilterTestCase):
    def test_the_box_narrows_a_facet_by_name_without_javascript(self):
        response = self.client.get("/", {"q": "lighthouse", "more": "person", "find": "scho"})
        people = response.context["facet_rows"][1]
        self.assertEqual([v["label"] for v in people["values"]], ["Olaf Scholz"])
        self.assertEqual(people["find"], "scho")
        self.assertEqual(len(self.ids(response)), 4, "the results are not narrowed by the box")
        # Picking the value found keeps the box's list; "Show fewer" forgets the box.
        self.assertEqual(people["values"][0]["url"], "?q=lighthouse&more=person&find=scho&person=olaf-scholz")
        self.assertEqual(people["less_url"], "?q=lighthouse")

    def test_another_facets_long_list_starts_without_the_box_text(self):
        response = self.client.get("/", {"q": "lighthouse", "more": "person", "find": "scho"})
        countries = response.context["facet_rows"][2]
        self.assertEqual(countries["more_url"], "?q=lighthouse&more=country")
        long_text = self.client.get("/", {"q": "lighthouse", "more": "person", "find": "scho " + "x" * 300})
        self.assertEqual(long_text.context["facet_rows"][1]["values"], [], "a long text is cut, not ignored")

    def test_the_box_answers_as_json_for_the_page_script(self):
        data = self.client.get("/api/facet", {"q": "lighthouse", "more": "person", "find": "PUT"}).json()
        self.assertEqual([(v["label"], v["count"]) for v in data["values"]], [("Vladimir Putin", 2)])
        self.assertEqual(data["values"][0]["exclude_url"], "?q=lighthouse&more=person&find=PUT&not_person=vladimir-putin")
        self.assertEqual(data["total"], 1)
        self.assertEqual(self.client.get("/api/facet", {"q": "lighthouse"}).status_code, 400)
        nothing = self.client.get("/api/facet", {"more": "country", "find": "<script>"}).json()
        self.assertEqual(nothing["values"], [])


class FollowedFilterTests(FilterTestCase):
    def test_the_feed_and_the_export_keep_every_filter(self):
        params = {"q": "lighthouse", "not_source": "times-of-malta", "undated": "exclude"}
        feed = self.client.get("/feed", params).content.decode()
        self.assertIn("not source: times-of-malta", feed)
        self.assertIn("dated only", feed)
        for kept in (self.putin, self.nameless):
            self.assertIn(f"/articles/{kept.pk}/", feed)
        for left in (self.both, self.scholz):
            self.assertNotIn(f"/articles/{left.pk}/", feed)
        rows = b"".join(self.client.get("/export.csv", params).streaming_content).decode().splitlines()
        # The header, and the dated articles of other outlets (or none known).
        self.assertEqual(sorted(int(row.split(",")[0]) for row in rows[1:]), sorted([self.putin.pk, self.nameless.pk]))
