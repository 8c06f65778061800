"""People a text names, with their mentions tied together within the text.

The model's PERSON spans are cleaned (titles such as 'Prime Minister' or 'Mr.',
possessives and leading demonyms removed) and filtered (places, demonyms, known
organizations, acronyms, headings, datelines such as '(Harbour Times) –'). Full names
group into people by surname and first name; then every capitalised word of the
text whose ``match_key`` is a known surname counts as a mention of that person, so
'Mr. Venkov', 'Venkov’s' and a surname the model mislabelled as a place still
count, and 'Pachinian' joins 'Nikol Pashinyan'.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from spacy.lang.en.stop_words import STOP_WORDS

from archive.entities import countries, credits, missed, name_words, organizations, rows, usage
from archive.entities.base import Found, Mention
from archive.entities.given_names import surnames
from archive.entities.identity import fold, match_key, surname
from archive.entities.ner import common_words
from archive.entities.name_words import (
    DESCRIPTOR_ENDING,
    FUNCTION_WORDS,
    INSTITUTION_OPENERS,
    ORG_AND_PLACE_WORDS,
    PLACE_OPENERS,
    PARTICLES,
    POST_NOMINALS,
    ROLES,
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
# Where a capital is the sentence's or the line's, not the word's.
_ANY_WORD_CAPITALISED = re.compile(r"(?:\A|[.!?:;][\"'”’)]?[ \t]+|\n[ \t]*|[\"“‘(][ \t]*)\Z")
_ARTICLE_PREFIX = re.compile(r"(?:al|el)-[A-Z]")  # 'al-Maktari'
_AFTER_INITIAL = re.compile(r"(?<![\w.])[A-Z]\.[)\]]?[ \t]+\Z")  # 'A.J.P.) Taylor': no sentence ends there
_NICKNAME_BETWEEN = re.compile(rf"[^\W\d_]{missed.NICKNAME}[^\W\d_]")
_SPEECH_AFTER = re.compile(rf"[ \t]+{missed.SPEECH}")



@dataclass
class _Person:
    first: str  # match key of the first name ("" for a lone surname)
    last: str  # match key of the surname
    forms: list[str] = field(default_factory=list)


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
        or countries.is_qualifier(_POSSESSIVE.sub("", tokens[0][1]))
    ):
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
    given = missed.given()
    if word in given or following not in given or len(word) < 3 or not word.isalpha():
        return False
    low = word.lower()
    if DESCRIPTOR_ENDING.search(low) or low in missed.lowercase_words(text) or low.removesuffix("s") in name_words.occupations():
        return True
    # A nationality: 'Scot', 'Briton', 'Welshman'.
    found = countries.lookup(word) or countries.lookup(re.sub(r"(?:wo)?m[ae]n\Z", "", word))
    return found is not None and found[1] == "demonym"


def _is_not_person(text: str, start: int, end: int, name: str) -> bool:
    if countries.is_place(name) or organizations.is_known(name):
        return True
    words = name.split()
    if words[-1].casefold() in THING_WORDS or usage.is_thing(text, name) or credits.is_credit(text, start, end):
        return True
    before = re.search(r"([A-Z][a-z]+)[ \t]+(?:[A-Z][a-z]+[ \t]+)?\Z", text[max(0, start - 30) : start])
    if (len(words) > 1 and words[0].casefold() in PLACE_OPENERS) or (
        before and before.group(1).casefold() in PLACE_OPENERS | INSTITUTION_OPENERS
    ):
        return True  # 'Jalan Kapar', 'Cerro Pachón', '[Kampung Seri] Melati', 'Universiti [Tunku] Abdul Rahman'
    # A dateline or credit in brackets: '(Harbour Times) –', '(Kbps)'; but '(R. Okafor)' names a rider.
    if text[start - 1 : start] == "(" and text[end : end + 1] == ")" and not re.match(r"[A-Z]\.", name):
        return True
    return (
        usage.names_a_place_or_thing(text, start, name)
        or usage.is_a_place_here(text, name)
        or usage.is_a_known_place(text, name)
    )


def _is_heading(text: str, start: int) -> bool:
    """Tell whether ``start`` opens a short line without a full stop (a sub-heading)."""
    line_start = text.rfind("\n", 0, start) + 1
    if text[line_start:start].strip():
        return False
    line_end = text.find("\n", start)
    line = text[start : line_end if line_end >= 0 else len(text)].strip()
    return len(line.split()) <= 4 and not line.endswith((".", "!", "?", "”", '"'))


def _joined(text: str, found: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """The names found, with a name that runs on into another made one.

    The model now and then cuts a long name in two ('Daw Aung' + 'San Suu Kyi, 79,' found by
    its shape); two people's names are never written with nothing but a space between them.
    """
    joined: list[tuple[int, int, str]] = []
    for start, end, name in sorted(found):
        if joined and text[joined[-1][1] : start] == " " and len(joined[-1][2].split() + name.split()) <= 5:
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
        labels.setdefault(_label_key(mention.text), Counter())[mention.label] += 1
    for mention in mentions:
        if mention.label == "PERSON":
            cleaned = _clean(text, missed.with_particles(text, mention))
            if cleaned and not _is_not_person(text, *cleaned) and not _mostly_other(labels.get(cleaned[2])):
                result.append(cleaned)
    others = [(m.start, m.end) for m in mentions if m.label in _OTHER_NAME_LABELS]

    def rescue(surnames: set[str]) -> None:
        for start, end, name in missed.rescued(text, surnames):
            # Where the model read these very words as a place or a work, its label is a guess at a name it
            # does not know; a common given name opening them says whose ('Marta Hale' read as a building).
            relabelled = (start, end) in others and name.split()[0] in missed.given()
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
        countries.is_place(name)
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
    if fold(words[0]) in TITLES or words[0].lower() in STOP_WORDS:
        return False
    if any(countries.is_place(word) or word.casefold() in THING_WORDS for word in words):
        return False
    return not (organizations.is_known(name) or usage.is_thing(text, name) or credits.is_credit(text, start, end))


def _label_key(span: str) -> str:
    """Return a span's text without a leading article and a possessive ('the Greens' -> 'Greens')."""
    return _POSSESSIVE.sub("", re.sub(r"^(?:the|The|a|an)\s+", "", span.strip()))


def _mostly_other(labels: Counter | None) -> bool:
    """Tell whether the model labelled a multi-word name as something else at least as often."""
    return bool(labels) and labels["PERSON"] <= sum(labels.values()) - labels["PERSON"]


def _group(
    text: str, mentions: list[Mention], candidates: list[tuple[int, int, str]], vouched: set[str]
) -> list[_Person]:
    people: list[_Person] = []
    # 'Vasconcelos Prado' is 'Claudia Vasconcelos Prado' by her two surnames, not a given name and a surname.
    # Not where two people's names end so ('Rashidi Omari Kassim' and his son 'Zawadi Omari Kassim').
    givens: dict[tuple[str, ...], set[str]] = {}
    for _, _, n in candidates:
        if len(n.split()) > 2:
            givens.setdefault(tuple(map(match_key, n.split()[-2:])), set()).add(match_key(n.split()[0]))
    by_surnames = {pair: next(iter(firsts)) for pair, firsts in givens.items() if len(firsts) == 1}
    # A surname with its particles ('von der Heyde') goes to a full name of it found anywhere: those first.
    for _, _, name in sorted(candidates, key=lambda c: c[2].split()[0] in PARTICLES):
        words = name.split()
        if len(words) < 2:
            continue
        first, last = match_key(words[0]), match_key(surname(name))
        if len(words) == 2:
            first = by_surnames.get((first, last), first)
        if words[0] in PARTICLES:  # 'von der Heyde' is a surname alone: whoever bears it
            person = next((p for p in people if p.last == last), None)
        else:
            person = next((p for p in people if p.last == last and _same_first(p.first, first)), None)
        if person is None:
            person = _Person(first, last)
            people.append(person)
        if name not in person.forms:
            person.forms.append(name)
    people = _shorter_forms_merged(people)
    surnames = {key for p in people for key in _surname_keys(p)}
    # A lone word of someone's given names is that person, not another ('Haziq' of 'Muhammad Haziq Roslan').
    firsts = {p.first for p in people} | {match_key(word) for p in people for form in p.forms for word in form.split()[:-1]}
    votes = _votes(text, mentions)
    for start, _, name in candidates:
        key = match_key(name)
        if len(name.split()) > 1 or key in surnames or key in firsts:
            continue
        person_votes, other_votes = votes.get(key, (0, 0))
        person_votes += _after_role(text, start) + 2 * (name in vouched)
        if person_votes < max(1, other_votes) or re.search(rf"(?<!\w){re.escape(name.lower())}(?!\w)", text):
            continue
        if _is_heading(text, start) or not _named_in_body(text, name):
            continue
        if _opens_an_organization(text, name, person_votes) or _capital_says_nothing(text, name):
            continue
        surnames.add(key)
        people.append(_Person("", key, [name]))
    return people


def _surname_keys(person: _Person) -> set[str]:
    """The keys a lone surname of ``person`` may have: the last word's, and the first of two
    surnames ('Ramírez' of 'Jesús Ramírez Olvera', as Spanish and Portuguese copy writes it)."""
    return {person.last} | {match_key(form.split()[-2]) for form in person.forms if _first_of_two_surnames(form)}


def _first_of_two_surnames(name: str) -> bool:
    """Tell whether a name of three words or more ends in two surnames: the word before the last
    is no particle, given name or initial ('Jesús Ramírez Olvera', not 'Julio César Chávez')."""
    words = name.split()
    return len(words) >= 3 and len(words[-2]) > 2 and words[-2] not in PARTICLES and not missed.is_given(words[-2])


def _shorter_forms_merged(people: list[_Person]) -> list[_Person]:
    """People whose every name is a run of two words or more of one other person's longer name,
    merged into that person: 'Siti Rohaya' is 'Siti Rohaya Abdul Rashid', 'Zaw Min Htet' is
    'Ko Zaw Min Htet', 'Gutiérrez de la Fuente' is 'José María Gutiérrez de la Fuente Ortega'.
    A run that two people's names hold ('Hamisi Juma' of father and son) stays apart."""

    keys = {form: tuple(match_key(word) for word in form.split()) for p in people for form in p.forms}

    def holds(other: _Person, form: str) -> bool:
        run = keys[form]
        return any(
            len(run) < len(longer) and any(longer[i : i + len(run)] == run for i in range(len(longer) - len(run) + 1))
            for longer in map(keys.get, other.forms)
        )

    def opens(other: _Person, form: str) -> bool:
        return any(len(keys[form]) < len(keys[longer]) and keys[longer][: len(keys[form])] == keys[form] for longer in other.forms)

    merged = list(people)
    # Again while anyone merges: a shorter form may have two homes until one joins the other.
    while True:
        changed = False
        for person in sorted(merged, key=lambda p: max(len(f.split()) for f in p.forms)):
            if person not in merged:
                continue
            homes = {id(other): other for form in person.forms for other in merged if other is not person and holds(other, form)}
            every_form_held = all(any(holds(other, form) for other in homes.values()) for form in person.forms)
            if len(homes) > 1 and len(person.forms) == 1:
                # Given names are the short form more often than the names that end another's: 'Mohd
                # Zulkifli' is 'Mohd Zulkifli Hassan' rather than his daughter 'Nur Aisyah Mohd Zulkifli'.
                homes = {key: other for key, other in homes.items() if opens(other, person.forms[0])}
            if len(homes) == 1 and every_form_held:
                home = next(iter(homes.values()))
                home.forms += [form for form in person.forms if form not in home.forms]
                merged.remove(person)
                changed = True
        if not changed:
            return merged


def _opens_an_organization(text: str, word: str, person_votes: int) -> bool:
    """Tell whether ``word`` is the short form of an organization's or a place's name in the story
    ('Kestrel' of 'Kestrel Airways'): it opens such a name, and the model read it as a person only
    once, or it opens such a name in a third of its uses or more.

    The headline does not count: in 'Kane Sinks City' every word is capitalised.
    """
    body = text[text.find("\n") + 1 :] if "\n" in text else text
    uses = opening = 0
    for match in re.finditer(rf"(?<![\w-]){re.escape(word)}(?![\w-])((?:[ \t]+[A-Z][\w&'’-]*){{0,3}})", body):
        uses += 1
        opening += bool(match.group(1)) and match.group(1).split()[-1].casefold() in ORG_AND_PLACE_WORDS
    return opening > 0 and (person_votes < 2 or 3 * opening >= uses)


def _capital_says_nothing(text: str, word: str) -> bool:
    """Tell whether ``word`` is an English word that the text capitalises only where every word is.

    At the start of a sentence or a line ('Attendance: 2,000', 'Riot police moved in') the
    capital tells nothing, so a dictionary word seen only there is no evidence of a name,
    unless it is a surname or a given name too ('Wood', 'Rose') or speaks as people do.
    """
    low = word.lower()
    if low not in common_words() and low.removesuffix("s") not in common_words():
        return False
    if word in surnames() or word in missed.given():
        return False
    for match in re.finditer(rf"(?<![\w-]){re.escape(word)}(?![\w-])", text):
        before = text[max(0, match.start() - 6) : match.start()]
        if not _ANY_WORD_CAPITALISED.search(before) or _AFTER_INITIAL.search(before):
            return False
        if _SPEECH_AFTER.match(text, match.end()):
            return False
    return True


def _after_role(text: str, start: int) -> bool:
    """Tell whether the word before ``start`` is a role or honorific ('rapper Kwezi', 'Mr Venkov')."""
    before = re.search(r"([^\W\d_]+(?:-[^\W\d_]+)?)\.?[ \t]+\Z", text[max(0, start - 30) : start])
    return before is not None and fold(before.group(1)) in ROLES


def _named_in_body(text: str, name: str) -> bool:
    """Tell whether ``name`` occurs after the first line: a title alone is too noisy to trust."""
    body = text[text.find("\n") + 1 :] if "\n" in text else text
    return re.search(rf"(?<!\w){re.escape(name)}(?!\w)", body) is not None


def _same_first(a: str, b: str) -> bool:
    return a == b or (len(a) == 1 and b.startswith(a)) or (len(b) == 1 and a.startswith(b))


def _votes(text: str, mentions: list[Mention]) -> dict[str, tuple[int, int]]:
    """Count, per one-word key, how often the model called it a person and something else."""
    votes: dict[str, list[int]] = {}
    for m in mentions:
        name = _label_key(m.text)
        if " " in name or not name:
            continue
        tally = votes.setdefault(match_key(name), [0, 0])
        if m.label != "PERSON":
            tally[1] += 1
        elif not _is_heading(text, m.start):
            tally[0] += 1
    return {k: (v[0], v[1]) for k, v in votes.items()}


def extract_people(text: str, mentions: list[Mention]) -> tuple[list[Found], list[tuple[int, int]]]:
    """Return the people named in ``text`` and the character spans of their mentions.

    ``mentions`` are the NER spans of the text. Each person's ``spellings`` counts
    full names, 'Mr. Surname' and bare surnames as written (possessives dropped).
    """
    people = _group(text, mentions, *_candidates(text, mentions))
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
        alternatives = "|".join(
            between.join(map(re.escape, f.split())) for f in sorted(full_forms, key=len, reverse=True)
        )
        for m in re.finditer(rf"(?<!\w)(?:{_HONORIFIC})?(?:{alternatives})(?!\w)", text):
            surface = re.sub(r"\s+", " ", re.sub(missed.NICKNAME, " ", m.group()))
            i = full_forms.get(_strip_honorific(surface), full_forms.get(surface))  # 'Mr Lowe' may be a form
            if i is None:
                continue
            counts[i][surface] += 1
            firsts[i] = min(firsts[i], m.start())
            full_at.append((m.start(), i))
            spans.append(m.span())
    by_surname: dict[str, list[int]] = {}
    for i, p in enumerate(people):
        for key in _surname_keys(p):
            by_surname.setdefault(key, []).append(i)
    # Surnames as this text spells them, and the words the model read as names.
    spelled = {_POSSESSIVE.sub("", surname(form)) for p in people for form in p.forms}
    spelled |= {form.split()[-2] for p in people for form in p.forms if _first_of_two_surnames(form)}
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
    for i in range(len(people)):
        if counts[i]:
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
