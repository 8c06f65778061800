import datetime
from unittest.mock import patch

from django.test import TestCase

from archive.ingest.errors import IngestError
from archive.ingest.originals import read_original
from archive.ingest.parse import Upload
from archive.ingest.pipeline import DuplicateArticle, ingest_article, ingest_upload, reprocess_article
from archive.models import Article, Outlet, Person, PersonMention

from .factories import article_text, make_article


class IngestArticleTests(TestCase):
    def test_it_stores_metadata_cleaned_text_and_the_original_byte_for_byte(self):
        data = ("\ufeff" + article_text("Quay delayed -", outlet="Port Gazette") + "\nLeave a Reply\n").encode("utf-8")
        article = ingest_article(Upload(data, "quay.txt", "text/plain"))
        self.assertEqual(article.title, "Quay delayed")
        self.assertEqual(article.outlet.name, "Port Gazette")
        self.assertIsNone(article.published)
        self.assertNotIn("Leave a Reply", article.body_text)
        self.assertEqual(read_original(article.original_sha256), data)
        self.assertEqual((article.original_name, article.original_type, article.original_size), ("quay.txt", "text/plain", len(data)))

    def test_it_links_people_countries_and_organizations(self):
        article = make_article()
        self.assertIn("Robert Abela", {p.name for p in article.persons.all()})
        self.assertTrue({"MT", "IT"} <= {c.code for c in article.countries.all()})
        self.assertIn("European Union", {o.name for o in article.organizations.all()} | {a.name for o in article.organizations.all() for a in o.aliases.all()})

    def test_what_the_uploader_gives_wins(self):
        article = make_article(outlet="Port Gazette", source="Times of Malta", title="Given title", published="2024-03-05", author="Ann Vella")
        self.assertEqual((article.title, article.outlet.name, article.published, article.author),
                         ("Given title", "Times of Malta", datetime.date(2024, 3, 5), "Ann Vella"))

    def test_it_rejects_a_bad_date_and_stores_nothing(self):
        with self.assertRaisesMessage(IngestError, "not a date"):
            make_article(published="next Tuesday-ish")
        self.assertEqual(Article.objects.count(), 0)

    def test_it_reports_a_duplicate_of_the_same_cleaned_text(self):
        first = make_article()
        text = article_text()
        # Other bytes (another encoding, extra furniture), same cleaned text.
        for data in (text.encode("cp1252"), (text + "\n\nShare this:\n").encode()):
            with self.subTest(data=data[-20:]), self.assertRaises(DuplicateArticle) as caught:
                ingest_article(Upload(data, "again.txt"))
            self.assertEqual(caught.exception.article, first)
        self.assertEqual(Article.objects.count(), 1)

    def test_one_person_under_two_spellings_across_articles(self):
        make_article("Talks in Yerevan", extra="Prime Minister Nikol Pashinyan attended the talks.")
        make_article("Talks in Baku", extra="Armenian Prime Minister Nikol Pashinian attended the talks.")
        people = Person.objects.filter(mentions__spelling__in=["Nikol Pashinyan", "Nikol Pashinian"]).distinct()
        self.assertEqual(people.count(), 1)
        self.assertEqual(PersonMention.objects.filter(person=people[0]).count(), 2)
        self.assertEqual(set(PersonMention.objects.filter(person=people[0]).values_list("spelling", flat=True)),
                         {"Nikol Pashinyan", "Nikol Pashinian"})

    def test_it_sanitizes_html_uploads(self):
        page = (
            "<html><head><title>Quay delayed - Port Gazette</title><script>alert(1)</script></head><body><article>"
            "<h1>Quay delayed</h1>"
            + "".join(f"<p onclick='steal()'>{p} <a href='javascript:alert(1)'>link</a></p>" for p in article_text().split("\n\n")[1:])
            + "<img src=x onerror=alert(1)><script>document.cookie</script></article></body></html>"
        )
        article = ingest_article(Upload(page.encode(), "quay.html", "text/html"))
        self.assertIn("harbour master", article.body_text)
        for bad in ("<script", "onclick", "onerror", "javascript:", "alert("):
            self.assertNotIn(bad, article.body_html)

    def test_a_failure_while_saving_leaves_nothing_behind(self):
        with (
            patch("archive.ingest.pipeline.CountryMention.objects.bulk_create", side_effect=RuntimeError("disk full")),
            self.assertLogs("archive.ingest.pipeline", "ERROR") as logs,
        ):
            outcome = ingest_upload(Upload(article_text().encode(), "a.txt"))
        self.assertIn("importing a.txt failed", logs.output[0])
        self.assertEqual(outcome.status, "rejected")
        self.assertEqual((Article.objects.count(), Outlet.objects.count()), (0, 0))

    def test_reprocess_rederives_from_the_original(self):
        article = make_article()
        Article.objects.filter(pk=article.pk).update(title="Edited by hand", body_text="lost")
        article.persons.clear()
        reprocess_article(Article.objects.get(pk=article.pk))
        article.refresh_from_db()
        self.assertEqual(article.title, "Harbour quay delayed again")
        self.assertIn("harbour master", article.body_text)
        self.assertIn("Robert Abela", {p.name for p in article.persons.all()})
