"""Identity of names across spellings and articles.

``match_key`` folds the usual transliteration differences of one name (Pashinyan,
Pashinian, Pachinian; Djeyhoun, Jeyhun; Sergey, Sergei) into one key, word by word,
so that different first names keep different keys ('Ilham Aliyev' vs 'Heydar Aliyev').
``NameResolver`` uses those keys to give each person or organization one canonical
name over many articles, as one import run would.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable

from archive.entities.base import Found

HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "dr", "mme", "madame", "monsieur", "sir", "dame", "prof"})

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
    # A final French/German 'e' after a consonant ('Poutine', 'Baïramove') is silent.
    if len(word) > 4 and word.endswith("e") and word[-2] not in "aeiou":
        word = word[:-1]
    return word


def match_key(name: str) -> str:
    """Return a transliteration-tolerant key for a person's or organization's name.

    Two spellings of one name give the same key (Pashinyan/Pashinian/Pachinian,
    Aliyev/Aliev, Bayramov/Baïramov, Djeyhoun/Jeyhun, Sergey/Sergei,
    Polyanskiy/Polyansky); each word keeps its own key, so different people who
    share a surname differ. Honorifics (Mr., Dr. ...) are dropped.
    """
    words = _WORD.findall(fold(name))
    while len(words) > 1 and words[0] in HONORIFICS:
        words = words[1:]
    return " ".join(_key_word(w) for w in words)


def compatible_names(a: str, b: str) -> bool:
    """Tell whether two multi-word person keys can name one person.

    The last words must agree; the first words must agree or one must be the
    other's initial; middle names are ignored ('George W Bush' ~ 'George Bush').
    """
    wa, wb = a.split(), b.split()
    if len(wa) < 2 or len(wb) < 2 or wa[-1] != wb[-1]:
        return False
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


class NameResolver:
    """Resolve entities found in many articles to one canonical name each.

    ``resolve(found)`` returns the canonical name of a person or organization: the
    name already known under the same key or a compatible one (same surname and
    first name or initial; for organizations, any shared alias), else ``found.name``, which becomes
    canonical. All spellings seen are kept as aliases. ``seed`` loads names already
    known elsewhere (for instance from the database) before resolving.

    A lone surname ('Taylor') joins the one known full name with that surname only
    when ``resolve_surnames`` is true: across unrelated articles it is as likely to
    be someone else.
    """

    def __init__(
        self, known: Iterable[tuple[str, Iterable[str]]] = (), kind: str = "person", resolve_surnames: bool = False
    ) -> None:
        self.resolve_surnames = resolve_surnames
        self._canonical: dict[tuple[str, str], str] = {}
        self._aliases: dict[tuple[str, str], dict[str, None]] = {}
        self._by_surname: dict[tuple[str, str], set[str]] = {}
        for name, aliases in known:
            self.seed(name, aliases, kind=kind)

    def seed(self, name: str, aliases: Iterable[str] = (), kind: str = "person") -> None:
        """Make ``name`` canonical for its key and for the keys of ``aliases``."""
        self._register(kind, name, name)
        for alias in aliases:
            self._register(kind, name, alias)

    def resolve(self, found: Found) -> str:
        """Return the canonical name for ``found`` and remember its spellings as aliases."""
        kind = found.kind
        forms = [found.name, *found.aliases, *found.spellings]
        canonical = self._lookup(kind, found.key or match_key(found.name), forms)
        if canonical is None:
            canonical = found.name
        for form in forms:
            self._register(kind, canonical, form)
        return canonical

    def aliases(self, name: str, kind: str = "person") -> tuple[str, ...]:
        """Return every spelling seen for the canonical ``name``, the name itself first."""
        return tuple(self._aliases.get((kind, name), {name: None}))

    def names(self, kind: str = "person") -> list[str]:
        """Return the canonical names known for ``kind``, in the order first seen."""
        return [name for k, name in self._aliases if k == kind]

    def _lookup(self, kind: str, key: str, forms: list[str]) -> str | None:
        if (kind, key) in self._canonical:
            return self._canonical[(kind, key)]
        if kind != "person":
            keys = (match_key(f) for f in forms)
            return next((self._canonical[(kind, k)] for k in keys if (kind, k) in self._canonical), None)
        words = key.split()
        if not words:
            return None
        candidates = self._by_surname.get((kind, words[-1]), set())
        if len(words) == 1:
            if not self.resolve_surnames:
                return None
            full = {name for name in candidates if len(match_key(name).split()) > 1}
            return full.pop() if len(full) == 1 else None
        matches = {name for name in candidates if compatible_names(key, match_key(name))}
        return matches.pop() if len(matches) == 1 else None

    def _register(self, kind: str, canonical: str, form: str) -> None:
        clean = _strip_honorific(form)
        key = match_key(clean)
        if not key:
            return
        aliases = self._aliases.setdefault((kind, canonical), {canonical: None})
        # A lone surname is no name of one person ('Aliyev' may be Ilham or Heydar):
        # it neither claims a key nor becomes an alias of a full name.
        if kind != "person" or len(key.split()) > 1 or key == match_key(canonical):
            self._canonical.setdefault((kind, key), canonical)
            aliases.setdefault(clean, None)
        self._by_surname.setdefault((kind, match_key(canonical).split()[-1]), set()).add(canonical)


def _strip_honorific(name: str) -> str:
    words = name.split()
    while len(words) > 1 and fold(words[0]).rstrip(".") in HONORIFICS:
        words = words[1:]
    return " ".join(words)
