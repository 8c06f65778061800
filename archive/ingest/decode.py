"""Turn uploaded bytes into text without mangling them."""

from __future__ import annotations

import codecs
import gzip
import io
import unicodedata
import zlib

from charset_normalizer import from_bytes

from .errors import IngestError

GZIP_MAGIC = b"\x1f\x8b"

# The legacy single-byte code pages a mostly English upload comes in, in order of
# preference when several read a text equally well. Short runs of another
# script (a Russian quote in an English story) are too short for statistical
# detection; which of these reads them as real words is decided by _oddities().
_CODE_PAGES = ("cp1252", "cp1251", "cp1250", "cp1253", "cp1254", "cp1257", "koi8_r")

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
    readings = [str(best)]
    for encoding in _CODE_PAGES:
        try:
            readings.insert(-1, data.decode(encoding))
        except UnicodeDecodeError:
            continue
    # The reading with the fewest words no language writes; on a tie, the first code page.
    return _normalise(min(readings, key=_oddities))


def _oddities(text: str) -> int:
    """How many words of `text` hold characters that no language writes that way.

    Mojibake makes such words: symbols amid letters ("═ютюёҐш"), letters of two
    scripts in one word ("cafй"), a Latin word of accented letters only
    ("Íîâîñòè"), or a word in reversed case ("пРИВЕТ", KOI8-R read as cp1252).
    Words of plain ASCII are skipped, so this costs little.
    """
    return sum(1 for word in text.split() if not word.isascii() and _is_odd(word))


def _is_odd(word: str) -> bool:
    scripts = set()
    letters = accented = uppers = 0
    reversed_case = False
    for n, char in enumerate(word):
        category = unicodedata.category(char)
        if category[0] == "L":
            letters += 1
            script = unicodedata.name(char, "?").split(" ", 1)[0]
            scripts.add("CJK" if script in ("HIRAGANA", "KATAKANA", "HANGUL") else script)
            accented += not char.isascii() and script == "LATIN"
            uppers += char.isupper()
            reversed_case |= char.isupper() and n > 0 and word[n - 1].islower()
        elif category[0] == "C" or "\u2500" <= char <= "\u25ff":  # controls, box drawing, blocks
            return True
        elif category[0] == "S" and 0 < n < len(word) - 1 and word[n - 1].isalpha() and word[n + 1].isalpha():
            return True  # a symbol amid letters ("£ódŸ", "â€™")
    if len(scripts) > 1:
        return True
    if scripts == {"LATIN"} and letters >= 3 and accented == letters:
        return True
    return reversed_case and uppers * 2 > letters


def _normalise(text: str) -> str:
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise IngestError("the file holds no text")
    return text
