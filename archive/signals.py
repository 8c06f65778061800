from __future__ import annotations

from .search.sync import schedule_remove


def remove_from_index(sender, instance, **kwargs) -> None:
    schedule_remove([instance.pk])


def drop_empty_story(sender, instance, **kwargs) -> None:
    """A story whose last copy is deleted goes with it."""
    from .models import Article, Story

    if instance.story_id and not Article.objects.filter(story=instance.story_id).exists():
        Story.objects.filter(pk=instance.story_id).delete()
