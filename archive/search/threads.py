"""Jobs run at once in a pool of threads, for engines that let go of Python's lock while they work.

One pool per process: threads do not survive a fork, so a child (a gunicorn worker) makes
its own the first time it asks.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

THREADS = min(4, os.cpu_count() or 1)
_pool: tuple[int, ThreadPoolExecutor] | None = None
_pool_lock = threading.Lock()


def at_once(jobs: dict[object, Callable[[], object]]) -> dict:
    """Each job's result by its key, the jobs run in threads at once (in this thread when one would do)."""
    global _pool
    if THREADS == 1 or len(jobs) == 1:
        return {key: job() for key, job in jobs.items()}
    with _pool_lock:
        if _pool is None or _pool[0] != os.getpid():
            _pool = (os.getpid(), ThreadPoolExecutor(THREADS, thread_name_prefix="search-count"))
        pool = _pool[1]
    futures = {key: pool.submit(job) for key, job in jobs.items()}
    return {key: future.result() for key, future in futures.items()}
