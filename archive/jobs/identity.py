"""Who this process is, to the jobs it takes and the heartbeats it writes."""

import os
import socket

from django.utils.crypto import get_random_string

_TOKEN = get_random_string(8)


def worker_id() -> str:
    """Unique per process (a forked child gets its own pid, hence its own id)."""
    return f"{socket.gethostname()[:40]}:{os.getpid()}:{_TOKEN}"
