"""Where the language model comes from: its metadata against Explosion's release, and its files' checksums."""

from __future__ import annotations

import hashlib
import json
import zipfile
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from archive.entities.ner import MODEL

# From Explosion's own record of the release (github.com/explosion/spacy-models,
# meta/en_core_web_sm-3.8.0.json): what a faithful copy must say about itself.
OFFICIAL = {
    "lang": "en",
    "version": "3.8.0",
    "spacy_git_version": "5010fcbd3",
    "pipeline": ["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner"],
    "components": ["tok2vec", "tagger", "parser", "senter", "attribute_ruler", "lemmatizer", "ner"],
    "performance.ents_f": 0.8433119744,
    "performance.ents_p": 0.8429743795,
    "performance.ents_r": 0.8436498397,
    "performance.tag_acc": 0.972937262,
    "performance.dep_uas": 0.9176955214,
    "performance.dep_las": 0.8991533598,
    "labels.ner": ["CARDINAL", "DATE", "EVENT", "FAC", "GPE", "LANGUAGE", "LAW", "LOC", "MONEY", "NORP", "ORDINAL",
                   "ORG", "PERCENT", "PERSON", "PRODUCT", "QUANTITY", "TIME", "WORK_OF_ART"],
}
OFFICIAL_WHEEL_SHA256 = "1932429db727d4bff3deed6b34cfc05df17794f4a52eeb26cf8928f7c1a0fb85"
_MODEL_PARTS = ("attribute_ruler", "lemmatizer", "ner", "parser", "senter", "tagger", "tok2vec", "tokenizer", "vocab")


class Command(BaseCommand):
    help = ("Check the installed spaCy model against Explosion's en_core_web_sm 3.8.0 release: its metadata, "
            "and with --official-wheel, every file of the model.")

    def add_arguments(self, parser):
        parser.add_argument("--official-wheel", type=Path,
                            help="en_core_web_sm-3.8.0-py3-none-any.whl from github.com/explosion/spacy-models/releases")
        parser.add_argument("--json", action="store_true", help="print every model file's SHA-256 as JSON")

    def handle(self, *args, official_wheel, json: bool, **options):
        import importlib

        package = Path(importlib.import_module(MODEL).__file__).parent
        data = next(p for p in package.iterdir() if p.is_dir() and (p / "config.cfg").exists())
        meta = _load(data / "meta.json")
        differ = [f"{key}: {_get(meta, key)!r}, the release says {value!r}"
                  for key, value in OFFICIAL.items() if _get(meta, key) != value]
        self.stdout.write(f"model {MODEL} at {data}")
        self.stdout.write(f"metadata: {len(OFFICIAL) - len(differ)} of {len(OFFICIAL)} facts as in the release")
        for line in differ:
            self.stdout.write(f"  differs: {line}")
        files = _checksums(data)
        if json:
            self.stdout.write(_dumps(files))
        if official_wheel:
            if _sha256(official_wheel.read_bytes()) != OFFICIAL_WHEEL_SHA256:
                raise CommandError(f"{official_wheel} is not the official wheel (its SHA-256 is not {OFFICIAL_WHEEL_SHA256})")
            official = _wheel_checksums(official_wheel)
            changed = sorted(name for name in official if files.get(name) != official[name])
            self.stdout.write(f"model files: {len(official) - len(changed)} of {len(official)} identical to the official wheel")
            for name in changed:
                self.stdout.write(f"  differs: {name}")
            if changed or differ:
                raise CommandError("the installed model is not the official release")
        elif differ:
            raise CommandError("the installed model's metadata differs from the release")


def _get(meta: dict, dotted: str):
    value = meta
    for part in dotted.split("."):
        value = value.get(part) if isinstance(value, dict) else None
    return value


def _load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def _dumps(value) -> str:
    return json.dumps(value, indent=1, sort_keys=True)


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _checksums(data: Path) -> dict[str, str]:
    """SHA-256 of every file that makes the model (weights, vocabulary, tokenizer, config), by relative path."""
    found = {"config.cfg": _sha256((data / "config.cfg").read_bytes())}
    for part in _MODEL_PARTS:
        for path in sorted((data / part).rglob("*")):
            if path.is_file():
                found[path.relative_to(data).as_posix()] = _sha256(path.read_bytes())
    return found


def _wheel_checksums(wheel: Path) -> dict[str, str]:
    found = {}
    with zipfile.ZipFile(wheel) as archive:
        for name in archive.namelist():
            parts = name.split("/")
            # en_core_web_sm/en_core_web_sm-3.8.0/<part>/...: the model's own files
            if len(parts) >= 3 and (parts[2] in _MODEL_PARTS or parts[2:] == ["config.cfg"]) and not name.endswith("/"):
                found["/".join(parts[2:])] = _sha256(archive.read(name))
    return found
