from ..factories import IndexedTestCase
from .contract import SearchBackendContract


class TantivyBackendTests(SearchBackendContract, IndexedTestCase):
    search_backend = "archive.search.tantivy.TantivyBackend"
