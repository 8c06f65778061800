"""Print what an import of some files would store, without touching the archive.

The files are imported for real, by the same code as `import_articles`, into a
throwaway archive (a SQLite database and data folder in a temporary directory,
made by a child process of this command); what that archive then holds is
printed. So `extract` cannot drift from an import: the same parsing, the same
resolution of names across the files, the same merges of lone surnames at the
batch's end.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from archive.ingest.errors import IngestError
from archive.ingest.import_batch import default_workers, import_items
from archive.ingest.unpack import plan_paths, unpack_plan
from archive.models import Article, CountryMention, OrganizationMention, PersonMention

# Set, to the throwaway archive's folder and the token its parent wrote there, in the child that imports.
_SANDBOX = "ARCHIVE_EXTRACT_SANDBOX"
_SANDBOX_TOKEN = "ARCHIVE_EXTRACT_TOKEN"
_TOKEN_FILE = ".extract-sandbox"


class Command(BaseCommand):
    help = "Print what an import of these files would store (a throwaway archive; the real one is untouched)."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", type=Path)
        parser.add_argument("--json", action="store_true", help="print a JSON array, one object per file")

    def handle(self, *args, paths, **options):
        for path in paths:
            if not path.exists():
                raise CommandError(f"{path}: no such file or folder")
        if os.environ.get(_SANDBOX):
            results = _import_and_describe(paths)
            _print(self.stdout, results, as_json=options["json"])
            return
        with tempfile.TemporaryDirectory(prefix="archive-extract-") as folder:
            token = secrets.token_hex(16)
            (Path(folder) / _TOKEN_FILE).write_text(token)
            env = {**os.environ, _SANDBOX: folder, _SANDBOX_TOKEN: token, "ARCHIVE_DATA_DIR": folder,
                   "DATABASE_URL": "", "ARCHIVE_SEARCH_BACKEND": "", "DJANGO_SETTINGS_MODULE": "newsarchive.settings.dev"}  # fmt: skip
            # Absolute, not resolved: a link keeps its own name, as import_articles sees it.
            command = [sys.executable, str(settings.BASE_DIR / "manage.py"), "extract",
                       *(str(p.absolute()) for p in paths), *(["--json"] if options["json"] else [])]  # fmt: skip
            out, err, code = _run_child(command, env)
        self.stdout.write(out, ending="")
        if code:
            raise CommandError(f"the throwaway import failed (exit status {code}): {err.strip()[-2000:]}")


def _run_child(command: list[str], env: dict) -> tuple[str, str, int]:
    """Run the importing child in a session of its own; a stop of this command stops it and its workers."""
    child = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                             start_new_session=True)  # fmt: skip
    previous = signal.signal(signal.SIGTERM, _exit_on_signal)
    try:
        out, err = child.communicate()
        return out, err, child.returncode
    finally:
        signal.signal(signal.SIGTERM, previous)
        if child.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(child.pid, signal.SIGTERM)
            child.wait()


def _exit_on_signal(signum, frame):
    raise SystemExit(128 + signum)  # unwinds: the child is stopped and the temporary folder removed


def _import_and_describe(paths: list[Path]) -> list[dict]:
    folder = Path(os.environ[_SANDBOX]).resolve()
    database = Path(settings.DATABASES["default"]["NAME"]).resolve()
    token = folder / _TOKEN_FILE
    # Never into a real archive: the folder must be the one this command's parent just made.
    if (settings.ARCHIVE_DATA_DIR != folder or database.parent != folder or not token.is_file()
            or token.read_text() != os.environ.get(_SANDBOX_TOKEN) or database.exists()):  # fmt: skip
        raise CommandError("refusing to import outside a new throwaway archive")
    call_command("migrate", verbosity=0)
    try:
        plan = plan_paths(paths)
    except IngestError as exc:
        raise CommandError(str(exc)) from None
    # Names are given relative to the folders the caller named, as an import records them.
    outcomes = list(import_items(unpack_plan(plan), workers=default_workers()))
    results = []
    for outcome in outcomes:
        if outcome.article is None:
            results.append({"file": outcome.name, "error": outcome.reason})
            continue
        result = _describe(outcome.name, outcome.article)
        if outcome.status == "duplicate":
            result["duplicate_of"] = outcome.article.original_name  # stored once, under the first file's name
        results.append(result)
    return results


def _describe(name: str, article: Article) -> dict:
    """What the archive holds for one article, its people and organizations after the batch's merges."""
    article = Article.objects.select_related("outlet").get(pk=article.pk)
    return {
        "file": name,
        "title": article.title,
        "source": article.outlet.name if article.outlet else None,
        "published": article.published.isoformat() if article.published else None,
        "author": article.author or None,
        "url": article.url or None,
        "body": article.body_text,
        "persons": _named(PersonMention, "person", article),
        "countries": [
            {"code": m.country.code, "name": m.country.name}
            for m in CountryMention.objects.filter(article=article).select_related("country").order_by("pk")
        ],
        "organizations": _named(OrganizationMention, "organization", article),
    }


def _named(model, field: str, article: Article) -> list[dict]:
    entities: dict[int, dict] = {}
    for mention in model.objects.filter(article=article).select_related(field).order_by("pk"):
        entity = getattr(mention, field)
        if entity.rejected:
            continue
        seen = entities.setdefault(entity.pk, {"name": entity.name, "aliases": set()})
        seen["aliases"].update(set(mention.spellings or {mention.spelling: 1}) - {entity.name})
    return [{"name": e["name"], "aliases": sorted(e["aliases"])} for e in entities.values()]


def _print(stdout, results: list[dict], *, as_json: bool) -> None:
    if as_json:
        stdout.write(json.dumps(results, ensure_ascii=False, indent=2))
        return
    for result in results:
        if "error" in result:
            stdout.write(f"{result['file']}: rejected: {result['error']}")
            continue
        stdout.write(f"{result['file']}\n  title: {result['title']}\n  source: {result['source']}")
        stdout.write(f"  published: {result['published']}\n  author: {result['author']}")
        for kind in ("persons", "countries", "organizations"):
            names = [e.get("name") for e in result[kind]]
            stdout.write(f"  {kind}: {', '.join(names)}")
