"""Import jobs against `import_articles`: the same BBC files, articles per second, in one run.

Each round imports the BBC set twice into empty data folders of their own:
1. `manage.py import_articles FOLDER`, as the command line does;
2. an import job made from a zip of the same files (as the upload page makes it),
   run by `manage.py db_worker --batch`, timed from the worker's start to its end.
Both include process start, loading the language model, parsing with one process
per core, the database and the search index. Rounds alternate, so a busy machine
slows both alike; the figure is the ratio of their medians.

    .venv/bin/python bench/job_speed.py --data-dir /tmp/bench-jobs [--rounds 2]
"""

from __future__ import annotations

import argparse
import datetime
import os
import re
import statistics
import sys
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import DEFAULT_CORPUS, ROOT, refuse_to_start, machine  # noqa: E402
from import_speed import run_measured  # noqa: E402

PYTHON = sys.executable
MANAGE = [PYTHON, str(ROOT / "manage.py")]


def environment(data_dir: Path) -> dict:
    data_dir.mkdir(parents=True)
    env = {**os.environ, "ARCHIVE_DATA_DIR": str(data_dir), "DJANGO_SETTINGS_MODULE": "newsarchive.settings.dev",
           "DJANGO_DEBUG": "false"}
    run_measured([*MANAGE, "migrate", "--noinput", "-v", "0"], env)
    return env


def by_command(corpus: Path, data_dir: Path) -> tuple[float, int, float]:
    env = environment(data_dir)
    elapsed, peak, out = run_measured([*MANAGE, "import_articles", str(corpus)], env)
    return elapsed, int(re.search(r"imported (\d+)", out).group(1)), peak


def by_job(archive: Path, data_dir: Path) -> tuple[float, int, float]:
    env = environment(data_dir)
    make_job = (
        "import django; django.setup()\n"
        "from pathlib import Path\n"
        "from archive.jobs.queue import StoredFile, create_job\n"
        f"create_job([StoredFile('bbc.zip', Path({str(archive)!r}).read_bytes())])\n"
    )
    run_measured([PYTHON, "-c", make_job], env)
    elapsed, peak, _ = run_measured([*MANAGE, "db_worker", "--batch", "--no-reload", "--no-startup-delay"], env)
    count = (
        "import django; django.setup()\n"
        "from archive.models import ImportJob\n"
        "job = ImportJob.objects.get()\n"
        "print(job.state, job.items.filter(state='imported').count())\n"
    )
    _, _, out = run_measured([PYTHON, "-c", count], env)
    state, imported = out.split()
    if state != "done":
        raise SystemExit(f"the job ended {state}")
    return elapsed, int(imported), peak


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, required=True, help="an empty folder of its own")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    files = sorted(args.corpus.glob("*/*.txt"))
    if (status := refuse_to_start(args.corpus, args.data_dir)) is not None:
        return status
    archive = args.data_dir / "bbc.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as out:
        for path in files:
            out.write(path, path.relative_to(args.corpus).as_posix())

    print(f"{len(files):,} BBC files, {datetime.date.today()}, {machine()}")
    results: dict[str, list[float]] = {"command": [], "job": []}
    for round_ in range(1, args.rounds + 1):
        for kind, run in (("command", lambda d: by_command(args.corpus, d)), ("job", lambda d: by_job(archive, d))):
            elapsed, imported, peak = run(args.data_dir / f"{kind}-{round_}")
            rate = imported / elapsed
            results[kind].append(rate)
            print(f"round {round_}, {kind:8} {imported:,} imported in {elapsed:6.1f} s = {rate:5.1f} articles/s, "
                  f"peak RSS {peak:.0f} MiB", flush=True)
    command, job = statistics.median(results["command"]), statistics.median(results["job"])
    print(f"median: command {command:.1f} articles/s, job {job:.1f} articles/s; job / command = {job / command:.2f} "
          f"(target: within 10 %: {'met' if job / command >= 0.9 else 'MISSED'})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
