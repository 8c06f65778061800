"""Names written with a nickname or a maiden name between their words: 'Carlo "Kidlat"
Buenaventura', 'Flora (Campbell) MacKenzie'. The name is the person's; the nickname names no one else."""

from __future__ import annotations

import re

from archive.entities import gazetteer
from archive.entities.given_names import surnames as known_surnames
from archive.entities.identity import SUFFIXES, fold
from archive.entities.name_words import NAME_WORD, PARTICLE, PARTICLES
from archive.entities.word_kinds import is_given, is_no_name_word, is_surname_word

# A nickname in quotes inside a name: 'Jericho "The Jet" Villareal', 'Maria Teresa “Tess” Reyes-Cruz';
# or a maiden name in brackets, as obituaries write it: 'Flora (Campbell) MacKenzie'.
NICKNAME = r"[ \t]+(?:[\"“‘'][^\"“”‘’\n]{1,30}[\"”’']|\([A-Z][\w'’-]+\))[ \t]+"
_WITH_NICKNAME = re.compile(
    rf"(?<![\w'’-])({NAME_WORD}(?:[ \t]+{NAME_WORD}){{0,2}})({NICKNAME})"
    rf"({NAME_WORD}(?:[ \t]+(?:(?:{PARTICLE})[ \t]+)*{NAME_WORD})?)(?![\w'’-])"
)
# What is said of a person after the name: 'Ana Lima, 58,', 'Ana Lima, who', 'Ana Lima said'.
_PERSON_AFTER = re.compile(r",[ \t]+\d{1,3},|,?[ \t]+(?:who|said|says|told|added)\b")


def with_nicknames(text: str, found: list[tuple[int, int, str]]) -> list[tuple[int, int, str, str]]:
    """Names written with a nickname in quotes between their words ('Carlo "Kidlat" Buenaventura'),
    as (start, end, name without the nickname, nickname): where the words before the quotes open with
    a given name or were found as a name already, and those after are no English or place words."""
    named = []
    for m in _WITH_NICKNAME.finditer(text):
        tokens = [(m.start(1) + w.start(), w.group()) for w in re.finditer(r"\S+", m.group(1))]
        # The given names are the last words before the quotes that open with a known given name or
        # a name found already: 'Catanduanes Governor [Ernesto] "Boy" Alcantara'.
        opening = next(
            (
                i
                for i, (at, word) in enumerate(tokens)
                if (is_given(word) or any(s <= at < e for s, e, _ in found))
                and not any(is_no_name_word(w, english_ok=True) for _, w in tokens[i:])
            ),
            None,
        )
        if opening is None:
            continue
        begin, words = tokens[opening][0], [w for _, w in tokens[opening:]]
        # the words after are no English words, unless a surname of a name found ('MacKenzie' is a town's too)
        # or a known surname that is no place's ('Reynolds'), or English words where what follows is said
        # of a person ('Lionel "Boney" Cartwright, 58,')
        surnames = {name.split()[-1] for *_, name in found} | {
            w for w in m.group(3).split() if w in known_surnames() and not gazetteer.is_place(w)
        }
        said_of_a_person = _PERSON_AFTER.match(text, m.end(3)) is not None
        if any(
            not is_surname_word(w) and w not in surnames and not (said_of_a_person and not is_no_name_word(w, english_ok=True))
            for w in m.group(3).split()
            if w not in PARTICLES and fold(w) not in SUFFIXES  # 'Alfred "Boo" Boudreaux Jr.'
        ):
            continue
        # A maiden name in brackets goes before the family's surname, which the story names elsewhere:
        # 'Olaf Ludwig (Germany) Telekom' is a results row's rider, country and team.
        if m.group(2).strip().startswith("(") and (
            gazetteer.is_place(m.group(2).strip()[1:-1]) or any(w not in surnames for w in m.group(3).split())
        ):
            continue
        # 'Manny Pacquiao "Fight of the Century" Floyd Mayweather': a title between two people's names.
        after = m.group(3).split()
        if len(m.group(2).split()) > 3 or (len(after) > 1 and is_given(after[0])):
            continue
        nickname = m.group(2).strip()[1:-1]
        end = m.end(3) + (fold(after[-1]) in SUFFIXES and text[m.end(3) : m.end(3) + 1] == ".")
        named.append((begin, end, " ".join(words + m.group(3).split()) + text[m.end(3) : end], nickname))
    return named
