"""Names known by the company they keep: rows of results and lists of names.

A results table in plain text ('Nadia Petrenko (Ukraine) beat ...', '3. Ana Ruiz
(Chile) 12.92') or a team sheet ('Tom Hale (captain), Ian Moss, Raj Patel') writes
every entry the same way. When the model already read most entries of such a run as
people, the entries it missed (names it had never seen) are people too. The other way
round, a score line ('Harbour Rovers 2 Dunmore 0') sets two sides of one kind against
each other, and a league table lists sides of one kind: where one side is a place or a
known organization, the sides are teams, not people. Nothing here knows a name: the
evidence is the run's shape and its other entries.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from archive.entities import gazetteer, missed
from archive.entities.identity import match_key, surname
from archive.entities.name_words import UPPER

# A name as lists write it: capitalised words, hyphens and apostrophes inside, particles between.
# (Each hyphenated part is read one way only: nested optional capitals backtrack without end on 'Ab-Bc-Bc-...'.)
_CAPITAL = UPPER  # a capital of any Latin alphabet: 'Šimunović', 'Özil'
_NAME = (
    rf"{_CAPITAL}[^\W\d_]*(?:[-'’][^\W\d_]+)*"
    r"(?:[ \t]+(?:(?:de|van|der|den|von|da|di|del|dos|le|la|bin|binti|bint|al|ibn|ul|ole)[ \t]+)*"
    rf"{_CAPITAL}[^\W\d_]*(?:[-'’][^\W\d_]+)*){{0,3}}"
)
_NAME_ALONE = re.compile(rf"{_NAME}\Z")
# 'Name (Country)': the country in brackets after each entry of a results row.
# ...after a seeding, too: '5-Ana Ruiz (Chile)'.
_WITH_COUNTRY = re.compile(rf"(?:(?<![\w.'’-])|(?<=\d-))({_NAME})[ \t]+\(([^()\n]{{2,30}})\)")
# What stands before the name that opens a row: the line's start, a rank or a separator ('2. ', '3 ', '; ').
_ROW_OPENING = re.compile(r"(?:^|\d[.)]?|[;:])[ \t]*\Z", re.M)
# A seeding beside the country: '(Poland x2)', '(Chile, 5)', '(USA-3)'.
_SEED = re.compile(r"(?:[ \t]*[,-]?[ \t]*(?:x|no\.?[ \t]*)?\d{1,2})\Z", re.I)
# What a line-up writes after a player: goals, points, a position ('Moss 4', 'Hale 3/2', 'Ito 1b',
# 'Reyes 28 pts', 'Lund cf').
_FIGURES = r"(?:[ \t]+(?:\d{1,3}(?:[/.-]\d{1,3}){0,3}[a-z]{0,3}|(?!(?:and|or|the|of|in|on|at|to|by|as|is|was|has|had|his|her|its)\b)[a-z]{1,3}))*"
# A list entry: a name alone between commas, semicolons or the line's ends ('(captain)' allowed),
# or with a player's figures; particles may open it ('von der Heyde'); a rugby side's numbers
# may go before it ('15 Ana Lima, 14 Ian Moss').
_ENTRY = re.compile(
    rf"\A\s*(?:and\s+)?(?:\d{{1,2}}[ \t]+)?((?:(?:de|van|der|den|von|da|di|del|dos|le|la|al)[ \t]+)*{_NAME}){_FIGURES}"
    r"(?:\s+\([^()\n]{1,20}\))?\s*\.?\s*\Z"
)
# A substitute in a team sheet, with the minute he came on: 'Fogarty (Tavinho 63)', '(Tavinho 63')'.
# A side numbered by its shirts: 'Harbour: 1 Ana Lima, 2 Tom Moss, 3 Ian Hale, ...'.
_NUMBERED_SHEET = re.compile(r":[ \t]+1[ \t]+[^\W\d_][^,;\n]*,[ \t]+2[ \t]+[^\W\d_][^,;\n]*,[ \t]+3[ \t]+[^\W\d_]")
_SUBSTITUTE = re.compile(rf"\(({_NAME})[ \t]+\d{{1,3}}['’′]?\)")
# A substitution, with the minute: 'L Hickey for Mullally (55)', 'Ian Moss for Hale 63'.
_SUBSTITUTION = re.compile(rf"\A\s*({_NAME})[ \t]+for[ \t]+({_NAME})(?:[ \t]+\(?\d{{1,3}}['’′]?\)?)?\s*\.?\s*\Z")
# A scorer and the minute: 'Moss 12', 'Ardell 55 pen', 'Ian Moss 22nd'.
_SCORER = re.compile(rf"\A\s*(?:and\s+)?({_NAME})[ \t]+\d{{1,3}}(?:st|nd|rd|th|['’′])?(?:[ \t]+pen\.?)?\s*\.?\s*\Z")
# A batsman's line of a cricket scorecard: the name, how he was out, his runs
# ('Ana Lima c Hale b Moss 34', 'Ian Moss lbw b Ito 12', 'Raj Patel not out 22').
_BATTING_LINE = re.compile(
    rf"[ \t]*({_NAME})[ \t]+(?:(?:c|st)[ \t]+(?:&|{_NAME})[ \t]+b|lbw[ \t]+b|b|run[ \t]+out|not[ \t]+out|retired|hit[ \t]+wicket)"
    r"\b[^\n]*?[ \t]\d{1,3}\*?[ \t]*$",
    re.M,
)
# A line of a results list: a name, perhaps a party or a country in brackets, and a count
# ('Ana Lima — 2,914', 'Ian Moss (Labour) 1,106', 'Raj Patel: 41.2%').
_RESULT_LINE = re.compile(
    rf"[ \t]*({_NAME})(?:[ \t]+\([^()\n]{{1,30}}\))?[ \t]*(?:[—–:-][ \t]*)?\d[\d,.]*%?(?:[ \t]+[^\n]{{0,30}})?"
)
_RESULT_LINES = 3
# What heads a line of scorers.
_SCORERS_LABEL = re.compile(r"\A\W*(?:(?:goal|try)?scorers?|goals|tries)\b", re.I)
_SEPARATOR = re.compile(r"[,;]")
# In a team sheet, a label inside the list parts it too: '...; Whitlock. Interchange: Lewin, Rouse'.
_SHEET_SEPARATOR = re.compile(r"[,;]|(?:\.[ \t]+|[ \t]+)(?:[A-Z][^\W\d_]*(?:[ \t][a-z]+)?:[ \t]+)")
# 'Harbour Rovers 2 Dunmore 0', 'Vale (Wales) 81 Dunmore (Ireland) 70 (halftime 40-38)',
# 'Rovers 1 (Ian Moss 22nd minute) Vale 1', 'VALE 98 (Hale 31) def DUNMORE 91'.
_SIDE = rf"({_NAME})(?:[ \t]+\([^()\n]{{2,30}}\))?[ \t]+\d{{1,3}}"
_SCORE_LINE = re.compile(
    rf"[ \t]*{_SIDE}(?:[ \t]+\([^()\n]*\))?[ \t]*,?(?:[ \t]+(?:def|d|bt|beat|v|vs)\.?)?[ \t]+{_SIDE}(?![\w.-])"
)
# A league table's row: a side and at least five numbers ('Dunmore 3 2 0 1 5 2 6').
_TABLE_ROW = re.compile(rf"[ \t]*({_NAME})(?:[ \t]+\d{{1,4}}){{5,}}[ \t]*$")
# A line score: a side, its points in each period, then its total ('AURORA 7 7 7 0 — 21').
_LINE_SCORE = re.compile(rf"[ \t]*({_NAME})(?:[ \t]+\d{{1,3}}){{2,}}[ \t]*[—–-][ \t]*\d{{1,3}}[ \t]*$")
# One side's score with its scorers in brackets, alone on a line: 'Harbour 96 (Moss 27, Hale 16)'.
_SIDE_WITH_SCORERS = re.compile(rf"\A[ \t]*{_SIDE}[ \t]+\(([^()\n]+)\)[ \t]*\Z")
# A box score's side and score before its players' points: 'SAN MIGUEL 108 - Villareal 28, ...'.
_BOX_SCORE_SIDE = re.compile(rf"\A[ \t]*({_NAME})[ \t]+\d{{1,3}}[ \t]*\Z")
_BOX_SCORE_ENTRIES = 5
_TOTALS = re.compile(r"(?<=\S)[.,;]?[ \t]+Totals?:[^:]*\Z")
# Entries of a run the model read as people, before its other entries count as people.
_AGREEING = 2
_AGREEING_SHARE = 0.5
_LIST_ENTRIES = 4
# ...or three after a label: 'Did not bat: Hale, Moss, Patel'.
_LABELLED_ENTRIES = 3
_LABEL = re.compile(r"[ \t]*[A-Z][\w'’ -]{0,30}:[ \t]")
# A team sheet ('Rovers: Hale; Moss, Patel, ...; Byrne') lists a side: two known names vouch for all.
_SHEET_ENTRIES = 8


def _covered(span: tuple[int, int], found: list[tuple[int, int, str]]) -> bool:
    return any(s < span[1] and span[0] < e for s, e, _ in found)


def by_company(
    text: str,
    found: list[tuple[int, int, str]],
    is_name: Callable[[int, int, str], bool],
    is_player: Callable[[int, int, str], bool],
) -> list[tuple[int, int, str]]:
    """Entries of results rows and name lists in ``text`` that ``found`` (start, end, name) missed.

    ``is_name(start, end, name)`` vets each entry (not a place, organization or thing);
    ``is_player`` vets a team sheet's, whose company already says they are players ('Mason,
    Hulme, Kirwan' are surnames there, not towns).
    """
    # Entries found in one list count as found in the lists below ('Bowling: ...', then 'Did not bat: ...').
    first = _rows(text, found) + _batting(text, found) + _result_lines(text, found)
    listed, sheets = _lists(text, found + first)
    more = first + listed + _scorers(text, found)
    return [(s, e, n) for s, e, n in more if is_name(s, e, n)] + [(s, e, n) for s, e, n in sheets if is_player(s, e, n)]


def teams(text: str, is_team: Callable[[str], bool]) -> set[str]:
    """Names that ``text`` sets against a team in a score line, lists among teams in a run of
    score lines or a league table, or heads a team sheet with.

    ``is_team(name)`` tells a name known not to be a person's (a place, a known organization).
    """
    found: set[str] = set()
    run: list[tuple[str, ...]] = []  # the sides of each row of a run of rows
    for line in text.split("\n") + [None]:
        # The side a team sheet lists ('HARBOUR: Hale; Moss, ...'), as the label and the prose write it.
        if line is not None and (side := _entries(line, 0)[1]) and _NAME_ALONE.match(side.title()):
            found.update({side, side.title()})
        if line is not None and (one := _side_with_scorers(line)):
            found.add(one.group(1))
        if line is not None and (row := _SCORE_LINE.match(line) or _TABLE_ROW.match(line)):
            run.append(row.groups())
        elif line is None or line.strip():  # blank lines may stand between the rows
            known = [[is_team(side) for side in sides] for sides in run]
            if sum(map(sum, known)) >= _AGREEING:
                found.update(side for sides in run for side in sides)
            found.update(side for sides, knows in zip(run, known) if len(sides) > 1 and any(knows) for side in sides)
            run = []
    # A line score is two lines, one a side ('AURORA 7 7 7 0 — 21' over 'YORK 0 14 6 8 — 28'), blank
    # lines aside; a golf leaderboard's rounds ('Ana Lima 70 68 — 138') run on for many lines.
    lines = [line for line in text.split("\n") if line.strip()]
    for i in range(len(lines) - 1):
        pair = [_LINE_SCORE.match(line) for line in lines[i : i + 2]]
        alone = not (i > 0 and _LINE_SCORE.match(lines[i - 1])) and not (i + 2 < len(lines) and _LINE_SCORE.match(lines[i + 2]))
        if all(pair) and alone:
            found.update(name for side in pair for name in (side.group(1), side.group(1).title()))
    return found


def _rows(text: str, found: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    entries = [
        (m.start(1), m.end(1), m.group(1))
        for m in _WITH_COUNTRY.finditer(text)
        if _is_side(text, m.start(1), _SEED.sub("", m.group(2)).strip()) and not gazetteer.is_place(m.group(1))
    ]
    return _missed_by_model(entries, found)


def _is_side(text: str, start: int, bracketed: str) -> bool:
    """Tell whether what a row writes in brackets after the name at ``start`` is a country, or the
    code of a nation, a party or a club in capitals ('(ETH)', '(CHADEMA)') after a name that
    opens a row: prose defines an organization's acronym so ('the ruling Chama cha Mapinduzi (CCM)')."""
    if gazetteer.is_place(bracketed):
        return True
    return re.fullmatch(r"[A-Z]{2,8}", bracketed) is not None and _ROW_OPENING.search(text, max(0, start - 20), start) is not None


def _lists(text: str, found: list[tuple[int, int, str]]) -> tuple[list[tuple[int, int, str]], list[tuple[int, int, str]]]:
    """The entries of lists of names that ``found`` missed: of other lists, and of team sheets.

    A team sheet's block goes on in the labelled lists below it ('Subs not used: Ogden, Cairns',
    'Booked: Tait, Fraser.'), blank lines between them or not, up to a line of anything else.
    """
    more, sheets = [], []
    position = 0
    in_sheet = False
    for line in text.split("\n"):
        entries, side = _entries(line, position)
        labelled = ": " in line and len(entries) >= 2
        if side:
            in_sheet = len(_known(entries, found)) >= _AGREEING
            sheets += _missed_by_model(entries, found, share=0)
        elif in_sheet and labelled:
            sheets += [entry for entry in entries if not _covered(entry[:2], found) and not entry[2].isupper()]
        elif len(entries) >= _LIST_ENTRIES or (len(entries) >= _LABELLED_ENTRIES and _LABEL.match(line)):
            more += _missed_by_model(entries, found + more + sheets)
        in_sheet = in_sheet and (side is not None or labelled or not line.strip())
        position += len(line) + 1
    return more, sheets


def _entries(line: str, position: int) -> tuple[list[tuple[int, int, str]], str | None]:
    """The names listed in ``line`` (which starts at ``position`` of the text), and the side it
    lists if it is a team sheet ('Rovers: Hale; Moss, Patel, ...')."""
    # What follows a 'Teams:' or 'Australia -' label is the list; a team sheet is read from its
    # first label, through the labels within it ('...; Byrne. Bench: Orrin').
    line = _TOTALS.sub("", line)  # a box score's last figures: '..., Kowalski 2 0-1 4. Totals: 20 9-13 55.'
    first = line.find(": ")
    # Semicolons between the lines of a side, or a substitute with his minute: 'Kerr, Dunlop, Tait (Lyall 70), ...'.
    sheet_shaped = first >= 0 and (
        ";" in line[first:] or _SUBSTITUTE.search(line, first) is not None or _NUMBERED_SHEET.match(line, first) is not None
    )
    head = first if sheet_shaped else max(line.rfind(": "), line.rfind(" - "))
    if sheet_shaped and (dash := line.find(" - ", first, line.find(";", first))) >= 0:
        head = dash + 1  # 'Teams: Rovers - Hale; ...'
    entries = []
    pieces = list(_pieces(line, head + 2 if head >= 0 else 0, _SHEET_SEPARATOR if sheet_shaped else _SEPARATOR))
    for start, chunk in pieces:
        if match := _ENTRY.match(chunk):
            name = match.group(1)
            begin = position + start + match.start(1)
            entries.append((begin, begin + len(name), name))
            for sub in _SUBSTITUTE.finditer(chunk):
                entries.append((position + start + sub.start(1), position + start + sub.end(1), sub.group(1)))
        elif match := _SUBSTITUTION.match(chunk):
            entries += [(position + start + match.start(i), position + start + match.end(i), match.group(i)) for i in (1, 2)]
    if sheet_shaped and len(entries) >= _SHEET_ENTRIES:
        return entries, line[:head].strip()
    # A box score: a side and its score, then each player and his points ('VALE 98 - Hale 31, Moss 12, ...'),
    # or the side alone before a colon ('Vale: Ian Hale 31, Tom Moss 12, ...').
    box = _BOX_SCORE_SIDE.match(line[:head]) if head > 0 else None
    if box and len(entries) == len(pieces) >= _BOX_SCORE_ENTRIES:
        return entries, box.group(1)
    side = line[:head].strip() if head > 0 and line.startswith(": ", head) else ""
    if (
        _NAME_ALONE.match(side)
        and len(entries) == len(pieces) >= _BOX_SCORE_ENTRIES - 1
        and all(re.search(r"[ \t]\d{1,2}\.?\s*\Z", chunk) for _, chunk in pieces)  # points, not a ward's votes
    ):
        return entries, side
    return entries, None


def _result_lines(text: str, found: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """The names of results lists, a line each ('Ana Lima — 2,914'), that ``found`` missed."""
    more, run = [], []
    position = 0
    for line in text.split("\n") + [""]:
        if match := _RESULT_LINE.fullmatch(line):
            run.append((position + match.start(1), position + match.end(1), match.group(1)))
        else:
            if len(run) >= _RESULT_LINES:
                more += _missed_by_model(run, found)
            run = []
        position += len(line) + 1
    return more


def _batting(text: str, found: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """The batsmen of a cricket scorecard's lines that ``found`` missed."""
    entries = [(m.start(1), m.end(1), m.group(1)) for m in _BATTING_LINE.finditer(text)]
    # A line that tells how its batsman was out and his runs is one batsman's whatever names
    # the model knows: two known among them say the lines are a scorecard's.
    return _missed_by_model(entries, found, share=0)


def _scorers(text: str, found: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Scorers with their minutes: in a 'Scorers:' line, or in brackets after a side's score."""
    more = []
    position = 0
    for line in text.split("\n"):
        spans = []
        if _SCORERS_LABEL.match(line):
            spans.append((line.find(":") + 1 if ":" in line else 0, len(line)))
        if _SCORE_LINE.match(line) or _side_with_scorers(line):
            spans += [(m.start() + 1, m.end() - 1) for m in re.finditer(r"(?<=\d )\([^()\n]+\)", line)]
        for begin, end in spans:
            for piece_start, chunk in _pieces(line[begin:end], 0):
                # 'Rovers - Moss 12': the side's name is a label, not a scorer.
                label = max(chunk.rfind(" - "), chunk.rfind(": "))
                skip = label + 2 if label >= 0 else 0
                if match := _SCORER.match(chunk[skip:]):
                    at = position + begin + piece_start + skip + match.start(1)
                    more.append((at, at + len(match.group(1)), match.group(1)))
        position += len(line) + 1
    return [entry for entry in more if not _covered(entry[:2], found)]


def _side_with_scorers(line: str) -> re.Match | None:
    """The match of a line that holds one side's score and two scorers or more in brackets."""
    match = _SIDE_WITH_SCORERS.match(line)
    scorers = match and sum(bool(_SCORER.match(chunk)) for _, chunk in _pieces(match.group(2), 0))
    return match if scorers and scorers >= 2 else None


def _pieces(line: str, offset: int, separators: re.Pattern = _SEPARATOR):
    start = offset
    for separator in separators.finditer(line, offset):
        yield start, line[start : separator.start()]
        start = separator.end()
    yield start, line[start:]


def _missed_by_model(
    entries: list[tuple[int, int, str]], found: list[tuple[int, int, str]], share: float = _AGREEING_SHARE
) -> list[tuple[int, int, str]]:
    """The entries not already found, when enough of the others were (here, or by surname elsewhere)."""
    known = _known(entries, found)
    # A surname in capitals after given names ('Genet Abebe WOLDEYES') is a results list's own way
    # of writing a person: such an entry vouches for itself.
    agreeing = len(
        set(known) | set(_of_known_families(entries, found)) | {entry for entry in entries if _capitals_surname(entry[2])}
    )
    if agreeing < _AGREEING or agreeing < share * len(entries):
        return []
    return [entry for entry in entries if entry not in known and not entry[2].isupper()]


def _capitals_surname(name: str) -> bool:
    words = name.split()
    return len(words) > 1 and words[-1].isupper() and not words[0].isupper() and missed.is_capitals_surname(" ".join(words[:-1]), words[-1])


def _known(entries: list[tuple[int, int, str]], found: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """The entries found already, here or by surname elsewhere."""
    names = {match_key(name) for _, _, name in found}
    names |= {match_key(surname(name)) for _, _, name in found if " " in name}

    return [entry for entry in entries if _covered(entry[:2], found) or match_key(entry[2]) in names]


def _of_known_families(entries: list[tuple[int, int, str]], found: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """The entries of an initial and a surname found already ('O Foley' beside 'C Foley'): no
    one found yet, but a sign that the list is of people."""
    surnames = {match_key(surname(name)) for _, _, name in found if " " in name}
    return [
        entry for entry in entries
        if " " in entry[2] and len(entry[2].split()[0].rstrip(".")) == 1 and match_key(surname(entry[2])) in surnames
    ]
