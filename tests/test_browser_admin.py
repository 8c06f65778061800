"""Staff in a real browser: the review list of likely mistakes and an import job's page, on a desktop and a phone."""

from __future__ import annotations

from django.contrib.auth import get_user_model

from archive.models import ImportItem, ImportJob, Person, PersonMention, unique_slug

from .browser import DESKTOP, PHONE, BrowserTestCase, expect
from .factories import make_article


class AdminBrowserTests(BrowserTestCase):
    def setUp(self):
        super().setUp()
        get_user_model().objects.create_superuser("editor", "", "pw")
        self.article = make_article("Harbour quay opens", source="Port Gazette", published="2024-03-02")
        for name in ("Library", "Clarence House", "Harry", "european councils board of the harbour authority"):
            person = Person.objects.create(name=name, slug=unique_slug(Person, name))
            PersonMention.objects.create(article=self.article, person=person, spelling=name, spellings={name: 1})

    def open(self, viewport: dict, path: str):
        page = self.new_page(viewport)
        page.goto(self.live_server_url + "/admin/login/?next=" + path)
        page.get_by_label("Username:").fill("editor")
        page.get_by_label("Password:").fill("pw")
        page.get_by_role("button", name="Log in").click()
        return page

    def test_staff_review_likely_mistakes_and_reject_one(self):
        for label, viewport in (("desktop", DESKTOP), ("phone", PHONE)):
            with self.subTest(label):
                page = self.open(viewport, "/admin/archive/person/")
                page.get_by_role("link", name="Review likely mistakes").click()
                expect(page.locator("h1")).to_have_text("People to review")
                rows = page.locator("#result_list tbody tr")
                expect(rows.first).to_contain_text("Library")
                expect(page.locator("#result_list")).to_contain_text("names a place, building or institution")
                self.assertNotIn("Robert Abela", page.locator("#result_list").inner_text())
                self.screenshot(page, f"admin-review-{label}")
                self.assert_no_sideways_scroll(page)
        page.get_by_label("Select Library").check()
        page.get_by_label("Action:").select_option("reject_selected")
        page.get_by_role("button", name="Go").click()
        expect(page.locator(".messagelist")).to_contain_text("Rejected 1")
        expect(page.locator("h1")).to_have_text("People to review")
        self.assertNotIn("Library", page.locator("#result_list").inner_text())
        self.assertTrue(Person.objects.get(name="Library").rejected)

    def test_staff_select_every_name_listed_at_once(self):
        page = self.open(DESKTOP, "/admin/archive/person/review/")
        rows = page.locator("#result_list tbody tr")
        listed = rows.count()
        self.assertGreaterEqual(listed, 3)
        page.get_by_label("Select every name listed").check()
        expect(page.locator("#result_list tbody input:checked")).to_have_count(listed)
        page.get_by_label("Select Library").uncheck()  # one taken back: "every" is no longer true
        expect(page.get_by_label("Select every name listed")).not_to_be_checked()
        page.get_by_label("Select Library").check()
        expect(page.get_by_label("Select every name listed")).to_be_checked()
        page.get_by_label("Action:").select_option("reject_selected")
        page.get_by_role("button", name="Go").click()
        expect(page.locator(".messagelist")).to_contain_text(f"Rejected {listed}")
        self.assertEqual(Person.objects.filter(rejected=True).count(), listed)

    def test_staff_read_a_job_page_with_its_articles(self):
        done = ImportJob.objects.create(name="harbour-stories-with-a-rather-long-name-2024-03.zip", state="done",
                                        total=2)
        ImportItem.objects.create(job=done, position=0, name=done.name + "/stories/quay-opens.txt",
                                  state="imported", article=self.article)
        ImportItem.objects.create(job=done, position=1, name=done.name + "/README.md", state="rejected",
                                  reason="no article text was found after removing headline and page furniture")
        queued = ImportJob.objects.create(name="later.zip")
        for label, viewport in (("desktop", DESKTOP), ("phone", PHONE)):
            with self.subTest(label):
                page = self.open(viewport, done.get_absolute_url())
                expect(page.locator("#job-done")).to_have_text("2")
                link = page.get_by_role("link", name=f"#{self.article.pk} Harbour quay opens")
                expect(link).to_have_attribute("href", self.article.get_absolute_url())
                expect(page.locator("#imported-rows a.edit")).to_have_text("edit")
                self.screenshot(page, f"admin-job-done-{label}")
                self.assert_no_sideways_scroll(page)
                page.goto(self.live_server_url + queued.get_absolute_url())
                expect(page.locator("#job-items-words")).to_have_text("waiting for a worker")
                expect(page.locator("#job-count")).to_be_hidden()
                self.screenshot(page, f"admin-job-queued-{label}")
                self.assert_no_sideways_scroll(page)
                page.goto(self.live_server_url + "/admin/archive/importjob/")
                self.screenshot(page, f"admin-jobs-{label}")
                page.goto(self.live_server_url + "/admin/archive/article/upload/")
                expect(page.get_by_role("link", name="All import jobs")).to_be_visible()
                self.screenshot(page, f"admin-upload-{label}")
                self.assert_no_sideways_scroll(page)
        page.goto(self.live_server_url + done.get_absolute_url())
        page.get_by_role("link", name=f"#{self.article.pk} Harbour quay opens").click()
        page.wait_for_url(self.live_server_url + self.article.get_absolute_url())
