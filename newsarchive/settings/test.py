"""Test settings: every test run keeps its data in a fresh temp dir."""

import atexit
import shutil
import tempfile
from pathlib import Path

from .base import *  # noqa: F403

ARCHIVE_DATA_DIR = Path(tempfile.mkdtemp(prefix="archive-test-"))
atexit.register(shutil.rmtree, ARCHIVE_DATA_DIR, ignore_errors=True)
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):  # noqa: F405
    DATABASES["default"]["NAME"] = ARCHIVE_DATA_DIR / "archive.sqlite3"  # noqa: F405
    # A file, not Django's shared in-memory database: concurrency tests need real
    # SQLite locking (shared-cache memory databases fail with "table is locked").
    DATABASES["default"]["TEST"] = {"NAME": ARCHIVE_DATA_DIR / "test.sqlite3"}  # noqa: F405
SECRET_KEY = "test-only-key"
DEBUG = False
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
ARCHIVE_SEARCH = {**ARCHIVE_SEARCH, "PATH": ARCHIVE_DATA_DIR / "index"}  # noqa: F405
# The test run's own: WhiteNoise warns on every request when its directory is missing.
STATIC_ROOT = ARCHIVE_DATA_DIR / "static"
STATIC_ROOT.mkdir()
