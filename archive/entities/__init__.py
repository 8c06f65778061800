"""People, countries and organizations named in a cleaned article text.

Pure functions, no ORM: ``extract_entities(text)`` returns ``Found`` values that the
ingest pipeline turns into rows; the pipeline alone decides, by ``identity.match_key``,
which person or organization of the archive each one is.
"""

from __future__ import annotations

from archive.entities.base import Found, Mention
from archive.entities.countries import extract_countries
from archive.entities.identity import match_key
from archive.entities.ner import find_mentions, truecase_openings, truecase_title
from archive.entities.organizations import extract_organizations
from archive.entities.people import extract_people
from archive.entities.places_missed import find_missed_places

__all__ = ["Found", "Mention", "extract_entities"]


def extract_entities(text: str) -> list[Found]:
    """Return all people, countries and organizations mentioned in ``text``.

    ``text`` is a cleaned article: title and body joined by a blank line. People
    come first, then organizations, then countries, each in order of first mention.
    Loads the spaCy model on the first call.
    """
    text = truecase_openings(truecase_title(text))
    mentions = find_mentions(text)
    people, person_spans = extract_people(text, mentions)
    person_keys = {match_key(s) for p in people for s in p.spellings}
    orgs, org_spans = extract_organizations(text, mentions, person_keys)
    places = mentions + find_missed_places(text, mentions, people, person_spans)
    found_countries = extract_countries(text, places, person_spans, org_spans)
    return [*people, *orgs, *found_countries]
