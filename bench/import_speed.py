"""Import throughput end to end on the BBC files, peak memory, and the indexing step (against raw Whoosh on Whoosh).

1. `manage.py import_articles` on the BBC folder into an empty data folder
   (entity extraction, database and index included): articles/s, peak RSS, and
   the CPU time of the importing process and of its parsing processes;
2. the same import again (a re-import should be a fast no-op);
3. the indexing step alone: our backend re-indexing every article, one index commit
   per archive.search.sync.DEFERRED_BATCH articles (the most an import sends at
   once) and per BATCH (what check_index and one-off changes send), against raw
   Whoosh indexing the same documents the way a user of it would
   (update_document, same batches).

    .venv/bin/python bench/import_speed.py --data-dir /tmp/bench-import
    DATABASE_URL=postgres://archive@127.0.0.1:55432/benchimport .venv/bin/python bench/import_speed.py --data-dir /tmp/bench-import-pg
"""

from __future__ import annotations

import argparse
import datetime
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import DEFAULT_CORPUS, ROOT, refuse_to_start, describe_setup, machine, setup_django  # noqa: E402

PYTHON = sys.executable


def run_measured(command: list[str], env: dict) -> tuple[float, float, str]:
    """(wall seconds, peak RSS in MiB, stdout) of a child process."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        process = subprocess.Popen(command, env=env, stdout=out, stderr=err, cwd=ROOT)
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - started
        out.seek(0)
        err.seek(0)
        if os.waitstatus_to_exitcode(status):
            sys.stderr.write(err.read().decode()[-2000:])
            raise SystemExit(f"failed: {' '.join(command)}")
        return elapsed, usage.ru_maxrss / 1024, out.read().decode()


def raw_whoosh_index(ids: list[int], batch: int) -> float:
    """Seconds for plain Whoosh to index these articles, read from the database like our backend reads them."""
    from whoosh import index
    from whoosh.analysis import StemmingAnalyzer
    from whoosh.fields import DATETIME, ID, KEYWORD, TEXT, Schema

    from archive.search.sync import articles_for_index

    schema = Schema(
        id=ID(stored=True, unique=True), title=TEXT(analyzer=StemmingAnalyzer(), stored=True),
        body=TEXT(analyzer=StemmingAnalyzer(), stored=True), source=KEYWORD(commas=True),
        person=KEYWORD(commas=True), country=KEYWORD(commas=True), organization=KEYWORD(commas=True),
        names=TEXT(), published=DATETIME(stored=True, sortable=True),
    )
    folder = tempfile.mkdtemp(prefix="raw-whoosh-")
    try:
        ix = index.create_in(folder, schema)
        started = time.perf_counter()
        for start in range(0, len(ids), batch):
            writer = ix.writer()
            # Read in slices: SQLite refuses an IN list of a few thousand ids in the prefetches.
            chunk = ids[start:start + batch]
            articles = (a for i in range(0, len(chunk), 50) for a in articles_for_index(chunk[i:i + 50]))
            for a in articles:
                persons = [m.person for m in a.personmention_set.all()]
                countries = [m.country for m in a.countrymention_set.all()]
                orgs = [m.organization for m in a.organizationmention_set.all()]
                writer.update_document(
                    id=str(a.pk), title=a.title, body=a.body_text, source=a.outlet.slug if a.outlet else "",
                    person=",".join(p.slug for p in persons), country=",".join(c.code for c in countries),
                    organization=",".join(o.slug for o in orgs),
                    names=" ".join([*(p.name for p in persons), *(al.name for p in persons for al in p.aliases.all()),
                                    *(c.name for c in countries), *(o.name for o in orgs)]),
                    published=datetime.datetime.combine(a.published, datetime.time()) if a.published else None,
                )
            writer.commit()
        return time.perf_counter() - started
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def import_in_process(folder: Path) -> None:
    """The child: import_articles in this process, then the CPU it and its parsing processes used."""
    import resource

    setup_django()
    from django.core.management import call_command

    call_command("import_articles", str(folder))
    own, parsers = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    print(f"cpu: importing process {own.ru_utime + own.ru_stime:.1f} s, "
          f"parsing processes {parsers.ru_utime + parsers.ru_stime:.1f} s")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, required=True, help="an empty folder of its own")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--import-in-process", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.import_in_process:
        import_in_process(args.import_in_process)
        return 0
    files = list(args.corpus.glob("**/*.txt"))
    if (status := refuse_to_start(args.corpus, args.data_dir)) is not None:
        return status
    env = {**os.environ, "ARCHIVE_DATA_DIR": str(args.data_dir), "DJANGO_SETTINGS_MODULE": "newsarchive.settings.dev"}
    manage = [PYTHON, str(ROOT / "manage.py")]
    run_measured([*manage, "migrate", "--noinput", "-v", "0"], env)
    importer = [PYTHON, __file__, "--data-dir", str(args.data_dir), "--import-in-process"]
    elapsed, peak, out = run_measured([*importer, str(args.corpus)], env)
    imported = int(re.search(r"imported (\d+)", out).group(1))
    cpu = re.search(r"^cpu: .*", out, re.M).group()
    again, again_peak, again_out = run_measured([*importer, str(args.corpus)], env)

    print(f"{len(files):,} files, manage.py import_articles, {machine()}")
    print(f"import:            {imported:,} imported in {elapsed:.1f} s = {imported / elapsed:.1f} articles/s, "
          f"peak RSS {peak:.0f} MiB  ({out.strip().splitlines()[0]})")
    parsing = float(re.search(r"parsing processes ([\d.]+) s", cpu).group(1))
    print(f"                   {cpu} (parsing {1000 * parsing / len(files):.1f} ms per file)")
    print(f"re-import:         {again:.1f} s, peak RSS {again_peak:.0f} MiB  ({again_out.strip().splitlines()[0]})")
    sys.stdout.flush()

    os.environ["ARCHIVE_DATA_DIR"] = str(args.data_dir)
    setup_django()
    from archive.models import Article
    from archive.search import get_backend
    from archive.search.sync import BATCH, DEFERRED_BATCH, index_now

    ids = list(Article.objects.order_by("pk").values_list("pk", flat=True))
    backend = get_backend()
    print(f"setup:             {describe_setup()}")
    whoosh = type(backend).__name__ == "WhooshBackend"
    ratios, seconds = {}, {}
    for batch in (DEFERRED_BATCH, BATCH):
        backend.clear()
        started = time.perf_counter()
        index_now(ids, batch)
        ours = seconds[batch] = time.perf_counter() - started
        line = f"indexing, batches of {batch}: ours {ours:.1f} s = {len(ids) / ours:.0f} articles/s"
        if whoosh:
            raw = raw_whoosh_index(ids, batch)
            ratios[batch] = ours / raw
            line += f", raw Whoosh {raw:.1f} s = {len(ids) / raw:.0f} articles/s: {ours / raw:.2f}x (target <= 1.3x)"
        print(line, flush=True)
    # The import's own indexing is what it sends in batches of DEFERRED_BATCH: measured alone above.
    share = seconds[DEFERRED_BATCH] / elapsed
    print(f"indexing as a share of the import: {seconds[DEFERRED_BATCH]:.1f} s of {elapsed:.1f} s = {share:.1%}")
    targets = f"targets: >= 50 articles/s end to end: {'met' if imported / elapsed >= 50 else 'MISSED'}"
    if whoosh:
        print(f"raw Whoosh in one commit: {raw_whoosh_index(ids, len(ids)):.1f} s")
        targets += f"; indexing within 1.3x of raw Whoosh: {'met' if ratios[DEFERRED_BATCH] <= 1.3 else 'MISSED'}"
    else:
        targets += f"; indexing <= 5 % of the import: {'met' if share <= 0.05 else 'MISSED'}"
    print(targets)
    return 0


if __name__ == "__main__":
    sys.exit(main())
