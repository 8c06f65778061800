from __future__ import annotations

from .search.sync import schedule_remove


def remove_from_index(sender, instance, **kwargs) -> None:
    schedule_remove([instance.pk])
