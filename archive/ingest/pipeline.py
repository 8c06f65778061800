"""The one write path: every article enters the archive through ingest_article()."""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass

from django.db import IntegrityError, connection, transaction

from archive.entities import Found
from archive.entities.identity import adds_words, compatible_names, match_key
from archive.models import (
    Article,
    NameLock,
    Country,
    CountryMention,
    Organization,
    OrganizationAlias,
    OrganizationMention,
    Outlet,
    Person,
    PersonAlias,
    PersonMention,
    unique_slug,
)

from archive.copies.grouping import place as place_in_story
from archive.curation import survivor
from archive.history import save_recorded, save_unrecorded
from archive.search.sync import schedule_index

from .edits import correction, labels, with_edits
from .errors import IngestError
from .originals import read_original, store_original
from .parse import ParsedArticle, Upload, parse_upload

logger = logging.getLogger(__name__)


class DuplicateArticle(Exception):
    """The upload's cleaned text is already in the archive, as `article`."""

    def __init__(self, article: Article):
        super().__init__(f"duplicate of #{article.pk}")
        self.article = article


@dataclass(frozen=True)
class Outcome:
    """What became of one item of an upload."""

    name: str
    status: str  # "imported" | "duplicate" | "rejected"
    article: Article | None = None
    reason: str = ""


def ingest_article(upload: Upload, parsed: ParsedArticle | None = None) -> Article:
    """Parse, clean, extract and save one upload in one transaction.

    `parsed` is parse_upload(upload) when a worker process has done it already.
    The original bytes are stored first (content-addressed, so harmless if the
    transaction then rolls back). Raises IngestError when the upload cannot be
    imported and DuplicateArticle when its cleaned text is already stored.
    """
    metadata = _metadata(upload)
    sha256 = hashlib.sha256(upload.data).hexdigest()
    same = known_original(upload)
    if same is not None:
        raise DuplicateArticle(same)
    if parsed is None:
        parsed = parse_upload(upload)
    existing = Article.objects.filter(fingerprint=parsed.fingerprint).first()
    if existing:
        raise DuplicateArticle(existing)
    store_original(upload.data)
    article = Article(
        original_name=upload.name[:500],
        original_type=upload.content_type[:100],
        original_sha256=sha256,
        original_size=len(upload.data),
        upload_metadata=metadata,
    )
    try:
        with transaction.atomic():
            _save(article, parsed)
    except IntegrityError:
        # Another process stored the same text between our check and our insert.
        existing = Article.objects.filter(fingerprint=parsed.fingerprint).first()
        if existing:
            raise DuplicateArticle(existing) from None
        raise
    return article


def known_original(upload: Upload) -> Article | None:
    """The article made from these very bytes with the same metadata: a re-import, known without parsing."""
    sha256 = hashlib.sha256(upload.data).hexdigest()
    metadata = _metadata(upload)
    for same in Article.objects.filter(original_sha256=sha256).only("pk", "title", "upload_metadata"):
        if same.upload_metadata == metadata:
            return same
    return None


def _metadata(upload: Upload) -> dict:
    return {k: str(v) for k, v in upload.metadata.items() if v not in (None, "")}


def reprocess_article(article: Article, *, reason: str = "", by_hand: bool = False) -> Article:
    """Re-derive an article from its stored original with the current rules.

    Staff's corrections (`Article.edited`) are laid over what the original gives.
    Raises IngestError when the rules now reject it (or fail on it), and DuplicateArticle when
    it now has the same cleaned text as another article; the article is then
    left as it was.
    """
    upload = Upload(
        data=read_original(article.original_sha256),
        name=article.original_name,
        content_type=article.original_type,
        metadata=article.upload_metadata,
    )
    try:
        parsed = with_edits(parse_upload(upload), article.edited)
    except IngestError:
        raise
    except Exception as exc:  # a bug in the rules must not stop a reprocess of the whole archive
        logger.exception("re-deriving article %s failed", article.pk)
        raise IngestError(f"internal error while re-deriving it ({type(exc).__name__})") from exc
    other = Article.objects.filter(fingerprint=parsed.fingerprint).exclude(pk=article.pk).first()
    if other:
        raise DuplicateArticle(other)
    with transaction.atomic():
        article.persons.clear()
        article.countries.clear()
        article.organizations.clear()
        _save(article, parsed, reason, by_hand=by_hand)
    return article


def edit_article(article: Article, changes: dict) -> Article:
    """Correct an article by hand (see ingest/edits.py): recorded, then derived again like an import.

    Raises IngestError for a value the archive cannot take and DuplicateArticle
    when the corrected text is another article's; the article is then left as it was.
    """
    edited = {**article.edited, **{field: correction(field, value) for field, value in changes.items()}}
    if edited == article.edited:
        return article
    before = article.edited
    article.edited = edited
    try:
        return reprocess_article(article, reason=f"edited: {labels(changes)}", by_hand=True)
    except BaseException:
        article.edited = before
        raise


def ingest_upload(upload: Upload, parsed: ParsedArticle | None = None) -> Outcome:
    """Ingest one item and say what became of it, never raising for bad input."""
    try:
        article = ingest_article(upload, parsed)
    except DuplicateArticle as dup:
        return Outcome(upload.name, "duplicate", dup.article, str(dup))
    except IngestError as exc:
        return Outcome(upload.name, "rejected", reason=str(exc))
    except Exception as exc:  # a bug must not stop the rest of a batch
        logger.exception("importing %s failed", upload.name)
        return Outcome(upload.name, "rejected", reason=f"internal error while importing ({type(exc).__name__})")
    return Outcome(upload.name, "imported", article)


def _save(article: Article, parsed: ParsedArticle, reason: str = "", *, by_hand: bool = False) -> None:
    """Store what `parsed` says; a change to the metadata of an existing article goes into its history, with `reason`.

    A correction by hand is recorded even when it changed only the text.
    """
    before = _history_fields(article) if article.pk else None
    article.title = parsed.title
    article.outlet = _get_outlet(parsed.source)
    article.published = parsed.published
    article.author = parsed.author[:200]
    article.url = parsed.url[:2000]
    article.language = parsed.language[:16]
    article.body_text = parsed.body_text
    article.body_html = parsed.body_html
    article.fingerprint = parsed.fingerprint
    _lock_names(parsed)
    # Uniqueness is the database's job (the fingerprint's unique index), not a query per save.
    article.full_clean(exclude=["url"], validate_unique=False)
    if before is None or (not by_hand and before == _history_fields(article)):
        save_unrecorded(article)  # an import, or the rules changed nothing the history keeps
    else:
        save_recorded(article, reason or "derived again from the original")
    grouped = place_in_story(article)
    schedule_index([article.pk, *grouped])
    # Two names found in one text may turn out to be one entity (a name and its
    # alias): count them as one mention.
    mentions: dict[tuple, dict] = {}
    resolved: list[tuple[Found, object]] = []
    for kind, (model, alias_model) in _NAMED.items():
        founds = [f for f in parsed.entities if f.kind == kind]
        resolved += zip(founds, _get_all_named(model, alias_model, founds))
    for found in parsed.entities:
        if found.kind == "country":
            resolved.append((found, Country.objects.get_or_create(code=found.key, defaults={"name": found.name})[0]))
    for found, entity in resolved:
        if entity is None:
            continue
        seen = mentions.setdefault((found.kind, entity.pk), {"entity": entity, "spellings": {}})
        for spelling, n in (found.spellings or {found.name: 1}).items():
            seen["spellings"][spelling] = seen["spellings"].get(spelling, 0) + n
    rows: dict[str, list] = {}
    for (kind, _), m in mentions.items():
        model, field = _MENTIONS[kind]
        spellings = m["spellings"]
        # The fullest form the article uses, e.g. "Mikhail Galuzin" over "Mr. Galuzin".
        spelling = max(spellings, key=lambda s: (len(s.split()), spellings[s], len(s)))
        rows.setdefault(kind, []).append(model(
            article=article, count=sum(spellings.values()), spelling=spelling[:200], spellings=spellings,
            **{field: m["entity"]},
        ))
    for kind, objects in rows.items():
        _MENTIONS[kind][0].objects.bulk_create(objects)


def _history_fields(article: Article) -> tuple:
    return (article.title, article.outlet_id, article.published, article.author, article.url)


_NAMED = {"person": (Person, PersonAlias), "organization": (Organization, OrganizationAlias)}
_MENTIONS = {"person": (PersonMention, "person"), "organization": (OrganizationMention, "organization"), "country": (CountryMention, "country")}


def _lock_names(parsed: ParsedArticle) -> None:
    """Lock the names this article will look up or create, until the transaction ends.

    Concurrent imports naming the same person then take turns (on PostgreSQL;
    SQLite serializes writers anyway). Locks are taken in sorted order, so two
    imports never wait for each other in a circle.
    """
    if not connection.features.has_select_for_update:
        return  # SQLite: one writer at a time already, and no row locks to take
    names = {f"outlet:{parsed.source.casefold()}"} if parsed.source else set()
    for found in parsed.entities:
        if found.kind == "person":
            names.add(f"person:{found.key.rsplit(' ', 1)[-1]}")
        elif found.kind == "organization":
            names.add(f"organization:{found.key}")
    for name in sorted(n[:250] for n in names):
        NameLock.objects.get_or_create(name=name)
        NameLock.objects.select_for_update().get(name=name)


def _get_outlet(name: str) -> Outlet | None:
    name = " ".join(name.split())[:200]
    if not name:
        return None
    outlet = Outlet.objects.filter(name__iexact=name).first()
    return outlet or Outlet.objects.create(name=name, slug=unique_slug(Outlet, name))


def _lookup_keys(model, found: Found) -> set[str]:
    keys = {found.key} | {match_key(a) for a in found.aliases} | {match_key(s) for s in found.spellings}
    keys.discard("")
    if model is Person:
        # A person is found by a full name only: "Mr Fox" keys as "fox", which
        # is Liam Fox in one story and Edward Fox in another.
        keys = {k for k in keys if " " in k}
    return keys


def _get_all_named(model, alias_model, founds: list[Found]) -> list:
    """The person or organization each name belongs to, created when new; they learn their spellings.

    One query for the names already known, one for their aliases, one for the
    spellings they already have: an article's entities cost a handful of
    queries, not a handful each. Curation holds: a merged entity's names lead
    to the one it was merged into; a rejected entity gives None.
    """
    relation = model.__name__.lower()
    keysets = [_lookup_keys(model, found) for found in founds]
    wanted = set().union(*keysets)
    by_key: dict[str, object] = {}
    if wanted:
        for entity in model.objects.filter(key__in=wanted).order_by("rejected", "pk"):
            by_key.setdefault(entity.key, entity)
        for alias in alias_model.objects.filter(key__in=wanted).select_related(relation).order_by("pk"):
            by_key.setdefault(alias.key, getattr(alias, relation))
    entities = []
    for found, keys in zip(founds, keysets):
        known = [by_key[k] for k in keys if k in by_key]
        entity = min(known, key=lambda e: (e.rejected, e.pk)) if known else None
        if entity is None and model is Person:
            if " " in found.key:
                entity = _person_by_full_name(found.key)
            else:  # a lone surname stays itself until the batch ends (curation.consolidate_surnames)
                entity = Person.objects.filter(key=found.key).order_by("pk").first()
        if entity is None:
            entity = model(name=found.name[:200], slug=unique_slug(model, found.name))
            save_unrecorded(entity)
        for key in keys | {entity.key}:
            by_key.setdefault(key, entity)  # a second name of the same entity in this article finds it
        entity = survivor(entity)
        entities.append(None if entity.rejected else entity)
    _learn_spellings(alias_model, relation, founds, entities)
    return entities


def _learn_spellings(alias_model, relation: str, founds: list[Found], entities: list) -> None:
    """Store each new spelling as an alias; the entities that learned one are reindexed."""
    spellings = {}
    for found, entity in zip(founds, entities):
        if entity is not None:
            names = {n[:200] for n in (found.name, *found.aliases, *found.spellings)} - {entity.name}
            spellings.setdefault(entity.pk, (entity, set()))[1].update(names)
    if not spellings:
        return
    all_names = set().union(*(names for _, names in spellings.values()))
    known = set(alias_model.objects.filter(**{f"{relation}_id__in": list(spellings), "name__in": all_names})
                .values_list(f"{relation}_id", "name"))
    new = [alias_model(**{relation: entity, "name": name, "key": match_key(name)})
           for pk, (entity, names) in spellings.items() for name in sorted(names) if (pk, name) not in known]
    if new:
        alias_model.objects.bulk_create(new, ignore_conflicts=True)
        # A new spelling is searchable in every article about them, not just this one
        # (in a batch import: once it has ended).
        learned = {getattr(a, relation).pk for a in new if adds_words(getattr(a, relation).name, a.name)}
        if not learned:
            return
        field = "persons" if relation == "person" else "organizations"
        articles = Article.objects.filter(**{f"{field}__in": learned}).values_list("pk", flat=True).distinct()
        schedule_index(articles, by_the_end=True)


def _person_by_full_name(key: str) -> Person | None:
    """The one known person whose name is compatible with this one ("George Bush" ~ "George W Bush")."""
    surname = key.rsplit(" ", 1)[-1]
    full = [p for p in Person.objects.live().filter(surname_key=surname) if " " in p.key]
    # Across articles an initial names nobody for sure: "S Williams" may be Serena or Shane.
    if len(key.split()[0]) == 1:
        return None
    full = [p for p in full if len(p.key.split()[0]) > 1]
    matches = [p for p in full if compatible_names(key, p.key)]
    return matches[0] if len(matches) == 1 else None
