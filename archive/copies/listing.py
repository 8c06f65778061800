"""The other copies of the stories a page of hits shows."""

from __future__ import annotations

from collections import defaultdict

from django.db.models import F

from archive.models import Article


def other_copies(hits) -> dict[int, list[Article]]:
    """For each hit, the other articles of its story, the earliest first."""
    stories = {hit.story for hit in hits if hit.story}
    by_story: dict[int, list[Article]] = defaultdict(list)
    rows = (
        Article.objects.filter(story__in=stories).select_related("outlet")
        .only("pk", "title", "url", "published", "created", "story_id", "outlet__name", "outlet__slug")
        .order_by(F("published").asc(nulls_last=True), "created", "pk")
    )  # fmt: skip
    for article in rows:
        by_story[article.story_id].append(article)
    return {hit.id: [a for a in by_story.get(hit.story, []) if a.pk != hit.id] for hit in hits}


def outlets_line(copies: list[Article], shown: int = 2) -> tuple[list[Article], int]:
    """The copies to name ("also reported by X, Y") and how many more there are: one per outlet first."""
    seen, first, rest = set(), [], []
    for article in copies:
        key = article.outlet_id or -article.pk
        (rest if key in seen else first).append(article)
        seen.add(key)
    ordered = first + rest
    return ordered[:shown], max(0, len(ordered) - shown)
