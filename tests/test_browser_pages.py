"""The front page's overview, an article's citation and an entity's chart, in a real browser at desktop and phone widths."""

from __future__ import annotations

from django.contrib.auth.models import User

from .browser import BrowserTestCase, expect
from .factories import make_article

WIDTHS = {"desktop": (1280, 900), "phone": (390, 844)}


class PageBrowserTests(BrowserTestCase):
    def setUp(self):
        super().setUp()
        # Clipboard rights: the copy buttons are tested for what they put there.
        self.context = self.browser.new_context(viewport={"width": 1280, "height": 900},
                                                permissions=["clipboard-read", "clipboard-write"])
        self.page = self.context.new_page()
        self.errors = []
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        # A hostile title that ran as markup would open a dialog.
        self.page.on("dialog", lambda dialog: (self.errors.append(dialog.message), dialog.dismiss()))

    def tearDown(self):
        self.context.close()
        self.assertEqual(self.errors, [], "no script errors and no dialogs")

    def load(self):
        """Articles enough for an overview and a chart: dated over months, some undated, one hostile title."""
        for n, month in enumerate(("2024-01-12", "2024-01-20", "2024-03-05", "2024-06-18", "2024-07-02")):
            make_article(f"Tram line reaches the harbour, stage {n + 1}", source="Coastal Herald", published=month,
                         author="Elsa Varn", url=f"https://herald.example/tram/{n}",
                         extra="Tamsin Ordway spoke in Germany and France.")
        for n in range(3):
            make_article(f"Quarry permits frozen again, note {n + 1}", source="Island Courier",
                         extra="Tamsin Ordway visited Germany.")
        return make_article("<script>alert('x')</script> Lantern festival returns", source="Island Courier",
                            published="2024-07-20", extra="<img src=x onerror=alert(2)> at the bay.")

    def at_each_width(self, name: str, focus: str = ""):
        """Screenshots at desktop and phone widths (whole page, and the `focus` element alone), and nothing
        sticking out sideways at either."""
        for label, (width, height) in WIDTHS.items():
            self.page.set_viewport_size({"width": width, "height": height})
            self.page.screenshot(path=str(self.screens / f"{name}-{label}.png"), full_page=True)
            if focus:
                self.page.locator(focus).screenshot(path=str(self.screens / f"{name}-{label}-part.png"))
            self.assertLessEqual(self.page.evaluate("document.documentElement.scrollWidth"), width,
                                 f"{name} overflows at {width} px")
        self.page.set_viewport_size({"width": 1280, "height": 900})

    def test_an_empty_archive_tells_visitors_and_staff_what_to_do(self):
        page = self.page
        page.goto(self.live_server_url + "/")
        expect(page.locator(".overview h2")).to_have_text("Nothing is archived yet")
        expect(page.locator(".summary")).to_be_hidden()
        expect(page.get_by_text("No articles match")).to_be_hidden()
        self.at_each_width("1-home-empty-visitor")

        User.objects.create_superuser("editor", password="pages-test-password")
        page.goto(self.live_server_url + "/admin/login/?next=/")
        page.fill("#id_username", "editor")
        page.fill("#id_password", "pages-test-password")
        page.locator("input[type=submit]").click()
        page.wait_for_url(self.live_server_url + "/")
        expect(page.locator(".overview code").first).to_have_text("manage.py import_articles <files or folder>")
        self.at_each_width("2-home-empty-staff", "main")
        page.get_by_role("link", name="Upload articles").click()
        page.wait_for_url("**/admin/archive/article/upload/")

    def test_a_loaded_archive_explains_itself_and_its_links_lead_on(self):
        hostile = self.load()
        page = self.page
        page.goto(self.live_server_url + "/")
        overview = page.locator(".overview")
        expect(overview.locator(".stats")).to_contain_text("9")
        expect(overview.locator(".stats")).to_contain_text("3 undated")
        expect(overview.get_by_role("link", name=hostile.title)).to_have_count(1)
        self.at_each_width("3-home-loaded", ".overview")

        overview.locator(".examples a").last.click()
        page.wait_for_url("**/?q=*")
        self.assertGreater(int(page.locator(".summary strong").first.inner_text()), 0, "the example phrase finds")
        expect(page.locator(".overview")).to_have_count(0)

        page.goto(self.live_server_url + "/")
        overview.get_by_role("link", name="Tamsin Ordway").click()
        expect(page.locator("h1")).to_have_text("Tamsin Ordway")

    def test_an_article_gives_a_citation_and_a_link_to_copy(self):
        article = self.load()
        page = self.page
        page.goto(self.live_server_url + article.get_absolute_url())
        cite = page.locator("#cite-text")
        expect(cite).to_contain_text("Island Courier. “<script>alert('x')</script> Lantern festival returns.” 20 July 2024.")
        permalink = f"{self.live_server_url}/articles/{article.pk}/"
        expect(page.locator("#permalink")).to_have_value(permalink)
        page.get_by_role("button", name="Copy", exact=True).click()
        expect(page.get_by_role("button", name="Copied")).to_have_count(1)
        self.assertEqual(page.evaluate("navigator.clipboard.readText()"), permalink)
        page.get_by_role("button", name="Copy citation").click()
        self.assertIn(permalink, page.evaluate("navigator.clipboard.readText()"))
        page.locator(".citation").scroll_into_view_if_needed()
        self.at_each_width("4-article-citation", ".citation")

    def test_a_person_page_charts_mentions_by_month_and_counts_the_undated(self):
        self.load()
        page = self.page
        page.goto(self.live_server_url + "/people/tamsin-ordway/")
        chart = page.locator(".entity-chart")
        expect(chart.locator("h2")).to_have_text("Articles mentioning Tamsin Ordway over time")
        expect(chart).to_contain_text("3 undated articles are not in the chart.")
        expect(chart.locator("a.bar")).to_have_count(7)  # January to July 2024, empty months included
        self.at_each_width("5-person-chart", ".entity-chart")
        chart.locator("a.bar").first.click()
        page.wait_for_url("**/?person=tamsin-ordway&from=2024-01-01&to=2024-01-31")
        expect(page.locator(".summary strong").first).to_have_text("2")
