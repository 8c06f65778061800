"""Repair what users type into the search box before an engine parses it.

Shared by every backend: the engines differ in syntax details, but a query a
person typed must never fail, whatever the engine.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

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


def fold(text: str) -> str:
    """Lower case without accents, as every engine indexes words: "Arsène" -> "arsene"."""
    text = text.casefold()
    if text.isascii():
        return text
    # Decomposed, accents are combining marks (in one block for Latin, Greek and Cyrillic letters).
    return _COMBINING.sub("", unicodedata.normalize("NFKD", text))


_COMBINING = re.compile("[\u0300-\u036f]")


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


# -- a small syntax tree of a repaired query, for engines without a query parser --


@dataclass(frozen=True)
class Term:
    text: str
    field: str = ""  # "", or a key of FIELDS' values: title, person, country, source, organization
    prefix: bool = False
    fuzzy: bool = False
    phrase: bool = False
    compound: bool = False  # one typed word of several parts (Wal-Mart): a phrase, but a plain word to a plan


@dataclass(frozen=True)
class Mentions:
    """Articles that mention an entity (a facet value): what a name typed in a query also stands for."""

    facet: str  # person, organization or country
    value: str


@dataclass(frozen=True)
class Bool:
    op: str  # "and" | "or" | "not"
    parts: tuple


def parse_query(repaired: str):
    """Turn the output of repair_query() into Term/Bool nodes, or None for no query.

    Precedence as in Whoosh: NOT binds tightest, then AND (also implicit between
    words), then OR; parentheses group.
    """
    tokens = _TREE_TOKEN.findall(repaired)
    node, _ = _parse_or(tokens, 0)
    return node


_TREE_TOKEN = re.compile(r'\(|\)|(?:\w+:)?"[^"]*"|[^\s()]+')


def _parse_or(tokens, i):
    parts = []
    while i < len(tokens) and tokens[i] != ")":
        node, i = _parse_and(tokens, i)
        if node is not None:
            parts.append(node)
        if i < len(tokens) and tokens[i] == "OR":
            i += 1
    return _combine("or", parts), i


def _parse_and(tokens, i):
    parts = []
    while i < len(tokens) and tokens[i] not in ("OR", ")"):
        if tokens[i] == "AND":
            i += 1
            continue
        node, i = _parse_not(tokens, i)
        if node is not None:
            parts.append(node)
    return _combine("and", parts), i


def _parse_not(tokens, i):
    if tokens[i] == "NOT":
        node, i = _parse_not(tokens, i + 1) if i + 1 < len(tokens) else (None, i + 1)
        return (Bool("not", (node,)) if node is not None else None), i
    if tokens[i] == "(":
        node, i = _parse_or(tokens, i + 1)
        return node, i + 1
    return _term(tokens[i]), i + 1


def _term(token: str):
    field = ""
    head, sep, rest = token.partition(":")
    if sep and head.lower() in FIELDS and rest:
        field, token = FIELDS[head.lower()], rest
    if token.startswith('"') and token.endswith('"') and len(token) > 1:
        words = re.findall(r"\w+", token[1:-1])
        return Term(" ".join(words), field, phrase=len(words) > 1) if words else None
    fuzzy = token.endswith("~")
    prefix = token.rstrip("~").endswith("*")
    parts = re.findall(r"\w+", token)
    if len(parts) > 1:
        # Wal-Mart, We've, O'Brien: the engines index the parts as words side by side.
        return Term(" ".join(parts), field, phrase=True, compound=True)
    return Term(parts[0], field, prefix=prefix, fuzzy=fuzzy) if parts else None


def _combine(op: str, parts: list):
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else Bool(op, tuple(parts))


def query_words(node) -> list[str]:
    """The words a query looks for (not those it excludes), for highlighting."""
    if node is None or isinstance(node, Mentions):
        return []
    if isinstance(node, Term):
        return node.text.split()
    if node.op == "not":
        return []
    return [w for part in node.parts for w in query_words(part)]
