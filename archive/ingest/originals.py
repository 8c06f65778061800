"""Keep every upload byte for byte under the data directory, named by its SHA-256."""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

from django.conf import settings


def _path_for(sha256: str) -> Path:
    if len(sha256) != 64 or not all(c in "0123456789abcdef" for c in sha256):
        raise ValueError(f"not a SHA-256 hex digest: {sha256!r}")
    return Path(settings.ARCHIVE_DATA_DIR) / "originals" / sha256[:2] / sha256


def store_original(data: bytes) -> str:
    """Write the bytes once, atomically, and return their SHA-256 hex digest.

    Content addressing makes a second store of the same bytes a no-op and means
    a file, once written, is never changed. A file left by an import that was
    rolled back is harmless: it is only ever read through an article.
    """
    digest = hashlib.sha256(data).hexdigest()
    path = _path_for(digest)
    if path.exists():
        return digest
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".incoming-")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return digest


def read_original(sha256: str) -> bytes:
    """Return the stored bytes of an upload."""
    return _path_for(sha256).read_bytes()
