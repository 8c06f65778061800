"""Repair what users type into the search box before an engine parses it.

Shared by every backend: the engines differ in syntax details, but a query a
person typed must never fail, whatever the engine.
"""

from __future__ import annotations

import re

MAX_QUERY_CHARS = 500
MAX_TERMS = 40
FIELDS = {"title": "title", "person": "person", "country": "country", "source": "source",
          "organization": "organization", "org": "organization"}
_OPERATORS = {"AND", "OR", "NOT"}
# A token: a quoted phrase, or a run of non-space characters.
_TOKEN = re.compile(r'"[^"]*"|\S+')


def repair_query(text: str) -> str:
    """Return a well-formed version of a user's query in our common syntax.

    Unbalanced quotes and parentheses are dropped, `-word` becomes `NOT word`,
    operators with nothing to join are removed, a lone `*` means nothing, and
    very long queries are cut to their first words.
    """
    text = " ".join(text.replace("\x00", " ").split())[:MAX_QUERY_CHARS * 4]
    if text.count('"') % 2:
        last = text.rfind('"')
        text = text[:last] + text[last + 1:]
    if text.count("(") != text.count(")"):
        text = text.replace("(", " ").replace(")", " ")
    tokens: list[str] = []
    for token in _TOKEN.findall(text):
        if token.startswith("-") and len(token) > 1 and token[1] not in "- ":
            tokens += ["NOT", token[1:]]
        elif token.upper() in _OPERATORS and token.isupper():
            tokens.append(token.upper())
        else:
            token = _clean_token(token[:100])
            if token:
                tokens.append(token)
    tokens = _drop_dangling_operators(tokens)[:MAX_TERMS]
    return " ".join(_drop_dangling_operators(tokens))


def plain_words(text: str) -> str:
    """The words of a query without any syntax: the fallback that always parses."""
    return " ".join(re.findall(r"\w+", text)[:MAX_TERMS])


def _clean_token(token: str) -> str:
    if token.startswith('"'):
        return token if token.strip('" ') else ""
    field, sep, value = token.partition(":")
    if sep and field.lower() in FIELDS:
        value = value.strip(":")
        return f"{FIELDS[field.lower()]}:{value}" if value.strip("*?~") else ""
    # Wildcards only after at least two letters: a bare "*" or "a*" would expand to everything.
    if set(token) <= set("*?~:()"):
        return ""
    if re.match(r"^\W?\w?[*?]", token):
        token = token.replace("*", "").replace("?", "")
    return token.replace(":", " ").strip()


def _drop_dangling_operators(tokens: list[str]) -> list[str]:
    out: list[str] = []
    for token in tokens:
        if token in ("AND", "OR") and (not out or out[-1] in _OPERATORS):
            continue
        if token == "NOT" and out and out[-1] == "NOT":
            continue
        out.append(token)
    while out and out[-1] in _OPERATORS:
        out.pop()
    return out
