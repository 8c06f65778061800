"""Publication date, title and author: the archive beside the libraries alone, on the same pages.

For each page of a folder (default ../shared/corpus/meta/pages) it writes what each reader
finds, in the JSON shape of `manage.py extract --json`, and scores each with
../shared/tools/score_meta.py against the folder's gold file:

- the archive: `manage.py extract --json` (what an import stores);
- trafilatura alone: `trafilatura.extract_metadata` (date, title, author);
- htmldate alone: `find_date(original_date=True)`, markup only and with its extensive search.

Then the article bodies of ../shared/corpus/html (pages with hand-made bodies): what the
archive stores (`parse_html`) against trafilatura alone (default, favor_precision,
favor_recall, its baseline), as the extraction benchmark scores them: the F1 of each page's
4-word shingles, averaged over pages.

    .venv/bin/python bench/metadata_libraries.py
    .venv/bin/python bench/metadata_libraries.py --pages OTHER/pages --gold OTHER/gold.json
"""

from __future__ import annotations

import argparse
import gzip
import json
import logging
import re
import subprocess
import sys
import tempfile
import time
import warnings
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import ROOT, machine, setup_django  # noqa: E402

SHARED = ROOT.parent / "shared"


def read_pages(folder: Path) -> list[tuple[Path, str]]:
    from archive.ingest.decode import decode_text
    from archive.ingest.errors import IngestError

    pages = []
    for path in sorted(p for p in folder.iterdir() if p.is_file()):
        try:
            pages.append((path, decode_text(path.read_bytes())))
        except IngestError:
            continue
    return pages


def trafilatura_alone(pages) -> list[dict]:
    import trafilatura

    found = []
    for path, text in pages:
        metadata = trafilatura.extract_metadata(text)
        found.append({"file": str(path), "published": (metadata.date or "") if metadata else "",
                      "title": (metadata.title or "") if metadata else "",
                      "author": (metadata.author or "") if metadata else ""})
    return found


def htmldate_alone(pages, *, extensive: bool) -> list[dict]:
    from htmldate import find_date

    found = []
    for path, text in pages:
        try:
            date = find_date(text, original_date=True, extensive_search=extensive, outputformat="%Y-%m-%d") or ""
        except Exception:  # noqa: BLE001 - a library's failure on one page is its miss, not ours
            date = ""
        found.append({"file": str(path), "published": date})
    return found


def shingles(text: str, size: int = 4) -> Counter:
    words = re.findall(r"\w+", text.lower())
    return Counter(tuple(words[i : i + size]) for i in range(max(len(words) - size + 1, 1)))


def shingle_f1(found: str, gold: str) -> float:
    got, want = shingles(found), shingles(gold)
    common = sum((got & want).values())
    if not common:
        return 0.0
    precision, recall = common / sum(got.values()), common / sum(want.values())
    return 2 * precision * recall / (precision + recall)


def bodies(folder: Path) -> None:
    import trafilatura

    from archive.ingest.errors import IngestError
    from archive.ingest.html import parse_html

    truth = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
    pages = {page_id: gzip.decompress((folder / "html" / f"{page_id}.html.gz").read_bytes()).decode("utf-8")
             for page_id in truth}  # fmt: skip

    def archive(text: str) -> str:
        try:
            return parse_html(text).body_text
        except IngestError:
            return ""

    readers = {
        "the archive (parse_html)": archive,
        "trafilatura alone, default": lambda text: trafilatura.extract(text) or "",
        "trafilatura alone, favor_precision": lambda text: trafilatura.extract(text, favor_precision=True) or "",
        "trafilatura alone, favor_recall": lambda text: trafilatura.extract(text, favor_recall=True) or "",
        "trafilatura alone, baseline": lambda text: trafilatura.baseline(text)[1],
    }
    print(f"article bodies: {len(pages)} pages of {folder}, mean 4-word-shingle F1")
    for name, read in readers.items():
        started = time.perf_counter()
        scores = [shingle_f1(read(text), truth[page_id]["articleBody"]) for page_id, text in pages.items()]
        elapsed = (time.perf_counter() - started) / len(pages) * 1000
        print(f"{name:36} F1 {sum(scores) / len(scores):.3f}  empty {sum(s == 0 for s in scores)}  {elapsed:.0f} ms/page")


def score(found: list[dict], gold: Path, scorer: Path) -> str:
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as out:
        json.dump(found, out)
    result = subprocess.run([sys.executable, str(scorer), out.name, str(gold)], capture_output=True, text=True)
    Path(out.name).unlink()
    return result.stdout.strip().splitlines()[-1] if result.stdout.strip() else result.stderr.strip()[-300:]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=Path, default=SHARED / "corpus" / "meta" / "pages")
    parser.add_argument("--gold", type=Path, default=SHARED / "corpus" / "meta" / "gold.json")
    parser.add_argument("--scorer", type=Path, default=SHARED / "tools" / "score_meta.py")
    parser.add_argument("--bodies", type=Path, default=SHARED / "corpus" / "html")
    args = parser.parse_args()
    if not (args.pages.is_dir() and args.gold.is_file() and args.scorer.is_file()):
        print(f"skipped: needs {args.pages}, {args.gold} and {args.scorer} (../shared beside the project)")
        return 0
    setup_django()
    warnings.filterwarnings("ignore")
    logging.disable(logging.CRITICAL)
    pages = read_pages(args.pages)
    archive = subprocess.run([sys.executable, "manage.py", "extract", "--json", str(args.pages)], cwd=ROOT,
                             capture_output=True, text=True)
    print(f"{machine()}; {len(pages)} pages of {args.pages}")
    readers = {
        "the archive (extract --json)": json.loads(archive.stdout),
        "trafilatura alone": trafilatura_alone(pages),
        "htmldate alone, markup only": htmldate_alone(pages, extensive=False),
        "htmldate alone, extensive search": htmldate_alone(pages, extensive=True),
    }
    for name, found in readers.items():
        print(f"{name:34} {score(found, args.gold, args.scorer)}")
    if (args.bodies / "ground-truth.json").is_file():
        bodies(args.bodies)
    else:
        print(f"article bodies skipped: no {args.bodies}/ground-truth.json")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
