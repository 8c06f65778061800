"""The one write path: every article enters the archive through ingest_article()."""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass

from django.db import IntegrityError, connection, transaction

from archive.entities import Found
from archive.entities.identity import compatible_names, match_key
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

from archive.curation import survivor
from archive.search.sync import schedule_index

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


def reprocess_article(article: Article) -> Article:
    """Re-derive an article from its stored original with the current rules.

    Raises IngestError when the rules now reject it, and DuplicateArticle when
    it now has the same cleaned text as another article; the article is then
    left as it was.
    """
    upload = Upload(
        data=read_original(article.original_sha256),
        name=article.original_name,
        content_type=article.original_type,
        metadata=article.upload_metadata,
    )
    parsed = parse_upload(upload)
    other = Article.objects.filter(fingerprint=parsed.fingerprint).exclude(pk=article.pk).first()
    if other:
        raise DuplicateArticle(other)
    with transaction.atomic():
        article.persons.clear()
        article.countries.clear()
        article.organizations.clear()
        _save(article, parsed)
    return article


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


def _save(article: Article, parsed: ParsedArticle) -> None:
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
    article.save()
    schedule_index([article.pk])
    # Two names found in one text may turn out to be one entity (a name and its
    # alias): count them as one mention.
    mentions: dict[tuple, dict] = {}
    for found in parsed.entities:
        if found.kind == "country":
            entity = Country.objects.get_or_create(code=found.key, defaults={"name": found.name})[0]
        else:
            entity = _get_named(*_NAMED[found.kind], found)
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


def _get_named(model, alias_model, found: Found):
    """The person or organization this name belongs to, created when new; learns its spellings.

    Curation holds: a name of a merged entity leads to the one it was merged
    into, and a rejected entity gives None (the mention is dropped).
    """
    relation = model.__name__.lower()
    keys = {found.key} | {match_key(a) for a in found.aliases} | {match_key(s) for s in found.spellings}
    keys.discard("")
    if model is Person:
        # A person is found by a full name only: "Mr Fox" keys as "fox", which
        # is Liam Fox in one story and Edward Fox in another.
        keys = {k for k in keys if " " in k}
    entity = None
    if keys:
        entity = model.objects.filter(key__in=keys).order_by("rejected", "pk").first()
        if entity is None:
            alias = alias_model.objects.filter(key__in=keys).select_related(relation).order_by("pk").first()
            entity = getattr(alias, relation) if alias else None
    if entity is None and model is Person:
        if " " in found.key:
            entity = _person_by_full_name(found.key)
        else:  # a lone surname stays itself until the batch ends (curation.consolidate_surnames)
            entity = Person.objects.filter(key=found.key).order_by("pk").first()
    if entity is None:
        entity = model.objects.create(name=found.name[:200], slug=unique_slug(model, found.name))
    entity = survivor(entity)
    if entity.rejected:
        return None
    names = {n[:200] for n in (found.name, *found.aliases, *found.spellings)} - {entity.name}
    known = set(alias_model.objects.filter(**{relation: entity, "name__in": names}).values_list("name", flat=True))
    learned = names - known
    if learned:
        alias_model.objects.bulk_create(
            [alias_model(**{relation: entity, "name": n, "key": match_key(n)}) for n in sorted(learned)],
            ignore_conflicts=True,
        )
        # A new spelling is searchable in every article about them, not just this one.
        schedule_index(entity.articles.values_list("pk", flat=True))
    return entity


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
