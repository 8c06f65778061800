"""Settings shared by every environment; each value can come from the environment.

Django's own settings are read from DJANGO_* variables, ours from ARCHIVE_* ones.
"""

from __future__ import annotations

import os
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in ("1", "true", "yes", "on"):
        return True
    if value.lower() in ("0", "false", "no", "off"):
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}")


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if value is None:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}") from None


# Everything the archive keeps lives in one folder: the database, the stored
# originals and (later) the search index. One folder to back up.
ARCHIVE_DATA_DIR = Path(os.environ.get("ARCHIVE_DATA_DIR") or BASE_DIR / "var").resolve()
ARCHIVE_DATA_DIR.mkdir(parents=True, exist_ok=True)

# Uploads larger than this (per file, and per decompressed zip entry) are refused.
ARCHIVE_MAX_UPLOAD_BYTES = env_int("ARCHIVE_MAX_UPLOAD_BYTES", 50 * 1024 * 1024)
ARCHIVE_MAX_ARTICLE_BYTES = env_int("ARCHIVE_MAX_ARTICLE_BYTES", 5 * 1024 * 1024)
ARCHIVE_MAX_ZIP_ENTRIES = env_int("ARCHIVE_MAX_ZIP_ENTRIES", 20_000)
ARCHIVE_MAX_COMPRESSION_RATIO = env_int("ARCHIVE_MAX_COMPRESSION_RATIO", 100)
# A single file or pasted text up to this size is imported in the request; a
# longer one becomes an import job (about 4 s of entity extraction per 100 KB).
ARCHIVE_INLINE_IMPORT_BYTES = env_int("ARCHIVE_INLINE_IMPORT_BYTES", 100_000)

# Big uploads become import jobs run by `manage.py db_worker` (Django's tasks API,
# django-tasks with the database backend: no server beyond the database).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# A worker proves it is alive this often; a job whose worker has been silent for
# ARCHIVE_JOB_STALE_SECONDS is taken back and resumed by another worker.
ARCHIVE_WORKER_HEARTBEAT_SECONDS = env_int("ARCHIVE_WORKER_HEARTBEAT_SECONDS", 5)
ARCHIVE_JOB_STALE_SECONDS = env_int("ARCHIVE_JOB_STALE_SECONDS", 60)
# The edit history (django-simple-history) of articles' metadata and of curation.
# Off only to measure what it costs (bench/history_overhead.py).
SIMPLE_HISTORY_ENABLED = env_bool("ARCHIVE_EDIT_HISTORY", True)

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
DEBUG = env_bool("DJANGO_DEBUG", False)
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    # Before django_tasks_db: archive's db_worker (theirs plus heartbeats and
    # resuming stalled import jobs) takes the command's name.
    "archive",
    "simple_history",
    "django_tasks",
    "django_tasks_db",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Serves /static/ (the admin's CSS and scripts) from a real WSGI server too.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Records who made each change that the edit history keeps.
    "simple_history.middleware.HistoryRequestMiddleware",
]

ROOT_URLCONF = "newsarchive.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

WSGI_APPLICATION = "newsarchive.wsgi.application"

# Imports, workers and the web server write at the same time: wait for the
# lock rather than fail, take it when a transaction starts (no deadlock when a
# reader turns writer), and let readers go on while one writes (WAL).
# https://docs.djangoproject.com/en/5.2/ref/databases/#sqlite-notes
SQLITE_OPTIONS = {
    "timeout": 30,
    "transaction_mode": "IMMEDIATE",
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
}
DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": ARCHIVE_DATA_DIR / "archive.sqlite3",
        "OPTIONS": SQLITE_OPTIONS,
    }
}

# PostgreSQL is the scale-up path: DATABASE_URL=postgres://user@host/db switches to it.
DATABASE_URL = os.environ.get("DATABASE_URL", "")
if DATABASE_URL:
    import dj_database_url

    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60, conn_health_checks=True)}
    if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
        DATABASES["default"]["OPTIONS"] = SQLITE_OPTIONS

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = ARCHIVE_DATA_DIR / "static"

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
LOGIN_URL = "admin:login"

# An admin upload may carry many files at once (a folder's worth).
DATA_UPLOAD_MAX_NUMBER_FILES = env_int("ARCHIVE_MAX_UPLOAD_FILES", 5000)
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# A pasted article up to the upload limit reaches the upload form, which says
# when it is over the article limit: refused earlier, the request would end in a
# bare 400 and, behind gunicorn, a connection reset mid-upload. Beyond it the
# proxy's own body limit answers (client_max_body_size in the README's nginx).
DATA_UPLOAD_MAX_MEMORY_SIZE = ARCHIVE_MAX_UPLOAD_BYTES + 1024 * 1024

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {"archive": {"handlers": ["console"], "level": os.environ.get("ARCHIVE_LOG_LEVEL", "WARNING")}},
}

# tantivy with SQLite; PostgreSQL's own full text with PostgreSQL, unless
# ARCHIVE_SEARCH_BACKEND says otherwise (archive.search.whoosh.WhooshBackend, the
# embedded default before tantivy, stays selectable).
_ON_POSTGRES = DATABASES["default"]["ENGINE"].endswith("postgresql")
ARCHIVE_SEARCH = {
    "BACKEND": os.environ.get("ARCHIVE_SEARCH_BACKEND")
    or ("archive.search.postgres.PostgresBackend" if _ON_POSTGRES else "archive.search.tantivy.TantivyBackend"),
    "PATH": ARCHIVE_DATA_DIR / "index",  # Whoosh's; tantivy's in its "tantivy" folder
}
