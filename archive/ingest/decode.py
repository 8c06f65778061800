"""Turn uploaded bytes into text without mangling them."""

from __future__ import annotations

import codecs
import gzip
import io
import zlib

from charset_normalizer import from_bytes

from .errors import IngestError

GZIP_MAGIC = b"\x1f\x8b"

# Control characters that never occur in text files; a few of them mean binary data.
_BINARY_BYTES = bytes(range(0, 9)) + bytes(range(14, 32))


def gunzip(data: bytes, *, limit: int) -> bytes:
    """Decompress gzip data, refusing output larger than `limit` bytes (gzip bombs)."""
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as fh:
            out = fh.read(limit + 1)
    except (OSError, EOFError, zlib.error) as exc:
        raise IngestError(f"the gzip data is corrupt ({exc})") from None
    if len(out) > limit:
        raise IngestError(f"decompresses to more than {limit:,} bytes, the size limit")
    return out


def decode_text(data: bytes) -> str:
    """Decode an uploaded text or HTML file, detecting its encoding.

    UTF-8 (with or without a byte-order mark) is tried first because it is
    unambiguous; anything else goes to charset-normalizer, which tells cp1252
    from latin-1 and the like. Raises IngestError for empty, binary or
    undecodable data.
    """
    if not data.strip():
        raise IngestError("the file is empty")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return _normalise(data.decode("utf-16"))
        except UnicodeDecodeError:
            raise IngestError("the file claims to be UTF-16 but is not") from None
    sample = data[:8192]
    if b"\x00" in sample or sum(sample.count(b) for b in _BINARY_BYTES) > len(sample) // 100:
        raise IngestError("this looks like a binary file, not text or HTML")
    try:
        return _normalise(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        pass
    matches = list(from_bytes(data))
    if not matches:
        raise IngestError("the text encoding could not be recognised")
    # Short Western texts decode equally cleanly as cp1250, cp1252, cp1257...;
    # among equally clean candidates prefer cp1252, the encoding the web
    # standard substitutes for latin-1 (https://encoding.spec.whatwg.org/#names-and-labels).
    cleanest = min(m.chaos for m in matches)
    tied = [m for m in matches if m.chaos <= cleanest + 0.01]
    best = next((m for m in tied if m.encoding == "cp1252"), tied[0])
    return _normalise(str(best))


def _normalise(text: str) -> str:
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise IngestError("the file holds no text")
    return text
