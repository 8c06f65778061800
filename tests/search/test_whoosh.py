from ..factories import IndexedTestCase
from .contract import SearchBackendContract


class WhooshBackendTests(SearchBackendContract, IndexedTestCase):
    pass
