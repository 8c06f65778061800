"""Staff's corrections of grouping: a copy split off its story, stories joined into one.

Each moved article is marked `story_curated`, so that neither an import nor a
reprocess moves it again, and the move is recorded in its edit history.
"""

from __future__ import annotations

from django.db import transaction

from archive.history import save_recorded
from archive.models import Article, Story
from archive.search.sync import schedule_index


def split_off(article: Article) -> Story:
    """Give the article a story of its own: it is not a copy of the others."""
    with transaction.atomic():
        left = article.story_id
        article.story = Story.objects.create()
        article.story_curated = True
        save_recorded(article, f"split off story {left} by hand" if left else "given a story of its own by hand")
        _drop_if_empty(left)
        schedule_index([article.pk])
    return article.story


def join(articles: list[Article]) -> Story:
    """Make the stories of these articles one: that of the earliest article."""
    if not articles:
        raise ValueError("no articles to join")
    with transaction.atomic():
        stories = {a.story_id for a in articles if a.story_id}
        moved = Article.objects.filter(story__in=stories) | Article.objects.filter(pk__in=[a.pk for a in articles])
        moved = list(moved.distinct().order_by("published", "created", "pk"))
        earliest = next((a for a in moved if a.published), moved[0])
        target = earliest.story or Story.objects.create()
        for article in moved:
            if article.story_id != target.pk or not article.story_curated:
                before = article.story_id
                article.story = target
                article.story_curated = True
                save_recorded(article, f"joined to story {target.pk} by hand" + (f" (was {before})" if before else ""))
        for story in stories - {target.pk}:
            _drop_if_empty(story)
        schedule_index([a.pk for a in moved])
    return target


def _drop_if_empty(story_id: int | None) -> None:
    if story_id and not Article.objects.filter(story=story_id).exists():
        Story.objects.filter(pk=story_id).delete()
