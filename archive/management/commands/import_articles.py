from __future__ import annotations

import contextlib
import os
import signal
import sys
import threading
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
        with tqdm(total=plan.count(), unit="article", disable=not show_bar, file=sys.stderr) as bar, \
                _stop_on_signal() as stop:
            outcomes = import_items(unpack_plan(plan, metadata=metadata), workers=workers or default_workers())
            for outcome in outcomes:
                counts[outcome.status] += 1
                if outcome.status == "rejected":
                    rejected.append(outcome)
                bar.update(1)
                if stop:
                    break
            outcomes.close()  # on a stop: ends the parsers and sends what was imported to the index
        self.stdout.write(f"imported {counts['imported']}, duplicates {counts['duplicate']}, rejected {counts['rejected']}")
        for outcome in rejected:
            self.stdout.write(f"rejected {outcome.name}: {outcome.reason}")
        if stop:
            raise CommandError(f"stopped by {stop[0]} after {sum(counts.values())} items; "
                               "the same command again imports the rest")
        if sum(counts.values()) and counts["imported"] + counts["duplicate"] == 0:
            raise CommandError("nothing could be read")


@contextlib.contextmanager
def _stop_on_signal():
    """A list that gets the signal's name when SIGTERM or SIGINT asks the import to stop.

    The import then stops after the item it is on, and what it imported goes to the
    search index. A second signal stops it at once (no article is ever half
    imported: each has its own transaction). SIGINT stays ignored where the
    shell ignores it (a background job).
    """
    stop: list[str] = []

    def handle(signum, frame):
        if stop:
            signal.signal(signum, signal.SIG_DFL)
            os.kill(os.getpid(), signum)
        stop.append(signal.Signals(signum).name)
        sys.stderr.write(f"\n{stop[0]}: stopping after the current item (again to stop at once)\n")

    if threading.current_thread() is not threading.main_thread():
        yield stop  # only the main thread may handle signals
        return
    wanted = [signal.SIGTERM] + ([signal.SIGINT] if signal.getsignal(signal.SIGINT) is not signal.SIG_IGN else [])
    previous = {signum: signal.signal(signum, handle) for signum in wanted}
    try:
        yield stop
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
