"""Names the model missed or cut short, found by their shape in the text.

Capitalised runs that open with a common given name or end with the surname of
someone already found ('Tomas Ardell' beside 'Nina Ardell'), initials before a
surname ('R. Okafor-Dunne'), two or three names between a role and what the person
says ('spokesman Ilkka Varis said'), and the rest of a name past the model's span
through its particles ('Samwel Kiprono arap Kibet'). Nothing here knows a name but
the given-name lists. ``by_shape`` finds the names that the words around them show to be
people's (a title, an age, an apposition, speech, kin), whatever label the model gave them.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator

from spacy.lang.en.stop_words import STOP_WORDS

from archive.entities import gazetteer, organizations
from archive.entities.base import Mention
from archive.entities.identity import fold, match_key
from archive.entities.ner import common_words
from archive.entities.word_kinds import (
    could_be_given,
    given,
    is_given,
    is_no_name_word,
    is_person_noun,
    is_surname_word,
    is_word,
    not_a_word_here,
)
from archive.entities.name_words import (
    FUNCTION_WORDS,
    JOINED_PARTICIPLE,
    LOWER,
    NAME_WORD,
    ORG_AND_PLACE_WORDS,
    PARTICLE,
    PARTICLES,
    POST_NOMINALS,
    ROLES,
    THING_WORDS,
    TITLES,
    TWO_WORD_TITLES,
    UPPER,
)

SPEECH = r"(?:said|says|told|added|asked|replied|wrote|argued|insisted|explained|warned|admitted|claimed)\b"
_POSSESSIVE = re.compile(r"['’]s?$")
# Capitalised words on one line, with name particles between them ('Ana de Vries').
_CAPITALISED_RUN = re.compile(
    rf"(?<![\w.'’-]){UPPER}[^\W\d_]*(?:-{UPPER}[^\W\d_]*)?"
    rf"(?:[ \t]+(?:(?:de|van|der|den|von|da|di|del|le|la|bin|binti|bint|al|ibn|ole)[ \t]+)*{UPPER}[^\W\d_]*(?:['’-][^\W\d_]+)*)+"
)
# 'K. Marsh', 'D.O'Leary', 'R. Okafor-Dunne', 'S. Ní Bhriain', 'M. de Souza'.
_INITIALS_NAME = re.compile(
    rf"(?<![\w.])((?:{UPPER}\.[ \t]?){{1,3}})"
    r"((?:(?:de|da|di|du|van|von|der|den|le|la|ter|ten|al|el|Ní|Nic|Ó|Ua|Mac)[ \t]+)?"
    r"[^\W\d_a-z][^\W\d_]*(?:['’-][^\W\d_]+)*)(?![\w])"
)


# Capitalised words after an initial that are no surname ('N. Korean', 'S. American').
_NOT_SURNAMES = frozenset(
    {"African", "American", "Asian", "European", "Arab", "Korean", "Latin", "Pacific", "Atlantic"}
)
# 'spokesman Ilkka Varis said', 'striker Joao Pinto, who': a role, a name, and the person speaks or is described.
# 'MacKenzie', 'McDonald': the Gaelic 'son of' before a capital. Not a possessive: "Miguel's".
# The Irish and Scottish 'grandson of', 'daughter of', 'son of' that stand apart: 'Seánna Ó Dochartaigh'.
_GAELIC = "Ó|Ní|Uí|Mac|Nic"
_ROLE_NAME_SAYS = re.compile(
    rf"(?<![\w-])([a-z]+(?:-[a-z]+)?),?[ \t]+"
    rf"({NAME_WORD}(?:[ \t]+(?:(?:de|van|der|von|da|al|bin|{_GAELIC})[ \t]+)?{NAME_WORD}){{1,2}})"
    rf"(?=[ \t]*,(?![ \t]+which\b)|[ \t]+{SPEECH})"
)
# 'prosecutor Lindiwe Khumalo had told', 'defender Richmond Antwi.': a role in lower case, then two or
# three names and no more, whatever follows.
_ROLE_NAME = re.compile(
    rf"(?<![\w-])([a-z]+(?:-[a-z]+)?)[ \t]+({NAME_WORD}(?:[ \t]+(?:(?:{_GAELIC})[ \t]+)?{NAME_WORD}){{1,2}})"
    rf"(?![\w'’-]|[ \t]+(?:{UPPER}|\d))"
)
# 'Tom Hale, 67, of Riverside': a name and an age between commas is a person's.
_NAME_AND_AGE = re.compile(
    rf"(?<![\w'’-])({NAME_WORD}(?:[ \t]+(?:(?:{UPPER}\.)+|{NAME_WORD})){{1,2}}),[ \t]+(?:1[01]\d|[1-9]?\d),(?![\d])"
)
# A name of two to four words, particles between ('Siobhán Ní Bhriain', 'Carmen Ruiz de la Vega').
_FULL_NAME = rf"{NAME_WORD}(?:[ \t]+(?:(?:{PARTICLE})[ \t]+)*{NAME_WORD}){{1,3}}"
# 'Ana Lima, a 23-year-old architecture student,' / ', Harbourline's deputy chief executive, said' /
# 'Ana Lima, chairman of the traders' association, said':
# a name and what the person is, in apposition.
_APPOSITION_OPENERS = ("a", "an", "the", "his", "her", "their", "its")
_NAME_AND_APPOSITION = re.compile(
    rf"(?<![\w'’-])({_FULL_NAME}),[ \t]+((?:{'|'.join(_APPOSITION_OPENERS)}|{UPPER}[\w&.-]*['’]s|[a-z]+(?=[ \t]+of\b))[ \t][^,.;:!?\n\"“”()]{{1,60}}?)"
    rf"(?=,|[ \t]+(?:who|whose)\b|[ \t]+{SPEECH})"
)
# 'Ana Lucía Barrios, who coordinates': a given name's full name before 'who'.
_NAME_WHO = re.compile(rf"(?<![\w'’-])({_FULL_NAME}),[ \t]+(?:who|whose)\b")
# 'Governor Ana Lima, who', 'Cllr Siobhán Ní Bhriain said': a capitalised title, then the name, then
# what the person is, does or says.
_TITLE_NAME = re.compile(
    rf"(?<![\w-])({UPPER}(?:[a-z]+|[A-Z]+))\.?[ \t]+({_FULL_NAME})(?=[ \t]*,(?![ \t]+which\b)|[ \t]+{SPEECH}|[ \t]+(?:who|whose)\b)"
)
# 'Minister of Foreign Affairs Ana Lima said': an office of several words after 'of', then the name.
_OFFICE_OF_NAME = re.compile(
    r"(?<![\w-])(?:Minister|Secretary|Director|Commissioner|Chair(?:man|woman|person)?|President|Head|Governor|Mayor"
    r"|Speaker|Ambassador|Registrar)(?:[- ]General)?[ \t]+(?:of|for)[ \t]+"
    rf"((?:(?:the|and|&|{UPPER}[\w'’.-]*)[ \t]+){{2,10}}?{UPPER}[\w'’-]*)"
    rf"(?=[ \t]*,|[ \t]+{SPEECH}|[ \t]+(?:who|whose)\b)"
)
# '..." said Ana Lima, director of': speech, then the speaker.
_SAYS_NAME = re.compile(rf"(?<![\w-])(?:said|says|added|asked|wrote|explained)[ \t]+({_FULL_NAME})(?=[ \t]*[,.;])")
# '..." said Chief District Officer Krishna Prasad Bhatta.': speech, an office of several words, the speaker.
_SAYS_OFFICE_NAME = re.compile(
    rf"(?<![\w-])(?:said|says|added|asked|explained)[ \t]+((?:{UPPER}[\w'’-]*[ \t]+){{3,7}}{UPPER}[\w'’-]*)(?=[ \t]*[,.;])"
)
# "Ukraine's Marta Hrytsenko": a full name after a country's possessive.
_PLACES_NAME = re.compile(rf"(?<![\w-])({UPPER}{LOWER}+(?:[ \t]{UPPER}{LOWER}+)?)['’]s[ \t]+({_FULL_NAME})(?![\w'’-])")
# 'the daughter of Idwal ap Gruffydd'
_KIN_OF_NAME = re.compile(
    rf"(?<![\w-])(?:daughter|son|wife|husband|widow|widower|mother|father|brother|sister|grandson|granddaughter|"
    rf"niece|nephew|cousin)[ \t]+of[ \t]+({_FULL_NAME})(?![\w'’-])"
)
# 'her son, Wichai, said', 'his grandchildren Ciara, Seán and Oisín': kin after a possessive, then
# given names (with a surname or not), listed. Relatives are often named by a given name alone.
_KIN = (
    r"(?:(?:sons?|daughters?|brothers?|sisters?|mother|father)(?:-in-law)?|wife|husband|partner|fianc[ée]e?|nieces?|"
    r"nephews?|cousins?|grandsons?|granddaughters?|grandchildren|grandchild|children|child|uncle|aunt|stepsons?|stepdaughters?)"
)
_KIN_NAME = rf"{NAME_WORD}(?:[ \t]+{NAME_WORD})?"
# ...each perhaps with a spouse in brackets and a home, as obituaries write them: 'Wade (Debbie) of Lunenburg'.
_KIN_ITEM = rf"{_KIN_NAME}(?:[ \t]+\({NAME_WORD}\))?(?:[ \t]+of[ \t]+{NAME_WORD}(?:[ \t]+{NAME_WORD})?)?"
_KIN_NAMES = re.compile(
    rf"(?<![\w-])(?:(?:[Hh]is|[Hh]er|[Tt]heir|[Mm]y|[Oo]ur|{UPPER}{LOWER}+['’]s)[ \t]+(?:[a-z]+[ \t]+)?|(?<=,[ \t])){_KIN},?[ \t]+"
    rf"({_KIN_ITEM}(?:(?:,[ \t]*|,?[ \t]+and[ \t]+){_KIN_ITEM})*)(?=[ \t]*[,.;:)]|[ \t]+(?:{SPEECH}|who)\b)"
)
_ONE_NAME = re.compile(rf"{NAME_WORD}(?:[ \t]+{NAME_WORD})?")
# '..." said Sutrisno, who': speech, then a speaker of one name whom the text goes on to describe.
_SAYS_ONE_NAME = re.compile(rf"(?<![\w-])(?:said|says|added|asked|explained)[ \t]+({NAME_WORD}),[ \t]+who\b")
# 'Dr Quillon', 'Ms Verhoef': a surname after an honorific, which the model may read as a firm or miss.
_HONORIFIC_NAME = re.compile(rf"(?<![\w.])(?:Mr|Mrs|Ms|Miss|Dr|Mme)\.?[ \t]+({NAME_WORD})(?![\w-])(?![ \t]+{UPPER})")
# A name going on after the model's span: ' arap Kibet', ' y Pineda', ' de la Fuente', ' al-Maktari'.
_PARTICLES_AFTER = re.compile(rf"[ \t]+(?:(?:(?:{PARTICLE})[ \t]+)+{NAME_WORD}|(?:al|el)-{NAME_WORD})")
# A Luo name's closing apostrophe and the name after it: "Peter Anyang[' Nyong'o]" (not "James' [car]").
_LUO_AFTER = re.compile(rf"(?<=[^\W\dsS_])['’][ \t]+{NAME_WORD}(?![\w'’-])")
_HYPHEN_AFTER = re.compile(rf"-{NAME_WORD}(?![\w-])")
# An Irish or Scottish Gaelic surname of the article after 'Mac' or 'Nic' ('son' and 'daughter'),
# its name's first letter eclipsed or aspirated: 'Mac an tSaoir', "Mac a' Phearsain", 'Nic an Bhaird'.
_GAELIC_AFTER = re.compile(rf"[ \t]+((?:Mac|Nic|Mhic)[ \t]+)?(?:an|a['’])[ \t]+(?:t|h|n)?{NAME_WORD}(?![\w'’-])")
# The second syllable of a romanised given name, in lower case after a hyphen: 'Lee Hyun-woo',
# 'Law Shuk-pui'. Not the English words written after names: 'Smith-led', 'Obama-era', 'Blair-ite'.
_SYLLABLE_AFTER = re.compile(r"-([a-z]{1,5})(?![\w'’-])")
_NOT_A_SYLLABLE = re.compile(r"(?:ed|ing|ish|ism|ist|ite|ites|er|ers|like|style|era|run|born|made|free|wide|type)\Z")
_JOINED_PARTICIPLE = re.compile(rf"{JOINED_PARTICIPLE}\Z")
# One more capitalised word after a full name, and then no capital: 'Ana Lima Prado scored'.
_SECOND_SURNAME = re.compile(rf"[ \t]({NAME_WORD})(?![\w'’-])(?![ \t]+{UPPER})")
_NAME_BEFORE = re.compile(rf"(?<![\w'’-]){NAME_WORD}[ \t]+\Z")
# The first word of a title of two before ``start``: 'Tan [Sri]', "Dato' [Sri]".
_TITLE_WORD_BEFORE = re.compile(rf"(?<![\w'’-])({NAME_WORD})['’]?[ \t]+\Z")
# A surname in capitals after the given names, as results and ballots print them: 'Genet Abebe WOLDEYES'.
_CAPITALS_SURNAME_AFTER = re.compile(rf"[ \t]+({UPPER}(?:{UPPER}|['’])+(?:-{UPPER}(?:{UPPER}|['’])+)*)(?![\w'’-])")


def is_capitals_surname(name: str, word: str) -> bool:
    """Tell whether ``word``, in capitals after ``name``, is its surname: not where the name is in
    capitals too, nor a post-nominal, an acronym known as a firm's or a place's ('OBE', 'FIFA', 'USA')."""
    if len(word) < 3 or name.isupper() or word in POST_NOMINALS or not re.search(r"[AEIOUY]", fold(word).upper()):
        return False
    return not gazetteer.is_place(word) and not organizations.is_known(word) and word.casefold() not in TITLES


def with_particles(text: str, mention: Mention) -> Mention:
    """The model's span with the parts of the name it left out: around particles ('Samwel Kiprono'
    of 'Samwel Kiprono arap Kibet', 'bin Saqr al-Maktari' of 'Rashed bin Saqr al-Maktari'), after a
    hyphen ('Olu Adeyemi' of 'Olu Adeyemi-Bright', 'Lee Hyun' of 'Lee Hyun-woo') and a second surname ('Ana Lima' of 'Ana Lima Prado')."""
    start, end = mention.start, mention.end
    first = mention.text.split()[:1]
    if first and first[0] in PARTICLES and (before := _NAME_BEFORE.search(text, 0, start)):
        start = before.start()
    for _ in range(3):
        if not (after := _PARTICLES_AFTER.match(text, end) or _HYPHEN_AFTER.match(text, end) or _syllable(text, end)
                or _LUO_AFTER.match(text, end)):  # fmt: skip
            break
        end = after.end()
    if (after := _GAELIC_AFTER.match(text, end)) and (after.group(1) or text[start:end].split()[-1] in ("Mac", "Nic", "Mhic")):
        end = after.end()
    if len(mention.text.split()) >= 2 and (after := _SECOND_SURNAME.match(text, end)) and is_surname_word(after.group(1)):
        end = after.end()
    if (after := _CAPITALS_SURNAME_AFTER.match(text, end)) and is_capitals_surname(text[start:end], after.group(1)):
        end = after.end()
    if (start, end) == (mention.start, mention.end):
        return mention
    return Mention(start, end, mention.label, text[start:end])


def _syllable(text: str, end: int) -> re.Match | None:
    after = _SYLLABLE_AFTER.match(text, end)
    return after if after and not _NOT_A_SYLLABLE.search(after.group(1)) else None


def without_participle(word: str) -> str:
    """A name's last word without a participle joined to it: 'Lowe' of 'the Ann Lowe-trained filly',
    'Hale' of 'a Tom Hale-led review'."""
    joined = _JOINED_PARTICIPLE.search(word)
    return word[: joined.start()] if joined and joined.group(1) in common_words() else word


def rescued(text: str, surnames: set[str]) -> list[tuple[int, int, str]]:
    """Find names the model missed.

    These are capitalised runs that start with a common given name or end with
    the surname of a person already found ('Tomas Ardell' beside 'Nina Ardell'),
    and initials before a surname ('K. Marsh').
    """
    names = given()
    found = []
    for run in _CAPITALISED_RUN.finditer(text):
        words = [(m.start() + run.start(), m.group()) for m in re.finditer(r"\S+", run.group())]
        while len(words) > 2 and (fold(words[0][1]), fold(words[1][1])) in TWO_WORD_TITLES:
            words = words[2:]  # 'Pol Lt Col Anan ...': 'Pol' is a given name elsewhere
        first = next((i for i, (_, w) in enumerate(words[:-1]) if w in names and not_a_word_here(text, w)), None)
        if first is None and len(words) == 2 and match_key(_POSSESSIVE.sub("", words[1][1])) in surnames:
            first = 0 if could_be_given(text, words[0][1]) else None
        # What precedes the given name must be a title or a place ('Russian Foreign
        # Minister Arkady Venkov'), not part of another name ('Santa Clara Hawks').
        if first is None or not (
            all(fold(w) in TITLES or gazetteer.is_place(w) or ends_a_title(text, at, w) for at, w in words[:first])
            # or a nationality: 'South African Ryan Rickelton', 'New Zealander Ann Lowe'
            or (first and (gazetteer.lookup(" ".join(w for _, w in words[:first])) or ("", ""))[1] == "demonym")
        ):
            continue
        words = words[first : first + 4]
        while len(words) > 2 and (fold(words[0][1]), fold(words[1][1])) in TWO_WORD_TITLES:
            words = words[2:]  # 'Tan Sri Azam Baki': 'Tan' is a given name elsewhere
        # A possessive ends the name: "Ann Lowe's Valletta" names Ann Lowe.
        cut = next((i for i, (_, w) in enumerate(words[:-1]) if _POSSESSIVE.search(w)), None)
        words = words[: cut + 1] if cut is not None else words
        if any(w.casefold() in ORG_AND_PLACE_WORDS for _, w in words[1:]):
            continue  # 'Nina Ardell Foundation', 'Lafayette Police Detective Sgt.': an organization's name
        while words and (
            words[-1][1].casefold() in THING_WORDS
            or words[-1][1] in PARTICLES
            or words[-1][1] in POST_NOMINALS
            or (len(words[-1][1]) > 1 and words[-1][1].casefold() in FUNCTION_WORDS)
            or gazetteer.is_place(words[-1][1])
        ):
            words.pop()
        if len(words) > 1:
            start, last = words[-1]
            last = without_participle(_POSSESSIVE.sub("", last))
            found.append((words[0][0], start + len(last), " ".join([w for _, w in words[:-1]] + [last])))
    for m in _INITIALS_NAME.finditer(text):
        initials = re.sub(r"\s+", "", m.group(1))
        surname = m.group(2)
        if surname.split()[-1][:1].isupper() and not surname.isupper() and surname not in _NOT_SURNAMES and not any(
            gazetteer.is_place(w) or organizations.is_known(w) for w in (initials, surname)
        ):
            end = m.end()
            # A second name after the first: 'A.K.M. Rafiqul Haque'.
            if (more := _SECOND_SURNAME.match(text, end)) and is_surname_word(more.group(1)):
                end = more.end()
            found.append((m.start(), end, re.sub(r"\s+", " ", text[m.start() : end])))
    return found


# A patronymic's initial glued to the given name, as Mongolian news writes names: 'G.Erdenebileg',
# 'Ts.Bat-Ochir'. Not abbreviations of places ('St.Kilda', 'Mt.Cook').
_GLUED_INITIAL = re.compile(rf"(?<![\w.'’-])(?!St\.|Mt\.|Ft\.|Pt\.|No\.|Co\.|Vs\.)({UPPER}{LOWER}?\.)({NAME_WORD})(?![\w'’-]|\.\w)")


# Two given names sharing the surname after them: 'Albert and Ivy Badcock', 'twins Maya and Noah Kowalczyk'.
_COUPLE = re.compile(rf"(?<![\w'’-])({NAME_WORD})[ \t]+(?:and|&)[ \t]+({NAME_WORD})[ \t]+({NAME_WORD})(?![\w'’-])")


def couples(text: str) -> list[tuple[int, int, str]]:
    """The first of two given names that share the surname after them, with that surname:
    (start, end of the given name, 'Albert Badcock') for 'Albert and Ivy Badcock'."""
    found = []
    for m in _COUPLE.finditer(text):
        first, second, family = m.groups()
        if all(is_given(w) and not_a_word_here(text, w) for w in (first, second)) and not is_given(family):
            if is_surname_word(family) and not re.match(r"[ \t]+(?:and|&)\b", text[m.end() :]):
                found.append((m.start(1), m.end(1), f"{first} {family}"))
    return found


def glued_initials(text: str) -> list[tuple[int, int, str]]:
    """Names written with a glued initial, as (start, end, 'G. Erdenebileg'), where the story
    writes two or more so."""
    found = [
        (m.start(), m.end(), f"{m.group(1)} {m.group(2)}")
        for m in _GLUED_INITIAL.finditer(text)
        if is_surname_word(m.group(2))
    ]
    return found if len({name for *_, name in found}) >= 2 else []


def by_shape(text: str) -> list[tuple[int, int, str]]:
    """Find names that the words around them show to be people's, whatever the model read there.

    Two or three names between a role and what the person says or is ('spokesman Ilkka
    Varis said', 'his wife, Ana Lima, who'), a surname after an honorific ('Dr Quillon')
    and a name before an age ('Ana Lima, 34,').
    """
    found = []
    for m in _ROLE_NAME_SAYS.finditer(text):
        words = m.group(2).split()
        # Any noun of a trade before a speaker ('bureau de change operator Ali Sani said'); a role before a comma.
        says = re.match(rf"[ \t]+{SPEECH}", text[m.end(2) :]) is not None
        role = fold(m.group(1)) in ROLES or (says and is_person_noun(m.group(1)))
        if role and not any(
            w.casefold() in THING_WORDS or w.casefold() in FUNCTION_WORDS or w.casefold() in TITLES
            or gazetteer.is_place(w) for w in words
        ) and not organizations.is_known(m.group(2)):
            found.append((m.start(2), m.end(2), m.group(2)))
    # Overlapping: 'Education Minister Demetrios Nicolaides said' is no name after 'Education', but is after 'Minister'.
    for m in itertools.chain(_overlapping(_TITLE_NAME, text), _overlapping(_ROLE_NAME, text)):
        words = [w for w in m.group(2).split() if w not in PARTICLES]
        # A surname may be an English word after a given name ('Fr Seán Lynch'), not otherwise ('Mayor Says Council').
        surname_ok = is_given(words[0]) and not is_no_name_word(words[-1], english_ok=True)
        if fold(m.group(1)) in ROLES and not any(is_no_name_word(w) for w in words[: -1 if surname_ok else None]):
            found.append((m.start(2), m.end(2), m.group(2)))
    for m in _OFFICE_OF_NAME.finditer(text):
        words = m.group(1).split()
        office = 0  # what the office is of: English words, places, and the words between them
        while office < len(words) and not is_given(words[office]) and (
            words[office] in ("the", "and", "&") or is_word(words[office]) or gazetteer.is_place(words[office])
        ):
            office += 1
        name = words[office:]
        if office and 2 <= len(name) <= 4 and not any(is_no_name_word(w, english_ok=i > 0) for i, w in enumerate(name)):
            found.append((m.end(1) - len(" ".join(name)), m.end(1), " ".join(name)))
    for m in _NAME_AND_AGE.finditer(text):
        words = m.group(1).split()
        while len(words) > 2 and is_word(words[0]) and words[0] not in given():
            words.pop(0)  # 'Residents Ana Lima, 34,'
        if len(words) > 2 and ends_a_title(text, m.start(1), words[0]):
            words.pop(0)  # '[Tan] Sri Rahmat Yusoff, 66,'
        name = " ".join(words)
        if not any(fold(w) in TITLES | THING_WORDS | FUNCTION_WORDS or gazetteer.is_place(w) for w in words):
            found.append((m.end(1) - len(name), m.end(1), name))
    for m in _NAME_AND_APPOSITION.finditer(text):
        opening = m.group(2).split()[0]
        if opening.islower() and opening not in _APPOSITION_OPENERS and (opening.endswith("s") or not is_person_noun(opening)):
            continue  # 'Ana Lima, chairman of ...,' but not 'Kaizer Chiefs, winners of ...'
        if any(is_person_noun(w) for w in re.findall(r"[a-z][a-z-]+", m.group(2))):
            found.append(_named(m))
    for m in itertools.chain(_SAYS_NAME.finditer(text), _KIN_OF_NAME.finditer(text)):
        found.append(_named(m))
    for m in _SAYS_OFFICE_NAME.finditer(text):
        words = m.group(1).split()
        office = 0  # the words of the office: titles and the places' and bodies' words between them
        while office < len(words) and (fold(words[office]) in TITLES or fold(words[office]) in ORG_AND_PLACE_WORDS):
            office += 1
        name = words[office:]
        if office >= 2 and fold(words[office - 1]) in TITLES and 2 <= len(name) <= 4 and is_given(name[0]):
            if not any(is_no_name_word(w, english_ok=True) for w in name):
                found.append((m.end(1) - len(" ".join(name)), m.end(1), " ".join(name)))
    for m in _NAME_WHO.finditer(text):
        words = [w for w in m.group(1).split() if w not in PARTICLES]
        # 'Harjit Sandhu, whose': names that no list holds, when no word of them is a word, place or firm.
        names = is_given(words[0]) or (len(words) == 2 and all(is_surname_word(w) for w in words))
        if names and not any(is_no_name_word(w, english_ok=i == len(words) - 1) for i, w in enumerate(words)):
            found.append((m.start(1), m.end(1), m.group(1)))
    for m in _PLACES_NAME.finditer(text):
        words = m.group(2).split()
        if gazetteer.is_place(m.group(1)) and words[0] in given() and words[-1].casefold() not in ORG_AND_PLACE_WORDS:
            found.append((m.start(2), m.end(2), m.group(2)))
    for m in _HONORIFIC_NAME.finditer(text):
        word = m.group(1)
        if word.casefold() not in TITLES | THING_WORDS and not gazetteer.is_place(word) and not organizations.is_known(word):
            found.append((m.start(1), m.end(1), word))
    return found + glued_initials(text)


def _overlapping(pattern: re.Pattern, text: str) -> Iterator[re.Match]:
    """Every match of ``pattern``, each searched from one character after the start of the one before."""
    at = 0
    while m := pattern.search(text, at):
        yield m
        at = m.start() + 1


def by_kin_and_speech(text: str) -> list[tuple[int, int, str]]:
    """Find relatives named after kin, with a surname or by a given name alone ('her son, Wichai,',
    'his grandchildren Ciara, Seán and Oisín'), and a speaker of one name whom the text goes on
    to describe ('said Sutrisno, who'): shapes that vouch for a lone name as a person's."""
    found = []
    for m in _KIN_NAMES.finditer(text):
        for name in _ONE_NAME.finditer(m.group(1)):
            words = name.group().split()
            if is_given(words[0]) and not_a_word_here(text, words[0]) and not any(
                is_no_name_word(w, english_ok=True) for w in words
            ):
                found.append((m.start(1) + name.start(), m.start(1) + name.end(), name.group()))
    for m in _SAYS_ONE_NAME.finditer(text):
        word = m.group(1)
        if not_a_word_here(text, word) and not is_no_name_word(word) and word.casefold() not in STOP_WORDS:
            found.append((m.start(1), m.end(1), word))
    return found


def ends_a_title(text: str, start: int, word: str) -> bool:
    """Tell whether ``word``, at ``start``, ends a title of two words begun before it ('[Tan] Sri')."""
    before = _TITLE_WORD_BEFORE.search(text, max(0, start - 30), start)
    return bool(before) and (fold(before.group(1)), fold(word)) in TWO_WORD_TITLES


def _named(match: re.Match) -> tuple[int, int, str]:
    """The name of group 1, without the titles that open it ('Prime Minister Ana Lima')."""
    words = [(w.start(), w.group()) for w in re.finditer(r"\S+", match.group(1))]
    while len(words) > 1 and (fold(words[0][1]).rstrip(".") in TITLES or fold(words[0][1]) in FUNCTION_WORDS):
        words.pop(0)
    if len(words) > 2 and ends_a_title(match.string, match.start(1), words[0][1]):
        words.pop(0)
    start = match.start(1) + words[0][0]
    return start, match.end(1), match.group(1)[words[0][0] :]
