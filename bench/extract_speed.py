"""Measure entity extraction speed on the BBC corpus: articles per second, one process.

Each article is parsed and its entities extracted exactly as an import would
(``parse_upload``), without touching the database. The spaCy model is loaded and
warmed up before the clock starts.

    .venv/bin/python bench/extract_speed.py [--limit N] [--corpus PATH]
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "bbc"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="folder of .txt articles")
    parser.add_argument("--limit", type=int, default=0, help="measure only the first N articles")
    args = parser.parse_args()
    files = sorted(args.corpus.glob("**/*.txt"))
    if not files:
        print(f"skipped: no articles under {args.corpus} (the shared corpus is absent)")
        return 0
    if args.limit:
        files = files[: args.limit]

    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsarchive.settings.dev")
    import django

    django.setup()
    from archive.ingest.parse import Upload, parse_upload

    uploads = [Upload(data=path.read_bytes(), name=path.name, content_type="text/plain") for path in files]
    parse_upload(uploads[0])  # loads the model

    started = time.perf_counter()
    cpu_started = time.process_time()
    entities = sum(len(parse_upload(upload).entities) for upload in uploads)
    elapsed = time.perf_counter() - started
    cpu = time.process_time() - cpu_started

    print(f"articles:       {len(uploads)}")
    print(f"entities:       {entities}")
    print(f"wall time:      {elapsed:.1f} s")
    print(f"cpu time:       {cpu:.1f} s")
    print(f"articles/s:     {len(uploads) / elapsed:.1f}")
    print(f"ms per article: {1000 * elapsed / len(uploads):.1f}")
    print(f"machine:        {os.cpu_count()} CPUs, {_cpu_model()}, Python {platform.python_version()}")
    return 0


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


if __name__ == "__main__":
    sys.exit(main())
