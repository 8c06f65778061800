from collections import Counter
import threading
import traceback
from unittest import mock
from io import StringIO

from django.conf import settings as django_settings
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import TransactionTestCase, override_settings
from django.urls import reverse

from archive.ingest.parse import Upload
from archive.ingest.pipeline import ingest_upload
from archive.models import Article, Outlet, Person, PersonMention
from archive.search import get_backend
from archive.search.base import SearchQuery, describe
from archive.search import sync
from archive.search.sync import deferred_indexing, index_now

from .factories import IndexedTestCase, article_text


def search(**kwargs):
    return get_backend().search(SearchQuery(**kwargs))


class IndexFollowsTheDatabaseTests(IndexedTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.article = cls.ingest("Harbour quay delayed again", source="Port Gazette",
                                 extra="Prime Minister Nikol Pashinyan visited.")
        cls.staff = get_user_model().objects.create_superuser("staff", "", "pw")

    def test_documents_read_in_bulk_equal_those_read_one_by_one(self):
        person = Person.objects.get(name="Nikol Pashinyan")
        person.aliases.create(name="Nikol Vovayi Pashinyan")
        person.aliases.create(name="Pashinyan")  # adds no word: searched through the name already
        [bulk] = sync.articles_for_index([self.article.pk])
        one = Article.objects.get(pk=self.article.pk)
        self.assertEqual(describe(bulk), describe(one))
        self.assertIn(["nikol-pashinyan", "Nikol Pashinyan", ["Nikol Vovayi Pashinyan"]], describe(bulk)["persons"])

    def test_an_import_is_searchable_when_it_returns(self):
        self.assertEqual([h.id for h in search(q="Pashinyan").hits], [self.article.pk])

    def test_an_import_reaches_the_index_every_few_seconds_and_at_its_end(self):
        with deferred_indexing():
            with mock.patch.object(sync, "DEFERRED_SECONDS", 3600):
                self.ingest("Lighthouse keepers strike")
                self.assertEqual(search(q="lighthouse").total, 0)  # waits for more, or for time to pass
            with mock.patch.object(sync, "DEFERRED_SECONDS", 0):
                self.ingest("Lighthouse keepers return")
                self.assertEqual(search(q="lighthouse").total, 2)
            self.ingest("Lighthouse sold to a hotel chain")
        self.assertEqual(search(q="lighthouse").total, 3)

    def test_a_spelling_learned_in_an_import_reaches_earlier_articles_when_it_ends(self):
        with deferred_indexing(), mock.patch.object(sync, "DEFERRED_SECONDS", 0):
            self.ingest("Talks resume in Yerevan", extra="Prime Minister Nikol Pashinian spoke.")
            self.assertEqual([h.id for h in search(q="person:Pashinian").hits], [Article.objects.latest("pk").pk])
        self.assertEqual(search(q="person:Pashinian").total, 2)
        self.assertEqual(search(q="person:Pashinyan").total, 2)

    def test_an_article_waiting_for_the_end_and_indexed_before_it_is_not_indexed_again(self):
        with mock.patch.object(get_backend(), "index", wraps=get_backend().index) as index:
            with deferred_indexing(), mock.patch.object(sync, "DEFERRED_SECONDS", 0):
                self.ingest("Talks resume in Yerevan", extra="Prime Minister Nikol Pashinian spoke.")
                with self.captureOnCommitCallbacks(execute=True):
                    sync.schedule_index([self.article.pk])  # a merge's, say: sent at once
        indexed = Counter(a.pk for call in index.call_args_list for a in call.args[0])
        self.assertEqual(indexed[self.article.pk], 1)
        self.assertEqual(search(q="person:Pashinian").total, 2)

    def test_a_spelling_with_no_new_word_reindexes_nothing(self):
        self.ingest("Talks resume in Yerevan", extra="Prime Minister Nikol Pashinian spoke.")
        with mock.patch.object(get_backend(), "index", wraps=get_backend().index) as index:
            self.ingest("Talks go on in Yerevan", extra="Mr Pashinyan spoke to Nikol Pashinyan.")
        indexed = [a.pk for call in index.call_args_list for a in call.args[0]]
        self.assertEqual(indexed, [Article.objects.latest("pk").pk])
        self.assertIn("Mr Pashinyan", Person.objects.get(name="Nikol Pashinyan").aliases.values_list("name", flat=True))
        self.assertEqual(search(q="person:Pashinian").total, 3)

    def test_articles_naming_more_than_a_thousand_people_are_indexed(self):
        # A results page names hundreds; SQLite refuses an expression of over 1,000 terms.
        letters = "abcdefghijklmnopqrstuvwxyz"
        names = ["Runner " + "".join(letters[d] for d in (i // 676, i // 26 % 26, i % 26)).capitalize() for i in range(1200)]
        people = Person.objects.bulk_create(Person(name=n, slug=n.lower().replace(" ", "-"), key=n.lower()) for n in names)
        PersonMention.objects.bulk_create(PersonMention(article=self.article, person=p, spelling=p.name) for p in people)
        index_now([self.article.pk])
        self.assertEqual(names[1199], "Runner Bud")
        self.assertEqual([h.id for h in search(q="person:Bud").hits], [self.article.pk])
        self.assertEqual(search(q="Pashinyan").facet_totals["person"], Person.objects.count())

    def test_a_rename_in_the_admin_is_searchable_in_the_same_request(self):
        self.client.force_login(self.staff)
        person = Person.objects.get(name="Nikol Pashinyan")
        url = reverse("admin:archive_person_change", args=[person.pk])
        data = {"name": "Nikol V. Pashinyan", "slug": person.slug, "aliases-TOTAL_FORMS": "0",
                "aliases-INITIAL_FORMS": "0", "aliases-MIN_NUM_FORMS": "0", "aliases-MAX_NUM_FORMS": "1000"}
        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post(url, data)
        self.assertEqual(response.status_code, 302)
        self.assertEqual(search(q='person:"Nikol V. Pashinyan"').total, 1)
        person.refresh_from_db()  # a new name, a new slug: the facet value follows
        self.assertEqual(person.slug, "nikol-v-pashinyan")
        facet = {f.value: f.label for f in search().facets["person"]}
        self.assertEqual(facet[person.slug], "Nikol V. Pashinyan")

    def test_an_outlet_rename_reaches_the_source_field(self):
        self.client.force_login(self.staff)
        outlet = Outlet.objects.get(name="Port Gazette")
        with self.captureOnCommitCallbacks(execute=True):
            self.client.post(reverse("admin:archive_outlet_change", args=[outlet.pk]), {"name": "Harbour Herald", "slug": outlet.slug})
        self.assertEqual(search(q="source:Herald").total, 1)

    def test_a_deleted_article_leaves_the_index(self):
        with self.captureOnCommitCallbacks(execute=True):
            Article.objects.get(pk=self.article.pk).delete()
        self.assertEqual(search(q="Pashinyan").total, 0)

    def test_check_index_finds_and_fixes_differences(self):
        out = StringIO()
        call_command("check_index", stdout=out)
        self.assertIn("the index matches the database", out.getvalue())
        get_backend().remove([self.article.pk])
        with self.assertRaisesMessage(CommandError, "check_index --fix"):
            call_command("check_index", stdout=StringIO())
        out = StringIO()
        call_command("check_index", "--fix", stdout=out)
        self.assertIn(f"1 missing from the index: #{self.article.pk}", out.getvalue())
        Article.objects.filter(pk=self.article.pk).update(title="Changed behind the index's back")
        out = StringIO()
        call_command("check_index", "--fix", stdout=out)
        self.assertIn("1 stale in the index", out.getvalue())
        self.assertEqual(search(q="behind").total, 1)

    def test_rebuild_index(self):
        get_backend().clear()
        out = StringIO()
        call_command("rebuild_index", stdout=out)
        self.assertIn("indexed 1 articles", out.getvalue())
        self.assertEqual(search(q="Pashinyan").total, 1)

    def test_rebuild_if_empty_indexes_an_archive_new_to_its_backend_once(self):
        out = StringIO()
        call_command("rebuild_index", "--if-empty", stdout=out)
        self.assertEqual(out.getvalue(), "", "an index with documents is left alone")
        get_backend().clear()  # as a backend sees an archive kept with another
        call_command("rebuild_index", "--if-empty", stdout=out)
        self.assertIn("The search index is empty", out.getvalue())
        self.assertIn("indexed 1 articles", out.getvalue())
        self.assertEqual(search(q="Pashinyan").total, 1)


class ConcurrencyTests(TransactionTestCase):
    """Several threads import and search at once; afterwards the index equals the database."""

    def setUp(self):
        import shutil
        import tempfile

        path = tempfile.mkdtemp(prefix="archive-index-")
        self.addCleanup(shutil.rmtree, path, ignore_errors=True)
        settings = override_settings(ARCHIVE_SEARCH={**django_settings.ARCHIVE_SEARCH, "PATH": path})
        settings.enable()
        self.addCleanup(settings.disable)

    def test_threads_importing_and_searching_lose_nothing(self):
        errors: list[BaseException] = []
        totals: dict[str, list[int]] = {}

        def importer(n: int):
            try:
                for i in range(6):
                    text = article_text(f"Story {n}-{i} from the harbour", extra=f"Unique marker w{n}x{i}.")
                    outcome = ingest_upload(Upload(text.encode(), f"{n}-{i}.txt"))
                    if outcome.status != "imported":
                        errors.append(AssertionError(f"{n}-{i}: {outcome.status} {outcome.reason}"))
            except BaseException:
                errors.append(traceback.format_exc())  # where it broke, not just what
            finally:
                connection.close()

        def searcher():
            seen = totals.setdefault(threading.current_thread().name, [])
            try:
                for _ in range(15):
                    seen.append(search(q="harbour", filters={"country": ("MT",)}).total)
            except BaseException:
                errors.append(traceback.format_exc())  # where it broke, not just what
            finally:
                connection.close()

        threads = [threading.Thread(target=importer, args=(n,)) for n in range(4)]
        threads += [threading.Thread(target=searcher) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=300)
        self.assertEqual(errors, [])
        self.assertEqual(Article.objects.count(), 24)
        self.assertEqual(search(q="harbour").total, 24)
        for seen in totals.values():
            self.assertEqual(seen, sorted(seen), "a thread's searches never see fewer articles than its earlier ones")
        out = StringIO()
        call_command("check_index", stdout=out)
        self.assertIn("the index matches the database", out.getvalue())
