import unittest

from django.db import connection

from ..factories import IndexedTestCase
from .contract import SearchBackendContract


@unittest.skipUnless(connection.vendor == "postgresql", "PostgreSQL backend tests need DATABASE_URL=postgres://...")
class PostgresBackendTests(SearchBackendContract, IndexedTestCase):
    search_backend = "archive.search.postgres.PostgresBackend"
