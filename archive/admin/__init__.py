"""The archive's admin pages, a module for each part; importing them registers them."""

from archive.admin import articles, entities, saved_searches  # noqa: F401
from archive.jobs import admin as jobs  # noqa: F401  (the import jobs' pages)
