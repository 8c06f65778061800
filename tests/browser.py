"""What every browser test shares: Playwright driving Debian's chromium against a live server with its own index."""

from __future__ import annotations

import os
import shutil
import tempfile
import unittest
from pathlib import Path

from django.contrib.staticfiles.testing import StaticLiveServerTestCase
from django.conf import settings
from django.test import override_settings

from archive.search import get_backend

# Playwright's sync API runs an event loop in this thread; Django's ORM refuses
# to run inside one unless told it is safe (the tests do not use async code).
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
SCREENS = Path("/tmp/screens")  # every run's screenshots end here, to be looked at
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}

try:
    from playwright.sync_api import expect, sync_playwright
except ImportError:  # pragma: no cover
    expect = sync_playwright = None


@unittest.skipUnless(CHROMIUM.exists(), f"{CHROMIUM} not found: browser tests skipped (apt-get install chromium)")
@unittest.skipUnless(sync_playwright, "the playwright package is not installed: browser tests skipped")
class BrowserTestCase(StaticLiveServerTestCase):
    """A live server, a search index of its own (on_commit runs for real here) and one chromium for the class."""

    @classmethod
    def setUpClass(cls):
        cls._index_dir = tempfile.mkdtemp(prefix="archive-index-")
        cls._index_settings = override_settings(
            ARCHIVE_SEARCH={"BACKEND": settings.ARCHIVE_SEARCH["BACKEND"], "PATH": cls._index_dir}
        )
        cls._index_settings.enable()
        super().setUpClass()
        cls.screens = Path(tempfile.mkdtemp(prefix="archive-screens-"))
        cls._playwright = sync_playwright().start()
        cls.browser = cls._playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)

    @classmethod
    def tearDownClass(cls):
        cls.browser.close()
        cls._playwright.stop()
        super().tearDownClass()
        cls._index_settings.disable()
        shutil.rmtree(cls._index_dir, ignore_errors=True)
        SCREENS.mkdir(exist_ok=True)
        for shot in cls.screens.glob("*.png"):
            shutil.copy(shot, SCREENS / shot.name)
        shutil.rmtree(cls.screens, ignore_errors=True)

    def setUp(self):
        get_backend().clear()  # the database is emptied after each test; the index must follow

    def new_page(self, viewport: dict = DESKTOP, **options):
        """A page of its own context (cookies apart), closed after the test; any dialog is a failure to report."""
        context = self.browser.new_context(viewport=viewport, **options)
        self.addCleanup(context.close)
        page = context.new_page()
        page.on("dialog", lambda dialog: (self.dialogs.append(dialog.message), dialog.dismiss()))
        self.dialogs = getattr(self, "dialogs", [])
        return page

    def screenshot(self, page, name: str, *, full_page: bool = True):
        page.screenshot(path=str(self.screens / f"{name}.png"), full_page=full_page)

    def assert_no_sideways_scroll(self, page):
        width = page.viewport_size["width"]
        self.assertLessEqual(page.evaluate("document.documentElement.scrollWidth"), width, "nothing sticks out sideways")
