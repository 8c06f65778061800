"""Hostile and broken input against the archive as it runs in production, for a long while.

gunicorn with the `prod` settings and a `db_worker`, in a fresh data folder.
Through the admin's upload form (HTTP, logged in, with CSRF) it sends random
uploads: texts in several encodings that mention tags, random bytes, empty and
oversize files, HTML with scripts, zips with damaged entries and manifests with
bad dates, pasted texts, random metadata. Then random queries and parameters on
every public page. Afterwards it counts server errors, checks that every plain
text's paragraphs are in its article (lost or mangled text), that every job's
counts add up, that `check_index` is clean, and how the processes' memory grew.

    .venv/bin/python bench/fuzz.py --uploads 1000 --queries 1000
"""

from __future__ import annotations

import argparse
import csv
import http.cookiejar
import io
import json
import os
import random
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import ROOT, machine  # noqa: E402

WORDS = ("harbour quay ferry strike minister parliament café Zürich Москва Αθήνα naïve “quoted” 50% "
         "<script>alert(1)</script> <body onpageshow=x()> &amp; don't Wal-Mart e-mail N°5 budget election").split()
ENCODINGS = ("utf-8", "utf-8-sig", "utf-16", "cp1252", "cp1251", "latin-1")
PAGES = ("/", "/api/search", "/export.csv", "/countries/GB/", "/people/x/", "/articles/1/", "/outlets/x/")
PARAMS = ("q", "source", "person", "country", "organization", "sort", "page", "from", "to", "more", "all", "hit")
ODD = ('"unclosed', "a OR", "NOT", "title:", "*", "~", "(((", "person:x*", "9999-12-31", "0001-01-01", "-", "\u200b",
       "%00", "\x00", "' OR 1=1 --", "<script>", "a" * 5000, "🙂", "2024-02-30", "-1", "99999999999")


class Archive:
    """A production archive on loopback: gunicorn and a worker, one data folder."""

    def __init__(self, data: Path, workers: int):
        self.data = data
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.env = {
            **{k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "ARCHIVE_", "DATABASE_URL"))},
            "DJANGO_SETTINGS_MODULE": "newsarchive.settings.prod", "DJANGO_SECRET_KEY": uuid.uuid4().hex * 2,
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1", "ARCHIVE_HTTPS": "false", "ARCHIVE_DATA_DIR": str(data),
            "ARCHIVE_ADMIN_USER": "fuzz", "ARCHIVE_ADMIN_PASSWORD": "fuzz password 42 long enough",
        }
        python = sys.executable
        for command in (["migrate", "--noinput"], ["collectstatic", "--noinput"], ["ensure_admin"]):
            subprocess.run([python, "manage.py", *command], cwd=ROOT, env=self.env, check=True, capture_output=True)
        self.log = (data / "server.log").open("w")
        self.server = subprocess.Popen(
            [str(Path(python).with_name("gunicorn")), "newsarchive.wsgi", "--workers", str(workers), "--timeout", "120",
             "--bind", f"127.0.0.1:{self.port}"], cwd=ROOT, env=self.env, stdout=self.log, stderr=self.log)
        self.worker = subprocess.Popen([python, "manage.py", "db_worker", "--no-reload", "--no-startup-delay"],
                                       cwd=ROOT, env=self.env, stdout=self.log, stderr=self.log)
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar), _NoRedirect)
        for _ in range(300):
            if self.get("/")[0]:
                break
            time.sleep(0.2)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def get(self, path: str, params=None) -> tuple[int, bytes, dict]:
        query = "?" + urllib.parse.urlencode(params, doseq=True) if params else ""
        return self._open(urllib.request.Request(self.url(path) + query))

    def post(self, path: str, fields: list[tuple[str, str]], files: list[tuple[str, str, bytes]] = ()) -> tuple[int, bytes, dict]:
        body, content_type = _multipart([("csrfmiddlewaretoken", self.csrf()), *fields], files)
        request = urllib.request.Request(self.url(path), data=body, headers={
            "Content-Type": content_type, "Referer": self.url(path), "Origin": self.url("").rstrip("/")})
        return self._open(request)

    def csrf(self) -> str:
        return next((c.value for c in self.jar if c.name == "csrftoken"), "")

    def _open(self, request) -> tuple[int, bytes, dict]:
        try:
            with self.opener.open(request, timeout=300) as response:
                return response.status, response.read(), dict(response.headers)
        except urllib.error.HTTPError as error:
            return error.code, error.read(), dict(error.headers)
        except (urllib.error.URLError, ConnectionError) as error:
            # The server answered (400) and closed before taking all of a body far over its limit.
            return 0, str(error).encode(), {}

    def login(self) -> None:
        self.get("/admin/login/")
        status, _, headers = self.post("/admin/login/", [("username", "fuzz"), ("password", "fuzz password 42 long enough"),
                                                         ("next", "/admin/")])
        if status != 302:
            raise SystemExit(f"could not log in ({status})")

    def rss_mib(self) -> float:
        """Resident memory of gunicorn's processes and of the worker itself.

        Not the worker's parsing processes: a job starts them and they end with it,
        so they would measure whether a job is running, not whether memory grows.
        """
        return (_tree_rss(self.server.pid) + _rss(self.worker.pid)) / 1024

    def manage(self, *command: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "manage.py", *command], cwd=ROOT, env=self.env, capture_output=True, text=True)

    def stop(self) -> None:
        for process in (self.server, self.worker):
            process.send_signal(signal.SIGTERM)
        for process in (self.server, self.worker):
            try:
                process.wait(60)
            except subprocess.TimeoutExpired:
                process.kill()
        self.log.close()


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def _rss(pid: int) -> int:
    """KiB resident, 0 for a process that has ended."""
    try:
        return int(re.search(r"VmRSS:\s+(\d+)", Path(f"/proc/{pid}/status").read_text()).group(1))
    except (OSError, AttributeError):
        return 0


def _tree_rss(pid: int) -> int:
    try:
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        children = []
    return _rss(pid) + sum(_tree_rss(int(child)) for child in children)


def _multipart(fields, files) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    out = io.BytesIO()
    for name, value in fields:
        out.write(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'.encode())
        out.write(str(value).encode("utf-8", "surrogatepass") + b"\r\n")
    for name, filename, data in files:
        quoted = filename.replace('"', "%22").replace("\r", "").replace("\n", "")
        out.write(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{quoted}"\r\n'
                  "Content-Type: application/octet-stream\r\n\r\n".encode("utf-8", "surrogatepass"))
        out.write(data + b"\r\n")
    out.write(f"--{boundary}--\r\n".encode())
    return out.getvalue(), f"multipart/form-data; boundary={boundary}"


class Uploads:
    """Random uploads, each with what must come out of it when it is imported."""

    def __init__(self, rng: random.Random):
        self.rng = rng

    def paragraph(self) -> str:
        rng = self.rng
        return " ".join(" ".join(rng.choice(WORDS) for _ in range(rng.randint(6, 14))).capitalize() + "."
                        for _ in range(rng.randint(1, 3)))

    def text(self) -> tuple[str, list[str]]:
        title = f"Story {uuid.uuid4().hex[:8]} " + self.paragraph()[:60]
        paragraphs = [f"{uuid.uuid4().hex[:6]} {self.paragraph()}" for _ in range(self.rng.randint(1, 6))]
        return "\n\n".join([title, *paragraphs]) + "\n", paragraphs

    def value(self) -> str:
        rng = self.rng
        return rng.choice([rng.choice(ODD), "".join(chr(rng.randint(1, 0x2FFF)) for _ in range(rng.randint(0, 30))),
                           f"{rng.randint(1, 2200):04d}-{rng.randint(0, 13):02d}-{rng.randint(0, 32):02d}", ""])

    def metadata(self) -> list[tuple[str, str]]:
        keys = ("title", "source", "published", "author", "url")
        return [(k, self.value()) for k in keys if self.rng.random() < 0.25]

    def one(self) -> tuple[list, list, list[str] | None]:
        """(fields, files, paragraphs that must be kept, or None)."""
        rng = self.rng
        kind = rng.choice(["text", "text", "text", "bytes", "empty", "html", "zip", "manifest", "paste", "big"])
        meta = self.metadata()
        text, paragraphs = self.text()
        if kind == "text":
            encoding = rng.choice(ENCODINGS)
            try:
                data = text.encode(encoding)
            except UnicodeEncodeError:
                data, encoding = text.encode("utf-8"), "utf-8"
            name = "story" + rng.choice([".txt", ".text", "", ".md", ".html.txt"])
            return meta, [("files", name, data)], paragraphs
        if kind == "bytes":
            return meta, [("files", rng.choice(["x.txt", "x.html", "x", "x.gz", "x.zip"]), rng.randbytes(rng.randint(1, 5000)))], None
        if kind == "empty":
            return meta, [("files", "empty.txt", rng.choice([b"", b"  \n", b"\x00" * 10]))], None
        if kind == "html":
            body = "".join(f"<p>{p}</p>" for p in paragraphs)
            page = f"<html><head><script>alert(1)</script></head><body onload=x()><article><h1>T</h1>{body}</article></body></html>"
            return meta, [("files", "page.html", page.encode())], None
        if kind == "paste":
            return [*meta, ("text", text)], [], paragraphs
        if kind == "big":
            return [*meta, ("text", text * rng.choice([1000, 20000, 60000]))], [], None
        entries = {}
        for n in range(rng.randint(1, 6)):
            entry_text, _ = self.text()
            entries[rng.choice([f"a{n}.txt", f"dir/b{n}.txt", f"../up{n}.txt", f"c{n}.html", f"d{n}", f"e{n}.gz"])] = (
                entry_text.encode(rng.choice(["utf-8", "cp1252", "utf-16"]), "replace") if rng.random() < 0.8 else rng.randbytes(300))
        manifest = io.StringIO()
        writer = csv.writer(manifest)
        writer.writerow(["file", "published", "title"])
        for name in entries:
            writer.writerow([name, self.value(), self.value()])
        if kind == "manifest":
            rows = [["text", "published"], *[[self.text()[0], self.value()] for _ in range(rng.randint(1, 5))]]
            out = io.StringIO()
            csv.writer(out).writerows(rows)
            return meta, [("manifest", "manifest.csv", out.getvalue().encode())], None
        if rng.random() < 0.5:
            entries["manifest.csv"] = manifest.getvalue().encode()
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, data in entries.items():
                archive.writestr(name, data)
        data = bytearray(buffer.getvalue())
        if rng.random() < 0.4:
            for _ in range(rng.randint(1, 5)):
                data[rng.randrange(len(data))] = rng.randrange(256)
        return meta, [("files", "batch.zip", bytes(data))], None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--uploads", type=int, default=1000)
    parser.add_argument("--queries", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--web-workers", type=int, default=2)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    data = Path(tempfile.mkdtemp(prefix="archive-fuzz-"))
    archive = Archive(data, args.web_workers)
    print(f"{machine()}; gunicorn (prod, {args.web_workers} workers) and a db_worker on 127.0.0.1:{archive.port}")
    errors: list[str] = []
    kept: list[tuple[int, list[str]]] = []
    jobs: list[int] = []
    statuses: dict[int, int] = {}
    try:
        archive.login()
        memory = [archive.rss_mib()]
        uploads = Uploads(rng)
        started = time.perf_counter()
        for n in range(args.uploads):
            fields, files, paragraphs = uploads.one()
            status, body, headers = archive.post("/admin/archive/article/upload/", fields, files)
            statuses[status] = statuses.get(status, 0) + 1
            if status >= 500:
                errors.append(f"upload {n}: {status} {[f[1] for f in files]} {fields[:3]}")
            elif status == 302 and "/importjob/" in headers.get("Location", ""):
                jobs.append(int(headers["Location"].rstrip("/").split("/")[-2]))
            elif status == 200 and paragraphs:
                found = re.search(rb'href="/admin/archive/article/(\d+)/change/"', body)
                if found:
                    kept.append((int(found.group(1)), paragraphs))
            if n % 100 == 99:
                memory.append(archive.rss_mib())
                print(f"  {n + 1} uploads, {time.perf_counter() - started:.0f} s, {len(errors)} server errors, "
                      f"{len(jobs)} jobs, memory {memory[-1]:.0f} MiB", flush=True)
        deadline = time.monotonic() + 1800
        unfinished = list(jobs)
        while unfinished and time.monotonic() < deadline:
            progress = json.loads(archive.get(f"/admin/archive/importjob/{unfinished[0]}/progress.json")[1] or b"{}")
            if progress.get("state") in ("done", "failed", "cancelled"):
                unfinished.pop(0)
            else:
                time.sleep(1)
        memory.append(archive.rss_mib())
        for n in range(args.queries):
            params = {rng.choice(PARAMS): rng.choice([rng.choice(ODD), uploads.value(), rng.choice(WORDS)])
                      for _ in range(rng.randint(0, 5))}
            path = rng.choice(PAGES)
            status, _, _ = archive.get(path, params)
            statuses[status] = statuses.get(status, 0) + 1
            if status >= 500:
                errors.append(f"query {n}: {status} {path} {params}")
        memory.append(archive.rss_mib())
        elapsed = time.perf_counter() - started
        report = _check(archive, kept, jobs)
    finally:
        archive.stop()
    print(f"{args.uploads} uploads ({len(jobs)} of them jobs, {len(unfinished)} unfinished) and {args.queries} queries "
          f"in {elapsed:.0f} s; answers by status: {dict(sorted(statuses.items()))}")
    print(f"server errors: {len(errors)}")
    for line in errors[:20]:
        print(f"  {line[:300]}")
    for line in report:
        print(line)
    print(f"memory (gunicorn's processes + the worker, MiB): start {memory[0]:.0f}, " + ", ".join(f"{m:.0f}" for m in memory[1:]))
    failed = bool(errors or any(line.startswith("  ") for line in report))
    if failed:
        print(f"kept for a look: {data} (server.log has the tracebacks)")
    else:
        shutil.rmtree(data, ignore_errors=True)
    return 1 if failed else 0


def _check(archive: Archive, kept: list[tuple[int, list[str]]], jobs: list[int]) -> list[str]:
    """Lost or mangled texts, jobs whose counts do not add up, and check_index, read from the database."""
    checked = archive.data / "kept.json"
    checked.write_text(json.dumps(kept))
    script = f"""
import json
from pathlib import Path
from archive.models import Article, ImportJob
from archive.ingest.originals import read_original
kept = json.loads(Path({str(checked)!r}).read_text())
lost = []
for pk, paragraphs in kept:
    body = " ".join(Article.objects.get(pk=pk).body_text.split())
    lost += [f"#{{pk}}: {{p[:60]}}" for p in paragraphs if " ".join(p.split()) not in body]
bad_originals = [a.pk for a in Article.objects.all() if len(read_original(a.original_sha256)) != a.original_size]
jobs = []
for job in ImportJob.objects.filter(pk__in={jobs!r}):
    counts = {{}}
    for item in job.items.all():
        counts[item.state] = counts.get(item.state, 0) + 1
    internal = job.items.filter(reason__contains="internal error").count() + ("internal error" in job.reason)
    if (job.total is not None and sum(counts.values()) != job.total) or counts.get("pending") or internal:
        jobs.append(f"job {{job.pk}}: {{job.state}} total {{job.total}} {{counts}} internal errors {{internal}}: {{job.reason[:300]}}")
states = {{}}
for job in ImportJob.objects.filter(pk__in={jobs!r}):
    states[job.state] = states.get(job.state, 0) + 1
print(json.dumps({{"lost": lost, "bad_originals": bad_originals, "jobs": jobs, "articles": Article.objects.count(),
                  "job_states": states}}))
"""
    result = archive.manage("shell", "-c", script)
    if result.returncode:
        raise SystemExit(result.stderr[-3000:])
    found = json.loads(result.stdout.strip().splitlines()[-1])
    index = archive.manage("check_index")
    lines = [f"articles: {found['articles']}; texts checked for every paragraph: {len(kept)}; jobs by state: {found['job_states']}"]
    lines.append(f"lost or mangled texts: {len(found['lost'])}")
    lines += [f"  {line}" for line in found["lost"][:10]]
    lines.append(f"originals not as stored: {len(found['bad_originals'])}")
    lines += [f"  #{pk}" for pk in found["bad_originals"][:10]]
    lines.append(f"jobs whose counts do not add up or that report an internal error: {len(found['jobs'])}")
    lines += [f"  {line}" for line in found["jobs"][:10]]
    lines.append(f"check_index: {index.stdout.strip().splitlines()[-1] if index.stdout.strip() else index.stderr.strip()[-200:]}")
    if index.returncode:
        lines.append("  the index differs from the database")
    return lines


if __name__ == "__main__":
    raise SystemExit(main())
