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

from archive.entities import credits, gazetteer, grouping, missed, name_words, organizations, places_missed, rows, towns, usage, word_kinds
from archive.entities.base import Found, Mention
from archive.entities.given_names import given_names_and_places, surnames
from archive.entities.identity import fold, match_key, surname
from archive.entities.ner import lowercase_words
from archive.entities.name_words import (
    DESCRIPTOR_ENDING,
    FUNCTION_WORDS,
    INSTITUTION_OPENERS,
    ORG_AND_PLACE_WORDS,
    PLACE_OPENERS,
    PARTICLES,
    POST_NOMINALS,
    THING_WORDS,
    TITLES,
    TWO_WORD_TITLES,
)

_HONORIFIC = r"(?:Mr|Mrs|Ms|Miss|Dr|Mme)\.?\s+"
_HONORIFIC_BEFORE = re.compile(_HONORIFIC + r"$")
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
_POSSESSIVE = re.compile(r"['’]s?$")
_NAME_TOKEN = re.compile(r"^(?:[^\W\d_]\.)+$|^[^\W\d_]+(?:['’-][^\W\d_]+)*\.?$")
# A rescued name may overlap what the model took for a person, organization or
# group, not a place, event, work or product it recognised.
_OTHER_NAME_LABELS = frozenset({"GPE", "LOC", "FAC", "EVENT", "WORK_OF_ART", "PRODUCT", "LAW", "LANGUAGE"})
_COMPASS_POINTS = frozenset({"North", "South", "East", "West", "Central"})
_ABBREVIATED_GIVEN = frozenset({"Ma", "Md", "Mohd", "Muhd", "Wm", "Chas", "Thos", "Jas", "Geo"})
_ARTICLE_PREFIX = re.compile(r"(?:al|el)-[A-Z]")  # 'al-Maktari'
# The article of a Gaelic surname, and a name's first letter eclipsed or aspirated after it.
_GAELIC_PIECE = re.compile(r"(?:Mac|Nic|Mhic) (?:an|a['’])\Z|(?:an|a['’]|Ó|Ní|Uí) (?:t|h|n)[A-Z][^\W\d_]+\Z")
_NICKNAME_BETWEEN = re.compile(rf"[^\W\d_]{missed.NICKNAME}[^\W\d_]")


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


def _clean(text: str, mention: Mention) -> tuple[int, int, str] | None:
    """Return (start, end, name) of a PERSON span without titles and possessives, or None."""
    if "\n" in mention.text.strip():
        return None
    tokens = [(m.start() + mention.start, m.group()) for m in re.finditer(r"\S+", mention.text)]
    # A possessive ends the name: "Ann Lowe's Valletta" names Ann Lowe.
    cut = next((i for i, (_, t) in enumerate(tokens[:-1]) if _POSSESSIVE.search(t) and t[-2:] != "s'"), None)
    if cut is not None:
        tokens = tokens[: cut + 1]
    while len(tokens) > 2 and (fold(tokens[0][1]), fold(tokens[1][1])) in TWO_WORD_TITLES:
        tokens = tokens[2:]
    if len(tokens) > 2 and missed.ends_a_title(text, *tokens[0]):
        tokens = tokens[1:]  # "Dato' [Sri Nur Aisyah ...]"
    while tokens and (
        fold(tokens[0][1]).rstrip(".,") in TITLES
        or (len(tokens[0][1]) > 1 and fold(tokens[0][1]) in FUNCTION_WORDS)
        # 'Moscow Mayor Sobyanin', but not the given name of a two-word name ('Devon Samuel')
        or (gazetteer.is_qualifier(_POSSESSIVE.sub("", tokens[0][1])) and not (len(tokens) == 2 and tokens[0][1] in given_names_and_places()))
    ):
        tokens.pop(0)
    # A participle opening the sentence: 'Representing Jarvis, Simon Atwal said'.
    if len(tokens) > 1 and word_kinds.is_participle(tokens[0][1]) and not word_kinds.is_given(tokens[0][1]):
        tokens.pop(0)
    while len(tokens) > 1 and tokens[-1][1].rstrip(",.;:") in POST_NOMINALS:
        tokens.pop()
    if len(tokens) >= 3 and _is_descriptor(text, tokens[0][1], tokens[1][1]):
        tokens.pop(0)  # 'Guitarist Tom Pryce', 'Photographer Ann Lowe'
    if not tokens:
        return None
    start, last = tokens[-1]
    last = _POSSESSIVE.sub("", last.rstrip(',;:)"”'))
    tokens[-1] = (start, last)
    words = [t for _, t in tokens]
    if not last or len(words) > 5:
        return None
    for i, word in enumerate(words):
        if word in PARTICLES and 0 < i < len(words) - 1:
            continue
        if i and _GAELIC_PIECE.match(f"{words[i - 1]} {word}"):
            continue  # "Mac an tSaoir", "Mac a' Phearsain", 'Ó hUiginn'

        if not _NAME_TOKEN.match(word) or not (word[0].isupper() or _ARTICLE_PREFIX.match(word)):
            return None
        # Capitals are an acronym's, but for a surname after given names ('Genet Abebe WOLDEYES').
        capitals_surname = i == len(words) - 1 > 0 and missed.is_capitals_surname(" ".join(words[:-1]), word)
        if word.isupper() and len(word) > 1 and "." not in word and not capitals_surname:
            return None
    begin, end = tokens[0][0], start + len(last)
    return begin, end, " ".join(words)


def _is_descriptor(text: str, word: str, following: str) -> bool:
    """Tell whether ``word``, before a given name, describes the person rather than naming them.

    It is no given name itself, and it reads as a noun of role, origin or team: the text
    also writes it in lower case, it ends as only such nouns do ('-ist', '-grapher', '-eer'),
    it is a word of an occupation's name, or a nationality.
    """
    given = word_kinds.given()
    if word in given or following not in given or len(word) < 3 or not word.isalpha():
        return False
    low = word.lower()
    if DESCRIPTOR_ENDING.search(low) or low in lowercase_words(text) or low.removesuffix("s") in name_words.occupations():
        return True
    # A nationality: 'Scot', 'Briton', 'Welshman'.
    found = gazetteer.lookup(word) or gazetteer.lookup(re.sub(r"(?:wo)?m[ae]n\Z", "", word))
    return found is not None and found[1] == "demonym"


def _is_not_person(text: str, start: int, end: int, name: str) -> bool:
    if gazetteer.is_place(name) or organizations.is_known(name):
        return True
    words = name.split()
    if words[-1].casefold() in THING_WORDS or usage.is_thing(text, name) or credits.is_credit(text, start, end):
        return True
    before = re.search(r"([A-Z][a-z]+)[ \t]+(?:[A-Z][a-z]+[ \t]+)?\Z", text[max(0, start - 30) : start])
    if (len(words) > 1 and words[0].casefold() in PLACE_OPENERS | INSTITUTION_OPENERS) or (
        before and before.group(1).casefold() in PLACE_OPENERS | INSTITUTION_OPENERS
    ):
        return True  # 'Jalan Kapar', 'Cerro Pachón', '[Kampung Seri] Melati', 'Universiti [Tunku] Abdul Rahman'
    # A country's name in a name of two words or more makes a body's: 'Boursa Kuwait', 'Sri Lanka Railways';
    # not where people bear it ('Georgia Reid', 'Jack Wales').
    if len(words) > 1 and any(
        hit.kind == "name" and hit.text not in given_names_and_places() | surnames()
        and not (hit.start > 0 and word_kinds.is_given(words[0]))
        for hit in gazetteer.find_hits(name)
    ):
        return True
    # A compass point after a word that is no given name ends a place's name: 'from Nkanu West', 'Twic East'.
    if len(words) == 2 and words[1] in _COMPASS_POINTS and not word_kinds.is_given(words[0]):
        if not usage.written_as_person(text, name):
            return True
    # A state's abbreviation after a town: 'Milton, Ont., native', 'Trois-Rivières, Que.'.
    if towns.is_state_abbreviation(name) and text[max(0, start - 2) : start] == ", " and text[end : end + 1] in ".,":
        return True
    # A dateline or credit in brackets: '(Harbour Times) –', '(Kbps)'; but '(R. Okafor)' names a rider.
    if text[start - 1 : start] == "(" and text[end : end + 1] == ")" and not re.match(r"[A-Z]\.", name):
        return True
    return (
        usage.names_a_place_or_thing(text, start, name)
        or usage.is_a_place_here(text, name)
        or usage.is_a_known_place(text, name)
        or (len(words) == 1 and places_missed.is_a_town_here(text, name))
    )


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
            cleaned = _clean(text, missed.with_particles(text, mention))
            if cleaned and not _is_not_person(text, *cleaned) and not _mostly_other(labels.get(cleaned[2])):
                if not _listed_among_places(text, *cleaned, labels):
                    result.append(cleaned)
    others = [(m.start, m.end) for m in mentions if m.label in _OTHER_NAME_LABELS]

    def rescue(surnames: set[str]) -> None:
        for start, end, name in missed.rescued(text, surnames):
            # Where the model read these very words as a place or a work, its label is a guess at a name it
            # does not know; a common given name opening them says whose ('Marta Hale' read as a building).
            relabelled = (start, end) in others and name.split()[0] in word_kinds.given()
            if relabelled or not any(s < end and start < e for s, e in others):
                if not _is_not_person(text, start, end, name):
                    result.append((start, end, name))

    # The shape of the sentence outweighs the model's label: 'firefighter Ana Lima, 67,' read as a place.
    result += [found for found in missed.by_shape(text) if not _is_not_person(text, *found)]
    kin_and_speakers = [found for found in missed.by_kin_and_speech(text) if not _is_not_person(text, *found)]
    result += kin_and_speakers
    # Twice: a surname rescued in the first pass can find a relative in the second.
    for _ in range(2):
        rescue({match_key(surname(name)) for _, _, name in result if " " in name})
    # 'Carlo "Kidlat" Buenaventura' is Carlo Buenaventura; "Kidlat" names no one else.
    if nicknamed := missed.with_nicknames(text, result):
        nicknames = {fold(nickname) for *_, nickname in nicknamed}
        result = [
            found for found in result
            if not any(s <= found[0] < e for s, e, *_ in nicknamed) and fold(found[2]) not in nicknames
        ]
        result += [(s, e, name) for s, e, name, _ in nicknamed if not _is_not_person(text, s, e, name)]
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
    return _joined(text, [found for found in set(result + company) if found[2] not in teams]), vouched


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
    return _is_player_name(text, start, end, name) and not _is_not_person(text, start, end, name)


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
        between = rf"(?:{missed.NICKNAME}|\s+)" if _NICKNAME_BETWEEN.search(text) else r"\s+"
        alternatives = "|".join(_form_pattern(f, between) for f in sorted(full_forms, key=len, reverse=True))
        for m in re.finditer(rf"(?<!\w)(?:{_HONORIFIC})?(?:{alternatives})(?!\w)", text):
            surface = re.sub(r"\s+", " ", re.sub(missed.NICKNAME, " ", m.group()))
            i = full_forms.get(_strip_honorific(surface), full_forms.get(surface))  # 'Mr Lowe' may be a form
            if i is None:
                i = full_forms.get(_GLUED.sub(". ", surface))
            if i is None:
                continue
            counts[i][surface] += 1
            firsts[i] = min(firsts[i], m.start())
            full_at.append((m.start(), i))
            spans.append(m.span())
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
