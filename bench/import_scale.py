"""A big `import_articles` run: memory and pace over tens of thousands of files.

Writes N synthetic article files (BBC sentences with outlets, people, countries and
organizations, as corpus.py makes them; outlet and date in a manifest.csv beside
them), then imports the folder with `manage.py import_articles` into an empty data
folder, entity extraction included, sampling the resident memory of the command and
its parsing processes every second. Prints the pace and memory at each tenth of
the run, the peak of the whole process tree, then re-imports the folder (a no-op).

    .venv/bin/python bench/import_scale.py --data-dir /tmp/bench-scale --articles 100000

--resume runs the import again on a data folder of an earlier run that was stopped:
the files are there, the import skips what it already has and goes on.
"""

from __future__ import annotations

import argparse
import csv
import os
import re
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import DEFAULT_CORPUS, ROOT, Generator, machine, make_entities, read_bbc, refuse_to_start, setup_django  # noqa: E402

PYTHON = sys.executable


def write_files(folder: Path, count: int, seed: int) -> None:
    """The articles as files, and their outlets and dates in the folder's manifest.csv."""
    import random

    from django.db import transaction

    rng = random.Random(seed)
    headlines, sentences = read_bbc(sorted(DEFAULT_CORPUS.glob("*/*.txt")))
    with transaction.atomic():
        generator = Generator(rng, headlines, sentences, *make_entities(rng))
        transaction.set_rollback(True)  # the entities are only needed for their names
    with open(folder / "manifest.csv", "w", newline="") as out:
        manifest = csv.writer(out)
        manifest.writerow(["file", "source", "published"])
        for number in range(count):
            fields, _ = generator.article(number)
            name = f"{number // 1000:03d}/{number:06d}.txt"
            path = folder / name
            path.parent.mkdir(exist_ok=True)
            path.write_text(f"{fields['title']}\n\n{fields['body']}\n", encoding="utf-8")
            published = fields["published"].isoformat() if fields["published"] else ""
            manifest.writerow([name, fields["outlet"].name, published])


def tree_memory_mb(pid: int) -> tuple[float, float]:
    """(the process's RSS, the proportional set size of it and its children together), in MiB.

    PSS shares each page among the processes mapping it, so the forked parsers'
    copy-on-write share of the language model is counted once, not once per process.
    """
    def read(path: str, key: str) -> float:
        try:
            for line in Path(path).read_text().splitlines():
                if line.startswith(key):
                    return int(line.split()[1]) / 1024
        except OSError:
            pass
        return 0.0

    children = []
    try:
        children = [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        pass
    pss = sum(read(f"/proc/{p}/smaps_rollup", "Pss:") for p in (pid, *children))
    return read(f"/proc/{pid}/status", "VmRSS:"), pss


def articles_so_far(env: dict) -> str:
    """How many articles the archive holds, when it is the SQLite default (read-only, from outside)."""
    import sqlite3

    path = Path(env["ARCHIVE_DATA_DIR"]) / "archive.sqlite3"
    if env.get("DATABASE_URL") or not path.exists():
        return ""
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5) as db:
            return f"{db.execute('SELECT count(*) FROM archive_article').fetchone()[0]:,} articles, "
    except sqlite3.Error:
        return ""


def import_folder(folder: Path, env: dict, count: int) -> tuple[float, float, float, str]:
    """Run import_articles; print pace and memory every 5 minutes. (seconds, peak own, peak tree, output)."""
    log = folder.parent / "import.log"  # appended to: a resumed run keeps the stopped one's lines
    start_of_run = log.stat().st_size if log.exists() else 0
    with open(log, "a") as out:
        process = subprocess.Popen([PYTHON, str(ROOT / "manage.py"), "import_articles", str(folder)],
                                   env=env, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT)
        started = time.perf_counter()
        peak_own = peak_tree = 0.0
        next_report = 0.0
        while process.poll() is None:
            own, tree = tree_memory_mb(process.pid)
            peak_own, peak_tree = max(peak_own, own), max(peak_tree, tree)
            elapsed = time.perf_counter() - started
            if elapsed >= next_report:
                print(f"  {elapsed:7.0f} s  {articles_so_far(env)}RSS {own:6.0f} MiB, PSS with parsers {tree:6.0f} MiB "
                      f"(peak {peak_own:.0f} / {peak_tree:.0f})", flush=True)
                next_report = elapsed + 300
            if elapsed < 5:
                next_report = 5.0
            time.sleep(1)
        elapsed = time.perf_counter() - started
    output = log.read_bytes()[start_of_run:].decode("utf-8", errors="replace")
    if process.returncode:
        raise SystemExit(f"import_articles failed:\n{output[-3000:]}")
    return elapsed, peak_own, peak_tree, output


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, required=True, help="an empty folder of its own")
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--resume", action="store_true", help="go on with a stopped run in --data-dir")
    args = parser.parse_args()
    folder, data = args.data_dir / "files", args.data_dir / "archive"
    os.environ.update(ARCHIVE_DATA_DIR=str(args.data_dir / "scratch"), DJANGO_DEBUG="false")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsarchive.settings.dev")
    if args.resume:
        if not (folder / "manifest.csv").exists():
            raise SystemExit(f"nothing to resume in {args.data_dir}")
        print(f"resuming the import of {folder}; {machine()}", flush=True)
    else:
        if (status := refuse_to_start(DEFAULT_CORPUS, args.data_dir)) is not None:
            return status
        folder.mkdir(parents=True)
        data.mkdir()
        setup_django()
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        started = time.perf_counter()
        write_files(folder, args.articles, args.seed)
        print(f"{args.articles:,} files written in {time.perf_counter() - started:.0f} s; {machine()}", flush=True)

    env = {**os.environ, "ARCHIVE_DATA_DIR": str(data)}
    subprocess.run([PYTHON, str(ROOT / "manage.py"), "migrate", "--noinput", "-v", "0"], env=env, cwd=ROOT, check=True)
    elapsed, peak_own, peak_tree, out = import_folder(folder, env, args.articles)
    summary = next(line for line in out.splitlines() if line.startswith("imported "))
    imported = int(re.search(r"imported (\d+)", summary).group(1))
    print(f"import:    {summary} in {elapsed:.0f} s = {imported / elapsed:.1f} articles/s")
    print(f"memory:    peak RSS {peak_own:.0f} MiB (the command); peak PSS {peak_tree:.0f} MiB with its parsing processes "
          f"(target: under 1 GiB)")
    again, _, _, out = import_folder(folder, env, args.articles)
    summary = next(line for line in out.splitlines() if line.startswith("imported "))
    print(f"re-import: {summary} in {again:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
