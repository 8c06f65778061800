"""Turn what a user hands over (files, folders, zip archives, a manifest) into uploads.

Nothing here writes to disk: zip entries are read in memory and only ever
become Upload objects, so a hostile entry name cannot reach the file system.
An archive that is unsafe or unreadable as a whole (entry names escaping the
archive, a compression bomb, a broken directory) is refused whole, before
anything is imported; an entry that alone is corrupt is refused alone.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from django.conf import settings

from .errors import IngestError
from .parse import METADATA_FIELDS, Upload

ZIP_MAGIC = b"PK\x03\x04"
MANIFEST_NAMES = ("manifest.csv", "manifest.jsonl", "manifest.json")
_SKIPPED_PARTS = ("__MACOSX",)
# What comes with a collection and is not one of its articles, by name whatever its suffix:
# README.md, LICENSE, COPYING.txt. In a folder it is passed over; in a zip it is reported.
_COMPANION_NAMES = ("readme", "license", "licence", "copying", "changelog")
# In a folder, only these are taken as articles (a README.md beside them is not one).
ARTICLE_SUFFIXES = (".txt", ".text", ".html", ".htm", ".xhtml", ".gz", ".zip")
_MIME = {".html": "text/html", ".htm": "text/html", ".txt": "text/plain", ".gz": "application/gzip"}


@dataclass(frozen=True)
class Rejected:
    """An item refused before parsing, with the reason."""

    name: str
    reason: str


@dataclass
class Manifest:
    """Per-article metadata: rows naming a file (by relative path) or carrying the text."""

    by_file: dict[str, dict] = field(default_factory=dict)
    texts: list[tuple[str, str, dict]] = field(default_factory=list)  # (name, text, metadata)

    def metadata_for(self, name: str) -> dict:
        path = PurePosixPath(name.replace("\\", "/"))
        for candidate in (str(path), *(str(PurePosixPath(*path.parts[i:])) for i in range(1, len(path.parts)))):
            if candidate in self.by_file:
                return self.by_file[candidate]
        return {}


def read_manifest(data: bytes, name: str) -> Manifest:
    """Parse a CSV (with a header row) or JSON Lines manifest; raises IngestError."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise IngestError(f"manifest {name}: not UTF-8 text") from None
    rows: list[dict] = []
    if name.lower().endswith(".csv"):
        # A text column holds whole articles: the csv module's 128 KB field limit is not ours.
        if csv.field_size_limit() < len(text):
            csv.field_size_limit(len(text))
        try:
            rows = list(csv.DictReader(io.StringIO(text)))
        except csv.Error as exc:
            raise IngestError(f"manifest {name}: not valid CSV ({exc})") from None
    else:
        for number, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                raise IngestError(f"manifest {name}, line {number}: not valid JSON ({exc.msg})") from None
            if not isinstance(row, dict):
                raise IngestError(f"manifest {name}, line {number}: each line must be a JSON object")
            rows.append(row)
    manifest = Manifest()
    allowed = {"file", "text", *METADATA_FIELDS}
    for number, row in enumerate(rows, start=1):
        row = {str(k).strip().lower(): v for k, v in row.items() if k is not None}
        unknown = set(row) - allowed
        if unknown:
            raise IngestError(f"manifest {name}, row {number}: unknown column(s) {', '.join(sorted(unknown))}")
        metadata = {k: row[k] for k in METADATA_FIELDS if row.get(k) not in (None, "")}
        if row.get("text"):
            manifest.texts.append((f"{name}#row{number}", str(row["text"]), metadata))
        elif row.get("file"):
            manifest.by_file[str(PurePosixPath(str(row["file"]).replace("\\", "/")))] = metadata
        else:
            raise IngestError(f"manifest {name}, row {number}: give either 'file' or 'text'")
    return manifest


def unpack(name: str, data: bytes, *, metadata: dict | None = None, manifest: Manifest | None = None) -> Iterator[Upload | Rejected]:
    """Yield the uploads in one file: itself, or the entries of a zip archive.

    `metadata` (from the upload form or command line) applies to every item;
    a manifest's row for an item wins over it. A zip may carry its own
    manifest.csv or manifest.jsonl. A file unreadable as a whole is one
    Rejected item.
    """
    try:
        items = read_upload(name, data, metadata=metadata, manifest=manifest)
    except IngestError as exc:
        yield Rejected(name, str(exc))
        return
    yield from items


def read_upload(name: str, data: bytes, *, metadata: dict | None = None, manifest: Manifest | None = None) -> list[Upload | Rejected]:
    """The items of one file, as unpack(); raises IngestError when the file is unreadable as a whole

    (over the size limit, a corrupt or unsafe zip, a bad manifest inside it):
    then nothing of it may be imported.
    """
    metadata = metadata or {}
    manifest = manifest or Manifest()
    if len(data) > settings.ARCHIVE_MAX_UPLOAD_BYTES:
        raise IngestError(f"{len(data):,} bytes is over the upload limit of {settings.ARCHIVE_MAX_UPLOAD_BYTES:,}")
    if not (data.startswith(ZIP_MAGIC) or name.lower().endswith(".zip")):
        return [Upload(data, name, _mime(name), {**metadata, **manifest.metadata_for(name)})]
    entries = _read_zip(name, data)
    inner = None
    for entry_name, entry_data in entries:
        if PurePosixPath(entry_name).name.lower() in MANIFEST_NAMES and inner is None:
            if isinstance(entry_data, IngestError):  # without its metadata, no entry may be imported
                raise IngestError(f"manifest {entry_name}: {entry_data}")
            inner = read_manifest(entry_data, entry_name)
    items: list[Upload | Rejected] = []
    for entry_name, entry_data in entries:
        if PurePosixPath(entry_name).name.lower() in MANIFEST_NAMES:
            continue
        label = f"{name}/{entry_name}"
        if isinstance(entry_data, IngestError):
            items.append(Rejected(label, str(entry_data)))
            continue
        if entry_data.startswith(ZIP_MAGIC) or entry_name.lower().endswith(".zip"):
            items.append(Rejected(label, "nested archives are not imported: unpack the inner zip and upload it on its own"))
            continue
        if _is_companion(entry_name):
            items.append(Rejected(label, "a README, licence or changelog of the collection, not an article: not imported"))
            continue
        item_meta = {**metadata, **manifest.metadata_for(entry_name), **(inner.metadata_for(entry_name) if inner else {})}
        items.append(Upload(entry_data, label, _mime(entry_name), item_meta))
    for text_name, text, row_meta in inner.texts if inner else ():
        items.append(Upload(text.encode("utf-8"), f"{name}/{text_name}", "text/plain", {**metadata, **row_meta}))
    return items


@dataclass
class FilePlan:
    """What an import of paths will read: the files (path, name) and the manifest."""

    files: list[tuple[Path, str]]
    manifest: Manifest

    def count(self) -> int:
        """How many items the import will report on (a zip counts its entries)."""
        total = len(self.manifest.texts)
        for path, _ in self.files:
            total += _zip_entries(path) if path.suffix.lower() == ".zip" else 1
        return total


def plan_paths(paths: Iterable[Path], *, manifest_path: Path | None = None) -> FilePlan:
    """List the files under files and folders (recursively, in name order), without reading them.

    Each file carries the name it is known by: its path from the folder given
    (the folder's own name first), never the absolute path of this machine.
    A manifest, given or found at a folder's top, adds the files it names.
    Raises IngestError for a bad manifest, before anything is imported.
    """
    files: list[tuple[Path, str]] = []
    for path in paths:
        if path.is_dir():
            found = [f for f in sorted(path.rglob("*")) if _wanted(f.relative_to(path))]
            inner = [f for f in found if f.parent == path and f.name.lower() in MANIFEST_NAMES]
            if inner and manifest_path is None:
                manifest_path = inner[0]
            top = path.resolve().name
            files += [
                (f, f"{top}/{f.relative_to(path).as_posix()}")
                for f in found if f.is_file() and f.name.lower().endswith(ARTICLE_SUFFIXES) and not _is_companion(f.name)
            ]
        else:
            files.append((path, path.name))
    manifest = Manifest()
    if manifest_path is not None:
        manifest = read_manifest(_read(manifest_path), manifest_path.name)
        files += [(manifest_path.parent / rel, rel) for rel in manifest.by_file]
    seen: set[Path] = set()
    unique = []
    for path, name in files:
        if path.resolve() not in seen:
            seen.add(path.resolve())
            unique.append((path, name))
    return FilePlan(unique, manifest)


def unpack_plan(plan: FilePlan, *, metadata: dict | None = None) -> Iterator[Upload | Rejected]:
    """Yield the uploads of a plan, reading one file at a time (imports stream)."""
    for path, name in plan.files:
        if not path.is_file():
            yield Rejected(name, "no such file")
            continue
        size = path.stat().st_size
        if size > settings.ARCHIVE_MAX_UPLOAD_BYTES:
            yield Rejected(name, f"{size:,} bytes is over the upload limit of {settings.ARCHIVE_MAX_UPLOAD_BYTES:,}")
            continue
        try:
            data = _read(path)
        except IngestError as exc:
            yield Rejected(name, str(exc))
            continue
        yield from unpack(name, data, metadata=metadata, manifest=plan.manifest)
    for name, text, row_meta in plan.manifest.texts:
        yield Upload(text.encode("utf-8"), name, "text/plain", {**(metadata or {}), **row_meta})


def unpack_paths(paths: Iterable[Path], *, metadata: dict | None = None, manifest_path: Path | None = None) -> Iterator[Upload | Rejected]:
    """Yield the uploads under files and folders; see plan_paths() and unpack_plan()."""
    yield from unpack_plan(plan_paths(paths, manifest_path=manifest_path), metadata=metadata)


def _zip_entries(path: Path) -> int:
    try:
        with zipfile.ZipFile(path) as archive:
            return sum(1 for i in archive.infolist() if not i.is_dir()) or 1
    except (OSError, zipfile.BadZipFile, ValueError, NotImplementedError):
        return 1


def _read_zip(name: str, data: bytes) -> list[tuple[str, bytes | IngestError]]:
    """Check a whole archive before reading any of it; raises IngestError.

    An entry that cannot be read (corrupt data, a bad checksum, an unknown
    compression) comes back as the IngestError saying why: the others still import.
    """
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = [i for i in archive.infolist() if not i.is_dir()]
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError, NotImplementedError, OSError) as exc:
        # NotImplementedError: a directory entry asking for a zip version Python does not know
        raise IngestError(f"not a readable zip archive ({exc})") from None
    if len(infos) > settings.ARCHIVE_MAX_ZIP_ENTRIES:
        raise IngestError(f"the archive holds {len(infos):,} files, over the limit of {settings.ARCHIVE_MAX_ZIP_ENTRIES:,}")
    limit = settings.ARCHIVE_MAX_UPLOAD_BYTES
    total = 0
    for info in infos:
        path = PurePosixPath(info.filename.replace("\\", "/"))
        if path.is_absolute() or ".." in path.parts or ":" in info.filename:
            raise IngestError(f"unsafe entry name {info.filename!r} (absolute or leading outside the archive): nothing was imported")
        if info.flag_bits & 0x1:
            raise IngestError(f"entry {info.filename!r} is encrypted: nothing was imported")
        total += info.file_size
    ratio = total / max(1, sum(i.compress_size for i in infos))
    if total > limit or (total > 1_000_000 and ratio > settings.ARCHIVE_MAX_COMPRESSION_RATIO):
        raise IngestError(
            f"the archive expands to {total:,} bytes ({ratio:,.0f} times its size): refused as a possible zip bomb, nothing was imported"
        )
    entries = []
    read = 0
    for info in infos:
        path = PurePosixPath(info.filename)
        if any(part in _SKIPPED_PARTS or part.startswith(".") for part in path.parts):
            continue
        try:
            with archive.open(info) as fh:
                # Sizes in the header can lie: never read more than the limit.
                content = fh.read(limit - read + 1)
        except (zipfile.BadZipFile, OSError, EOFError, RuntimeError, NotImplementedError, ValueError, zlib.error) as exc:
            # ValueError includes a UnicodeDecodeError of a header's name.
            entries.append((info.filename, IngestError(f"this entry of the zip archive is corrupt ({type(exc).__name__}: {exc})")))
            continue
        read += len(content)
        if read > limit:
            raise IngestError("the archive expands beyond the upload limit: refused as a possible zip bomb, nothing was imported")
        entries.append((info.filename, content))
    return entries


def _wanted(relative: Path) -> bool:
    """Skip hidden files and folders and macOS resource forks inside a folder."""
    return not any(p.startswith(".") or p in _SKIPPED_PARTS for p in relative.parts)


def _is_companion(name: str) -> bool:
    return PurePosixPath(name).name.lower().split(".")[0] in _COMPANION_NAMES


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise IngestError(f"{path}: cannot be read ({exc.strerror})") from None


def _mime(name: str) -> str:
    suffix = PurePosixPath(name.lower()).suffix
    return _MIME.get(suffix, "")
