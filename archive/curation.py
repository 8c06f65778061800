"""Staff decisions about entities: rename, merge, undo a merge, reject.

Each function changes the database in one transaction and schedules the
affected articles for reindexing, so searches follow within the same request.
The decisions persist: imports and `reprocess` follow `merged_into` and skip
rejected entities (see ingest/pipeline.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Count
from django.http import QueryDict
from django.utils import timezone
from django.utils.text import slugify

from .entities import review
from .entities import identity
from .entities.identity import adds_words, fold, match_key
from .history import save_recorded

from .models import (
    Merge,
    Organization,
    OrganizationAlias,
    OrganizationFormerSlug,
    OrganizationMention,
    Person,
    PersonAlias,
    PersonFormerSlug,
    PersonMention,
    SavedSearch,
    unique_slug,
)
from .search.sync import schedule_index

_PARTS = {
    Person: ("person", PersonAlias, PersonMention),
    Organization: ("organization", OrganizationAlias, OrganizationMention),
}
_FORMER_SLUGS = {Person: PersonFormerSlug, Organization: OrganizationFormerSlug}


def survivor(entity):
    """The entity this one was merged into, following merges; itself if none."""
    seen = set()
    while entity.merged_into_id and entity.pk not in seen:
        seen.add(entity.pk)
        entity = entity.merged_into
    return entity


@transaction.atomic
def rename(entity, name: str) -> None:
    """Give an entity a new name and a slug from it.

    The old name stays as an alias so imports still find it; the old slug is
    kept as a former slug, so its old address redirects to the new one. Its
    articles are reindexed: their facet values are slugs.
    """
    kind, alias_model, _ = _PARTS[type(entity)]
    old = entity.name
    if name == old:
        return
    entity.name = name
    old_slug, entity.slug = entity.slug, _slug_for(entity, name)
    save_recorded(entity, f"renamed from {old}")
    alias_model.objects.filter(**{kind: entity, "name": name}).delete()
    alias_model.objects.get_or_create(**{kind: entity, "name": old})
    if entity.slug != old_slug:
        former = _FORMER_SLUGS[type(entity)]
        former.objects.filter(slug=entity.slug).delete()  # its address again: nothing to redirect
        former.objects.update_or_create(slug=old_slug, defaults={kind: entity})
        _follow_in_saved_searches(kind, old_slug, entity.slug)
    schedule_index(entity.articles.values_list("pk", flat=True))


def _follow_in_saved_searches(facet: str, old: str, new: str) -> None:
    """Saved searches that pick or leave out the entity name it by its new slug (their feeds keep finding it)."""
    for saved in SavedSearch.objects.filter(query__contains=old):
        params = QueryDict(saved.query, mutable=True)
        for key in (facet, f"not_{facet}"):
            values = params.getlist(key)
            if old in values:
                params.setlist(key, list(dict.fromkeys(new if v == old else v for v in values)))
        query = params.urlencode()
        if query != saved.query:
            SavedSearch.objects.filter(pk=saved.pk).update(query=query)


def _slug_for(entity, name: str) -> str:
    """The entity's slug for `name`: its own when it already fits ('putin-2' for Putin), else a new one."""
    base = slugify(name)[:80] or "item"
    if re.fullmatch(re.escape(base) + r"(-\d+)?", entity.slug):
        return entity.slug
    return unique_slug(type(entity), name)


@transaction.atomic
def reject(entity) -> None:
    """Mark an entity as no entity: its mentions go, and imports never re-create it."""
    _, _, mention_model = _PARTS[type(entity)]
    kind = _PARTS[type(entity)][0]
    ids = list(mention_model.objects.filter(**{kind: entity}).values_list("article_id", flat=True))
    mention_model.objects.filter(**{kind: entity}).delete()
    entity.rejected = True
    save_recorded(entity, "rejected: not a real entity")
    schedule_index(ids)


@transaction.atomic
def merge(source, target, *, automatic: bool = False) -> Merge:
    """Merge `source` into `target`: mentions and aliases move, the source name becomes an alias.

    Returns the Merge record that undo_merge() needs.
    """
    record = _move(source, target, automatic=automatic)
    schedule_index(_changed_articles(record, target))
    return record


def _changed_articles(record: Merge, target) -> set[int]:
    """The articles whose search documents a merge changes.

    The source's articles name the target now. The target's own change only
    when the source brought a spelling that adds a word to its name ('Blaire'
    to Tony Blair; not 'Blair' or 'Mr Blair'): documents hold only those.
    """
    articles = {mention["article"] for mention in record.moved["mentions"]}
    if any(adds_words(target.name, name) for name in record.moved.get("added", [])):
        articles.update(target.articles.values_list("pk", flat=True))
    return articles


def _move(source, target, *, automatic: bool) -> Merge:
    """The rows of a merge, without reindexing: see merge()."""
    if type(source) is not type(target) or source.pk == target.pk:
        raise ValueError("merge two different entities of one kind")
    kind, alias_model, mention_model = _PARTS[type(source)]
    moved = {"mentions": [], "aliases": [], "automatic": automatic}
    for mention in mention_model.objects.filter(**{kind: source}):
        record = {"article": mention.article_id, "count": mention.count, "spelling": mention.spelling,
                  "spellings": mention.spellings}
        existing = mention_model.objects.filter(**{kind: target, "article_id": mention.article_id}).first()
        if existing:
            record["target_before"] = {"count": existing.count, "spelling": existing.spelling,
                                       "spellings": existing.spellings}
            for spelling, n in mention.spellings.items():
                existing.spellings[spelling] = existing.spellings.get(spelling, 0) + n
            existing.count += mention.count
            existing.save()
            mention.delete()
        else:
            setattr(mention, kind, target)
            mention.save()
        moved["mentions"].append(record)
    for alias in alias_model.objects.filter(**{kind: source}):
        moved["aliases"].append(alias.name)
        alias.delete()
    for name in [source.name, *moved["aliases"]]:
        if name != target.name:
            created = alias_model.objects.get_or_create(**{kind: target, "name": name})[1]
            if created:
                moved.setdefault("added", []).append(name)
    source.merged_into = target
    save_recorded(source, f"merged into {target.name}" + (" (automatically)" if automatic else ""))
    return Merge.objects.create(
        kind=kind, source_id=source.pk, target_id=target.pk, source_name=source.name, target_name=target.name,
        moved=moved,
    )


@transaction.atomic
def undo_merge(record: Merge) -> None:
    """Put a merged entity back as it was, with its mentions and aliases."""
    if record.undone:
        return
    model = Person if record.kind == "person" else Organization
    kind, alias_model, mention_model = _PARTS[model]
    source, target = model.objects.get(pk=record.source_id), model.objects.get(pk=record.target_id)
    moved = record.moved
    alias_model.objects.filter(**{kind: target, "name__in": moved.get("added", [])}).delete()
    for name in moved["aliases"]:
        alias_model.objects.get_or_create(**{kind: source, "name": name})
    for m in moved["mentions"]:
        current = mention_model.objects.filter(**{kind: target, "article_id": m["article"]}).first()
        if "target_before" in m and current:
            for field, value in m["target_before"].items():
                setattr(current, field, value)
            current.save()
            current = None
        if current:
            setattr(current, kind, source)
            for field in ("count", "spelling", "spellings"):
                setattr(current, field, m[field])
            current.save()
        else:
            mention_model.objects.get_or_create(
                **{kind: source, "article_id": m["article"]},
                defaults={"count": m["count"], "spelling": m["spelling"], "spellings": m["spellings"]},
            )
    source.merged_into = None
    save_recorded(source, f"merge into {target.name} undone")
    record.undone = timezone.now()
    record.save()
    schedule_index([*source.articles.values_list("pk", flat=True), *target.articles.values_list("pk", flat=True)])


# A lone surname goes to the person most often named with it only when they
# dominate: "Blair" in 2005 news is Tony Blair, but "Aliyev" may be Ilham or Heydar.
DOMINANCE = 3


def person_for_surname(surname: str) -> Person | None:
    """The full-named person a lone surname ("Blair") clearly stands for, or None.

    The surname must be the last word of their name as written (accents and
    case aside), and they must have no namesake with a third of their mentions.
    """
    word = fold(surname.strip())
    if not word or " " in word:
        return None
    same_surname = Person.objects.live().filter(surname_key=match_key(word)).annotate(n=Count("mentions"))
    candidates = [p for p in same_surname.order_by("-n", "pk") if " " in p.key and fold(identity.surname(p.name)) == word]
    if len(candidates) == 1 or (len(candidates) > 1 and candidates[0].n >= DOMINANCE * max(1, candidates[1].n)):
        return candidates[0]
    return None


# Who else a person's articles name tells which namesake a lone surname is: a
# "Turner" of a team sheet shares no one with a singer's reviews. With this many
# other people and organizations on each side, sharing none of them keeps the two
# apart; with fewer, there is too little to judge and dominance decides alone.
CONTEXT = 3


def _company(person: Person, surname: str) -> set[str]:
    """Who else a person's articles name: other people by surname, organizations by name."""
    articles = PersonMention.objects.filter(person=person).values("article_id")
    people = PersonMention.objects.filter(article_id__in=articles).exclude(person=person)
    company = set(people.exclude(person__surname_key=surname).values_list("person__surname_key", flat=True))
    organizations = OrganizationMention.objects.filter(article_id__in=articles)
    return company | {f"org:{key}" for key in organizations.values_list("organization__key", flat=True)}


def same_company(lone: Person, target: Person) -> bool:
    """Whether a lone surname's articles could be the target's: they share someone, or either names too few to tell."""
    surname = target.surname_key
    theirs, its = _company(lone, surname), _company(target, surname)
    return len(theirs) < CONTEXT or len(its) < CONTEXT or bool(theirs & its)


def consolidate_surnames() -> int:
    """Merge each lone-surname person into the full-named person they clearly are.

    Clearly: the only or dominant full-named person of that surname, whose
    articles do not name a wholly other company (same_company).

    Run after an import batch, when the batch's full names are known, so the
    result does not depend on the order of the files. Each merge is recorded
    as automatic and can be undone under Merges. Returns the number merged.

    The articles the merges change are reindexed once, together, however many
    lone surnames joined each survivor.
    """
    merged, changed = 0, set()
    lone = Person.objects.live().exclude(key__contains=" ").filter(mentions__isnull=False).distinct()
    with transaction.atomic():
        for person in lone:
            target = person_for_surname(person.name)
            if target is not None and same_company(person, target):
                changed |= _changed_articles(_move(person, target, automatic=True), target)
                merged += 1
        if changed:
            schedule_index(sorted(changed))
    return merged


# The review list shows this many at most: enough for a session of review; rejecting
# or merging them makes room for the next.
REVIEW_LIMIT = 300
# A single weak sign (one article only, capitals) lists nothing: most real names have one.
REVIEW_MIN_SCORE = 2


@dataclass(frozen=True)
class Suspect:
    """An entity that may be an extraction mistake, with the reasons and their summed weight."""

    pk: int
    name: str
    slug: str
    articles: int
    reasons: tuple[str, ...]
    score: int


def suspects(model, *, limit: int = REVIEW_LIMIT) -> tuple[list[Suspect], int]:
    """The live people or organizations most likely to be mistakes, most suspicious first, and how many there are.

    One query, whatever the number of entities: the signs are read from the
    names and article counts (entities/review.py).
    """
    rows = list(model.objects.live().annotate(n=Count("mentions")).values_list("pk", "name", "slug", "n"))
    others = frozenset(row[1].casefold() for row in rows)
    found = []
    for pk, name, slug, n in rows:
        if model is Person:
            reasons = review.person_reasons(name, n)
        else:
            reasons = review.organization_reasons(name, n, others)
        total = review.score(reasons)
        if total >= REVIEW_MIN_SCORE:
            reasons.sort(key=lambda r: -r.weight)  # the strongest first
            found.append(Suspect(pk, name, slug, n, tuple(r.text for r in reasons), total))
    found.sort(key=lambda s: (-s.score, s.articles, s.name.casefold(), s.pk))
    return found[:limit], len(found)
