"""Load test: concurrent searchers against gunicorn while an import runs.

    .venv/bin/python -m tests.pgcluster -- .venv/bin/python bench/load_test.py [--seconds 120] [--searchers 4]
    ARCHIVE_SEARCH_BACKEND=archive.search.tantivy.TantivyBackend .venv/bin/python bench/load_test.py

On PostgreSQL when DATABASE_URL names one, else on SQLite with the configured
(or ARCHIVE_SEARCH_BACKEND's) search backend.

Loopback only and bounded: the searchers stop after --seconds (or --max-requests
each). Prints request counts, errors and latency percentiles; exits non-zero on
any error or when check_index finds the index different from the database.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import secrets
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BBC = ROOT.parent / "shared" / "corpus" / "bbc"
QUERIES = ["election", "Blair", "market shares", '"interest rates"', "film OR music", "chelsea -arsenal", "mobil*",
           "broadbnd~", "", "person:Brown", "country:FR", "title:oil"]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=120)
    parser.add_argument("--searchers", type=int, default=4)
    parser.add_argument("--max-requests", type=int, default=5000)
    args = parser.parse_args()
    if not BBC.exists():
        print(f"skipped: {BBC} not found")
        return 0
    data = Path(tempfile.mkdtemp(prefix="archive-load-"))
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "newsarchive.settings.prod", "ARCHIVE_DATA_DIR": str(data),
           "DJANGO_SECRET_KEY": secrets.token_urlsafe(40), "DJANGO_ALLOWED_HOSTS": "127.0.0.1", "ARCHIVE_HTTPS": "false"}
    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run([*manage, "migrate", "-v0"], env=env, check=True)
    subprocess.run([*manage, "collectstatic", "--noinput", "-v0"], env=env, check=True)
    # Half the corpus first, so searches find something; the other half imports under load.
    folders = sorted(p for p in BBC.iterdir() if p.is_dir())
    subprocess.run([*manage, "import_articles", *map(str, folders[:2])], env=env, check=True, stdout=subprocess.DEVNULL)
    port = _free_port()
    server = subprocess.Popen([sys.executable, "-m", "gunicorn", "newsarchive.wsgi", "--workers", "3",
                               "--bind", f"127.0.0.1:{port}", "--log-level", "warning"], cwd=ROOT, env=env)
    try:
        _wait_for(port)
        importer = subprocess.Popen([*manage, "import_articles", *map(str, folders[2:])], env=env,
                                    stdout=subprocess.PIPE, text=True)
        results: list[tuple[int, float]] = []
        deadline = time.monotonic() + args.seconds
        threads = [threading.Thread(target=_search, args=(port, deadline, args.max_requests, results, seed))
                   for seed in range(args.searchers)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        imported = importer.communicate(timeout=1800)[0].strip().splitlines()[0]
    finally:
        server.terminate()
        server.wait(timeout=30)
    check = subprocess.run([*manage, "check_index"], env=env, capture_output=True, text=True)
    shutil.rmtree(data, ignore_errors=True)
    errors = [status for status, _ in results if status != 200]
    latencies = sorted(ms for status, ms in results if status == 200)
    backend = os.environ.get("ARCHIVE_SEARCH_BACKEND", "the default search backend")
    database = "PostgreSQL" if os.environ.get("DATABASE_URL", "").startswith("postgres") else "SQLite"
    print(f"{database}, {backend}, gunicorn with 3 workers")
    print(f"import under load: {imported}")
    print(f"requests {len(results)} in {args.seconds:.0f} s by {args.searchers} searchers, errors {len(errors)}")
    if latencies:
        p95 = latencies[int(len(latencies) * 0.95) - 1]
        print(f"latency ms: p50 {statistics.median(latencies):.0f}, p95 {p95:.0f}, max {latencies[-1]:.0f}")
    print(f"check_index: {check.stdout.strip()} {check.stderr.strip()}")
    return 1 if errors or check.returncode else 0


def _search(port: int, deadline: float, limit: int, results: list, seed: int) -> None:
    rng = random.Random(seed)
    for _ in range(limit):
        if time.monotonic() > deadline:
            return
        params = [("q", rng.choice(QUERIES))]
        if rng.random() < 0.4:
            params.append(("country", rng.choice(["GB", "US", "FR"])))
        if rng.random() < 0.2:
            params.append(("sort", "newest"))
        url = f"http://127.0.0.1:{port}/api/search?{urllib.parse.urlencode(params)}"
        start = time.monotonic()
        try:
            with urllib.request.urlopen(url, timeout=30) as response:
                json.load(response)
                status = response.status
        except urllib.error.HTTPError as exc:
            status = exc.code
        except OSError:
            status = 0
        results.append((status, (time.monotonic() - start) * 1000))


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for(port: int) -> None:
    for _ in range(100):
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("gunicorn did not start")


if __name__ == "__main__":
    sys.exit(main())
