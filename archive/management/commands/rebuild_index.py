from __future__ import annotations

import sys

from django.core.management.base import BaseCommand
from tqdm import tqdm

from archive.models import Article
from archive.search import get_backend
from archive.search.base import SearchError, SearchQuery
from archive.search.sync import DEFERRED_BATCH, articles_for_index


class Command(BaseCommand):
    help = "Empty the search index and index every article again."

    def add_arguments(self, parser):
        parser.add_argument("--if-empty", action="store_true",
                            help="only when the index holds no document while the database has articles, or is "
                                 "unreadable (a new search backend, an index of an older version); `make run` asks this")

    def handle(self, *args, if_empty=False, **options):
        backend = get_backend()
        if if_empty:
            if not Article.objects.exists():
                return
            try:
                if backend.search(SearchQuery(per_page=0, facet_limit=0)).articles:
                    return
            except SearchError as exc:
                self.stdout.write(f"{exc} Rebuilding it now.")
            else:
                self.stdout.write("The search index is empty: indexing every article (once, for this backend).")
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
