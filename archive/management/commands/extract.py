from __future__ import annotations

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from archive.entities.identity import NameResolver
from archive.ingest.errors import IngestError
from archive.ingest.parse import parse_upload
from archive.ingest.unpack import Rejected, unpack_paths


class Command(BaseCommand):
    help = "Parse and extract articles without writing to the database; print what an import would store."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", type=Path)
        parser.add_argument("--json", action="store_true", help="print a JSON array, one object per file")

    def handle(self, *args, paths, **options):
        for path in paths:
            if not path.exists():
                raise CommandError(f"{path}: no such file or folder")
        # Files given together are resolved together, as one import would.
        resolvers = {"person": NameResolver(), "organization": NameResolver()}
        results = []
        for item in unpack_paths(paths):
            if isinstance(item, Rejected):
                results.append({"file": item.name, "error": item.reason})
                continue
            try:
                parsed = parse_upload(item)
            except IngestError as exc:
                results.append({"file": item.name, "error": str(exc)})
                continue
            results.append(_describe(item.name, parsed, resolvers))
        if options["json"]:
            self.stdout.write(json.dumps(results, ensure_ascii=False, indent=2))
            return
        for result in results:
            if "error" in result:
                self.stdout.write(f"{result['file']}: rejected: {result['error']}")
                continue
            self.stdout.write(f"{result['file']}\n  title: {result['title']}\n  source: {result['source']}")
            self.stdout.write(f"  published: {result['published']}\n  author: {result['author']}")
            for kind in ("persons", "countries", "organizations"):
                names = [e.get("name") for e in result[kind]]
                self.stdout.write(f"  {kind}: {', '.join(names)}")


def _describe(name: str, parsed, resolvers: dict[str, NameResolver]) -> dict:
    entities = {"persons": [], "countries": [], "organizations": []}
    for found in parsed.entities:
        if found.kind == "country":
            entities["countries"].append({"code": found.key, "name": found.name})
            continue
        resolver = resolvers[found.kind]
        canonical = resolver.resolve(found)
        aliases = sorted({*found.spellings, *found.aliases} - {canonical})
        entities["persons" if found.kind == "person" else "organizations"].append({"name": canonical, "aliases": aliases})
    return {
        "file": name,
        "title": parsed.title,
        "source": parsed.source or None,
        "published": parsed.published.isoformat() if parsed.published else None,
        "author": parsed.author or None,
        "url": parsed.url or None,
        "body": parsed.body_text,
        **entities,
    }
