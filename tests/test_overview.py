"""What pages say around their articles: the front page's overview, an article's citation, an entity's chart."""

from __future__ import annotations

import datetime

from django.contrib.auth.models import AnonymousUser, User
from django.test import RequestFactory
from django.utils import timezone

from archive.models import Article, ImportJob, Person, PersonMention
from archive.overview import _phrase, build_overview
from archive.search.base import SearchQuery

from .factories import IndexedTestCase


class EmptyArchiveTests(IndexedTestCase):
    def test_a_visitor_is_told_nothing_is_archived_yet(self):
        response = self.client.get("/")
        self.assertContains(response, '<h2 id="overview-title">Nothing is archived yet</h2>', html=True)
        self.assertContains(response, "The archive has no articles yet.")
        self.assertNotContains(response, "import_articles")
        self.assertNotContains(response, "/admin/archive/article/upload/")

    def test_staff_are_told_how_to_add_articles(self):
        self.client.force_login(User.objects.create_user("editor", password="x", is_staff=True, is_superuser=True))
        response = self.client.get("/")
        self.assertContains(response, '<a href="/admin/archive/article/upload/">Upload articles</a>', html=True)
        self.assertContains(response, '<code class="command">manage.py import_articles &lt;files or folder&gt;</code>', html=True)
        for accepted in (".txt", ".html", ".gz", ".zip", "CSV", "JSONL"):
            self.assertContains(response, f"<code>{accepted}</code>", html=True)


class OverviewTests(IndexedTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.first = cls.ingest("Quarry permits frozen for winter", source="Island Courier", published="2021-05-04",
                               extra="Tamsin Ordway visited Germany.")
        cls.second = cls.ingest("Tram line reaches the old market", source="Coastal Herald", published="2023-11-30",
                                extra="Tamsin Ordway spoke in Germany and France.")
        cls.undated = cls.ingest("<b>Lantern</b> festival returns to the bay", source="Island Courier")
        # Not an entity any more: however often mentioned, never offered.
        rejected = Person.objects.create(name="Quillon Marsh", slug="quillon-marsh", rejected=True)
        merged = Person.objects.create(name="T. Ordway", slug="t-ordway",
                                       merged_into=Person.objects.get(slug="tamsin-ordway"))
        for article in (cls.first, cls.second, cls.undated):
            PersonMention.objects.create(article=article, person=rejected, spelling="Quillon Marsh")
            PersonMention.objects.create(article=article, person=merged, spelling="T. Ordway")

    def overview(self, **params) -> dict | None:
        return self.client.get("/", params).context["overview"]

    def test_it_counts_what_the_archive_holds(self):
        overview = self.overview()
        live = Person.objects.live().filter(mentions__isnull=False).distinct().count()
        self.assertEqual((overview["articles"], overview["stories"], overview["outlets"]), (3, 3, 2))
        self.assertEqual(overview["people"], live)
        self.assertEqual(overview["countries"], Article.objects.values("countries").exclude(countries=None)
                         .distinct().count())
        self.assertEqual((overview["earliest"], overview["latest"], overview["undated"]),
                         (datetime.date(2021, 5, 4), datetime.date(2023, 11, 30), 1))
        response = self.client.get("/")
        self.assertContains(response, '<time datetime="2021-05-04">4 May 2021</time>', html=True)
        self.assertContains(response, '<dd class="meta">1 undated</dd>', html=True)

    def test_copies_of_one_story_count_once_as_stories(self):
        Article.objects.filter(pk=self.second.pk).update(story=self.first.story)
        overview = self.overview()
        self.assertEqual((overview["articles"], overview["stories"]), (3, 2))
        self.assertContains(self.client.get("/"), '<dd class="meta">2 stories</dd>', html=True)

    def test_it_names_the_most_mentioned_people_and_countries_but_no_rejected_or_merged_one(self):
        overview = self.overview()
        # Every test article names the two people of factories.article_text(), and two name Tamsin Ordway.
        people = [(p["name"], p["count"]) for p in overview["top_people"]]
        self.assertEqual(people, [("Maria Borg", 3), ("Robert Abela", 3), ("Tamsin Ordway", 2)])
        countries = {c["name"]: c["count"] for c in overview["top_countries"]}
        self.assertEqual(countries["Germany"], 2)
        self.assertEqual(countries["France"], 1)
        self.assertLessEqual(len(overview["top_people"]), 8)
        response = self.client.get("/")
        self.assertContains(response, '<a href="/people/tamsin-ordway/">Tamsin Ordway</a>', html=True)
        self.assertContains(response, '<a href="/countries/DE/">Germany</a>', html=True)

    def test_it_lists_the_newest_articles_added_with_links_and_escaped_titles(self):
        Article.objects.filter(pk=self.first.pk).update(created=timezone.now() + datetime.timedelta(hours=1))
        newest = self.overview()["newest"]
        self.assertEqual(newest[0].pk, self.first.pk)
        self.assertEqual({a.pk for a in newest}, {self.first.pk, self.second.pk, self.undated.pk})
        response = self.client.get("/")
        self.assertContains(response, f'<a href="/articles/{self.undated.pk}/">&lt;b&gt;Lantern&lt;/b&gt; festival '
                                      "returns to the bay</a>", html=True)

    def test_staff_see_the_latest_imports_and_visitors_do_not(self):
        job = ImportJob.objects.create(name="weekly batch.zip", state=ImportJob.State.DONE)
        self.assertNotContains(self.client.get("/"), "weekly batch.zip")
        self.client.force_login(User.objects.create_user("editor", password="x", is_staff=True, is_superuser=True))
        self.assertContains(self.client.get("/"), f'<a href="{job.get_absolute_url()}">weekly batch.zip</a>', html=True)

    def test_its_example_searches_come_from_the_data_and_find_articles(self):
        examples = self.overview()["examples"]
        self.assertEqual([e["what"] for e in examples], ["words", "country filter", "exact phrase"])
        self.assertEqual(examples[0]["url"], "/?q=Maria+Borg")
        self.assertEqual(examples[1]["url"], f"/?country={self.overview()['top_countries'][0]['value']}")
        for example in examples:
            page = self.client.get(example["url"]).context["page"]
            self.assertGreater(page.total, 0, example)
        # Markup in a headline is never part of the phrase.
        self.assertNotIn("<b>", examples[2]["label"])

    def test_it_quotes_neighbouring_words_of_a_headline(self):
        self.assertEqual(_phrase("Tram line reaches the old market"), "Tram line reaches")
        self.assertEqual(_phrase("<b>Lantern</b> festival returns to the bay"), "festival returns to")
        self.assertEqual(_phrase("2024: 5 of 7"), "")
        self.assertEqual(_phrase("Budget: ministers agree"), "ministers agree")

    def test_it_shows_only_for_the_whole_archive(self):
        self.assertIsNotNone(self.overview())
        self.assertIsNotNone(self.overview(sort="oldest"))
        for params in ({"q": "tram"}, {"country": "DE"}, {"source": "island-courier"}, {"from": "2022-01-01"}):
            response = self.client.get("/", params)
            self.assertIsNone(response.context["overview"], params)
            self.assertNotContains(response, 'class="overview')

    def test_it_takes_a_handful_of_queries(self):
        request = RequestFactory().get("/")
        request.user = AnonymousUser()
        with self.assertNumQueries(6):
            build_overview(request, SearchQuery())
        request.user = User(is_staff=True)
        with self.assertNumQueries(7):
            build_overview(request, SearchQuery())


class CitationTests(IndexedTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.article = cls.ingest('<i>Ferry</i> fares "rise" & fall', source="Island Courier", published="2022-08-09",
                                 author="Elsa Varn", url="https://courier.example/ferry?id=1&x=2")
        cls.bare = cls.ingest("Harbour lights dimmed")

    def test_it_gives_a_citation_ready_to_copy(self):
        response = self.client.get(self.article.get_absolute_url())
        created = self.article.created.strftime("%-d %B %Y")
        self.assertContains(response, (
            f'<p class="cite-text" id="cite-text">Island Courier. “&lt;i&gt;Ferry&lt;/i&gt; fares &quot;rise&quot; &amp; '
            f'fall.” 9 August 2022. By Elsa Varn. https://courier.example/ferry?id=1&amp;x=2. Archived in News Archive '
            f'on {created}: http://testserver/articles/{self.article.pk}/</p>'), html=True)
        self.assertNotContains(response, "<i>Ferry</i>")

    def test_an_undated_article_without_outlet_says_so(self):
        response = self.client.get(self.bare.get_absolute_url())
        cite = response.content.decode().split('id="cite-text">')[1].split("</p>")[0]
        self.assertTrue(cite.startswith("Unknown outlet. “Harbour lights dimmed.” Undated. Archived in"), cite)
        self.assertNotIn("By ", cite)

    def test_its_permanent_link_is_a_read_only_field_with_a_copy_button(self):
        response = self.client.get(self.article.get_absolute_url())
        self.assertContains(response, f'<input id="permalink" type="url" value="http://testserver/articles/'
                                      f'{self.article.pk}/" readonly>', html=True)
        # Hidden until the script finds a clipboard: without it the field is selected by hand.
        self.assertContains(response, '<button type="button" class="copy" data-copy="permalink" hidden>Copy</button>',
                            html=True)


class EntityChartTests(IndexedTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.dated = [cls.ingest(f"Quarry report {n}", source="Island Courier", published=f"2022-0{n}-15",
                                extra="Tamsin Ordway visited the quarry.") for n in (1, 3)]
        cls.undated = [cls.ingest(f"Quarry note {n}", source="Island Courier", extra="Tamsin Ordway spoke.")
                       for n in range(3)]
        cls.only_undated = cls.ingest("Lantern note", source="Bay Weekly", extra="Odile Fenwick spoke.")

    def test_a_person_chart_says_what_it_counts_and_what_it_leaves_out(self):
        response = self.client.get("/people/tamsin-ordway/")
        self.assertContains(response, "<h2>Articles mentioning Tamsin Ordway over time</h2>", html=True)
        self.assertContains(response, '<p class="meta">3 undated articles are not in the chart.</p>', html=True)
        bars = response.context["bars"]
        self.assertEqual([(b["label"], b["count"]) for b in bars], [("Jan 2022", 1), ("Feb 2022", 0), ("Mar 2022", 1)])
        self.assertEqual(bars[0]["url"], "/?person=tamsin-ordway&from=2022-01-01&to=2022-01-31")
        self.assertContains(response, f'href="{bars[0]["url"].replace("&", "&amp;")}"')

    def test_an_outlet_chart_is_of_articles_from_it(self):
        response = self.client.get("/outlets/island-courier/")
        self.assertContains(response, "<h2>Articles from Island Courier over time</h2>", html=True)
        self.assertEqual(response.context["undated"], 3)

    def test_with_no_dated_article_it_says_why_there_is_no_chart(self):
        response = self.client.get("/outlets/bay-weekly/")
        self.assertEqual(response.context["bars"], [])
        self.assertContains(response, "None of these articles has a known publication date")
        self.assertNotContains(response, 'class="histogram"')
