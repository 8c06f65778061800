from __future__ import annotations

import sys

from django.core.management.base import BaseCommand
from tqdm import tqdm

from archive.models import Article
from archive.search import get_backend
from archive.search.sync import DEFERRED_BATCH, articles_for_index


class Command(BaseCommand):
    help = "Empty the search index and index every article again."

    def handle(self, *args, **options):
        backend = get_backend()
        backend.clear()
        ids = list(Article.objects.order_by("pk").values_list("pk", flat=True))
        show_bar = sys.stderr.isatty() and options["verbosity"] > 0
        with tqdm(total=len(ids), unit="article", disable=not show_bar, file=sys.stderr) as bar:
            # Few, large index commits: each costs tens of milliseconds whatever its size (tantivy's, Whoosh's).
            for start in range(0, len(ids), DEFERRED_BATCH):
                batch = ids[start:start + DEFERRED_BATCH]
                backend.index(articles_for_index(batch))
                bar.update(len(batch))
        self.stdout.write(f"indexed {len(ids)} articles")
