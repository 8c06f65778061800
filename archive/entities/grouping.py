"""Names found in a text, grouped into the people they name.

Full names group by surname and first name ('Ana Lima', 'A. Lima'); a run of words of a longer
name joins it ('Siti Rohaya' of 'Siti Rohaya Abdul Rashid'); and a lone word becomes a person of
its own only with evidence: the model read it as a person more often than as anything else, a
role or an honorific stands before it, or its company vouches for it (a team sheet), and it is
no English word capitalised only where every word is, no sub-heading, no short form of an
organization's name the story writes in full.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from archive.entities import missed, usage, villages, word_kinds
from archive.entities.base import Mention
from archive.entities.given_names import surnames
from archive.entities.identity import fold, generation, match_key, surname
from archive.entities.ner import common_words
from archive.entities.name_words import ORG_AND_PLACE_WORDS, PARTICLES, ROLES

_POSSESSIVE = re.compile(r"['’]s?$")
# Where a capital is the sentence's or the line's, not the word's.
_ANY_WORD_CAPITALISED = re.compile(r"(?:\A|[.!?:;][\"'”’)]?[ \t]+|\n[ \t]*|[\"“‘(][ \t]*)\Z")
_AFTER_INITIAL = re.compile(r"(?<![\w.])[A-Z]\.[)\]]?[ \t]+\Z")  # 'A.J.P.) Taylor': no sentence ends there
_SPEECH_AFTER = re.compile(rf"[ \t]+{missed.SPEECH}")


@dataclass
class Person:
    first: str  # match key of the first name ("" for a lone surname)
    last: str  # match key of the surname
    forms: list[str] = field(default_factory=list)
    suffix: str = ""  # a generational suffix ('jr' of 'Tom Hale Jr.'): father and son are two people


def label_key(span: str) -> str:
    """Return a span's text without a leading article and a possessive ('the Greens' -> 'Greens')."""
    return _POSSESSIVE.sub("", re.sub(r"^(?:the|The|a|an)\s+", "", span.strip()))


def is_heading(text: str, start: int) -> bool:
    """Tell whether ``start`` opens a short line without a full stop (a sub-heading)."""
    line_start = text.rfind("\n", 0, start) + 1
    if text[line_start:start].strip():
        return False
    line_end = text.find("\n", start)
    line = text[start : line_end if line_end >= 0 else len(text)].strip()
    return len(line.split()) <= 4 and not line.endswith((".", "!", "?", "”", '"'))


def group(
    text: str, mentions: list[Mention], candidates: list[tuple[int, int, str]], vouched: set[str]
) -> list[Person]:
    people: list[Person] = []
    # 'Vasconcelos Prado' is 'Claudia Vasconcelos Prado' by her two surnames, not a given name and a surname.
    # Not where two people's names end so ('Rashidi Omari Kassim' and his son 'Zawadi Omari Kassim').
    givens: dict[tuple[str, ...], set[str]] = {}
    for _, _, n in candidates:
        if len(n.split()) > 2:
            givens.setdefault(tuple(map(match_key, n.split()[-2:])), set()).add(match_key(n.split()[0]))
    by_surnames = {pair: next(iter(firsts)) for pair, firsts in givens.items() if len(firsts) == 1}
    tails = {tuple(map(match_key, n.split()[-2:])) for _, _, n in candidates if len(n.split()) > 2}
    # A surname with its particles ('von der Heyde') goes to a full name of it found anywhere: those first.
    for _, _, name in sorted(candidates, key=lambda c: c[2].split()[0] in PARTICLES):
        words = name.split()
        if len(words) < 2:
            continue
        if _an_article_and_no_ones_name(text, words, tails, vouched):
            continue
        first, last, suffix = match_key(words[0]), match_key(surname(name)), generation(name)
        if len(words) == 2:
            first = by_surnames.get((first, last), first)
        if words[0] in PARTICLES:  # 'von der Heyde' is a surname alone: whoever bears it
            person = next((p for p in people if p.last == last), None)
        else:
            person = next((p for p in people if p.last == last and _same_first(p.first, first)
                           and suffix in ("", p.suffix or suffix)), None)
        if person is None:
            person = Person(first, last)
            people.append(person)
        person.suffix = person.suffix or suffix
        if name not in person.forms:
            person.forms.append(name)
    people = _shorter_forms_merged(people)
    taken = {p.last for p in people}
    surnames = {key for p in people for key in surname_keys(p, taken)}
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
        if is_heading(text, start) or not _named_in_body(text, name):
            continue
        if _opens_an_organization(text, name, person_votes) or _capital_says_nothing(text, name):
            continue
        if name not in vouched and _a_town_no_one_is_called(text, name):
            continue
        surnames.add(key)
        people.append(Person("", key, [name]))
    return people


def _an_article_and_no_ones_name(text: str, words: list[str], tails: set[tuple[str, ...]], vouched: set[str]) -> bool:
    """Tell whether two words are an Arabic article before a word that is no surname, and no one's
    name in the story: 'Al Sadd', 'Al Barsha' (a club, a district) are no person, but 'Al Kuwari' of
    'Ahmed Suhail Al Kuwari', 'Al Gore', or an 'Al Mansour' who speaks are."""
    if len(words) != 2 or words[0] not in ("Al", "El") or words[1] in surnames():
        return False
    name = " ".join(words)
    if tuple(map(match_key, words)) in tails or name in vouched:
        return False
    return not usage.written_as_person(text, name)


def surname_keys(person: Person, taken: set[str] = frozenset()) -> set[str]:
    """The keys a lone surname of ``person`` may have: the last word's, and the first of two
    surnames ('Ramírez' of 'Jesús Ramírez Olvera', as Spanish and Portuguese copy writes it),
    unless another person's surname is that word (``taken``: every person's last key)."""
    seconds = {match_key(form.split()[-2]) for form in person.forms if first_of_two_surnames(form)}
    return {person.last} | (seconds - (taken - {person.last}))


def first_of_two_surnames(name: str) -> bool:
    """Tell whether a name of three words or more ends in two surnames: the word before the last
    is no particle, given name or initial ('Jesús Ramírez Olvera', not 'Julio César Chávez')."""
    words = name.split()
    second = words[-2] if len(words) >= 3 else ""
    return len(second) > 2 and second.casefold() not in PARTICLES and not word_kinds.is_given(second)


def _shorter_forms_merged(people: list[Person]) -> list[Person]:
    """People whose every name is a run of two words or more of one other person's longer name,
    merged into that person: 'Siti Rohaya' is 'Siti Rohaya Abdul Rashid', 'Zaw Min Htet' is
    'Ko Zaw Min Htet', 'Gutiérrez de la Fuente' is 'José María Gutiérrez de la Fuente Ortega'.
    A run that two people's names hold ('Hamisi Juma' of father and son) stays apart."""

    keys = {form: tuple(match_key(word) for word in form.split()) for p in people for form in p.forms}

    def holds(other: Person, form: str) -> bool:
        run = keys[form]
        return any(
            len(run) < len(longer) and any(longer[i : i + len(run)] == run for i in range(len(longer) - len(run) + 1))
            for longer in map(keys.get, other.forms)
        )

    def opens(other: Person, form: str) -> bool:
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


def _a_town_no_one_is_called(text: str, word: str) -> bool:
    """Tell whether a lone word the story never joins to a given name is a town's name ('Morpeth',
    'Grindavík') that is no given name and that the story never writes as a person's (after a
    title, before speech or an age), nor lists among people's names: a place the model read as
    someone."""
    if not villages.is_village(word) or word_kinds.is_given(word) or usage.written_as_person(text, word):
        return False
    if _among_people(text, word):
        return False
    # 'Blair met officials in Paris': a surname wants a place's company
    return word not in surnames() or usage.is_a_place_here(text, word) or _beside_places(text, word)


def _beside_places(text: str, word: str) -> bool:
    """Tell whether a name is listed beside a village's name that is no one's: 'Laxey and Ramsey'."""
    return any(
        villages.is_village(n) and n.split()[-1] not in surnames() and not word_kinds.is_given(n.split()[0])
        for start, end in usage.uses(text, word)
        for n in usage.list_neighbours(text, start, end)
    )


def _among_people(text: str, word: str) -> bool:
    """Tell whether a name is written after an initial, listed beside names of people that are no
    places' or in a roll of names after a label: 'N Lawlor, T Phelan;', 'Given, Breen, Staunton,
    Irwin', 'Subs not used: Ransome, Corrin, Amberley.'"""
    for start, end in usage.uses(text, word):
        if re.search(r"(?<![\w.])[A-Z]\.?[ \t]\Z", text[max(0, start - 3) : start]):
            return True
        beside = usage.list_neighbours(text, start, end)
        if any((not villages.is_village(n) and n.split()[-1] in surnames()) or word_kinds.is_given(n.split()[0]) for n in beside):
            return True
        line_start = text.rfind("\n", 0, start) + 1
        if _ROLL.match(text[line_start : text.find("\n", end) if "\n" in text[end:] else len(text)]):
            return True
    return False


# A line that lists names after a label: 'Subs not used: Ransome, Corrin, Amberley.'
_ROLL_NAME = r"[A-Z][\w'’-]+(?:[ \t]+\(\d+\))?"
_ROLL = re.compile(rf"[^:\n]{{1,40}}:[ \t]*{_ROLL_NAME}(?:[ \t]*[,;][ \t]*{_ROLL_NAME}){{2,}}[ \t]*\.?[ \t]*\Z")


def _capital_says_nothing(text: str, word: str) -> bool:
    """Tell whether ``word`` is an English word that the text capitalises only where every word is.

    At the start of a sentence or a line ('Attendance: 2,000', 'Riot police moved in') the
    capital tells nothing, so a dictionary word seen only there is no evidence of a name,
    unless it is a surname or a given name too ('Wood', 'Rose') or speaks as people do.
    """
    low = word.lower()
    if low not in common_words() and low.removesuffix("s") not in common_words():
        return False
    if word in surnames() or word in word_kinds.given():
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
        name = label_key(m.text)
        if " " in name or not name:
            continue
        tally = votes.setdefault(match_key(name), [0, 0])
        if m.label != "PERSON":
            tally[1] += 1
        elif not is_heading(text, m.start):
            tally[0] += 1
    return {k: (v[0], v[1]) for k, v in votes.items()}
