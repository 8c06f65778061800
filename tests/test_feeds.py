"""Every search as an Atom feed, and searches staff save and follow, through real requests."""

from __future__ import annotations

import feedparser
from django.contrib.auth.models import User

from archive.models import SavedSearch

from .factories import IndexedTestCase, make_article


class SearchFeedTests(IndexedTestCase):
    def setUp(self):
        super().setUp()
        with self.captureOnCommitCallbacks(execute=True):
            # Added in this order; published in another.
            self.old_story = make_article("Harbour quay opens", source="Port Gazette", published="2019-03-02",
                                          extra="A lighthouse beside the pier was repainted.")
            self.other = make_article("Bridge repairs begin", source="Kyiv Post", published="2024-01-15",
                                      extra="President Volodymyr Zelensky opened the bridge in Ukraine.")
            self.newest = make_article("Harbour quay delayed again", source="Mediamax", published="2023-12-28",
                                       extra="The lighthouse stayed dark all week.")

    def feed(self, **params):
        response = self.client.get("/feed", params)
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response["Content-Type"].startswith("application/atom+xml"), response["Content-Type"])
        parsed = feedparser.parse(response.content)
        self.assertFalse(parsed.bozo, parsed.get("bozo_exception"))  # well-formed
        self.assertEqual(parsed.version, "atom10")
        return parsed

    def test_a_search_feed_lists_the_matches_most_recently_added_first(self):
        parsed = self.feed(q="lighthouse")
        titles = [entry.title for entry in parsed.entries]
        self.assertEqual(titles, ["Harbour quay delayed again", "Harbour quay opens"])  # by time added, not date
        entry = parsed.entries[0]
        self.assertIn("Mediamax, 28 December 2023.", entry.summary)
        self.assertNotIn("<mark>", entry.summary)
        self.assertIn("lighthouse", parsed.feed.title.lower())
        for entry in parsed.entries:
            self.assertEqual(self.client.get(entry.link).status_code, 200)
        self.assertEqual(self.client.get(parsed.feed.link).status_code, 200)

    def test_the_feed_keeps_the_searchs_filters_and_dates(self):
        parsed = self.feed(q="lighthouse", source="port-gazette")
        self.assertEqual([e.title for e in parsed.entries], ["Harbour quay opens"])
        parsed = self.feed(q="lighthouse", **{"from": "2023-01-01"})
        self.assertEqual([e.title for e in parsed.entries], ["Harbour quay delayed again"])
        self.assertEqual(self.feed(q="nothingmatcheszzz").entries, [])

    def test_the_search_page_links_its_feed(self):
        html = self.client.get("/", {"q": "quay", "source": "mediamax"}).content.decode()
        self.assertIn('type="application/atom+xml"', html)
        self.assertIn('href="/feed?q=quay&amp;source=mediamax"', html)


class SavedSearchTests(IndexedTestCase):
    def setUp(self):
        super().setUp()
        self.staff = User.objects.create_user("editor", password="pw", is_staff=True, is_superuser=True)
        with self.captureOnCommitCallbacks(execute=True):
            make_article("Harbour quay opens", source="Port Gazette", published="2019-03-02",
                         extra="A lighthouse beside the pier was repainted.")

    def test_staff_save_a_search_and_see_what_it_gained_since_they_last_looked(self):
        self.client.force_login(self.staff)
        page = self.client.get("/", {"q": "quay"}).content.decode()
        self.assertIn("Follow this search as", page)
        response = self.client.post("/searches/save", {"name": "Quay works", "query": "q=lighthouse"}, follow=True)
        self.assertContains(response, "Saved as “Quay works”")
        saved = SavedSearch.objects.get(name="Quay works")
        self.assertEqual(saved.query, "q=lighthouse")

        admin = self.client.get("/admin/archive/savedsearch/").content.decode()
        self.assertIn("nothing new", admin)
        with self.captureOnCommitCallbacks(execute=True):
            make_article("Harbour quay delayed again", source="Mediamax", published="2018-01-01",
                         extra="The lighthouse stayed dark all week.")  # older, but added now
            make_article("Bridge repairs begin", source="Kyiv Post", extra="Unrelated words only.")
        admin = self.client.get("/admin/archive/savedsearch/").content.decode()
        self.assertIn("1 new", admin)

        opened = self.client.get(f"/searches/{saved.pk}/open")
        self.assertEqual(opened.status_code, 302)
        self.assertIn("sort=added", opened["Location"])
        self.assertIn("nothing new", self.client.get("/admin/archive/savedsearch/").content.decode())

    def test_a_search_cannot_be_saved_without_a_name_twice_too_long_or_by_readers(self):
        self.client.force_login(self.staff)
        response = self.client.post("/searches/save", {"name": " ", "query": "q=quay"}, follow=True)
        self.assertContains(response, "Give the search a name")
        self.client.post("/searches/save", {"name": "Quay", "query": "q=quay"})
        response = self.client.post("/searches/save", {"name": "Quay", "query": "q=pier"}, follow=True)
        self.assertContains(response, "already named")
        response = self.client.post("/searches/save", {"name": "Long", "query": "q=" + "Երևան " * 200}, follow=True)
        self.assertContains(response, "too long to save")
        self.assertEqual(list(SavedSearch.objects.values_list("name", flat=True)), ["Quay"])
        SavedSearch.objects.all().delete()
        self.client.logout()
        self.assertNotIn("Follow this search", self.client.get("/", {"q": "quay"}).content.decode())
        response = self.client.post("/searches/save", {"name": "Mine", "query": "q=quay"})
        self.assertEqual(response.status_code, 302)
        self.assertIn("/admin/login/", response["Location"])
        self.assertFalse(SavedSearch.objects.exists())
