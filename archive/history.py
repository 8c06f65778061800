"""The edit history (django-simple-history): what staff and the rules changed, never what an import created.

An import saves without a history row (it would cost every import a row per
article, person and organization). The first time anything changes afterwards,
the object's state before it is recorded first, "as imported", so each change
is shown against what it replaced.
"""

from __future__ import annotations


def save_unrecorded(obj) -> None:
    """Save a new object as an import does: no history row."""
    obj.save_without_historical_record()


def record_baseline(obj) -> None:
    """Before the first recorded change: the object as stored now, dated when it was stored."""
    model = type(obj)
    if obj.pk is None or model.history.filter(**{model._meta.pk.attname: obj.pk}).exists():
        return
    stored = model.objects.get(pk=obj.pk)
    records = model.history.bulk_history_create([stored], default_change_reason="as imported",
                                                default_date=getattr(stored, "created", None))
    # Made by the import, not by whoever is changing it now (the library would name them).
    model.history.filter(history_id__in=[r.history_id for r in records]).update(history_user=None)


def save_recorded(obj, reason: str) -> None:
    """Save a change to an existing object, recorded with who made it (the request's user) and why."""
    record_baseline(obj)
    obj._change_reason = reason
    obj.save()
