"""The other copies of the stories a page of hits shows."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, F, Window
from django.db.models.functions import RowNumber

from archive.models import Article

# Copies listed per story: a wire story may have hundreds; the count says how many in all.
LISTED = 50


@dataclass(frozen=True)
class Copies:
    listed: list[Article] = field(default_factory=list)  # the earliest first, at most LISTED
    total: int = 0  # all the other copies


def other_copies(hits, listed: int = LISTED) -> dict[int, Copies]:
    """For each hit, the other articles of its story, the earliest first."""
    stories = {hit.story for hit in hits if hit.story}
    if not stories:
        return {hit.id: Copies() for hit in hits}
    order = [F("published").asc(nulls_last=True), "created", "pk"]
    rows = (
        Article.objects.filter(story__in=stories).select_related("outlet")
        .only("pk", "title", "url", "published", "created", "story_id", "outlet__name", "outlet__slug")
        .annotate(place=Window(RowNumber(), partition_by=F("story"), order_by=order))
        .filter(place__lte=listed + 1)  # one more: the hit itself may be among them
        .order_by("story", "place")
    )  # fmt: skip
    by_story: dict[int, list[Article]] = defaultdict(list)
    for article in rows:
        by_story[article.story_id].append(article)
    sizes = dict(Article.objects.filter(story__in=stories).values("story").annotate(n=Count("pk"))
                 .values_list("story", "n"))  # fmt: skip
    result = {}
    for hit in hits:
        others = [a for a in by_story.get(hit.story, []) if a.pk != hit.id][:listed]
        result[hit.id] = Copies(others, max(0, sizes.get(hit.story, 1) - 1))
    return result


def outlets_line(copies: Copies, shown: int = 2) -> tuple[list[Article], int]:
    """The copies to name ("also reported by X, Y") and how many more there are: one per outlet first."""
    seen, first, rest = set(), [], []
    for article in copies.listed:
        key = article.outlet_id or -article.pk
        (rest if key in seen else first).append(article)
        seen.add(key)
    named = (first + rest)[:shown]
    return named, copies.total - len(named)
