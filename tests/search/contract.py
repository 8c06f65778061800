"""The behaviour every search backend must have; each backend's test case mixes it in.

Every backend passes all of it unchanged. What one engine cannot do exactly is
said here, in one place: tantivy aggregates at most 65,000 buckets, so a result
holding more distinct values of one facet (or more stories with several copies)
lists the top values and estimates how many there are (HyperLogLog, about 1 %
off); below that, which these tests and every benchmark corpus stay, it is exact.
"""

from __future__ import annotations

import datetime

from archive.copies.curation import join, split_off
from archive.models import Article, Person
from archive.search import get_backend
from archive.search.base import NO_SOURCE, SearchQuery
from archive.search.names import named_entities
from archive.search.spelling import forget_entity_words
from archive.search.sync import index_now

from ..factories import make_article


class SearchBackendContract:
    """Needs a TestCase with its own index (see IndexedTestCase)."""

    @classmethod
    def setUpTestData(cls):
        with cls.captureOnCommitCallbacks(execute=True):
            cls.harbour = make_article(
                "Harbour quay delayed again", source="Port Gazette", published="2023-12-28",
                extra="The harbour quay delay angered fishermen in Valletta.",
            )
            cls.bridge = make_article(
                "New bridge opens in Kyiv", source="Kyiv Post", published="2024-01-15",
                extra="President Volodymyr Zelensky opened the bridge over the Dnipro in Ukraine.",
            )
            cls.talks = make_article(
                "Talks in Yerevan", source="Mediamax", published="2024-01-20",
                extra="Prime Minister Nikol Pashinyan met officials from Armenia and Azerbaijan about the quay.",
            )
            cls.undated = make_article(
                "Ferries late in Gozo", source="Port Gazette",
                extra="Ferry passengers waited for hours; the second front of the strike reached Gozo harbour.",
            )

    def search(self, **kwargs):
        return get_backend().search(SearchQuery(**kwargs))

    def ids(self, page):
        return [hit.id for hit in page.hits]

    def test_it_matches_stemmed_words_all_required(self):
        self.assertEqual(set(self.ids(self.search(q="quays delayed", match_all=True))), {self.harbour.pk})
        self.assertEqual(self.ids(self.search(q="quays delayed"))[0], self.harbour.pk)
        self.assertEqual(set(self.ids(self.search(q="promise compensations"))), {self.harbour.pk, self.bridge.pk, self.talks.pk, self.undated.pk})

    def test_it_ranks_title_matches_first(self):
        self.assertEqual(self.ids(self.search(q="ferries"))[0], self.undated.pk)

    def test_it_matches_phrases_or_not_prefixes_and_fuzzy_terms(self):
        self.assertEqual(self.ids(self.search(q='"second front"')), [self.undated.pk])
        self.assertEqual(set(self.ids(self.search(q="bridge OR ferries"))), {self.bridge.pk, self.undated.pk})
        self.assertNotIn(self.bridge.pk, self.ids(self.search(q="fishermen -bridge")))
        self.assertNotIn(self.bridge.pk, self.ids(self.search(q="fishermen NOT bridge")))
        self.assertIn(self.talks.pk, self.ids(self.search(q="Pashin*")))
        self.assertIn(self.talks.pk, self.ids(self.search(q="Pashinian~")))

    def test_it_searches_fields(self):
        self.assertEqual(self.ids(self.search(q="title:bridge")), [self.bridge.pk])
        self.assertEqual(self.ids(self.search(q="person:Pashinyan")), [self.talks.pk])
        self.assertEqual(self.ids(self.search(q="country:UA")), [self.bridge.pk])
        self.assertEqual(set(self.ids(self.search(q="source:Gazette"))), {self.harbour.pk, self.undated.pk})

    def test_it_counts_facets_over_all_matches(self):
        page = self.search(q="fishermen")
        sources = {f.value: f.count for f in page.facets["source"]}
        self.assertEqual(sources, {"port-gazette": 2, "kyiv-post": 1, "mediamax": 1})
        self.assertEqual({f.label for f in page.facets["source"]}, {"Port Gazette", "Kyiv Post", "Mediamax"})
        self.assertIn(("UA", 1), {(f.value, f.count) for f in page.facets["country"]})

    def test_values_of_one_facet_are_or_and_facets_are_and(self):
        both = self.search(filters={"source": ("port-gazette", "kyiv-post")})
        self.assertEqual(both.total, 3)
        narrowed = self.search(filters={"source": ("port-gazette", "kyiv-post"), "country": ("UA",)})
        self.assertEqual(self.ids(narrowed), [self.bridge.pk])

    def test_each_facet_is_counted_without_its_own_filter(self):
        page = self.search(filters={"source": ("kyiv-post",)})
        self.assertEqual(page.total, 1)
        sources = {f.value: (f.count, f.selected) for f in page.facets["source"]}
        self.assertEqual(sources, {"port-gazette": (2, False), "kyiv-post": (1, True), "mediamax": (1, False)})
        self.assertEqual({f.value for f in page.facets["country"]} & {"AM", "AZ"}, set())

    def test_it_filters_by_date_range_and_makes_a_monthly_histogram(self):
        page = self.search(date_from=datetime.date(2024, 1, 1), date_to=datetime.date(2024, 1, 31))
        self.assertEqual(set(self.ids(page)), {self.bridge.pk, self.talks.pk})
        self.assertEqual(self.search().histogram, (("2023-12", 1), ("2024-01", 2)))

    def test_it_sorts_newest_and_oldest(self):
        self.assertEqual(self.ids(self.search(sort="newest"))[:3], [self.talks.pk, self.bridge.pk, self.harbour.pk])
        self.assertEqual(self.ids(self.search(sort="oldest", filters={"source": ("port-gazette", "kyiv-post", "mediamax")}))[0], self.harbour.pk)

    def test_it_pages(self):
        first = self.search(per_page=2, sort="newest")
        second = self.search(per_page=2, page=2, sort="newest")
        self.assertEqual((first.total, first.pages, second.page), (4, 2, 2))
        self.assertEqual(len(set(self.ids(first)) | set(self.ids(second))), 4)

    def test_it_escapes_snippets_and_marks_matches(self):
        with self.captureOnCommitCallbacks(execute=True):
            hostile = make_article("Script story", extra='Hackers wrote <script>alert("x")</script> and <img src=x onerror=alert(1)> into a harbour page.')
        [hit] = self.search(q="hackers").hits
        self.assertEqual(hit.id, hostile.pk)
        self.assertIn("<mark>Hackers</mark>", hit.snippet)
        self.assertNotIn("<script", hit.snippet)
        self.assertNotIn("<img", hit.snippet)

    def test_malformed_queries_never_fail(self):
        for q in ['"second front', "AND", "OR NOT", "*", "a*", "(harbour", "title:", "x" * 10_000, "harbour) OR (", "~~", "<script>"]:
            with self.subTest(q=q[:20]):
                page = self.search(q=q)
                self.assertGreaterEqual(page.total, 0)
        self.assertEqual(self.search(q='"second front').searched, "second front")

    def test_common_words_are_never_required(self):
        everything = set(self.ids(self.search(q="prime minister")))
        self.assertEqual(len(everything), 4)
        for q in ("the prime minister", "The Prime Minister of", "prime minister of the"):
            with self.subTest(q=q):
                page = self.search(q=q)
                self.assertEqual(set(self.ids(page)), everything)
                self.assertFalse(page.relaxed)
        self.assertEqual(self.ids(self.search(q="of Armenia")), [self.talks.pk])
        self.assertEqual(self.ids(self.search(q="the bridge over the Dnipro")), [self.bridge.pk])

    def test_a_query_of_common_words_only_is_still_searched(self):
        self.assertEqual(self.search(q="the of").total, 0)
        self.assertEqual(self.ids(self.search(q='"opened the bridge"')), [self.bridge.pk])

    def test_when_no_article_has_every_word_it_shows_those_with_most_of_them(self):
        page = self.search(q="angered delayed zeppelin balloons")
        self.assertTrue(page.relaxed)
        self.assertEqual((page.total, page.strict_total, page.min_match), (1, 0, 1))
        self.assertEqual(page.words, ("angered", "delayed", "zeppelin", "balloons"))
        self.assertEqual(self.ids(page), [self.harbour.pk])
        self.assertEqual(page.hits[0].missing, ("zeppelin", "balloons"))
        strict = self.search(q="angered delayed zeppelin balloons", match_all=True)
        self.assertEqual((strict.total, strict.relaxed, strict.hits), (0, False, ()))

    def test_relaxed_results_need_a_quarter_of_the_words_and_rank_those_with_more_first(self):
        # Valletta is in every article: the bridge story has three of the eight words, the Gozo one two.
        q = "Dnipro Zelensky Valletta Gozo zeppelin balloons kites quarks"
        page = self.search(q=q)
        self.assertEqual((page.relaxed, page.strict_total, page.min_match), (True, 0, 2))
        self.assertEqual(self.ids(page), [self.bridge.pk, self.undated.pk])
        self.assertEqual([set(hit.missing) for hit in page.hits],
                         [{"Gozo", "zeppelin", "balloons", "kites", "quarks"},
                          {"Dnipro", "Zelensky", "zeppelin", "balloons", "kites", "quarks"}])
        self.assertEqual(self.ids(self.search(q=q, sort="newest")), [self.bridge.pk, self.undated.pk])
        # Four words: one of them is enough, and the articles with more of them come first.
        page = self.search(q="Dnipro Zelensky Valletta Gozo")
        self.assertEqual((page.min_match, page.total), (1, 4))
        self.assertEqual(self.ids(page)[:2], [self.bridge.pk, self.undated.pk])

    def test_operators_keep_their_meaning_when_relaxed(self):
        # A phrase, a field and an exclusion are required, whatever the other words do.
        page = self.search(q='"second front" Dnipro zeppelin')
        self.assertEqual((page.total, page.relaxed), (0, False))
        page = self.search(q="harbour quay zeppelin balloons -Dnipro")
        self.assertTrue(page.relaxed)
        self.assertEqual(set(self.ids(page)), {self.harbour.pk, self.talks.pk, self.undated.pk})
        page = self.search(q="source:Gazette harbour zeppelin balloon")
        self.assertEqual(set(self.ids(page)), {self.harbour.pk, self.undated.pk})
        self.assertEqual(self.search(q="bridge OR zeppelin").total, 1)

    def test_a_search_that_finds_enough_is_not_relaxed(self):
        page = self.search(q="harbour Valletta")
        self.assertEqual((page.total, page.strict_total, page.relaxed), (4, 4, False))
        self.assertEqual(page.hits[0].missing, ())

    def test_a_hyphenated_or_shortened_word_is_searched_as_its_parts(self):
        with self.captureOnCommitCallbacks(execute=True):
            store = make_article("Retail news", extra="Wal-Mart said we've seen O'Brien's shop close.")
        for q in ("Wal-Mart", "wal-mart shop", "we've seen", "O'Brien's"):
            with self.subTest(q=q):
                self.assertEqual(self.ids(self.search(q=q)), [store.pk])
        # Relaxed, the two parts count as the one word typed.
        missing = {hit.id: hit.missing for hit in self.search(q="Wal-Mart Gozo").hits}
        self.assertEqual((missing[store.pk], missing[self.undated.pk]), (("Gozo",), ("Wal Mart",)))

    def test_accents_and_case_never_matter(self):
        with self.captureOnCommitCallbacks(execute=True):
            wenger = make_article("Coach praised", extra="Arsène Wenger watched the match in GYUMRI with Zoë.")
            plain = make_article("Coach again", extra="Arsene Wenger flew to Gyumri.")
        both = {wenger.pk, plain.pk}
        for q in ("Arsène Wenger", "arsene wenger", "ARSENE", "gyumri", "Gyumri", "GYÜMRI", "arsè*",
                  '"arsene wenger"', "title:COACH"):
            with self.subTest(q=q):
                self.assertEqual(set(self.ids(self.search(q=q))), both)
        for q in ("Zoe", "zoë", "ZOË"):
            with self.subTest(q=q):
                self.assertEqual(self.ids(self.search(q=q)), [wenger.pk])
        self.assertEqual(set(self.ids(self.search(q="Arsène Gyumri", match_all=True))), both)

    def test_articles_where_the_words_stand_together_rank_first(self):
        with self.captureOnCommitCallbacks(execute=True):
            scattered = make_article("Late budget for the union", extra="Budget. The union was very late again; budget, union.")
            together = make_article("Other news", extra="Officials discussed the union budget on Monday.")
        for q in ("union budget", "the union budget"):
            with self.subTest(q=q):
                # Every article has "European Union": these two have both words.
                self.assertEqual(self.ids(self.search(q=q))[:2], [together.pk, scattered.pk])
        # Without the typed order to go by, term statistics decide.
        self.assertEqual(self.ids(self.search(q="budget union"))[:2], [scattered.pk, together.pk])

    def test_a_name_spelled_otherwise_finds_the_person_and_says_so(self):
        for q in ("Pashinian", "Pachinian", "nikol pachinian", "Pashinian Yerevan"):
            with self.subTest(q=q):
                page = self.search(q=q)
                self.assertEqual(self.ids(page), [self.talks.pk])
                self.assertEqual(page.suggestion, "")
        self.assertEqual(self.search(q="Pashinian").hits[0].matched, ("Pashinian → Nikol Pashinyan",))
        self.assertEqual(self.search(q="Nikol Pashinian").hits[0].matched, ("Nikol Pashinian → Nikol Pashinyan",))
        self.assertEqual(self.search(q="Pashinyan").hits[0].matched, ())  # as the article writes it
        named = {(n.facet, n.value, n.typed) for n in named_entities(["talks", "of", "ARMENIA", "nikol", "pachinian"])}
        self.assertEqual(named, {("country", "AM", "ARMENIA"), ("person", "nikol-pashinyan", "nikol pachinian")})

    def test_articles_that_mention_a_named_person_rank_higher(self):
        with self.captureOnCommitCallbacks(execute=True):
            grain = make_article("Grain news", extra="Rice prices rose again: rice, rice and more rice for export.")
            person = make_article("Visit news", extra="Condoleezza Rice visited the port on Monday.")
        self.assertIn("condoleezza-rice", {p.slug for p in Article.objects.get(pk=person.pk).persons.all()})
        self.assertEqual(self.ids(self.search(q="Rice")), [person.pk, grain.pk])
        self.assertEqual(self.ids(self.search(q="rice prices"))[0], grain.pk)

    def test_each_hit_says_what_a_prefix_or_fuzzy_word_matched(self):
        self.assertEqual(self.search(q="Pashin*").hits[0].matched, ("Pashin* → pashinyan",))
        self.assertEqual(self.search(q="Zelensky~").hits, self.search(q="Zelensky~").hits)
        [hit] = self.search(q="Zelenskiy~").hits
        self.assertEqual(hit.matched, ("Zelenskiy~ → zelensky",))

    def test_it_suggests_a_spelling(self):
        forget_entity_words()
        self.assertEqual(self.search(q="harbuor").suggestion, "harbour")
        self.assertEqual(self.search(q="Valetta harbour").suggestion, "Valletta harbour")
        self.assertEqual(self.search(q="VALETTA").suggestion, "VALLETTA")
        page = self.search(q="Pashinyn Yerevn")
        self.assertEqual((page.total, page.suggestion), (0, "Pashinyan Yerevan"))
        self.assertEqual(self.ids(self.search(q=page.suggestion)), [self.talks.pk])

    def test_it_leaves_known_words_alone_and_suggests_only_what_finds_more(self):
        forget_entity_words()
        # Known words, however few articles have them together.
        for q in ("Dnipro", "Dnipro Gozo", "harbour Zelensky", "Pashinyan", "GOZO ferries"):
            with self.subTest(q=q):
                self.assertEqual(self.search(q=q).suggestion, "")
        # An unknown word with no indexed word near it is left as it is.
        self.assertEqual(self.search(q="Condoleezza").suggestion, "")
        # "ferrys" finds the ferry story through its stem; "ferry" would find no more.
        self.assertEqual(self.search(q="ferrys").total, 1)
        self.assertEqual(self.search(q="ferrys").suggestion, "")
        # Operators are not respelled.
        self.assertEqual(self.search(q='"harbuor quay"').suggestion, "")
        self.assertEqual(self.search(q="person:Pashinyn").suggestion, "")

    def test_the_tilde_allows_one_edit_in_short_words_and_two_in_long_ones(self):
        self.assertIn(self.talks.pk, self.ids(self.search(q="Pashinyna~")))  # two edits, long word
        self.assertEqual(self.search(q="Kzvv~").total, 0)  # two edits, short word
        self.assertIn(self.bridge.pk, self.ids(self.search(q="Kyvv~")))  # one edit

    def test_it_removes_and_reindexes(self):
        with self.captureOnCommitCallbacks(execute=True):
            Article.objects.get(pk=self.bridge.pk).delete()
        self.assertEqual(self.search(q="bridge").total, 0)
        self.assertEqual((self.search().total, self.search(undated="exclude").total), (3, 2))
        index_now([self.harbour.pk])
        self.assertEqual((self.search().total, self.search(exclude={"source": ("kyiv-post",)}).total), (3, 3))
        self.assertEqual(self.ids(self.search(q="delay angered")), [self.harbour.pk])

    def test_a_renamed_person_is_found_under_the_new_name_after_reindexing(self):
        person = Person.objects.get(name="Nikol Pashinyan")
        person.name = "Nikol Vovayi Pashinyan"
        person.save()
        index_now([self.talks.pk])
        self.assertEqual(self.ids(self.search(q="person:Vovayi")), [self.talks.pk])

    def test_clear_empties_and_rebuild_restores(self):
        get_backend().clear()
        self.assertEqual(self.search().total, 0)
        index_now(Article.objects.values_list("pk", flat=True))
        self.assertEqual(self.search().total, 4)

    def test_similar_articles(self):
        similar = get_backend().similar(self.harbour.pk)
        self.assertNotIn(self.harbour.pk, similar)
        self.assertTrue(set(similar) <= {self.bridge.pk, self.talks.pk, self.undated.pk})

    def place_in_stories(self, *groups):
        """Put the articles in these stories, by the curation staff use, and index them."""
        for group in groups:
            split_off(group[0])
            if len(group) > 1:
                join(list(group))
        index_now(Article.objects.values_list("pk", flat=True))

    def test_collapsing_keeps_the_best_copy_of_each_story_and_counts_articles(self):
        self.place_in_stories((self.harbour, self.undated), (self.bridge,), (self.talks,))
        every = self.search(q="fishermen")
        self.assertEqual((every.total, every.articles), (4, 4))
        harbour_story = Article.objects.get(pk=self.harbour.pk).story_id
        self.assertEqual({h.story for h in every.hits if h.id in (self.harbour.pk, self.undated.pk)}, {harbour_story})

        page = self.search(q="fishermen", collapse=True)
        self.assertEqual((page.total, page.articles, page.pages), (3, 4, 1))
        self.assertEqual(len({hit.story for hit in page.hits}), 3)
        self.assertEqual({f.value: f.count for f in page.facets["source"]},
                         {"port-gazette": 2, "kyiv-post": 1, "mediamax": 1})  # facets count articles
        # The copy that ranks best stands for its story: "ferries" is in the undated one's title.
        ferries = self.search(q="ferries fishermen", collapse=True)
        self.assertEqual(ferries.hits[0].id, self.undated.pk)
        self.assertNotIn(self.harbour.pk, self.ids(ferries))

    def test_collapsing_keeps_the_sort_and_pages_by_story(self):
        self.place_in_stories((self.harbour, self.undated), (self.bridge,), (self.talks,))
        newest = self.search(q="fishermen", sort="newest", collapse=True)
        self.assertEqual(self.ids(newest), [self.talks.pk, self.bridge.pk, self.harbour.pk])
        pages = [self.search(q="fishermen", sort="oldest", collapse=True, per_page=1, page=n) for n in (1, 2, 3)]
        self.assertEqual([p.pages for p in pages], [3, 3, 3])
        self.assertEqual([self.ids(p) for p in pages], [[self.harbour.pk], [self.bridge.pk], [self.talks.pk]])
        browse = self.search(filters={"source": ("port-gazette",)}, collapse=True)
        self.assertEqual((browse.total, browse.articles), (1, 2))
        everything = self.search(sort="newest", collapse=True)
        self.assertEqual((everything.total, everything.articles), (3, 4))

    def test_it_sorts_by_when_articles_were_added_whatever_their_date(self):
        added = [self.harbour.pk, self.bridge.pk, self.talks.pk, self.undated.pk]
        self.assertEqual(self.ids(self.search(q="fishermen", sort="added")), added[::-1])
        self.assertEqual(self.ids(self.search(sort="added")), added[::-1])
        self.assertEqual(self.ids(self.search(filters={"source": ("port-gazette",)}, sort="added")),
                         [self.undated.pk, self.harbour.pk])

    def test_unknown_outlets_and_undated_articles_are_values_of_their_own(self):
        with self.captureOnCommitCallbacks(execute=True):
            nameless = make_article("Quay workers strike", published="2024-01-22",
                                    extra="Workers at the quay met Nikol Pashinyan in Armenia.")
        page = self.search()
        sources = {f.value: (f.label, f.count) for f in page.facets["source"]}
        self.assertEqual(sources[NO_SOURCE], ("Unknown outlet", 1))
        self.assertEqual(page.undated, 1)
        self.assertEqual(self.ids(self.search(filters={"source": (NO_SOURCE,)})), [nameless.pk])
        self.assertEqual(self.search(filters={"source": (NO_SOURCE, "kyiv-post")}).total, 2)
        known = self.search(q="fishermen", exclude={"source": (NO_SOURCE,)})
        self.assertEqual(set(self.ids(known)), {self.harbour.pk, self.bridge.pk, self.talks.pk, self.undated.pk})
        self.assertIn((NO_SOURCE, 1, True), {(f.value, f.count, f.excluded) for f in known.facets["source"]})

        self.assertEqual(self.ids(self.search(undated="only")), [self.undated.pk])
        self.assertEqual(self.ids(self.search(q="fishermen", undated="only")), [self.undated.pk])
        dated = self.search(q="fishermen", undated="exclude", sort="oldest")
        self.assertEqual((dated.total, dated.undated), (4, 0))
        self.assertNotIn(self.undated.pk, self.ids(dated))
        self.assertEqual(self.search(q="fishermen", filters={"source": ("port-gazette",)}).undated, 1)

    def test_excluded_values_leave_their_articles_out_and_say_how_many(self):
        page = self.search(q="fishermen", exclude={"source": ("port-gazette",)})
        self.assertEqual((page.total, set(self.ids(page))), (2, {self.bridge.pk, self.talks.pk}))
        sources = {f.value: (f.count, f.selected, f.excluded) for f in page.facets["source"]}
        self.assertEqual(sources, {"port-gazette": (2, False, True), "kyiv-post": (1, False, False),
                                   "mediamax": (1, False, False)})
        # The other facets count the articles left, as if the other outlets had been picked.
        others = self.search(q="fishermen", filters={"source": ("kyiv-post", "mediamax")})
        self.assertEqual({(f.value, f.count) for f in page.facets["country"]},
                         {(f.value, f.count) for f in others.facets["country"]})
        without = self.search(exclude={"person": ("nikol-pashinyan",)}, sort="newest")
        self.assertEqual(self.ids(without), [self.bridge.pk, self.harbour.pk, self.undated.pk])
        people = {f.value: (f.count, f.excluded) for f in without.facets["person"]}
        self.assertEqual(people["nikol-pashinyan"], (1, True))
        picked = self.search(filters={"country": ("UA", "AM")}, exclude={"country": ("AZ",)})
        self.assertEqual(self.ids(picked), [self.bridge.pk])

    def test_all_of_requires_every_picked_value(self):
        either = self.search(filters={"country": ("UA", "AM")})
        self.assertEqual(set(self.ids(either)), {self.bridge.pk, self.talks.pk})
        both = self.search(filters={"country": ("AM", "AZ")}, all_of=frozenset({"country"}))
        self.assertEqual((both.total, self.ids(both)), (1, [self.talks.pk]))
        counts = {f.value: (f.count, f.selected) for f in both.facets["country"]}
        self.assertEqual((counts["AM"], counts["AZ"]), ((1, True), (1, True)))
        self.assertNotIn("UA", counts)  # no article would be left with Ukraine too
        self.assertEqual(self.search(filters={"country": ("UA", "AM")}, all_of=frozenset({"country"})).total, 0)
        mixed = self.search(q="fishermen", filters={"country": ("AM", "AZ")}, all_of=frozenset({"country"}),
                            exclude={"source": ("kyiv-post",)})
        self.assertEqual(self.ids(mixed), [self.talks.pk])

    def test_a_facets_values_can_be_found_by_part_of_their_name(self):
        page = self.search(q="fishermen", facet_search={"person": "pashin"})
        self.assertEqual([(f.value, f.count) for f in page.facets["person"]], [("nikol-pashinyan", 1)])
        self.assertEqual(page.facet_totals["person"], 1)
        self.assertEqual(page.total, 4)  # the search itself is not narrowed
        self.assertEqual([f.value for f in self.search(facet_search={"person": "ZELÉNSK"}).facets["person"]],
                         ["volodymyr-zelensky"])
        self.assertEqual([f.label for f in self.search(facet_search={"source": "gaz"}).facets["source"]],
                         ["Port Gazette"])
        self.assertEqual([f.value for f in self.search(facet_search={"country": "ukr"}).facets["country"]], ["UA"])
        self.assertEqual(self.search(facet_search={"person": "nobody like this"}).facets["person"], ())

    def test_date_sorts_put_undated_articles_last(self):
        for sort in ("newest", "oldest"):
            with self.subTest(sort=sort):
                self.assertEqual(self.ids(self.search(sort=sort))[-1], self.undated.pk)
                self.assertEqual(self.ids(self.search(q="fishermen", sort=sort))[-1], self.undated.pk)

    def test_a_search_for_counts_only_fetches_no_hits(self):
        page = self.search(q="fishermen", per_page=0)
        self.assertEqual((page.hits, page.total, page.pages), ((), 4, 1))
        self.assertEqual(sum(f.count for f in page.facets["source"]), 4)
        everything = self.search(per_page=0, collapse=True)
        self.assertEqual((everything.hits, everything.articles, everything.pages), ((), 4, 1))

    def test_a_relaxed_search_counts_only_the_articles_the_filters_allow(self):
        words = "zorblat quintex vormish plindor"
        with self.captureOnCommitCallbacks(execute=True):
            make_article("Undated with every word", source="Port Gazette", extra=f"It said {words}.")
            one = make_article("Dated with one word", source="Kyiv Post", published="2024-02-01", extra="It said zorblat.")
            two = make_article("Dated with another", source="Mediamax", published="2024-02-02", extra="It said quintex.")
        dated = self.search(q=words, undated="exclude")
        self.assertEqual((dated.relaxed, dated.min_match, set(self.ids(dated))), (True, 1, {one.pk, two.pk}))
        # Relaxing finds nothing more among the outlets left: the search stays strict, and says so alike.
        strict = self.search(q=words, exclude={"source": ("kyiv-post", "mediamax")})
        self.assertEqual((strict.relaxed, strict.total), (False, 1))
        left_out = {f.value: (f.count, f.excluded) for f in strict.facets["source"]}
        self.assertEqual((left_out["kyiv-post"], left_out["mediamax"]), ((0, True), (0, True)))

    def test_every_excluded_or_picked_value_is_listed_once(self):
        page = self.search(q="fishermen", filters={"country": ("UA",)}, exclude={"country": ("ZW",)}, facet_limit=None)
        countries = [f.value for f in page.facets["country"]]
        self.assertEqual(len(countries), len(set(countries)))
        self.assertIn(("ZW", 0, True), {(f.value, f.count, f.excluded) for f in page.facets["country"]})
        self.assertEqual(page.facet_totals["country"], len([f for f in page.facets["country"] if not f.excluded]))
        unknown = self.search(filters={"source": (NO_SOURCE,)}, facet_limit=1)
        self.assertEqual([f.value for f in unknown.facets["source"]].count(NO_SOURCE), 1)
