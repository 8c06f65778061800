"""Identity of names across spellings and articles.

``match_key`` folds the usual transliteration differences of one name (Pashinyan,
Pashinian, Pachinian; Dzhamal, Jamal; Rakhimov, Rahimov) into one key, word by word,
so that different first names keep different keys ('Anna Petrova' vs 'Olga Petrova').
The import pipeline (archive.ingest.pipeline) looks people and organizations up by
these keys; it is the only place that decides who is who, for imports, `reprocess`
and `extract` alike.
"""

from __future__ import annotations

import functools
import re
import unicodedata

HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "dr", "mme", "madame", "monsieur", "sir", "dame", "prof"})
# Generational suffixes: 'Tom Hale Jr.' is not 'Tom Hale', his father, but his surname is Hale.
SUFFIXES = frozenset({"jr", "sr", "iii", "iv"})

# Ordered rewrites that map English, French and German transliterations of one
# (mostly Slavic, Caucasian or Arabic) name onto one spelling; 'ch' is English 'ch'
# only after 'tch' (French) has been folded, so both 'Pachinian' (French 'sh') and
# 'Pashinyan' end up as 'pasinian'.
_REWRITES = (
    ("dzh", "j"),
    ("tch", "c"),
    ("sch", "s"),
    ("dj", "j"),
    ("zh", "j"),
    ("ch", "s"),
    ("sh", "s"),
    ("kh", "h"),
    ("ph", "f"),
    ("ck", "k"),
    ("ou", "u"),
    ("w", "v"),
    ("q", "k"),
    ("x", "ks"),
    ("y", "i"),
)
_REPEATS = re.compile(r"(.)\1+")
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")


def fold(text: str) -> str:
    """Return ``text`` casefolded, without accents and with typographic apostrophes made plain."""
    text = unicodedata.normalize("NFKD", text.replace("’", "'"))
    return "".join(c for c in text if not unicodedata.combining(c)).casefold()


def _key_word(word: str) -> str:
    word = word.replace("'", "")
    for old, new in _REWRITES:
        word = word.replace(old, new)
    word = _REPEATS.sub(r"\1", word)
    # A final French/German 'e' after a consonant ('Poutine', 'Rakhimove') is silent.
    if len(word) > 4 and word.endswith("e") and word[-2] not in "aeiou":
        word = word[:-1]
    return word


_SUFFIX_KEYS = frozenset(map(_key_word, SUFFIXES))


@functools.lru_cache(maxsize=20_000)  # asked again and again for the same words of one story
def match_key(name: str) -> str:
    """Return a transliteration-tolerant key for a person's or organization's name.

    Two spellings of one name give the same key (Pashinyan/Pashinian/Pachinian,
    Rakhimov/Rahimov, Dzhamal/Jamal, Dostoevskiy/Dostoevsky); each word keeps its own key, so different people who
    share a surname differ. Honorifics (Mr., Dr. ...) are dropped; a suffix ('Jr.') goes before the surname.
    """
    words = _WORD.findall(fold(name))
    while len(words) > 1 and words[0] in HONORIFICS:
        words = words[1:]
    if len(words) > 2 and words[-1] in SUFFIXES:
        # The suffix keeps the key apart from the father's, as a middle name does, and the surname last.
        words = [*words[:-2], words[-1], words[-2]]
    return " ".join(_key_word(w) for w in words)


def surname(name: str) -> str:
    """The last word of a name as written, but for a generational suffix: 'Hale' of 'Tom Hale Jr.'."""
    words = name.split()
    if generation(name):
        words.pop()
    return words[-1] if words else ""


def generation(name: str) -> str:
    """A name's generational suffix, folded ('jr' of 'Tom Hale Jr.'), or ""."""
    words = name.split()
    last = fold(words[-1]).rstrip(".,") if len(words) > 2 else ""
    return last if last in SUFFIXES else ""


def compatible_names(a: str, b: str) -> bool:
    """Tell whether two multi-word person keys can name one person.

    The last words must agree; the first words must agree or one must be the
    other's initial; middle names are ignored ('George W Bush' ~ 'George Bush').
    """
    wa, wb = a.split(), b.split()
    if len(wa) < 2 or len(wb) < 2 or wa[-1] != wb[-1]:
        return False
    generations = {w for w in wa[1:-1] if w in _SUFFIX_KEYS}, {w for w in wb[1:-1] if w in _SUFFIX_KEYS}
    if all(generations) and generations[0] != generations[1]:
        return False  # 'Tom Hale Jr.' and 'Tom Hale III': son and grandson
    fa, fb = wa[0], wb[0]
    return fa == fb or (len(fa) == 1 and fb.startswith(fa)) or (len(fb) == 1 and fa.startswith(fb))


def adds_words(name: str, spelling: str) -> bool:
    """Tell whether a spelling has a word that the name lacks, as a search would see words.

    'Pashinian' adds a word to 'Nikol Pashinyan'; 'Mr Pashinyan' and 'PASHINYAN' do
    not, nor does an initial ('N Pashinyan'), nor accents ('Müller' to 'Muller'):
    the search engines fold them.
    """
    return bool(_search_words(spelling) - _search_words(name))


@functools.lru_cache(maxsize=65_536)  # every search document asks again for its people's names
def _search_words(name: str) -> frozenset[str]:
    words = set()
    for chunk in fold(name).split():
        parts = set(_SEARCH_WORD.findall(chunk))
        # A hyphenated word counts whole too: PostgreSQL indexes 'stafford-smith' as well.
        parts.update(_HYPHENATED.findall(chunk))
        words.update(w for w in parts if len(w) > 1 and w not in HONORIFICS)
    return frozenset(words)


_SEARCH_WORD = re.compile(r"\w+")
_HYPHENATED = re.compile(r"\w+(?:-\w+)+")
