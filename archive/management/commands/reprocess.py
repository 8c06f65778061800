from __future__ import annotations

import sys

from django.core.management.base import BaseCommand
from tqdm import tqdm

from archive.curation import consolidate_surnames
from archive.ingest.errors import IngestError
from archive.search.sync import deferred_indexing
from archive.ingest.pipeline import DuplicateArticle, reprocess_article
from archive.models import Article


class Command(BaseCommand):
    help = "Re-derive every article (text, metadata, entities) from its stored original with the current rules."

    def handle(self, *args, **options):
        ids = list(Article.objects.order_by("pk").values_list("pk", flat=True))
        done, problems = 0, []
        show_bar = sys.stderr.isatty() and options["verbosity"] > 0
        with deferred_indexing():
            for pk in tqdm(ids, unit="article", disable=not show_bar, file=sys.stderr):
                article = Article.objects.get(pk=pk)
                try:
                    reprocess_article(article)
                    done += 1
                except (IngestError, DuplicateArticle, OSError) as exc:
                    problems.append(f"#{pk} {article.original_name}: kept as it was: {exc}")
            consolidate_surnames()
        self.stdout.write(f"reprocessed {done}, unchanged because of a problem {len(problems)}")
        for line in problems:
            self.stdout.write(line)
