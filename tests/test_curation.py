from collections import Counter
from io import StringIO
from unittest import mock

from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse

from archive.models import Merge, Person, PersonMention

from archive.ingest.import_batch import import_items
from archive.ingest.parse import Upload
from archive.search import get_backend

from .factories import IndexedTestCase, article_text, stories_of_their_own


def person_facet(client, **params):
    data = client.get(reverse("archive:api_search"), params).json()
    return {f["label"]: f["count"] for f in data["facets"]["person"]}


class CurationTests(IndexedTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.staff = get_user_model().objects.create_superuser("staff", "", "pw")
        cls.one = cls.ingest("Talks in Yerevan", extra="Prime Minister Nikol Pashinyan met Ararat Mirzoyan.")
        cls.two = cls.ingest("Talks in Baku", extra="President Armen Sarkissian met Ararat Mirzoyan.")

    def setUp(self):
        super().setUp()
        self.client.force_login(self.staff)

    def act(self, model: str, action: str, people, **extra):
        url = reverse(f"admin:archive_{model}_changelist")
        data = {"action": action, ACTION_CHECKBOX_NAME: [p.pk for p in people], **extra}
        with self.captureOnCommitCallbacks(execute=True):
            return self.client.post(url, data)

    def test_a_merge_changes_the_facet_counts_on_the_next_search_and_can_be_undone(self):
        nikol = Person.objects.get(name="Nikol Pashinyan")
        sarkissian = Person.objects.get(name="Armen Sarkissian")
        self.assertEqual(person_facet(self.client)["Nikol Pashinyan"], 1)
        page = self.act("person", "merge_selected", [nikol, sarkissian])
        self.assertContains(page, "Merge into one")
        self.act("person", "merge_selected", [nikol, sarkissian], confirm="yes", target=nikol.pk)
        facet = person_facet(self.client)
        self.assertEqual(facet["Nikol Pashinyan"], 2)
        self.assertNotIn("Armen Sarkissian", facet)
        self.assertIn("Armen Sarkissian", nikol.aliases.values_list("name", flat=True))
        # Every article of the survivor answers to the merged name now.
        self.assertEqual(self.client.get(reverse("archive:api_search"), {"q": "person:Sarkissian"}).json()["total"], 2)

        # The merged entity's page leads to the one it became.
        self.assertRedirects(self.client.get(reverse("archive:person", args=[sarkissian.slug])), nikol.get_absolute_url())

        merge = Merge.objects.get()
        with self.captureOnCommitCallbacks(execute=True):
            self.client.post(reverse("admin:archive_merge_changelist"), {"action": "undo_selected", ACTION_CHECKBOX_NAME: [merge.pk]})
        facet = person_facet(self.client)
        self.assertEqual((facet["Nikol Pashinyan"], facet["Armen Sarkissian"]), (1, 1))
        self.assertEqual(PersonMention.objects.get(article=self.two, person=sarkissian).spelling, "Armen Sarkissian")

    def test_a_merge_survives_reprocess(self):
        nikol = Person.objects.get(name="Nikol Pashinyan")
        sarkissian = Person.objects.get(name="Armen Sarkissian")
        self.act("person", "merge_selected", [nikol, sarkissian], confirm="yes", target=nikol.pk)
        with self.captureOnCommitCallbacks(execute=True):
            call_command("reprocess", stdout=StringIO())
        self.assertEqual(person_facet(self.client)["Nikol Pashinyan"], 2)

    def test_a_rejected_entity_stays_gone_after_reprocess_and_reimport(self):
        mirzoyan = Person.objects.get(name="Ararat Mirzoyan")
        self.act("person", "reject_selected", [mirzoyan])
        self.assertNotIn("Ararat Mirzoyan", person_facet(self.client))
        self.assertEqual(self.client.get(mirzoyan.get_absolute_url()).status_code, 404)
        with self.captureOnCommitCallbacks(execute=True):
            call_command("reprocess", stdout=StringIO())
        self.ingest("Talks in Tbilisi", extra="Ararat Mirzoyan met ministers.")
        self.assertNotIn("Ararat Mirzoyan", person_facet(self.client))
        self.assertFalse(PersonMention.objects.filter(person=mirzoyan).exists())

    def test_a_rename_keeps_the_old_name_as_an_alias(self):
        nikol = Person.objects.get(name="Nikol Pashinyan")
        url = reverse("admin:archive_person_change", args=[nikol.pk])
        data = {"name": "Nikol Vovayi Pashinyan", "slug": nikol.slug, "aliases-TOTAL_FORMS": "1", "aliases-INITIAL_FORMS": "0",
                "aliases-MIN_NUM_FORMS": "0", "aliases-MAX_NUM_FORMS": "1000", "aliases-0-name": "Pashinjan"}
        with self.captureOnCommitCallbacks(execute=True):
            self.assertEqual(self.client.post(url, data).status_code, 302)
        nikol.refresh_from_db()
        self.assertEqual(nikol.name, "Nikol Vovayi Pashinyan")
        self.assertTrue({"Nikol Pashinyan", "Pashinjan"} <= set(nikol.aliases.values_list("name", flat=True)))
        self.assertEqual(person_facet(self.client, q="person:Pashinjan")["Nikol Vovayi Pashinyan"], 1)
        # The next article spelled the old way still goes to them.
        self.ingest("More talks", extra="Prime Minister Nikol Pashinyan spoke again.")
        self.assertEqual(person_facet(self.client)["Nikol Vovayi Pashinyan"], 2)


class LoneSurnameTests(IndexedTestCase):
    def import_texts(self, *extras: str):
        uploads = [Upload(article_text(f"Story {i}", extra=extra).encode(), f"{i}.txt") for i, extra in enumerate(extras)]
        with self.captureOnCommitCallbacks(execute=True), stories_of_their_own():
            return [o.status for o in import_items(uploads)]

    def test_a_lone_surname_joins_the_person_it_clearly_means_whatever_the_order(self):
        self.assertEqual(self.import_texts(
            "Mr Blair said the budget was fair.",
            "Prime Minister Tony Blair called the election.",
            "Blair met officials in Paris.",
        ), ["imported"] * 3)
        blair = Person.objects.live().filter(surname_key="blair")
        self.assertEqual([p.name for p in blair], ["Tony Blair"])
        self.assertEqual(blair[0].mentions.count(), 3)
        self.assertEqual(person_facet(self.client, q="Paris")["Tony Blair"], 1)
        self.assertTrue(Merge.objects.get(source_name="Blair").moved["automatic"])

    def test_an_article_of_several_survivors_is_reindexed_once(self):
        backend, indexed = get_backend(), Counter()
        index = backend.index

        def counting_index(articles):
            articles = list(articles)
            indexed.update(a.original_name for a in articles)
            index(articles)

        with mock.patch.object(backend, "index", counting_index):
            self.import_texts(
                "Prime Minister Tony Blair and Chancellor Gordon Brown met.",
                "Mr Blair said the budget was fair.",
                "Mr Brown said the budget was prudent.",
                "Mr Blair and Mr Brown left together.",
            )
        self.assertEqual(Merge.objects.count(), 2)
        # Once as imported, once more after the batch's merges: not once per survivor,
        # and not at all for 0.txt, which named both in full and has nothing to change.
        self.assertEqual(indexed, Counter({"0.txt": 1, "1.txt": 2, "2.txt": 2, "3.txt": 2}))
        out = StringIO()
        call_command("check_index", stdout=out)
        self.assertEqual(out.getvalue().strip(), "the index matches the database")
        for name in ("Tony Blair", "Gordon Brown"):
            self.assertEqual(person_facet(self.client)[name], Person.objects.get(name=name).mentions.count())
        # Articles: their texts are copies of one story, which a search shows once.
        self.assertEqual(self.client.get(reverse("archive:api_search"), {"q": "person:Blair"}).json()["articles"], 3)

    def import_stories(self, *texts: str):
        uploads = [Upload(text.encode(), f"story{i}.txt") for i, text in enumerate(texts)]
        with self.captureOnCommitCallbacks(execute=True), stories_of_their_own():
            return [o.status for o in import_items(uploads)]

    def test_a_lone_surname_joins_a_namesake_only_in_the_company_they_keep(self):
        self.assertEqual(self.import_stories(
            "Cellist wins the spring prize\n\nThe cellist Marta Quillon won the prize on Sunday. She thanked "
            "her teacher Oskar Lindqvist, the conductor Sofia Aranda and the pianist Dev Okafor of the Halden "
            "Conservatory.\n",
            "Ward reopens after flood\n\nDr Quillon, who runs the children's ward at Halden General Hospital, said "
            "the nurses Amy Prior and Joe Lutz had worked through the night. The health minister, Greta Solberg, "
            "visited on Monday, and Dr Quillon showed her the new beds.\n",
            "Budget talks go on\n\nPrime Minister Anna Verhoef met the finance minister, Karel Dusek, the "
            "interior minister, Jan Moravec, and the opposition leader, Piet Claes, at the Delta Union offices.\n",
            "Minister resigns\n\nMs Verhoef said on Monday that Mr Dusek would leave the cabinet. Mr Moravec and "
            "Mr Claes asked for a vote in parliament, and the Delta Union called it a crisis.\n",
        ), ["imported"] * 4)
        self.assertEqual(Person.objects.get(name="Marta Quillon").mentions.count(), 1)
        self.assertEqual(Person.objects.live().get(name="Quillon").mentions.count(), 1)
        self.assertEqual(Person.objects.get(name="Anna Verhoef").mentions.count(), 2)
        self.assertEqual(set(Merge.objects.values_list("source_name", flat=True)), {"Verhoef", "Dusek", "Moravec", "Claes"})

    def test_a_lone_surname_joins_a_full_name_with_a_generational_suffix(self):
        self.import_stories(
            "Chairman quits\n\nThe firm's chairman, Cornelius Ashbourne Jr., resigned on Monday.\n",
            "Shares fall\n\nMr Ashbourne's firm lost a fifth of its value.\n",
        )
        self.assertEqual(Person.objects.live().get(surname_key="asburn").name, "Cornelius Ashbourne Jr.")
        self.assertEqual(Person.objects.get(name="Cornelius Ashbourne Jr.").mentions.count(), 2)
        self.assertEqual(list(Merge.objects.values_list("source_name", "target_name")),
                         [("Ashbourne", "Cornelius Ashbourne Jr.")])

    def test_a_son_with_his_suffix_is_not_his_father_of_another_article(self):
        self.import_stories(
            "Chairman quits\n\nThe firm's chairman, Cornelius Ashbourne Jr., resigned on Monday.\n",
            "Heir named\n\nThe board named Cornelius Ashbourne III, his son, to the chair.\n",
        )
        self.assertEqual(sorted(Person.objects.live().values_list("name", flat=True)),
                         ["Cornelius Ashbourne III", "Cornelius Ashbourne Jr."])

    def test_a_lone_surname_shared_by_two_people_stays_apart(self):
        self.import_texts(
            "President Ilham Aliyev met officials.", "The late Heydar Aliyev ruled for a decade.", "Aliyev was not there.",
        )
        names = set(Person.objects.live().filter(surname_key__startswith="ali").values_list("name", flat=True))
        self.assertTrue({"Ilham Aliyev", "Heydar Aliyev"} <= names)
        self.assertFalse(Merge.objects.exists())

    def test_a_lone_first_name_never_joins_a_similar_surname(self):
        self.import_texts("Bob Bryan won the doubles.", "Brian said the match was long.")
        self.assertFalse(Merge.objects.exists())

    def test_titles_with_a_surname_do_not_join_namesakes(self):
        self.import_texts(
            "Actor Edward Fox opened the theatre. Mr Fox said he was proud.",
            "Conservative co-chairman Liam Fox attacked the plan. Dr Fox said it was wrong.",
            "Serena Williams won in Melbourne.",
            "S Williams scored a try for Wales.",
            "Shane Williams scored again.",
        )
        self.assertEqual(Person.objects.get(name="Liam Fox").mentions.count(), 1)
        self.assertEqual(Person.objects.get(name="Edward Fox").mentions.count(), 1)
        self.assertNotIn("Liam Fox", Person.objects.get(name="Edward Fox").aliases.values_list("name", flat=True))
        for name in ("Serena Williams", "Shane Williams"):
            self.assertEqual(Person.objects.live().get(name=name).mentions.count(), 1)
