"""Measure entity extraction speed on the BBC corpus: articles per second, one process.

Each article is parsed and its entities extracted exactly as an import would
(``parse_upload``), without touching the database. The spaCy model is loaded and
warmed up before the clock starts.

    .venv/bin/python bench/extract_speed.py [--limit N] [--corpus PATH]
    .venv/bin/python bench/extract_speed.py --html   # the HTML pages of ../shared (meta and html corpora)

With --html it reads the web pages of ../shared/corpus/meta/pages and ../shared/corpus/html/html
(134 pages) instead, where metadata (dates, bylines, titles) and the article body are read
from the markup; each page is parsed three times and the fastest round counts.
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
HTML_CORPORA = (ROOT.parent / "shared" / "corpus" / "meta" / "pages", ROOT.parent / "shared" / "corpus" / "html" / "html")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="folder of .txt articles")
    parser.add_argument("--limit", type=int, default=0, help="measure only the first N articles")
    parser.add_argument("--html", action="store_true", help="the HTML pages of ../shared instead of BBC texts")
    args = parser.parse_args()
    if args.html:
        files = sorted(p for folder in HTML_CORPORA if folder.is_dir() for p in folder.iterdir() if ".htm" in p.name)
    else:
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

    from archive.ingest.errors import IngestError

    kind = "" if args.html else "text/plain"
    uploads = [Upload(data=path.read_bytes(), name=path.name, content_type=kind) for path in files]
    parse_upload(Upload(data=b"Warm up\n\nMaria Borg spoke in Valletta.", name="warm.txt"))  # loads the model

    def parse_all() -> int:
        found = 0
        for upload in uploads:
            try:
                found += len(parse_upload(upload).entities)
            except IngestError:
                pass  # a refused page costs its time all the same
        return found

    rounds = []
    for _ in range(3 if args.html else 1):
        started = time.perf_counter()
        cpu_started = time.process_time()
        entities = parse_all()
        rounds.append((time.perf_counter() - started, time.process_time() - cpu_started))
    elapsed, cpu = min(rounds)

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
