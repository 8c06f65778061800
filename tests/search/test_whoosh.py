from ..factories import IndexedTestCase
from .contract import SearchBackendContract


class WhooshBackendTests(SearchBackendContract, IndexedTestCase):
    search_backend = "archive.search.whoosh.WhooshBackend"
