"""Copies of one story, through the real import path: grouped, kept apart, curated, kept over reprocess."""

from __future__ import annotations

import random
import shutil
import tempfile
import unittest
from pathlib import Path

from django.contrib.auth.models import User
from django.core.management import call_command
from django.test import TestCase

from archive.copies.curation import join, split_off
from archive.copies.listing import other_copies, outlets_line
from archive.copies.signature import containment, shingles
from archive.ingest.parse import Upload
from archive.ingest.pipeline import ingest_article
from archive.models import Article, CopyBand, Story
from archive.search import get_backend
from archive.search.base import SearchQuery

from .copyset import available, bbc_stories, copies_of
from .factories import IndexedTestCase, import_paths, make_article

needs_bbc = unittest.skipUnless(available(), "../shared/corpus/bbc not found: copies tests skipped")


def story_and_neighbours():
    """A politics story with 2 rewritten copies, and the 2 stories of its desk closest to it that are not copies."""
    stories = bbc_stories(("politics",))
    sequences = {s.key: shingles(s.body) for s in stories}
    for story in stories[10:]:
        others = sorted(
            ((containment(sequences[story.key], sequences[o.key]), o) for o in stories if o.key != story.key),
            key=lambda pair: -pair[0],
        )
        near = [o for share, o in others if 0.15 <= share < 0.5 and o.title != story.title]
        if len(near) >= 2 and others[0][0] < 0.5:  # same subject, and no copy of it in the BBC set itself
            return story, copies_of(story, 2, random.Random(3)), near[:2]
    raise AssertionError("no politics story with two close neighbours")


def write(folder: Path, story) -> None:
    name = story.key.replace("/", "-").replace("+", "-copy-") + ".txt"
    (folder / name).write_text(f"{story.title}\n\n{story.body}\n", encoding="utf-8")


@needs_bbc
class GroupingThroughImportTests(TestCase):
    def setUp(self):
        self.folder = Path(tempfile.mkdtemp(prefix="copies-"))
        self.addCleanup(shutil.rmtree, self.folder, ignore_errors=True)
        self.story, self.copies, self.near = story_and_neighbours()

    def import_all(self, *stories) -> None:
        for story in stories:
            write(self.folder, story)
        import_paths(self.folder)

    def stories_of(self, *stories) -> list[int | None]:
        names = [s.key.replace("/", "-").replace("+", "-copy-") + ".txt" for s in stories]
        by_name = {Path(name).name: story for name, story in Article.objects.values_list("original_name", "story_id")}
        return [by_name[name] for name in names]

    def test_copies_are_one_story_and_stories_of_one_subject_stay_apart(self):
        self.import_all(self.story, *self.copies, *self.near)
        original, first, second, near_a, near_b = self.stories_of(self.story, *self.copies, *self.near)
        self.assertIsNotNone(original)
        self.assertEqual({original, first, second}, {original})
        self.assertEqual(len({original, near_a, near_b}), 3)
        self.assertEqual(Story.objects.count(), 3)
        self.assertEqual(CopyBand.objects.values("article").distinct().count(), 5)

    def test_a_copy_that_comes_first_is_joined_by_the_original(self):
        self.import_all(self.copies[0])
        self.import_all(self.story)
        self.assertEqual(len(set(self.stories_of(self.copies[0], self.story))), 1)

    def test_grouping_and_staffs_corrections_are_kept_over_reprocess(self):
        self.import_all(self.story, *self.copies, *self.near)
        split = Article.objects.get(original_name__endswith="-copy-2.txt")
        split_off(split)
        joined = Article.objects.get(original_name__endswith=self.near[0].key.replace("/", "-") + ".txt")
        join([joined, Article.objects.get(original_name__endswith=self.story.key.replace("/", "-") + ".txt")])
        before = self.stories_of(self.story, *self.copies, *self.near)
        self.assertEqual(len(set(before)), 3)  # the story (with a neighbour joined), the split copy, the other

        call_command("reprocess", verbosity=0, stdout=open("/dev/null", "w"))  # noqa: SIM115

        self.assertEqual(self.stories_of(self.story, *self.copies, *self.near), before)
        split.refresh_from_db()
        self.assertTrue(split.story_curated)
        reasons = list(split.history.values_list("history_change_reason", flat=True))
        self.assertTrue(any("split off story" in (r or "") for r in reasons), reasons)

    def test_a_copy_split_off_stays_apart_when_its_former_copy_is_derived_again(self):
        self.import_all(self.story, self.copies[0])
        original = Article.objects.get(original_name__endswith=self.story.key.replace("/", "-") + ".txt")
        copy = Article.objects.get(original_name__endswith="-copy-1.txt")
        split_off(copy)
        call_command("reprocess", verbosity=0, stdout=open("/dev/null", "w"))  # noqa: SIM115
        call_command("group_copies", "--all", verbosity=0)
        original.refresh_from_db()
        copy.refresh_from_db()
        self.assertNotEqual(original.story_id, copy.story_id)

    def test_grouping_everything_again_keeps_the_stories(self):
        self.import_all(self.story, *self.copies, *self.near)
        before = self.stories_of(self.story, *self.copies, *self.near)
        call_command("group_copies", "--all", verbosity=0)
        self.assertEqual(self.stories_of(self.story, *self.copies, *self.near), before)

    def test_group_copies_gives_older_articles_their_stories(self):
        self.import_all(self.story, *self.copies)
        Article.objects.update(story=None)
        CopyBand.objects.all().delete()
        Story.objects.all().delete()
        call_command("group_copies", verbosity=0)
        self.assertEqual(len(set(self.stories_of(self.story, *self.copies))), 1)
        self.assertEqual(Article.objects.filter(story=None).count(), 0)


class StoryLifeTests(TestCase):
    def test_a_story_goes_with_its_last_copy(self):
        first = make_article("Quay opens", own_story=False)
        second = make_article("Quay opens on time", own_story=False)
        story = first.story_id
        first.delete()
        self.assertTrue(Story.objects.filter(pk=story).exists())
        Article.objects.get(pk=second.pk).delete()
        self.assertFalse(Story.objects.filter(pk=story).exists())


class ShortTextsTests(TestCase):
    def test_one_text_under_two_headlines_is_one_story(self):
        first = make_article("Quay opens", own_story=False)
        second = make_article("Quay opens on time", own_story=False)
        self.assertIsNotNone(first.story_id)
        self.assertEqual(first.story_id, second.story_id)

    def test_texts_too_short_to_compare_are_stories_of_their_own(self):
        # Two briefs that share their one line are not evidence of one story.
        brief = "The new quay opened on Tuesday, the harbour master said."
        first = ingest_article(Upload(f"Quay opens\n\n{brief}\n".encode(), "a.txt", "text/plain", {}))
        second = ingest_article(Upload(f"Quay open\n\n{brief}\n".encode(), "b.txt", "text/plain", {}))
        self.assertNotEqual(first.story_id, second.story_id)


@needs_bbc
class CopiesInLaterImportsTests(IndexedTestCase):
    def test_a_story_whose_copies_come_in_later_imports_is_one_story_in_search(self):
        story, copies, _ = story_and_neighbours()
        for each in (story, *copies):  # one import each: the first is indexed before it has copies
            folder = Path(tempfile.mkdtemp(prefix="copies-"))
            self.addCleanup(shutil.rmtree, folder, ignore_errors=True)
            write(folder, each)
            import_paths(folder)
        self.assertEqual(Story.objects.count(), 1)
        page = get_backend().search(SearchQuery(collapse=True))
        self.assertEqual((page.total, page.articles, len(page.hits)), (1, 3, 1))


@needs_bbc
class CopiesInSearchTests(IndexedTestCase):
    """The search page, the API and the article page, on a story imported with two copies and two neighbours."""

    def setUp(self):
        super().setUp()
        folder = Path(tempfile.mkdtemp(prefix="copies-"))
        self.addCleanup(shutil.rmtree, folder, ignore_errors=True)
        self.story, self.copies, self.near = story_and_neighbours()
        for story in (self.story, *self.copies, *self.near):
            write(folder, story)
        import_paths(folder)
        self.original = Article.objects.get(original_name__endswith=self.story.key.replace("/", "-") + ".txt")
        self.query = " ".join(self.story.title.split()[:3])

    def api(self, **params):
        return self.client.get("/api/search", {"q": self.query, **params}).json()

    def test_the_api_gives_one_hit_per_story_with_its_copies_or_every_copy_on_request(self):
        collapsed = self.api()
        story = self.original.story_id
        hits = [r for r in collapsed["results"] if r["story"] == story]
        self.assertEqual(len(hits), 1)
        self.assertEqual(len(hits[0]["copies"]), 2)
        self.assertEqual({c["id"] for c in hits[0]["copies"]} | {hits[0]["id"]},
                         set(Article.objects.filter(story=story).values_list("pk", flat=True)))
        self.assertEqual(hits[0]["copies_total"], 2)
        for copy in hits[0]["copies"]:
            self.assertEqual(set(copy), {"id", "url", "source", "published"})
            self.assertEqual(self.client.get(copy["url"]).status_code, 200)
        every = self.api(copies="all")
        self.assertEqual(every["copies"], "all")
        self.assertEqual(len([r for r in every["results"] if r["story"] == story]), 3)
        self.assertEqual(every["total"], collapsed["total"] + 2)
        self.assertEqual(every["articles"], collapsed["articles"])

    def test_a_story_with_many_copies_lists_some_and_counts_all(self):
        hit = next(h for h in get_backend().search(SearchQuery(q=self.query, collapse=True)).hits
                   if h.story == self.original.story_id)
        copies = other_copies([hit], listed=1)[hit.id]
        self.assertEqual((len(copies.listed), copies.total), (1, 2))
        self.assertEqual(outlets_line(copies, shown=1)[1], 1)  # "(+1)"

    def test_the_search_page_says_who_else_reported_it_and_offers_every_copy(self):
        response = self.client.get("/", {"q": self.query})
        html = response.content.decode()
        self.assertIn("Also reported by", html)
        self.assertIn("Show every copy", html)
        self.assertIn("count every article", html)
        every = self.client.get("/", {"q": self.query, "copies": "all"}).content.decode()
        self.assertNotIn("Also reported by", every)
        self.assertIn("Show each story once", every)

    def test_the_article_page_lists_the_copies_and_what_each_changed(self):
        page = self.client.get(f"/articles/{self.original.pk}/").content.decode()
        self.assertIn("Other copies of this story", page)
        copy = Article.objects.filter(story=self.original.story_id).exclude(pk=self.original.pk).first()
        changes = self.client.get(f"/articles/{copy.pk}/changes/")
        self.assertEqual(changes.status_code, 200)
        comparison = changes.context["comparison"]
        self.assertGreater(comparison.same + comparison.changed, 0)
        self.assertGreater(comparison.added, 0)  # the outlet's own first paragraph and boilerplate
        self.assertIn("<ins>", changes.content.decode())
        self.assertEqual(changes.context["earliest"].story_id, copy.story_id)


@needs_bbc
class CurationInTheAdminTests(TestCase):
    def setUp(self):
        folder = Path(tempfile.mkdtemp(prefix="copies-"))
        self.addCleanup(shutil.rmtree, folder, ignore_errors=True)
        story, copies, near = story_and_neighbours()
        for version in (story, *copies, near[0]):
            write(folder, version)
        import_paths(folder)
        self.client.force_login(User.objects.create_superuser("editor", password="pw"))
        self.near = Article.objects.get(original_name__endswith=near[0].key.replace("/", "-") + ".txt")
        self.copy = Article.objects.get(original_name__endswith="-copy-1.txt")

    def act(self, action: str, *articles: Article):
        return self.client.post("/admin/archive/article/", {
            "action": action, "_selected_action": [a.pk for a in articles],
        }, follow=True)

    def test_staff_split_a_copy_off_and_join_two_stories_from_the_article_list(self):
        story = self.copy.story_id
        response = self.act("split_off_stories", self.copy)
        self.assertContains(response, "stand as stories of their own")
        self.copy.refresh_from_db()
        self.assertNotEqual(self.copy.story_id, story)
        self.assertTrue(self.copy.story_curated)

        response = self.act("join_stories", self.copy, self.near)
        self.assertContains(response, "Joined into one story of 2 articles")
        self.near.refresh_from_db()
        self.copy.refresh_from_db()
        self.assertEqual(self.near.story_id, self.copy.story_id)

        page = self.client.get(f"/admin/archive/article/{self.near.pk}/change/").content.decode()
        self.assertIn("Other copies", page)
        self.assertIn(self.copy.title, page)
        self.assertIn("(placed by hand)", page)
        history = self.client.get(f"/admin/archive/article/{self.copy.pk}/history/").content.decode()
        self.assertIn("split off story", history)
        # The neighbour's own story went when it was joined; its history still shows.
        self.assertContains(self.client.get(f"/admin/archive/article/{self.near.pk}/history/"), "joined to story")
