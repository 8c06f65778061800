"""An engine's index folder (Whoosh, tantivy): one writer at a time, and the stamp of the schema it was written with."""

from __future__ import annotations

import fcntl
import os
import threading
import weakref
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path

from .base import SearchError

LOCK_FILE = "write.lock"
STAMP_FILE = "schema-version"


class WriteLock:
    """A thread lock for one index's writer; with `across_forks`, also held while the process forks,
    so that no child starts with a writer's files open (os.register_at_fork below)."""

    def __init__(self, *, across_forks: bool = False):
        self._lock = threading.Lock()
        if across_forks:
            _ACROSS_FORKS.add(self)

    def acquire(self) -> None:
        self._lock.acquire()

    def release(self) -> None:
        self._lock.release()

    def __enter__(self):
        self._lock.acquire()
        return self

    def __exit__(self, *exc) -> None:
        self._lock.release()


_ACROSS_FORKS: weakref.WeakSet = weakref.WeakSet()
_held: list[WriteLock] = []


def _before_fork() -> None:
    _held[:] = sorted(_ACROSS_FORKS, key=id)  # one order for every fork: no two forks wait on each other
    for lock in _held:
        lock.acquire()


def _after_fork() -> None:
    for lock in _held:
        lock.release()
    _held.clear()


os.register_at_fork(before=_before_fork, after_in_parent=_after_fork, after_in_child=_after_fork)


@contextmanager
def exclusive(folder: Path, thread_lock: threading.Lock | WriteLock):
    """Hold the folder for writing: across threads (`thread_lock`) and processes (flock on LOCK_FILE).

    Both engines refuse a second writer instead of waiting for it (Whoosh's
    LockError, tantivy's LockBusy); every writer waits its turn here instead.
    """
    folder.mkdir(parents=True, exist_ok=True)
    with thread_lock, open(folder / LOCK_FILE, "a") as lockfile:
        fcntl.flock(lockfile, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lockfile, fcntl.LOCK_UN)


def open_stamped(folder: Path, version: str, *, exclusive: Callable, create: Callable[[], bool], open_index: Callable):
    """Open the index in `folder` if its stamp says `version`, creating it first when it has no stamp.

    `create()` makes an empty index and says whether it did: False for an index
    already there without a stamp, from before stamps. The stamp is checked again
    under the writer lock (`exclusive()`): another process may be between
    creating the index and stamping it.
    """
    stamp = folder / STAMP_FILE
    if not stamp.exists():
        with exclusive():
            if not stamp.exists() and create():
                stamp.write_text(version)
    if not stamp.exists() or stamp.read_text().strip() != version:
        raise SearchError("The search index is from an older version: run `manage.py rebuild_index`.")
    return open_index()


def is_stamped(folder: Path, version: str) -> bool:
    stamp = folder / STAMP_FILE
    return stamp.exists() and stamp.read_text().strip() == version
