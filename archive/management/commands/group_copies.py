from __future__ import annotations

import sys

from django.core.management.base import BaseCommand
from django.db import transaction
from tqdm import tqdm

from archive.copies.grouping import place
from archive.models import Article, CopyBand
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
            CopyBand.objects.all().delete()  # bands of another method would match nothing, or the wrong texts
        show_bar = sys.stderr.isatty() and options["verbosity"] > 0 and ids
        with deferred_indexing():
            for pk in tqdm(ids, unit="article", disable=not show_bar, file=sys.stderr):
                with transaction.atomic():
                    article = Article.objects.get(pk=pk)
                    schedule_index([pk, *place(article)])
        grouped = Article.objects.exclude(story=None).values("story").distinct().count()
        if options["verbosity"] > 0:
            self.stdout.write(f"placed {len(ids)} article(s); the archive holds {grouped} stories")
