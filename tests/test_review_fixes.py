"""What a review of issue 17's code found: addresses that are no web address, renames and their old addresses,
saved searches after a rename, a rename and an alias in one save, surnames that name buildings too."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.urls import reverse

from archive.entities.review import person_reasons
from archive.ingest.edits import correction
from archive.ingest.errors import IngestError
from archive.ingest.parse import clean_metadata
from archive.models import Article, Person, SavedSearch

from .factories import IndexedTestCase


class AddressTests(IndexedTestCase):
    def test_an_address_that_is_no_web_address_is_refused_at_import_and_in_corrections(self):
        for address in ("javascript:alert(document.domain)", " JavaScript:alert(1)", "data:text/html,<b>x</b>"):
            with self.subTest(address=address), self.assertRaisesMessage(IngestError, "is not a web address"):
                clean_metadata({"url": address})
            with self.subTest(address=address), self.assertRaisesMessage(IngestError, "is not a web address"):
                correction("url", address)
        self.assertEqual(clean_metadata({"url": "https://example.org/a"})["url"], "https://example.org/a")
        self.assertEqual(correction("url", ""), "")

    def test_an_address_stored_before_is_never_a_link_nor_cited(self):
        article = self.ingest("Quay works begin", source="Port Gazette", published="2024-01-10")
        Article.objects.filter(pk=article.pk).update(url="javascript:alert(document.domain)")
        page = self.client.get(reverse("archive:article", args=[article.pk])).content.decode()
        self.assertNotIn("javascript:", page)
        Article.objects.filter(pk=article.pk).update(url="https://example.org/quay")
        page = self.client.get(reverse("archive:article", args=[article.pk])).content.decode()
        self.assertIn('href="https://example.org/quay"', page)


class RenameTests(IndexedTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.staff = get_user_model().objects.create_superuser("staff", "", "pw")
        cls.article = cls.ingest("Harbour talks", source="Port Gazette", published="2024-01-10",
                                 extra="Vladimir Putin visited the harbour.")

    def rename(self, person: Person, name: str, aliases: list[str] = ()):
        data = {"name": name, "aliases-TOTAL_FORMS": str(len(aliases)), "aliases-INITIAL_FORMS": "0",
                "aliases-MIN_NUM_FORMS": "0", "aliases-MAX_NUM_FORMS": "1000"}
        for n, alias in enumerate(aliases):
            data[f"aliases-{n}-name"] = alias
        with self.captureOnCommitCallbacks(execute=True):
            return self.client.post(reverse("admin:archive_person_change", args=[person.pk]), data)

    def test_an_old_address_leads_to_the_new_one_without_a_redirect_browsers_keep(self):
        self.client.force_login(self.staff)
        person = Person.objects.get(name="Vladimir Putin")
        self.assertEqual(self.rename(person, "Vladimir V. Putin").status_code, 302)
        old = self.client.get("/people/vladimir-putin/")
        self.assertEqual((old.status_code, old["Location"]), (302, "/people/vladimir-v-putin/"))
        self.rename(Person.objects.get(pk=person.pk), "Vladimir Putin")  # undone: each address is its own again
        self.assertEqual(self.client.get("/people/vladimir-putin/").status_code, 200)
        self.assertEqual(self.client.get("/people/vladimir-v-putin/")["Location"], "/people/vladimir-putin/")

    def test_saved_searches_follow_a_rename(self):
        self.client.force_login(self.staff)
        saved = SavedSearch.objects.create(name="Putin", query="q=harbour&person=vladimir-putin", created_by=self.staff)
        left = SavedSearch.objects.create(name="Not Putin", query="not_person=vladimir-putin", created_by=self.staff)
        self.rename(Person.objects.get(name="Vladimir Putin"), "Vladimir V. Putin")
        saved.refresh_from_db()
        left.refresh_from_db()
        self.assertEqual((saved.query, left.query), ("q=harbour&person=vladimir-v-putin", "not_person=vladimir-v-putin"))
        self.assertEqual(self.client.get("/api/search?" + saved.query).json()["total"], 1)

    def test_a_rename_and_the_old_name_as_an_alias_in_one_save(self):
        self.client.force_login(self.staff)
        person = Person.objects.get(name="Vladimir Putin")
        response = self.rename(person, "Vladimir V. Putin", aliases=["Vladimir Putin"])
        self.assertEqual(response.status_code, 302)
        self.assertEqual(list(person.aliases.values_list("name", flat=True)), ["Vladimir Putin"])


class ReviewWordTests(IndexedTestCase):
    def test_surnames_that_also_name_buildings_are_no_sign_of_a_mistake(self):
        for name in ("Maren Hall", "Jody Court", "Lise Bridge", "Tomas Bank", "Ada Street", "Nell Union"):
            with self.subTest(name=name):
                self.assertFalse(any("names a place" in str(reason) for reason in person_reasons(name, 5)))
        self.assertTrue(any("names a place" in str(reason) for reason in person_reasons("Harbour Library", 5)))
