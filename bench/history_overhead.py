"""What the edit history costs an import: the BBC files imported with it on and off, alternately.

An import records nothing (archive/history.py): only changes after it are kept,
each after a baseline row of what it replaced. This measures what remains (the
history's signal handlers, its tables) as the CPU time of `manage.py import_articles`
(one process, --workers 1) on the same files into fresh archives, history on and
off in turn, so that both see the same machine noise. The target: under 5 %.

    .venv/bin/python bench/history_overhead.py --articles 600 --rounds 3
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import DEFAULT_CORPUS, ROOT, machine  # noqa: E402


def import_once(files: Path, history: bool) -> tuple[float, float, int]:
    """(CPU seconds, wall seconds, history rows) of one import into a fresh archive."""
    data = Path(tempfile.mkdtemp(prefix="archive-history-bench-"))
    try:
        env = {**os.environ, "ARCHIVE_DATA_DIR": str(data), "ARCHIVE_EDIT_HISTORY": "1" if history else "0"}
        env.pop("DATABASE_URL", None)
        manage = [sys.executable, "manage.py"]
        subprocess.run([*manage, "migrate", "--noinput"], cwd=ROOT, env=env, check=True, capture_output=True)
        started = time.perf_counter()
        process = subprocess.Popen([*manage, "import_articles", str(files), "--workers", "1"], cwd=ROOT, env=env,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - started
        if os.waitstatus_to_exitcode(status) not in (0, 1):
            raise SystemExit("the import failed")
        rows = subprocess.run(
            [*manage, "shell", "-c", "from archive.models import Article, Person, Organization; "
             "print(sum(m.history.count() for m in (Article, Person, Organization)))"],
            cwd=ROOT, env=env, check=True, capture_output=True, text=True,
        ).stdout.strip()
        return usage.ru_utime + usage.ru_stime, wall, int(rows.split()[-1])
    finally:
        shutil.rmtree(data, ignore_errors=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--articles", type=int, default=600)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    if not args.corpus.is_dir():
        print(f"skipped: the BBC corpus is not at {args.corpus}")
        return 0
    picked = sorted(args.corpus.rglob("*.txt"))[: args.articles]
    folder = Path(tempfile.mkdtemp(prefix="archive-history-files-"))
    for n, path in enumerate(picked):
        (folder / f"{n:05d}.txt").symlink_to(path)
    print(f"{machine()}; {len(picked)} BBC articles, {args.rounds} rounds, history off and on in turn")
    cpu = {False: [], True: []}
    try:
        import_once(folder, False)  # not counted: the first run reads the model and packages from disk
        for round_ in range(args.rounds):
            for history in (False, True) if round_ % 2 == 0 else (True, False):
                seconds, wall, rows = import_once(folder, history)
                cpu[history].append(seconds)
                print(f"  round {round_ + 1}, history {'on ' if history else 'off'}: CPU {seconds:6.1f} s, "
                      f"wall {wall:6.1f} s, history rows {rows:,}", flush=True)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    off, on = statistics.median(cpu[False]), statistics.median(cpu[True])
    overhead = on / off - 1
    print(f"median CPU: off {off:.1f} s, on {on:.1f} s: overhead {overhead:+.1%} (target: under 5 %: "
          f"{'met' if overhead < 0.05 else 'MISSED'})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
