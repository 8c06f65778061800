"""Search: one backend at a time, chosen by settings.ARCHIVE_SEARCH["BACKEND"]."""

from __future__ import annotations

from functools import lru_cache

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import import_string

from .base import SearchBackend


@lru_cache(maxsize=None)
def _load(path: str, options: tuple) -> SearchBackend:
    try:
        backend_class = import_string(path)
    except ImportError as exc:
        raise ImproperlyConfigured(f"ARCHIVE_SEARCH BACKEND {path!r} cannot be imported: {exc}") from exc
    return backend_class(**dict(options))


def get_backend() -> SearchBackend:
    """The configured search backend, one instance per process and settings."""
    config = dict(settings.ARCHIVE_SEARCH)
    path = config.pop("BACKEND")
    return _load(path, tuple(sorted((k.lower(), str(v)) for k, v in config.items())))
