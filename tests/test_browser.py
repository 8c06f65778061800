"""A user in a real browser: Playwright drives Debian's chromium against a live server."""

from __future__ import annotations

import re
import unittest
from urllib.parse import urlencode

from archive.ingest.parse import Upload
from archive.ingest.pipeline import ingest_article
from archive.search.spelling import forget_entity_words

from . import copyset
from .browser import BrowserTestCase, expect
from .factories import make_article
from .test_copies import story_and_neighbours


class BrowserTests(BrowserTestCase):
    def setUp(self):
        super().setUp()
        make_article("Lighthouse keepers meet Putin", source="Times of Malta", published="2024-01-10",
                     extra="Vladimir Putin visited the lighthouse in Germany.")
        make_article("Putin skips the lighthouse summit", source="Malta Today", published="2024-02-14",
                     extra="Vladimir Putin stayed in Russia, far from the lighthouse.")
        make_article("Lighthouse restored in Gozo", source="Times of Malta", published="2024-03-02",
                     extra="Olaf Scholz praised the lighthouse from Germany.")
        make_article("<script>alert('x')</script> lighthouse <img src=x onerror=alert(2)>", source="Malta Today",
                     published="2024-03-20", extra="<img src=y onerror=alert(3)> at the lighthouse.")
        self.page = self.new_page()

    def shoot(self, name: str):
        self.page.screenshot(path=str(self.screens / f"{name}.png"), full_page=True)

    def test_a_reader_searches_picks_a_person_and_follows_links(self):
        page = self.page
        page.goto(self.live_server_url + "/")
        page.get_by_role("searchbox", name="Search the archive").fill("lighthouse")
        page.keyboard.press("Enter")
        page.wait_for_url("**/?q=lighthouse*")
        expect(page.locator(".summary strong").first).to_have_text("4")
        self.shoot("1-search")
        self.assertEqual(page.evaluate("document.documentElement.scrollWidth"), 1280, "nothing sticks out sideways")

        page.locator("aside .facet").filter(has_text="People").get_by_role("link", name="Vladimir Putin",
                                                                         exact=True).click()
        page.wait_for_url("**person=vladimir-putin*")
        expect(page.locator(".summary strong").first).to_have_text("2")
        titles = page.locator("ol.results h2 a").all_inner_texts()
        self.assertEqual(sorted(titles), ["Lighthouse keepers meet Putin", "Putin skips the lighthouse summit"])
        expect(page.locator(".chip")).to_have_count(1)
        expect(page.locator(".facet li.selected")).to_contain_text("Vladimir Putin")
        self.shoot("2-person-facet")

        page.get_by_role("link", name="Lighthouse keepers meet Putin").click()
        expect(page.locator("h1")).to_have_text("Lighthouse keepers meet Putin")
        expect(page.locator("a.mention", has_text="Germany")).to_have_count(1)
        self.shoot("3-article")

        page.locator("a.mention", has_text="Germany").click()
        expect(page.locator("h1")).to_have_text("Germany")
        expect(page.locator("ol.results h2 a")).to_have_count(2)
        self.shoot("4-country")

        page.get_by_role("link", name="Vladimir Putin").first.click()
        expect(page.locator("h1")).to_have_text("Vladimir Putin")
        self.shoot("5-person")
        self.assertEqual(self.dialogs, [])

        page.set_viewport_size({"width": 390, "height": 844})
        page.goto(self.live_server_url + "/?q=lighthouse&person=vladimir-putin")
        self.assertLessEqual(page.evaluate("document.documentElement.scrollWidth"), 390)
        self.shoot("8-phone")

    def test_common_words_do_not_stop_a_search_and_the_article_marks_what_was_searched(self):
        page = self.page
        page.goto(self.live_server_url + "/")
        page.get_by_role("searchbox", name="Search the archive").fill("the prime minister")
        page.keyboard.press("Enter")
        page.wait_for_url("**/?q=the+prime+minister*")
        # Every story quotes the prime minister: all four are found, "the" required nowhere.
        expect(page.locator(".summary strong").first).to_have_text("4")
        expect(page.locator(".notice.suggestion")).to_have_count(0)
        expect(page.locator("ol.results .snippet mark").first).to_have_text(re.compile("Prime|Minister"))
        self.shoot("9-common-words")
        page.locator("ol.results h2 a").first.click()
        expect(page.locator("nav.hitnav")).to_contain_text("Results for “the prime minister”")
        marks = page.locator("article.body p mark").all_inner_texts()
        self.assertIn("Prime", marks)
        self.assertIn("Minister", marks)
        self.assertNotIn("the", [m.lower() for m in marks])
        self.shoot("10-article-marked")
        page.get_by_role("link", name="Next result →").click()
        expect(page.locator("nav.hitnav")).to_contain_text("Result 2 of 4")
        page.get_by_role("link", name="← Results for “the prime minister”").click()
        expect(page.locator(".summary strong").first).to_have_text("4")

    def test_a_misspelled_name_leads_through_the_suggestion_to_the_persons_articles(self):
        forget_entity_words()
        page = self.page
        page.goto(self.live_server_url + "/")
        page.get_by_role("searchbox", name="Search the archive").fill("Vladimir Pution")
        page.keyboard.press("Enter")
        suggestion = page.locator(".notice.suggestion a")
        expect(suggestion).to_have_text("Vladimir Putin")
        self.shoot("11-did-you-mean")
        suggestion.click()
        page.wait_for_url("**/?q=Vladimir+Putin*")
        titles = page.locator("ol.results h2 a").all_inner_texts()
        self.assertEqual(sorted(titles), ["Lighthouse keepers meet Putin", "Putin skips the lighthouse summit"])
        expect(page.locator(".notice.suggestion")).to_have_count(0)
        for tags in page.locator("ol.results .tags").all_inner_texts():
            self.assertIn("Vladimir Putin", tags)
        self.shoot("12-suggestion-followed")

    def test_hostile_titles_and_queries_stay_text(self):
        page = self.page
        page.goto(self.live_server_url + "/?q=" + "lighthouse <img src=z onerror=alert(4)>")
        page.goto(self.live_server_url + "/?q=lighthouse&sort=newest")
        title = page.locator("ol.results h2 a").first
        expect(title).to_have_text("<script>alert('x')</script> lighthouse <img src=x onerror=alert(2)>")
        self.shoot("6-hostile-results")
        title.click()
        expect(page.locator("h1")).to_contain_text("<script>")
        expect(page.locator("article.body")).to_contain_text("<img src=y onerror=alert(3)>")
        self.assertEqual(page.locator("article.body img").count(), 0)
        self.assertEqual(page.locator("main script", has_text="alert").count(), 0, "the page's own scripts only")
        self.shoot("7-hostile-article")
        self.assertEqual(self.dialogs, [], "no script ran")

    def test_an_editor_corrects_a_title_and_restores_it_from_the_history(self):
        from django.contrib.auth import get_user_model

        from archive.models import Article

        get_user_model().objects.create_superuser("editor", "", "pw")
        article = Article.objects.get(title="Lighthouse restored in Gozo")
        page = self.page
        page.goto(self.live_server_url + f"/admin/archive/article/{article.pk}/change/")
        page.get_by_label("Username:").fill("editor")
        page.get_by_label("Password:").fill("pw")
        page.get_by_role("button", name="Log in").click()
        expect(page.get_by_label("Title:")).to_have_value("Lighthouse restored in Gozo")
        self.assertEqual(page.locator("textarea[name=body_html], input[name=body_html]").count(), 0)
        page.get_by_label("Title:").fill("Gozo lighthouse reopens after restoration")
        page.get_by_label("Published:").fill("2024-03-03")
        page.get_by_role("button", name="Save", exact=True).click()
        expect(page.locator(".messagelist")).to_contain_text("was changed successfully")

        page.goto(self.live_server_url + f"/admin/archive/article/{article.pk}/change/")
        page.get_by_role("link", name="History").click()
        rows = page.locator("#change-history tbody tr")
        expect(rows).to_have_count(2)
        expect(rows.first).to_contain_text("editor")
        expect(rows.first).to_contain_text("edited: title, published")
        expect(rows.first).to_contain_text("Lighthouse restored in Gozo")  # what the change replaced
        expect(rows.first).to_contain_text("Gozo lighthouse reopens after restoration")
        expect(rows.last).to_contain_text("as imported")
        expect(rows.last).not_to_contain_text("editor")
        self.shoot("8-article-history")

        rows.last.get_by_role("link").first.click()
        expect(page.get_by_label("Title:")).to_have_value("Lighthouse restored in Gozo")
        page.get_by_role("button", name="Revert").click()
        page.goto(self.live_server_url + f"/articles/{article.pk}/")
        expect(page.locator("h1")).to_have_text("Lighthouse restored in Gozo")
        page.goto(self.live_server_url + "/?q=reopens")
        expect(page.locator("ol.results li.hit")).to_have_count(0)

    @unittest.skipUnless(copyset.available(), "../shared/corpus/bbc not found: the copies walk-through is skipped")
    def test_a_reader_sees_one_story_from_several_outlets_once_and_compares_the_copies(self):
        story, copies, _ = story_and_neighbours()
        for version in (story, *copies):
            text = f"{version.title}\n\n{version.body}\n".encode()
            ingest_article(Upload(text, f"{version.key}.txt", "text/plain", {"source": version.outlet}))
        page = self.page
        words = " ".join(story.title.split()[:3])
        page.goto(self.live_server_url + "/")
        page.get_by_role("searchbox", name="Search the archive").fill(words)
        page.keyboard.press("Enter")
        page.wait_for_url("**/?q=*")
        titles = {version.title for version in (story, *copies)}
        shown = [t for t in page.locator("ol.results h2 a").all_inner_texts() if t in titles]
        self.assertEqual(len(shown), 1, "one hit for the story")
        hit = page.locator("li.hit").filter(has=page.locator("p.also"))
        expect(hit).to_have_count(1)
        expect(hit.locator("p.also")).to_contain_text("Also reported by")
        expect(page.locator(".copies-note")).to_contain_text("Show every copy")
        self.shoot("copies-1-search")

        hit.get_by_role("link", name="compare the copies").click()
        expect(page.locator("#copies")).to_have_text("Other copies of this story")
        expect(page.locator("#copies + ul li")).to_have_count(2)
        self.shoot("copies-2-article")

        # The copies are not listed again among the related articles.
        related = page.locator("h2:has-text('Related articles') + ul a").all_inner_texts()
        self.assertFalse(titles & set(related), related)
        page.locator("#copies + ul").get_by_role("link", name="what it changed").first.click()
        expect(page.locator("h1")).to_be_visible()
        if page.locator(".comparison").count() == 0:  # that one is the earliest: open another's changes
            page.locator("ul.related a").first.click()
        expect(page.locator("h1")).to_contain_text("changed")
        self.assertGreater(page.locator(".comparison ins").count(), 0, "added text is marked")
        self.assertGreater(page.locator(".comparison .block.same").count(), 0, "the shared paragraphs are shown")
        self.shoot("copies-3-changes")
        page.set_viewport_size({"width": 390, "height": 844})
        self.assertLessEqual(page.evaluate("document.documentElement.scrollWidth"), 390)
        self.shoot("copies-4-changes-phone")

        page.set_viewport_size({"width": 1280, "height": 900})
        page.goto(self.live_server_url + "/?" + urlencode({"q": words, "copies": "all"}))
        shown = [t for t in page.locator("ol.results h2 a").all_inner_texts() if t in titles]
        self.assertEqual(len(shown), 3, "every copy on request")
        self.assertEqual(self.dialogs, [])
