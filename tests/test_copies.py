"""Copies of one story, through the real import path: grouped, kept apart, curated, kept over reprocess."""

from __future__ import annotations

import random
import shutil
import tempfile
import unittest
from pathlib import Path

from django.core.management import call_command
from django.test import TestCase

from archive.copies.curation import join, split_off
from archive.copies.signature import containment, shingles
from archive.ingest.parse import Upload
from archive.ingest.pipeline import ingest_article
from archive.models import Article, CopyBand, Story

from .copyset import available, bbc_stories, copies_of
from .factories import import_paths, make_article

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

    def test_group_copies_gives_older_articles_their_stories(self):
        self.import_all(self.story, *self.copies)
        Article.objects.update(story=None)
        CopyBand.objects.all().delete()
        Story.objects.all().delete()
        call_command("group_copies", verbosity=0)
        self.assertEqual(len(set(self.stories_of(self.story, *self.copies))), 1)
        self.assertEqual(Article.objects.filter(story=None).count(), 0)


class ShortTextsTests(TestCase):
    def test_one_text_under_two_headlines_is_one_story(self):
        first = make_article("Quay opens")
        second = make_article("Quay opens on time")
        self.assertIsNotNone(first.story_id)
        self.assertEqual(first.story_id, second.story_id)

    def test_texts_too_short_to_compare_are_stories_of_their_own(self):
        # Two briefs that share their one line are not evidence of one story.
        brief = "The new quay opened on Tuesday, the harbour master said."
        first = ingest_article(Upload(f"Quay opens\n\n{brief}\n".encode(), "a.txt", "text/plain", {}))
        second = ingest_article(Upload(f"Quay open\n\n{brief}\n".encode(), "b.txt", "text/plain", {}))
        self.assertNotEqual(first.story_id, second.story_id)
