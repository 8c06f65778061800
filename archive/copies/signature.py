"""What two copies of a story share: their word sequences, and a MinHash sketch of them.

The only module that imports rensa. rensa's RMinHash was chosen over datasketch
on the copies test set (bench/copies.py, figures in bench/README.md): the same
estimate, about 40 times faster, and no numpy or scipy in the process.
"""

from __future__ import annotations

import hashlib
import re

from rensa import RMinHash

# Five-word sequences: copies share most of them, two stories on one subject few.
SHINGLE_WORDS = 5
# 42 bands of 3 rows: two texts whose sequences overlap by a third are
# candidates with probability 0.7, by a half 0.99 (1 - (1 - J**3) ** 42).
BANDS, ROWS = 42, 3
PERMUTATIONS = BANDS * ROWS
_SEED = 20041
# Stored sketches and bands are only comparable under one method: a change here needs `group_copies --all`.
METHOD = f"rensa-{RMinHash.ALGORITHM_VERSION}-{SHINGLE_WORDS}w-{BANDS}x{ROWS}-{_SEED}"
_WORD_RE = re.compile(r"\w+")


def shingles(text: str) -> set[str]:
    """The text's word sequences, case and punctuation aside."""
    words = _WORD_RE.findall(text.casefold())
    if len(words) < SHINGLE_WORDS:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i : i + SHINGLE_WORDS]) for i in range(len(words) - SHINGLE_WORDS + 1)}


def band_keys(sequences: set[str]) -> list[int]:
    """The keys of the sketch's bands: texts that share one are candidate copies."""
    sketch = RMinHash(num_perm=PERMUTATIONS, seed=_SEED)
    sketch.update(list(sequences))
    digest = sketch.digest()
    keys = []
    for band in range(BANDS):
        values = digest[band * ROWS : (band + 1) * ROWS]
        data = band.to_bytes(2, "big") + b"".join(v.to_bytes(4, "big") for v in values)
        keys.append(int.from_bytes(hashlib.blake2b(data, digest_size=8).digest(), "big", signed=True))
    return keys


def containment(a: set[str], b: set[str]) -> float:
    """The share of the shorter text's sequences that the other has too (a cut copy is still a copy)."""
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))
