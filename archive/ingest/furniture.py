"""Recognise page furniture in scraped text: everything around a story that is not the story.

Each rule is a regular expression over one paragraph. They are written to be
specific (a comment prompt, a cookie notice, a job advert) so that no sentence
of the story itself is dropped; `tests/test_text.py` holds examples of both.
"""

from __future__ import annotations

import re

_FLAGS = re.IGNORECASE

_BUTTON = r"(facebook|twitter|x|whatsapp|telegram|linkedin|reddit|pinterest|messenger|email|e-mail|print|copy link)"

# A paragraph that matches any of these anywhere is furniture as a whole.
_WHOLE_PARAGRAPH = [
    # Comment prompts and comment rules.
    r"^leave a (reply|comment)\b",
    r"^(post|add|write) a comment\b",
    r"your email address will not be published",
    r"required fields are marked",
    r"^dear (visitors|readers|users|subscribers)\b",
    r"\breserves? the right to (moderate|delete|remove|edit)\b",
    r"\bcomments? (rules|policy|guidelines)\b|\b(rules|policy) (for|on) comment",
    r"^\d+ comments?$",
    # Cookie and consent notices.
    r"\b(this|our) (web)?site uses cookies\b",
    r"\bwe use cookies\b",
    r"\baccept (all )?cookies\b",
    r"\bcookie policy\b",
    # Job adverts and calls for contributors.
    r"\b(seeks?|is looking for|are looking for)\b.{0,40}\b(specialists|journalists|writers|contributors|freelancers|correspondents|reporters)\b",
    r"\bsend (your )?(cv|resume|résumé)\b",
    r"\bwe are hiring\b",
    # Disclaimers and reposting notices.
    r"^disclaimer\s*:",
    r"\bcopyright\b.{0,60}\b(belongs?|reserved|owned)\b",
    r"^(all rights reserved|©|\(c\) \d{4})",
    # Sharing, subscribing and advertising widgets.
    r"^(share|share this|share on|follow us|subscribe|sign up for|advertisement|sponsored|related( articles| posts| stories)?|recommended|most read|popular|tags?)\s*:?\s*$",
    r"^(share|follow us) on (facebook|twitter|x|telegram|whatsapp)\b",
    # A row of sharing buttons: "Share: Facebook | X | Email", "Facebook Twitter WhatsApp Print".
    rf"^(share( this( article| story)?)?\s*:?\s*)?{_BUTTON}(\s*[|,/·•]?\s*{_BUTTON})+\s*$",
    r"^subscribe to (our|the) newsletter\b",
    # Links to other stories glued into the text ("...the final whistle.Read more Storms hit...").
    r"(?-i:\wRead more\b)|^read more\b|\bread more\s*(»|›|>|\.\.\.|…)?$",
    r"^(see also|read also|also read|more on this|more from)\b",
    r"^editor[’']?s (choice|pick)s?$",
    # Author widgets.
    r"^(photo|image|picture) (of|by) (the )?(author|writer|columnist)s?$",
    r"^(by|posted by|written by)\s+(admin|administrator|editor|staff|webmaster)$",
]
_WHOLE = re.compile("|".join(f"(?:{p})" for p in _WHOLE_PARAGRAPH), _FLAGS)

# A crumb trail such as "| News, Politics, Europe" or "Home > World > Europe";
# not a plain comma list, which may be names in a results table.
_CRUMBS = re.compile(
    r"^\|\s*[\w’' ]{2,30}(\s*[,|>/»]\s*[\w’' ]{2,30})*\s*$|^[\w’' ]{2,30}(\s*[|>»]\s*[\w’' ]{2,30})+\s*$"
)

# A photo caption credit, e.g. "... the minister in Valletta (Photo: Reuters)."
_CAPTION = re.compile(r"\((photo|image|picture|credit|source)\s*:[^)]*\)\s*\.?\s*$", _FLAGS)


def is_furniture(paragraph: str) -> bool:
    """Return True when a paragraph is page furniture rather than story text."""
    text = paragraph.strip()
    if not text:
        return True
    if _WHOLE.search(text):
        return True
    if len(text) < 80 and _CAPTION.search(text):
        return True
    return False


def is_crumb(paragraph: str) -> bool:
    """Return True for a category crumb trail ("| News, Politics, Europe")."""
    text = paragraph.strip()
    return len(text) < 80 and not text.endswith((".", "?", "!", "”", '"')) and bool(_CRUMBS.match(text))
