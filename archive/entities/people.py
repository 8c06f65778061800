"""People a text names, with their mentions tied together within the text.

The model's PERSON spans are cleaned (titles such as 'Prime Minister' or 'Mr.',
possessives and leading demonyms removed) and filtered (places, demonyms, known
organizations, acronyms, headings, datelines such as '(Harbour Times) –'), and joined
by the names the model missed that ``missed`` and ``rows`` find by their shape. They
group into people (``grouping``); then every capitalised word of the text whose
``match_key`` is a known surname counts as a mention of that person, so 'Mr. Venkov',
'Venkov’s' and a surname the model mislabelled as a place still count, and
'Pachinian' joins 'Nikol Pashinyan'.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter

from spacy.lang.en.stop_words import STOP_WORDS

from archive.entities import (
    credits,
    gazetteer,
    grouping,
    missed,
    organizations,
    person_spans,
    rows,
    towns,
    usage,
    word_kinds,
)
from archive.entities.base import Found, Mention
from archive.entities.identity import fold, match_key, surname
from archive.entities.nicknames import NICKNAME, with_nicknames
from archive.entities.name_words import (
    ORG_AND_PLACE_WORDS,
    ROLES,
    THING_WORDS,
    TITLES,
)

_HONORIFIC = r"(?:Mr|Mrs|Ms|Miss|Dr|Mme)\.?\s+"
_HONORIFIC_BEFORE = re.compile(_HONORIFIC + r"$")
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
_POSSESSIVE = re.compile(r"['’]s?$")
# A rescued name may overlap what the model took for a person, organization or
# group, not a place, event, work or product it recognised.
_OTHER_NAME_LABELS = frozenset({"GPE", "LOC", "FAC", "EVENT", "WORK_OF_ART", "PRODUCT", "LAW", "LANGUAGE"})
_ABBREVIATED_GIVEN = frozenset({"Ma", "Md", "Mohd", "Muhd", "Wm", "Chas", "Thos", "Jas", "Geo"})
_NICKNAME_BETWEEN = re.compile(rf"[^\W\d_]{NICKNAME}[^\W\d_]")


def _form_pattern(form: str, between: str) -> str:
    """A pattern for a full name's form as texts write it: its words apart, but an initial's dot
    may stand glued to the next word ('G. Erdenebileg' is written 'G.Erdenebileg')."""
    words = form.split()
    pattern = re.escape(words[0])
    for before, word in zip(words, words[1:]):
        pattern += (r"\s*" if before.endswith(".") else between) + re.escape(word)
    return pattern


# A nickname after 'known as', in an apposition to the name or opening the sentence before it:
# 'Kehinde Ajayi, 35, popularly known as "Kenny Boy",', 'Known throughout the industry as Malou, de
# la Cruz-Santos ...'; not 'the singer known as Madonna', whose only name it is.
_KNOWN_AS = re.compile(
    r"(?:,[ \t]+(?:[a-z]+[ \t]+)?known|(?:^|(?<=[.!?\n])[ \t]*)Known)\b"
    r"(?:[ \t]+(?:to|at|across|throughout|around|in|by|among)[ \t]+[^,.;:\n]{1,40}?)?[ \t]+as[ \t]+[\"“‘']?"
    r"((?:[A-Z][\w'’.-]*[ \t]+){0,2}[A-Z][\w'’.-]*)",
    re.MULTILINE,
)
# A name after 'alias' or 'a.k.a.' is the same person's: 'Gurpreet Singh, alias Gopi, of Salem'.
_ALIAS = re.compile(r"\b(?:alias|a\.k\.a\.?|aka)[ \t]+[\"“‘']?((?:[A-Z][\w'’.-]*[ \t]+){0,2}[A-Z][\w'’.-]*)")
# A birth name, the subject's before marriage: 'She was born Morag Campbell in Tobermory', 'Born Ruth
# Ellen Gaither in Shelby'. Not 'born in ...', 'born on ...'.
_BORN_AS = re.compile(r"(?:\b[Ww]as|(?:^|(?<=[.!?\n]))[ \t]*)[ \t]*\b[Bb]orn[ \t]+((?:[A-Z][\w'’.-]*[ \t]+){1,3}[A-Z][\w'’.-]*)", re.MULTILINE)
# The dot of an initial of one or two letters glued to the next word ('G.Erdenebileg', 'Ts.Bat-Ochir').
_GLUED = re.compile(r"(?<=\b\w)\.(?=\w)|(?<=\b\w\w)\.(?=\w)")


def _joined(text: str, found: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """The names found, with a name that runs on into another made one.

    The model now and then cuts a long name in two ('Daw Aung' + 'San Suu Kyi, 79,' found by
    its shape); two people's names are never written with nothing but a space between them.
    """
    joined: list[tuple[int, int, str]] = []
    for start, end, name in sorted(found):
        between = text[joined[-1][1] : start] if joined else ""
        # An abbreviated given name before its dot: 'Ma. Cecilia Reyes' (Maria), 'Md. Rafiqul Islam'.
        if between == ". " and joined[-1][2] in _ABBREVIATED_GIVEN:
            between = " "
        if joined and between == " " and len(joined[-1][2].split() + name.split()) <= 5:
            begin = joined[-1][0]
            joined[-1] = (begin, end, text[begin:end])
        else:
            joined.append((start, end, name))
    return joined


def _joined_spans(text: str, mentions: list[Mention]) -> list[Mention]:
    """The model's spans, with a person's that runs on into another person's made one (see _joined)."""
    joined: list[Mention] = []
    for mention in mentions:
        last = joined[-1] if joined else None
        if last and last.label == mention.label == "PERSON" and text[last.end : mention.start] == " ":
            joined[-1] = Mention(last.start, mention.end, "PERSON", text[last.start : mention.end])
        else:
            joined.append(mention)
    return joined


def _candidates(text: str, mentions: list[Mention]) -> tuple[list[tuple[int, int, str]], set[str]]:
    result = []
    mentions = _joined_spans(text, mentions)
    labels: dict[str, Counter] = {}
    for mention in mentions:
        labels.setdefault(grouping.label_key(mention.text), Counter())[mention.label] += 1
    for mention in mentions:
        if mention.label == "PERSON":
            cleaned = person_spans.clean(text, missed.with_particles(text, mention))
            if cleaned and not person_spans.is_not_person(text, *cleaned) and not _mostly_other(labels.get(cleaned[2])):
                if not _listed_among_places(text, *cleaned, labels):
                    result.append(cleaned)
    others = [(m.start, m.end) for m in mentions if m.label in _OTHER_NAME_LABELS]
    # A role opening what the model read as a body's name, before two or three names no list knows as
    # words, places or bodies, names a person: 'Opener Ravindra Persaud anchored the chase'.
    for mention in mentions:
        words = mention.text.split()
        if mention.label == "ORG" and 3 <= len(words) <= 4 and fold(words[0]) in ROLES:
            if all(word_kinds.is_surname_word(w) for w in words[1:]):
                name = " ".join(words[1:])
                result.append((mention.end - len(name), mention.end, name))

    def rescue(surnames: set[str]) -> None:
        for start, end, name in missed.rescued(text, surnames):
            # Where the model read these very words as a place or a work, its label is a guess at a name it
            # does not know; a common given name opening them says whose ('Marta Hale' read as a building).
            first, last = name.split()[0], name.split()[-1]
            relabelled = (start, end) in others and first in word_kinds.given()
            if towns.is_state(first) and word_kinds.is_word(last):
                continue  # a state's name before an English word: 'Alberta Education', 'Georgia Power'
            if relabelled or not any(s < end and start < e for s, e in others):
                if not person_spans.is_not_person(text, start, end, name):
                    result.append((start, end, name))

    # 'Albert and Ivy Badcock': Albert Badcock, though the story never writes his name whole.
    result += missed.couples(text)
    # The shape of the sentence outweighs the model's label: 'firefighter Ana Lima, 67,' read as a place.
    result += [found for found in missed.by_shape(text) if not person_spans.is_not_person(text, *found)]
    kin_and_speakers = [found for found in missed.by_kin_and_speech(text) if not person_spans.is_not_person(text, *found)]
    result += kin_and_speakers
    # Twice: a surname rescued in the first pass can find a relative in the second.
    for _ in range(2):
        rescue({match_key(surname(name)) for _, _, name in result if " " in name})
    # 'Carlo "Kidlat" Buenaventura' is Carlo Buenaventura; "Kidlat" names no one else.
    if nicknamed := with_nicknames(text, result):
        nicknames = {fold(nickname) for *_, nickname in nicknamed}
        result = [
            found for found in result
            if not any(s <= found[0] < e for s, e, *_ in nicknamed) and fold(found[2]) not in nicknames
        ]
        result += [(s, e, name) for s, e, name, _ in nicknamed if not person_spans.is_not_person(text, s, e, name)]
    # What the model calls the entries does not count: in a table it reads unknown names as places,
    # firms and works ('Ines Gorrochategui (Argentina)' as a place).
    company = rows.by_company(
        text,
        result,
        lambda start, end, name: _is_entry_name(text, start, end, name),
        lambda start, end, name: _is_player_name(text, start, end, name),
    )
    teams = rows.teams(text, lambda name: _is_a_side(name, labels.get(name)))
    # A lone surname in a team sheet or a line of scorers is vouched for by its company, not the model;
    # and it finds its full name in the story's prose ('Tuidraki 9' for 'Ilaisa Tuidraki').
    vouched = {name for _, _, name in company if " " not in name}
    if vouched:
        rescue({match_key(name) for name in vouched})
    # A lone name after kin or speech is vouched for too ('her son, Wichai,').
    vouched |= {name for _, _, name in kin_and_speakers if " " not in name}
    # A word of a longer place's name is no one's: 'Tobago' of 'Trinidad and Tobago', 'Lucia' of 'St Lucia'.
    longer = [(hit.start, hit.end) for hit in gazetteer.find_hits(text) if " " in hit.text]
    kept = [
        found for found in set(result + company)
        if found[2] not in teams and not any(s <= found[0] and found[1] <= e and e - s > found[1] - found[0] for s, e in longer)
    ]
    return _joined(text, kept), vouched


def _is_a_side(name: str, labels: Counter | None) -> bool:
    """Tell whether a name in a score line or a league table is known as no person's: a place, a
    known organization, a name ending as organizations' names do, or one the model read as such."""
    return (
        gazetteer.is_place(name)
        or organizations.is_known(name)
        or name.split()[-1].casefold() in ORG_AND_PLACE_WORDS
        or _mostly_other(labels)
    )


def _is_entry_name(text: str, start: int, end: int, name: str) -> bool:
    """Tell whether an entry of a results row or a list of names may be a person's name."""
    return _is_player_name(text, start, end, name) and not person_spans.is_not_person(text, start, end, name)


def _is_player_name(text: str, start: int, end: int, name: str) -> bool:
    """Tell whether an entry of a team sheet may be a player's name: where the other entries
    are players, a surname that is also a town's ('Hulme', 'Mason') is a player's."""
    words = name.split()
    initial = len(words[0]) == 1 and len(words) > 1  # 'A Mullally' among 'B Hogan; M Carrigan'
    if fold(words[0]) in TITLES or (words[0].lower() in STOP_WORDS and not initial):
        return False
    if any(gazetteer.is_place(word) or word.casefold() in THING_WORDS for word in words):
        return False
    return not (organizations.is_known(name) or usage.is_thing(text, name) or credits.is_credit(text, start, end))


def _listed_among_places(text: str, start: int, end: int, name: str, labels: dict[str, Counter]) -> bool:
    """Tell whether a name is listed among two names or more that are places, known or read as places
    by the model, and beside no person's: 'Pumula, Nkulumane, Entumbane, Luveve and Cowdray Park'.
    Not a given name's ('Alexandra, Sophia and Lucas')."""
    if word_kinds.is_given(name.split()[0]):
        return False
    beside = [labels.get(grouping.label_key(other)) or Counter() for other in usage.list_neighbours(text, start, end)]
    if any(other["PERSON"] for other in beside):
        return False
    places = sum(other.most_common(1)[0][0] in ("GPE", "LOC", "FAC") for other in beside if other)
    return places >= 2


def _mostly_other(labels: Counter | None) -> bool:
    """Tell whether the model labelled a multi-word name as something else at least as often."""
    return bool(labels) and labels["PERSON"] <= sum(labels.values()) - labels["PERSON"]


def extract_people(text: str, mentions: list[Mention]) -> tuple[list[Found], list[tuple[int, int]]]:
    """Return the people named in ``text`` and the character spans of their mentions.

    ``mentions`` are the NER spans of the text. Each person's ``spellings`` counts
    full names, 'Mr. Surname' and bare surnames as written (possessives dropped).
    """
    people = grouping.group(text, mentions, *_candidates(text, mentions))
    if not people:
        return [], []
    counts: list[Counter] = [Counter() for _ in people]
    firsts: list[int] = [len(text)] * len(people)
    full_at: list[tuple[int, int]] = []  # (position, person) of full-name mentions
    spans: list[tuple[int, int]] = []
    full_forms = {form: i for i, p in enumerate(people) for form in p.forms if " " in form}
    if full_forms:
        # 'Jericho "The Jet" Villareal' is a full name (the longer pattern only where quotes stand between names)
        between = rf"(?:{NICKNAME}|\s+)" if _NICKNAME_BETWEEN.search(text) else r"\s+"
        alternatives = "|".join(_form_pattern(f, between) for f in sorted(full_forms, key=len, reverse=True))
        for m in re.finditer(rf"(?<!\w)(?:{_HONORIFIC})?(?:{alternatives})(?!\w)", text):
            surface = re.sub(r"\s+", " ", re.sub(NICKNAME, " ", m.group()))
            i = full_forms.get(_strip_honorific(surface), full_forms.get(surface))  # 'Mr Lowe' may be a form
            if i is None:
                i = full_forms.get(_GLUED.sub(". ", surface))
            if i is None:
                continue
            counts[i][surface] += 1
            firsts[i] = min(firsts[i], m.start())
            full_at.append((m.start(), i))
            spans.append(m.span())
    for start, end, name in missed.couples(text):  # 'Albert [and Ivy Badcock]': his given name stands for it
        if (i := full_forms.get(name)) is not None:
            counts[i][name] += 1
            firsts[i] = min(firsts[i], start)
            full_at.append((start, i))
            spans.append((start, end))
    by_surname: dict[str, list[int]] = {}
    taken = {p.last for p in people}
    for i, p in enumerate(people):
        for key in grouping.surname_keys(p, taken):
            by_surname.setdefault(key, []).append(i)
    # Surnames as this text spells them, and the words the model read as names.
    spelled = {_POSSESSIVE.sub("", surname(form)) for p in people for form in p.forms}
    spelled |= {
        form.split()[-2] for p in people for form in p.forms
        if grouping.first_of_two_surnames(form) and match_key(form.split()[-2]) in grouping.surname_keys(p, taken)
    }
    named = {w for m in mentions if m.label == "PERSON" for w in _WORD.findall(m.text)}
    for m in _WORD.finditer(text):
        word = _POSSESSIVE.sub("", m.group())
        if not word[:1].isupper() or (word.isupper() and len(word) > 1) or _covered(m.start(), spans):
            continue
        owners = by_surname.get(match_key(word))
        if not owners:
            continue
        honorific = _HONORIFIC_BEFORE.search(text, max(0, m.start() - 6), m.start())
        # Another spelling of a surname ('Pachinian' beside 'Nikol Pashinyan') counts
        # when the model read it as a name or a title precedes it: 'Both sides',
        # 'More than' and 'the Welsh team' do not name Booth, Moore or Wells.
        if word not in spelled and word not in named and not honorific:
            continue
        i = owners[0] if len(owners) == 1 else _nearest(owners, full_at, m.start())
        start = honorific.start() if honorific else m.start()
        counts[i][text[start : m.start()] + word] += 1
        firsts[i] = min(firsts[i], start)
        spans.append((start, m.start() + len(word)))
    found = []
    known_as = [fold(m.group(1)).split() for m in _KNOWN_AS.finditer(text)]
    nicknames = {" ".join(words[i:]) for words in known_as for i in range(len(words))}  # and 'Tomato' of 'Mama Tomato'
    nicknames |= {fold(m.group(1)) for m in itertools.chain(_BORN_AS.finditer(text), _ALIAS.finditer(text))}
    for i in range(len(people)):
        # 'Tendai Chikwanha, known at the market as Mai Chipo': the nickname is hers, no one else's
        if counts[i] and not all(fold(_strip_honorific(s)) in nicknames for s in counts[i]):
            found.append((firsts[i], _found(counts[i])))
    return [f for _, f in sorted(found, key=lambda pair: pair[0])], spans


def _found(spellings: Counter) -> Found:
    """Name a person by the fullest form used, then the most frequent, then the first."""
    names: Counter = Counter()
    for spelling, n in spellings.items():
        names[_strip_honorific(spelling)] += n
    order = list(names)
    name = max(order, key=lambda s: (len(s.split()), names[s], -order.index(s)))
    return Found("person", name, match_key(name), dict(spellings))


def _strip_honorific(surface: str) -> str:
    return re.sub(rf"^{_HONORIFIC}", "", surface)


def _covered(position: int, spans: list[tuple[int, int]]) -> bool:
    return any(s <= position < e for s, e in spans)


def _nearest(owners: list[int], full_at: list[tuple[int, int]], position: int) -> int:
    """Pick, among people sharing a surname, the one whose full name came last before ``position``."""
    before = [(pos, i) for pos, i in full_at if i in owners and pos < position]
    if before:
        return max(before)[1]
    after = [(pos, i) for pos, i in full_at if i in owners]
    return min(after)[1] if after else owners[0]
