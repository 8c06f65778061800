"""The entity admin: counts under a search, renames and their old addresses, the change form,
the filters, and the review list of likely extraction mistakes."""

import time

from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.auth import get_user_model
from django.test import TestCase
from django.urls import reverse

from archive.curation import suspects
from archive.models import (
    Article,
    Organization,
    OrganizationMention,
    Person,
    PersonAlias,
    PersonFormerSlug,
    PersonMention,
    unique_slug,
)

from .factories import IndexedTestCase, make_article

PEOPLE = reverse("admin:archive_person_changelist")
PEOPLE_REVIEW = reverse("admin:archive_person_review")


def add_person(name: str, *articles: Article) -> Person:
    """A person as extraction might have made one, named in `articles`."""
    person = Person.objects.create(name=name, slug=unique_slug(Person, name))
    for article in articles:
        PersonMention.objects.create(article=article, person=person, spelling=name, spellings={name: 1})
    return person


def add_organization(name: str, *articles: Article) -> Organization:
    organization = Organization.objects.create(name=name, slug=unique_slug(Organization, name))
    for article in articles:
        OrganizationMention.objects.create(article=article, organization=organization, spelling=name,
                                           spellings={name: 1})
    return organization


def facet_values(client, facet: str, **params) -> dict[str, int]:
    data = client.get(reverse("archive:api_search"), params).json()
    return {f["value"]: f["count"] for f in data["facets"][facet]}


class EntityAdminTests(IndexedTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.staff = get_user_model().objects.create_superuser("staff", "", "pw")
        cls.one = cls.ingest("Quay talks", extra="Robert Abela met the fishermen.")
        cls.two = cls.ingest("Quay opens", extra="Robert Abela cut the ribbon.")
        cls.abela = Person.objects.get(name="Robert Abela")
        cls.borg = Person.objects.get(name="Maria Borg")

    def setUp(self):
        super().setUp()
        self.client.force_login(self.staff)

    def test_it_counts_each_article_once_when_a_search_matches_several_aliases(self):
        for alias in ("R. Abela", "Abela Robert", "Bob Abela"):
            PersonAlias.objects.create(person=self.abela, name=alias)
        PersonAlias.objects.create(person=self.borg, name="Maria Abela-Borg")
        page = self.client.get(PEOPLE, {"q": "Abela"})
        self.assertContains(page, '<td class="field-mention_count">2</td>', html=True)
        self.assertNotContains(page, '<td class="field-mention_count">8</td>', html=True)
        # The merge dialog counts from the same list.
        dialog = self.client.post(PEOPLE + "?q=Abela", {"action": "merge_selected",
                                                        ACTION_CHECKBOX_NAME: [self.abela.pk, self.borg.pk]})
        self.assertContains(dialog, "Keep <strong>Robert Abela</strong> (2 articles)")

    def rename(self, person: Person, name: str):
        url = reverse("admin:archive_person_change", args=[person.pk])
        data = {"name": name, "rejected": "", "aliases-TOTAL_FORMS": "0", "aliases-INITIAL_FORMS": "0",
                "aliases-MIN_NUM_FORMS": "0", "aliases-MAX_NUM_FORMS": "1000"}
        with self.captureOnCommitCallbacks(execute=True):
            self.assertEqual(self.client.post(url, data).status_code, 302)
        person.refresh_from_db()

    def test_a_renamed_person_gets_a_new_address_and_the_old_one_leads_there(self):
        self.assertEqual(self.abela.slug, "robert-abela")
        self.rename(self.abela, "Robert Abela Junior")
        self.assertEqual(self.abela.slug, "robert-abela-junior")
        self.assertRedirects(self.client.get("/people/robert-abela/"), "/people/robert-abela-junior/",
                             status_code=302)
        self.assertEqual(self.client.get("/people/robert-abela-junior/").status_code, 200)
        # The search index follows: facet values are slugs.
        self.assertEqual(facet_values(self.client, "person").get("robert-abela-junior"), 2)
        self.assertNotIn("robert-abela", facet_values(self.client, "person"))
        self.assertEqual(self.client.get(reverse("archive:api_search"), {"person": "robert-abela-junior"}).json()["total"], 2)

    def test_renamed_back_it_takes_its_old_address_again(self):
        self.rename(self.abela, "Bob Abela")
        self.rename(self.abela, "Robert Abela")
        self.assertEqual(self.abela.slug, "robert-abela")
        self.assertEqual(self.client.get("/people/robert-abela/").status_code, 200)
        self.assertRedirects(self.client.get("/people/bob-abela/"), "/people/robert-abela/", status_code=302)
        self.assertEqual(list(PersonFormerSlug.objects.values_list("slug", flat=True)), ["bob-abela"])

    def test_a_name_that_gives_the_same_slug_keeps_it(self):
        self.rename(self.abela, "Robert ABELA")
        self.assertEqual(self.abela.slug, "robert-abela")
        self.assertFalse(PersonFormerSlug.objects.exists())

    def test_an_unknown_slug_is_still_not_found(self):
        self.assertEqual(self.client.get("/people/nobody-at-all/").status_code, 404)

    def test_the_change_form_hides_the_key_and_says_what_reject_and_delete_do(self):
        page = self.client.get(reverse("admin:archive_person_change", args=[self.abela.pk]))
        self.assertNotContains(page, "Key:")
        self.assertNotContains(page, self.abela.key + "</div>")
        self.assertNotContains(page, 'name="slug"')
        self.assertContains(page, "later imports and re-extraction skip its name and its aliases")
        self.assertContains(page, "the next import or re-extraction that finds the name creates it again")

    def test_the_merged_filter_says_yes_or_no(self):
        self.client.post(PEOPLE, {"action": "merge_selected", ACTION_CHECKBOX_NAME: [self.abela.pk, self.borg.pk],
                                  "confirm": "yes", "target": self.abela.pk})
        page = self.client.get(PEOPLE)
        self.assertContains(page, "By merged into another")
        self.assertNotContains(page, "Not empty")
        self.assertContains(self.client.get(PEOPLE, {"merged": "yes"}), "Maria Borg")
        self.assertNotContains(self.client.get(PEOPLE, {"merged": "no"}), "Maria Borg</a>")
        merges = self.client.get(reverse("admin:archive_merge_changelist"))
        self.assertContains(merges, "No: in force")
        self.assertNotContains(merges, "Not empty")

    def test_staff_add_a_person_by_name_and_it_gets_a_slug(self):
        url = reverse("admin:archive_person_add")
        data = {"name": "Carmel Vella", "aliases-TOTAL_FORMS": "0", "aliases-INITIAL_FORMS": "0",
                "aliases-MIN_NUM_FORMS": "0", "aliases-MAX_NUM_FORMS": "1000"}
        self.assertEqual(self.client.post(url, data).status_code, 302)
        self.assertEqual(Person.objects.get(name="Carmel Vella").slug, "carmel-vella")


class ReviewScoringTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.one = make_article("Quay talks")
        cls.two = make_article("Quay opens")

    def listed(self, model=Person) -> dict[str, tuple]:
        return {s.name: s for s in suspects(model)[0]}

    def test_it_lists_places_buildings_and_lone_given_names_but_not_full_names(self):
        for name in ("Library", "Clarence House", "Bill", "Harry"):
            add_person(name, self.one, self.two)
        listed = self.listed()
        self.assertTrue({"Library", "Clarence House", "Bill", "Harry"} <= set(listed))
        self.assertNotIn("Robert Abela", listed)  # seen in both articles, and named in full
        self.assertIn("“House” names a place, building or institution", listed["Clarence House"].reasons)
        self.assertIn("a given name alone", listed["Harry"].reasons)
        self.assertIn("one common English word", listed["Bill"].reasons)

    def test_it_ranks_by_the_sum_of_the_signs(self):
        add_person("Harry", self.one, self.two)  # a given name alone: 3
        add_person("Harry", self.one)  # ... and in one article only: 4
        add_person("Library", self.one)  # one word, an institution, one article: 7
        ranked = [(s.name, s.articles, s.score) for s in suspects(Person)[0]]
        self.assertEqual(ranked[:3], [("Library", 1, 7), ("Harry", 1, 4), ("Harry", 2, 3)])

    def test_it_flags_countries_known_organizations_lower_case_and_digits(self):
        for name in ("Malta", "European Union", "maria borg", "Agent 47"):
            add_person(name, self.one, self.two)
        listed = self.listed()
        self.assertIn("also the name of a country or place", listed["Malta"].reasons)
        self.assertIn("also the name of a known organization", listed["European Union"].reasons)
        self.assertIn("written in lower case", listed["maria borg"].reasons)
        self.assertIn("contains digits", listed["Agent 47"].reasons)

    def test_a_plural_organization_whose_singular_is_another_is_listed(self):
        add_organization("Harbour Council", self.one, self.two)
        add_organization("Harbour Councils", self.one, self.two)
        listed = self.listed(Organization)
        self.assertEqual(listed["Harbour Councils"].reasons, ("a plural of the organization “Harbour Council”",))
        self.assertNotIn("Harbour Council", listed)

    def test_rejected_and_merged_entities_are_not_listed(self):
        add_person("Library", self.one)
        house = add_person("Clarence House", self.one)
        Person.objects.filter(pk=house.pk).update(rejected=True)
        Person.objects.filter(name="Library").update(merged_into=Person.objects.get(name="Robert Abela"))
        listed = self.listed()
        self.assertNotIn("Library", listed)
        self.assertNotIn("Clarence House", listed)

    def test_it_reads_five_thousand_people_in_one_query(self):
        Person.objects.bulk_create(
            Person(name=f"{first} Vella", slug=f"p-{n}", key=f"k{n}") for n, first in
            enumerate(["Library", "Maria", "harry", "Robert"] * 1250)
        )
        start = time.monotonic()
        with self.assertNumQueries(1):
            listed, total = suspects(Person)
        self.assertLess(time.monotonic() - start, 5)
        self.assertEqual(len(listed), 300)
        self.assertEqual(total, 2500)  # 'Library ...' and 'harry ...'; 'Maria ...' and 'Robert ...' are names
        self.assertTrue(listed[0].name.startswith("Library"))


class ReviewPageTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.staff = get_user_model().objects.create_superuser("staff", "", "pw")
        cls.article = make_article("Quay talks")
        cls.library = add_person("Library", cls.article)
        cls.harry = add_person("Harry", cls.article)

    def setUp(self):
        self.client.force_login(self.staff)

    def test_the_list_links_to_the_review_and_the_review_lists_the_suspects(self):
        self.assertContains(self.client.get(PEOPLE), f'<a href="{PEOPLE_REVIEW}">Review likely mistakes</a>', html=True)
        page = self.client.get(PEOPLE_REVIEW)
        self.assertContains(page, "People to review")
        change = reverse("admin:archive_person_change", args=[self.library.pk])
        self.assertContains(page, f'<a href="{change}">Library</a>', html=True)
        self.assertContains(page, "<li>“Library” names a place, building or institution</li>", html=True)
        self.assertNotContains(page, "Robert Abela")
        organizations = self.client.get(reverse("admin:archive_organization_review"))
        self.assertContains(organizations, "Organizations to review")

    def test_staff_reject_from_the_review_and_come_back_to_it(self):
        response = self.client.post(PEOPLE_REVIEW, {"action": "reject_selected", "index": "0", "select_across": "0",
                                                    ACTION_CHECKBOX_NAME: [self.library.pk]})
        self.assertRedirects(response, PEOPLE_REVIEW)
        self.library.refresh_from_db()
        self.assertTrue(self.library.rejected)
        self.assertNotContains(self.client.get(PEOPLE_REVIEW), ">Library</a>")

    def test_staff_merge_from_the_review(self):
        abela = Person.objects.get(name="Robert Abela")
        selected = {"action": "merge_selected", ACTION_CHECKBOX_NAME: [self.harry.pk, abela.pk]}
        dialog = self.client.post(PEOPLE_REVIEW, {**selected, "index": "0", "select_across": "0"})
        self.assertContains(dialog, "Merge into one")
        response = self.client.post(PEOPLE_REVIEW, {**selected, "confirm": "yes", "target": abela.pk})
        self.assertRedirects(response, PEOPLE_REVIEW)
        self.harry.refresh_from_db()
        self.assertEqual(self.harry.merged_into, abela)

    def test_it_is_for_staff_only(self):
        reader = get_user_model().objects.create_user("reader", "", "pw")
        self.client.force_login(reader)
        self.assertEqual(self.client.get(PEOPLE_REVIEW).status_code, 302)
