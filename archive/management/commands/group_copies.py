from __future__ import annotations

import contextlib
import sys

from django.core.management.base import BaseCommand
from django.db import transaction
from tqdm import tqdm

from archive.copies.grouping import place, store_bands
from archive.models import Article, CopyBand
from archive.search import get_backend
from archive.search.base import SearchError
from archive.search.sync import deferred_indexing, schedule_index


class Command(BaseCommand):
    help = (
        "Group the copies of one story among articles stored before grouping existed (or, with --all, "
        "every article again, after the grouping method changed). Staff's placements are kept."
    )

    def add_arguments(self, parser):
        parser.add_argument("--all", action="store_true", help="place every article again, not only those without a story")

    def handle(self, *args, **options):
        articles = Article.objects.order_by("pk")
        if not options["all"]:
            articles = articles.filter(story=None)
        ids = list(articles.values_list("pk", flat=True))
        if options["all"]:
            # Every article's bands anew first (those of another method would match nothing, or the
            # wrong texts), so that placing the first copy of a story finds the others: stories stay.
            CopyBand.objects.all().delete()
            for pk in tqdm(ids, unit="article", disable=not (sys.stderr.isatty() and options["verbosity"] > 0),
                           file=sys.stderr, desc="bands"):
                with transaction.atomic():
                    store_bands(Article.objects.get(pk=pk))
        show_bar = sys.stderr.isatty() and options["verbosity"] > 0 and ids
        try:
            get_backend().versions()
            indexing = deferred_indexing()
        except SearchError as exc:
            # Stories are stored all the same; an index of an older version is rebuilt whole, stories included.
            self.stderr.write(f"The search index is not updated: {exc}")
            indexing = None
        with indexing or contextlib.nullcontext():
            for pk in tqdm(ids, unit="article", disable=not show_bar, file=sys.stderr):
                with transaction.atomic():
                    placed = [pk, *place(Article.objects.get(pk=pk), bands_stored=options["all"])]
                    if indexing:
                        schedule_index(placed)
        grouped = Article.objects.exclude(story=None).values("story").distinct().count()
        if options["verbosity"] > 0:
            self.stdout.write(f"placed {len(ids)} article(s); the archive holds {grouped} stories")
