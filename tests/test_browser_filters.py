"""A researcher narrows a search in a real browser: leave values out, require all, find a value in a long list,
the articles without outlet or date; on a desktop, on a phone, and without JavaScript."""

from __future__ import annotations

from .browser import DESKTOP, PHONE, BrowserTestCase, expect
from .factories import make_article

PEOPLE = ["Angela Merkel", "Emmanuel Macron", "Pedro Sanchez", "Mark Rutte", "Donald Tusk", "Viktor Orban",
          "Giorgia Meloni", "Antonio Costa", "Alexander De Croo", "Kyriakos Mitsotakis", "Petr Fiala", "Leo Varadkar"]


class FilterBrowserTests(BrowserTestCase):
    def setUp(self):
        super().setUp()
        make_article("Lighthouse talks in Valletta", source="Times of Malta", published="2024-01-10",
                     extra="Vladimir Putin and Olaf Scholz met about the lighthouse in Germany.")
        make_article("Putin visits the lighthouse", source="Malta Today", published="2023-02-14",
                     extra="Vladimir Putin visited the lighthouse in Russia.")
        make_article("Scholz praises the lighthouse", source="Times of Malta",
                     extra="Chancellor Olaf Scholz praised the lighthouse from Germany.")
        make_article("Lighthouse keepers strike", published="2024-03-20",
                     extra="The lighthouse keepers of Gozo went on strike.")
        for n, name in enumerate(PEOPLE):
            make_article(f"Lighthouse summit day {n + 1}", source="Bulk Wire", published=f"2023-06-{n + 1:02d}",
                         extra=f"Prime Minister {name} said the lighthouse summit went well.")

    def search(self, page, query: str):
        page.goto(self.live_server_url + "/?" + query)

    def count(self, page) -> int:
        return int(page.locator(".summary strong").first.inner_text())

    def test_on_a_desktop_values_are_left_out_required_together_and_found_by_name(self):
        page = self.new_page(DESKTOP)
        self.search(page, "q=lighthouse")
        total = self.count(page)
        self.assertEqual(total, 16)
        outlets = page.locator("#facet-source")
        expect(outlets.locator("li.unknown")).to_contain_text("Unknown outlet")
        outlets.get_by_role("link", name="Leave out Bulk Wire").click()
        page.wait_for_url("**not_source=bulk-wire*")
        self.assertEqual(self.count(page), 4)
        expect(page.locator(".chip.excluded")).to_have_text("Not outlet: Bulk Wire × (remove)")
        expect(outlets.locator("li.excluded")).to_contain_text("Bulk Wire")
        self.screenshot(page, "filters-1-desktop-left-out")

        people = page.locator("#facet-person")
        people.get_by_role("link", name="Vladimir Putin", exact=True).click()
        page.wait_for_url("**person=vladimir-putin*")
        page.locator("#facet-person").get_by_role("link", name="Olaf Scholz", exact=True).click()
        page.wait_for_url("**person=olaf-scholz*")
        self.assertEqual(self.count(page), 3)  # either of them
        page.locator("#facet-person .mode").get_by_role("link", name="all").click()
        page.wait_for_url("**every=person*")
        self.assertEqual(self.count(page), 1)  # both of them
        expect(page.locator(".chip").filter(has_text="Person (all of)")).to_have_count(2)
        self.screenshot(page, "filters-2-desktop-all-of")

        # The people list is long: its box asks the server as the researcher types.
        self.search(page, "q=lighthouse")
        box = page.locator("#facet-person").get_by_role("searchbox")
        expect(page.locator("#facet-person li")).to_have_count(10)
        box.press_sequentially("mitso", delay=30)
        expect(page.locator("#facet-person li")).to_have_count(1)
        expect(page.locator("#facet-person li")).to_contain_text("Kyriakos Mitsotakis")
        self.screenshot(page, "filters-3-desktop-find")
        page.locator("#facet-person li a").first.click()
        page.wait_for_url("**person=kyriakos-mitsotakis*")
        self.assertEqual(self.count(page), 1)
        self.assert_no_sideways_scroll(page)
        self.assertEqual(self.dialogs, [])

    def test_undated_articles_are_counted_picked_and_said_to_come_last(self):
        page = self.new_page(DESKTOP)
        self.search(page, "q=lighthouse&sort=newest")
        expect(page.locator(".sort-note")).to_have_text("· 1 undated article comes last.")
        self.assertEqual(page.locator("ol.results h2 a").last.inner_text(), "Scholz praises the lighthouse")
        expect(page.locator(".dates .years a")).to_have_text(["2023", "2024"])
        page.locator(".dates").get_by_role("link", name="1 article").click()
        page.wait_for_url("**undated=only*")
        self.assertEqual(page.locator("ol.results h2 a").all_inner_texts(), ["Scholz praises the lighthouse"])
        self.screenshot(page, "filters-4-desktop-undated")
        page.locator(".dates").get_by_role("link", name="Show dated ones too").click()
        page.locator(".dates .years").get_by_role("link", name="2024").click()
        page.wait_for_url("**from=2024-01-01*")
        self.assertEqual(self.count(page), 2)

    def test_on_a_phone_the_results_come_first_and_the_filters_open_from_a_button(self):
        page = self.new_page(PHONE)
        self.search(page, "q=lighthouse")
        expect(page.locator("#filters")).to_be_hidden()
        first_hit = page.locator("ol.results li").first.bounding_box()
        self.assertLess(first_hit["y"], PHONE["height"], "a result shows without scrolling")
        self.assert_no_sideways_scroll(page)
        self.screenshot(page, "filters-5-phone-results", full_page=False)
        page.get_by_role("link", name="Filters").click()
        expect(page.locator("#filters")).to_be_visible()
        self.assert_no_sideways_scroll(page)
        self.screenshot(page, "filters-6-phone-filters", full_page=False)
        page.locator("#facet-source").get_by_role("link", name="Leave out Bulk Wire").click()
        page.wait_for_url("**not_source=bulk-wire*")
        expect(page.locator("#filters")).to_be_hidden()
        self.assertEqual(self.count(page), 4)
        expect(page.get_by_role("link", name="Filters (1 on)")).to_be_visible()

    def test_without_javascript_every_control_still_works(self):
        page = self.new_page(PHONE, java_script_enabled=False)
        self.search(page, "q=lighthouse")
        page.get_by_role("link", name="Filters").click()
        expect(page.locator("#filters")).to_be_visible()
        box = page.locator("#facet-person").get_by_role("searchbox")
        box.fill("merk")
        page.locator("#facet-person").get_by_role("button", name="Find").click()
        page.wait_for_url("**find=merk*")
        expect(page.locator("#filters")).to_be_visible()  # the box's answer opens with the filters
        expect(page.locator("#facet-person li")).to_have_count(1)
        expect(page.locator("#facet-person li")).to_contain_text("Angela Merkel")
        self.screenshot(page, "filters-7-phone-no-script-find", full_page=False)
        page.locator("#facet-person li a").first.click()
        page.wait_for_url("**person=angela-merkel*")
        self.assertEqual(self.count(page), 1)
