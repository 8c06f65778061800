"""An editor uploads the whole BBC corpus as one zip in a real browser and watches the job finish."""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import unittest
import zipfile
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.staticfiles.testing import StaticLiveServerTestCase
from django.test import override_settings

from archive.models import Article, ImportJob

from .browser import CHROMIUM, CHROMIUM_ARGS, SCREENS, sync_playwright
from .factories import SHARED
from .test_processes import ROOT, database_url

BBC = SHARED / "corpus" / "bbc"

if sync_playwright is not None:
    from playwright.sync_api import expect


@unittest.skipUnless(CHROMIUM.exists(), f"{CHROMIUM} not found: browser tests skipped (apt-get install chromium)")
@unittest.skipUnless(sync_playwright, "the playwright package is not installed: browser tests skipped")
@unittest.skipUnless(BBC.is_dir(), f"{BBC} not found: the BBC upload test needs ../shared beside the project")
class BigUploadInBrowserTests(StaticLiveServerTestCase):
    def setUp(self):
        self.tmp = Path(tempfile.mkdtemp(prefix="archive-bbc-upload-"))
        self.addCleanup(shutil.rmtree, self.tmp, ignore_errors=True)
        data = self.tmp / "data"
        changed = override_settings(ARCHIVE_DATA_DIR=data,
                                    ARCHIVE_SEARCH={**settings.ARCHIVE_SEARCH, "PATH": data / "index"})
        changed.enable()
        self.addCleanup(changed.disable)
        self.zip_path = self.tmp / "bbc.zip"
        with zipfile.ZipFile(self.zip_path, "w", zipfile.ZIP_DEFLATED) as archive:
            for path in sorted(BBC.glob("*/*.txt")):
                archive.write(path, path.relative_to(BBC).as_posix())
        get_user_model().objects.create_superuser("editor", "", "pw")
        env = {**os.environ, "DJANGO_SETTINGS_MODULE": "newsarchive.settings.dev", "DATABASE_URL": database_url(),
               "ARCHIVE_DATA_DIR": str(data), "ARCHIVE_SEARCH_BACKEND": settings.ARCHIVE_SEARCH["BACKEND"]}
        self.log = self.tmp / "worker.log"
        with open(self.log, "w") as log:
            self.worker = subprocess.Popen(
                [sys.executable, "manage.py", "db_worker", "--no-reload", "--no-startup-delay", "--interval", "0.5"],
                cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
            )
        self.addCleanup(self.stop_worker)
        self.playwright = sync_playwright().start()
        self.addCleanup(self.playwright.stop)
        self.browser = self.playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        self.addCleanup(self.browser.close)
        self.page = self.browser.new_page(viewport={"width": 1280, "height": 1000})

    def stop_worker(self):
        if self.worker.poll() is None:
            os.killpg(self.worker.pid, signal.SIGTERM)
            try:
                self.worker.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.worker.pid, signal.SIGKILL)
                self.worker.wait()

    def shoot(self, name: str):
        SCREENS.mkdir(exist_ok=True)
        self.page.screenshot(path=str(SCREENS / f"{name}.png"), full_page=False)

    def number(self, selector: str) -> int:
        return int(self.page.locator(selector).inner_text())

    def test_an_editor_uploads_the_bbc_zip_and_watches_it_import(self):
        try:
            self.upload_and_watch()
        except BaseException:
            # The worker's log dies with the temp dir: show its end, to tell why.
            sys.stderr.write(f"\n--- end of the worker's log ---\n{self.log.read_text(errors='replace')[-6000:]}\n")
            raise

    def upload_and_watch(self):
        page = self.page
        page.goto(self.live_server_url + "/admin/archive/article/upload/")
        page.fill("#id_username", "editor")
        page.fill("#id_password", "pw")
        page.click("input[type=submit]")
        page.wait_for_url("**/admin/archive/article/upload/")
        page.set_input_files("#id_files", str(self.zip_path))
        started = time.monotonic()
        page.click("#upload-form input[type=submit]")
        page.wait_for_url(re.compile(r".*/admin/archive/importjob/\d+/change/$"))
        answered = time.monotonic() - started
        self.assertLess(answered, 20, "the page answers at once, before the import")
        job = ImportJob.objects.get()
        self.assertNotEqual(job.state, "done")

        # The numbers move while the editor watches, without a reload.
        expect(page.locator("#job-state")).to_have_text("Running", timeout=60_000)
        page.wait_for_function("Number(document.getElementById('job-done').textContent) > 20", timeout=120_000)
        first = self.number("#job-done")
        expect(page.locator("#no-worker")).to_be_hidden()  # a worker runs: no warning
        expect(page.locator("#job-eta")).to_have_text(re.compile(r"^about \d+ (min|s|h)"))
        self.shoot("9-job-running")
        page.wait_for_function(f"Number(document.getElementById('job-done').textContent) > {first + 50}",
                               timeout=120_000)
        self.assertGreater(self.number("#job-done"), first)
        self.assertEqual(self.number("#job-total"), 2225)

        expect(page.locator("#job-state")).to_have_text("Done", timeout=600_000)
        self.shoot("10-job-done")
        self.assertEqual(self.number("#count-imported"), 2127, self.log.read_text()[-3000:])
        self.assertEqual(self.number("#count-duplicate"), 98)
        self.assertEqual(self.number("#count-rejected"), 0)
        self.assertEqual(self.number("#job-done"), 2225)
        self.assertEqual(Article.objects.count(), 2127)
        expect(page.locator("#imported-rows tr")).to_have_count(50)
        # An imported article's link opens it as readers see it (a small "edit" link beside leads to the admin).
        page.locator("#imported-rows a").first.click()
        expect(page.locator("main h1").first).to_be_visible()
