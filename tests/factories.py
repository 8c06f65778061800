"""Small builders for test data: articles written here, zips made on the fly."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from archive.ingest.parse import Upload
from archive.ingest.pipeline import ingest_article

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def article_text(title: str = "Harbour quay delayed again", *, outlet: str = "", extra: str = "") -> str:
    dateline = f"({outlet}) – " if outlet else ""
    return (
        f"{title}\n\n"
        f"{dateline}Maria Borg, the harbour master, said on Tuesday that the new quay in Valletta would open next spring.\n\n"
        f"Prime Minister Robert Abela promised compensation to fishermen from Malta and Italy. {extra}\n\n"
        "The European Union paid for part of the works, the ministry said.\n"
    )


def make_article(title: str = "Harbour quay delayed again", **kwargs):
    text = article_text(title, outlet=kwargs.pop("outlet", ""), extra=kwargs.pop("extra", ""))
    return ingest_article(Upload(text.encode("utf-8"), kwargs.pop("name", f"{title}.txt"), "text/plain", kwargs))


def make_zip(entries: dict[str, bytes], *, compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=compression) as archive:
        for name, data in entries.items():
            info = zipfile.ZipInfo(name)
            info.compress_type = compression
            archive.writestr(info, data)
    return buffer.getvalue()
