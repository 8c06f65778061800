from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from archive.models import Article
from archive.search import get_backend
from archive.search.base import describe, version_of
from archive.search.sync import BATCH, DEFERRED_BATCH, articles_for_index, index_now


class Command(BaseCommand):
    help = "List articles missing from or stale in the search index, and documents of deleted articles; --fix repairs them."

    def add_arguments(self, parser):
        parser.add_argument("--fix", action="store_true", help="index what is missing or stale, remove what is gone")

    def handle(self, *args, fix, **options):
        backend = get_backend()
        indexed = backend.versions()
        missing, stale = [], []
        ids = list(Article.objects.order_by("pk").values_list("pk", flat=True))
        for start in range(0, len(ids), BATCH):
            for article in articles_for_index(ids[start:start + BATCH]):
                version = indexed.pop(article.pk, None)
                if version is None:
                    missing.append(article.pk)
                elif version != version_of(describe(article)):
                    stale.append(article.pk)
        orphans = sorted(indexed)
        for label, ids in (("missing from the index", missing), ("stale in the index", stale), ("indexed but deleted", orphans)):
            if ids:
                shown = ", ".join(f"#{i}" for i in ids[:50]) + (" ..." if len(ids) > 50 else "")
                self.stdout.write(f"{len(ids)} {label}: {shown}")
        if not (missing or stale or orphans):
            self.stdout.write("the index matches the database")
            return
        if fix:
            index_now(sorted(missing + stale), batch=DEFERRED_BATCH)  # a big fix: few, large index commits
            backend.remove(orphans)
            self.stdout.write(f"fixed: indexed {len(missing) + len(stale)}, removed {len(orphans)}")
        else:
            raise CommandError("the index differs from the database: run `manage.py check_index --fix`")
