from __future__ import annotations

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from archive.ingest.errors import IngestError
from archive.ingest.import_batch import default_workers, import_items
from archive.ingest.parse import clean_metadata
from archive.ingest.unpack import plan_paths, unpack_plan


class Command(BaseCommand):
    help = "Import articles from files, folders (recursively), zip archives and gzip files."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="*", type=Path, help="files, folders or .zip archives")
        parser.add_argument("--source", default="", help="the outlet of every article imported (wins over the text)")
        parser.add_argument("--manifest", type=Path, help="a CSV or JSON Lines file with per-article metadata")
        parser.add_argument(
            "--workers", type=int, default=0, help="parsing processes (default: one per core; 1 parses in this process)"
        )

    def handle(self, *args, paths, source, manifest, workers, **options):
        if not paths and manifest is None:
            raise CommandError("give at least one file or folder, or --manifest")
        for path in [*paths, *([manifest] if manifest else [])]:
            if not path.exists():
                raise CommandError(f"{path}: no such file or folder")
        try:
            metadata = clean_metadata({"source": source})
            plan = plan_paths(paths, manifest_path=manifest)
        except IngestError as exc:
            raise CommandError(str(exc)) from None
        show_bar = sys.stderr.isatty() and options["verbosity"] > 0
        counts = {"imported": 0, "duplicate": 0, "rejected": 0}
        rejected = []
        # Files are read one at a time as the import goes: no corpus is held in memory.
        with tqdm(total=plan.count(), unit="article", disable=not show_bar, file=sys.stderr) as bar:
            workers = workers or default_workers()
            for outcome in import_items(unpack_plan(plan, metadata=metadata), workers=workers):
                counts[outcome.status] += 1
                if outcome.status == "rejected":
                    rejected.append(outcome)
                bar.update(1)
        self.stdout.write(f"imported {counts['imported']}, duplicates {counts['duplicate']}, rejected {counts['rejected']}")
        for outcome in rejected:
            self.stdout.write(f"rejected {outcome.name}: {outcome.reason}")
        if sum(counts.values()) and counts["imported"] + counts["duplicate"] == 0:
            raise CommandError("nothing could be read")
