import unittest

from django.db import connection

from archive.models import Article, SearchCount, SearchPosting
from archive.search import get_backend
from archive.search.sync import index_now

from ..factories import IndexedTestCase, make_article
from .contract import SearchBackendContract


@unittest.skipUnless(connection.vendor == "postgresql", "PostgreSQL backend tests need DATABASE_URL=postgres://...")
class PostgresBackendTests(SearchBackendContract, IndexedTestCase):
    search_backend = "archive.search.postgres.PostgresBackend"


# Words that occur in no article of tests/factories.py's template, to make documents longer.
_FILLER = " ".join(f"filler{chr(97 + i % 26)}{chr(97 + i // 26 % 26)}" for i in range(300))


@unittest.skipUnless(connection.vendor == "postgresql", "PostgreSQL backend tests need DATABASE_URL=postgres://...")
class PostgresRankingTests(IndexedTestCase):
    """BM25 from the postings the triggers keep (migration 0006)."""

    search_backend = "archive.search.postgres.PostgresBackend"

    @classmethod
    def setUpTestData(cls):
        with cls.captureOnCommitCallbacks(execute=True):
            day = "2024-02-01"
            cls.short = make_article("Airship seen", published=day, extra="A zeppelin flew over.")
            cls.long = make_article("Airship seen at last", published=day, extra=f"A zeppelin flew over. {_FILLER}")
            cls.thrice = make_article("Airship seen again", published=day,
                                      extra="A zeppelin, a zeppelin and a zeppelin flew over.")
            cls.harbours = make_article("Boats", published=day, extra="The harbour, the harbour, the harbour again.")
            cls.others = [make_article(f"Story {n}", published=day, extra=f"Nothing about kites {n}.")
                          for n in range(4)]

    def search(self, q):
        from archive.search.base import SearchQuery

        return get_backend().search(SearchQuery(q=q))

    def ids(self, q):
        return [hit.id for hit in self.search(q).hits]

    def assert_postings_match_vectors(self):
        with connection.cursor() as cursor:
            cursor.execute("SELECT u.lexeme, d.article_id FROM archive_searchdocument d, unnest(d.vector) u")
            expected = set(cursor.fetchall())
            cursor.execute(
                "SELECT facet, value, n FROM ("
                " SELECT '' AS facet, 'documents' AS value, count(*) AS n FROM archive_searchdocument"
                " UNION ALL SELECT 'source', source, count(*) FROM archive_searchdocument WHERE source <> ''"
                "  GROUP BY source"
                " UNION ALL SELECT 'person', v, count(*) FROM archive_searchdocument, unnest(persons) v GROUP BY v"
                " UNION ALL SELECT 'country', v, count(*) FROM archive_searchdocument, unnest(countries) v GROUP BY v"
                " UNION ALL SELECT 'organization', v, count(*) FROM archive_searchdocument, unnest(organizations) v"
                "  GROUP BY v"
                " UNION ALL SELECT 'month', month, count(*) FROM archive_searchdocument WHERE month <> ''"
                "  GROUP BY month) c WHERE n > 0"
            )
            counted = {(facet, value): n for facet, value, n in cursor.fetchall()}
        self.assertEqual(set(SearchPosting.objects.values_list("lexeme", "article_id")), expected)
        kept = {(f, v): n for f, v, n in SearchCount.objects.filter(n__gt=0).exclude(value="words")
                .values_list("facet", "value", "n")}
        self.assertEqual(kept, counted)

    def test_it_ranks_a_short_document_above_a_long_one_with_the_word_as_often(self):
        ranked = self.ids("zeppelin")
        self.assertLess(ranked.index(self.short.pk), ranked.index(self.long.pk))

    def test_it_ranks_more_occurrences_higher(self):
        self.assertEqual(self.ids("zeppelin")[0], self.thrice.pk)

    def test_a_rare_word_counts_more_than_a_common_one(self):
        # "harbour" is in every article of the template; "zeppelin" in three.
        self.assertNotEqual(self.ids("harbour OR zeppelin")[0], self.harbours.pk)
        self.assertEqual(self.ids("harbour")[0], self.harbours.pk)

    def test_ties_are_broken_by_newest_id(self):
        ranked = self.ids("kites")
        self.assertEqual(len(ranked), 4)
        self.assertEqual(ranked, sorted(ranked, reverse=True))

    def test_prefix_and_fuzzy_terms_are_ranked_by_their_words(self):
        self.assertEqual(self.ids("zeppel*")[0], self.thrice.pk)
        self.assertEqual(self.ids("zepelin~")[0], self.thrice.pk)

    def test_postings_and_counts_follow_index_reindex_remove_and_clear(self):
        self.assert_postings_match_vectors()
        lexemes = set(SearchPosting.objects.filter(article_id=self.short.pk).values_list("lexeme", flat=True))
        self.assertIn("zeppelin", lexemes)

        Article.objects.filter(pk=self.short.pk).update(body_text="A balloon flew over Gozo.")
        index_now([self.short.pk])
        self.assert_postings_match_vectors()
        self.assertNotIn(self.short.pk, self.ids("zeppelin"))
        self.assertEqual(self.ids("balloon"), [self.short.pk])

        index_now([self.long.pk])  # unchanged: nothing moves
        self.assert_postings_match_vectors()

        get_backend().remove([self.thrice.pk, self.harbours.pk])
        self.assert_postings_match_vectors()
        self.assertFalse(SearchPosting.objects.filter(article_id=self.thrice.pk).exists())

        get_backend().clear()
        self.assertFalse(SearchPosting.objects.exists())
        self.assertFalse(SearchCount.objects.exists())
        index_now(Article.objects.values_list("pk", flat=True))
        self.assert_postings_match_vectors()

    def test_counts_of_everything_equal_counts_over_the_matches(self):
        import datetime

        from archive.search.base import SearchQuery

        backend = get_backend()
        everything = backend.search(SearchQuery())
        # A date range that holds every article takes the counting statement instead of the kept counts.
        counted = backend.search(SearchQuery(date_from=datetime.date(1900, 1, 1)))
        self.assertEqual(everything.total, Article.objects.count())
        self.assertEqual((everything.facets, everything.histogram), (counted.facets, counted.histogram))
