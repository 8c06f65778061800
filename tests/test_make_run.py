"""`make run` as a user runs it: on the port asked for, without Django's debug pages."""

from __future__ import annotations

import http.client
import os
import shutil
import signal
import subprocess
import tempfile
import time
import unittest
from pathlib import Path

from .test_production import _free_port

ROOT = Path(__file__).resolve().parents[1]


@unittest.skipUnless(shutil.which("make"), "make is not installed")
class MakeRunTests(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.data = Path(tempfile.mkdtemp(prefix="archive-run-"))
        cls.port = _free_port()
        env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "ARCHIVE_", "DATABASE_URL"))}
        env.update(ARCHIVE_DATA_DIR=str(cls.data), ARCHIVE_ADMIN_PASSWORD="a long enough password 42")
        cls.log = (cls.data / "make-run.log").open("w+")
        cls.make = subprocess.Popen(["make", "run", f"PORT={cls.port}"], cwd=ROOT, env=env, stdout=cls.log,
                                    stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline and cls.make.poll() is None:
            try:
                cls.get("/")
                return
            except OSError:
                time.sleep(0.5)
        cls.tearDownClass()
        raise RuntimeError("make run did not serve")

    @classmethod
    def tearDownClass(cls):
        if cls.make.poll() is None:
            os.killpg(cls.make.pid, signal.SIGINT)
            try:
                cls.make.wait(20)
            except subprocess.TimeoutExpired:
                os.killpg(cls.make.pid, signal.SIGKILL)
                cls.make.wait()
        cls.log.close()
        shutil.rmtree(cls.data, ignore_errors=True)

    @classmethod
    def get(cls, path: str):
        connection = http.client.HTTPConnection("127.0.0.1", cls.port, timeout=30)
        connection.request("GET", path)
        response = connection.getresponse()
        content = response.read().decode("utf-8", "replace")
        connection.close()
        return response, content

    def test_it_serves_the_archive_on_the_port_asked_for(self):
        response, content = self.get("/")
        self.assertEqual(response.status, 200)
        self.assertIn("News Archive", content)
        self.log.seek(0)
        self.assertIn(f"News Archive on http://127.0.0.1:{self.port}", self.log.read())

    def test_errors_show_the_archives_pages_not_djangos_debug_pages(self):
        for path in ("/?page=99", "/articles/999999/", "/no-such-page/"):
            with self.subTest(path=path):
                response, content = self.get(path)
                self.assertEqual(response.status, 404)
                self.assertIn("Search the archive", content)
                for secret in ("URLconf", "DEBUG = True", "SECRET_KEY", "Traceback"):
                    self.assertNotIn(secret, content)

    def test_the_admin_keeps_its_styles(self):
        response, content = self.get("/static/admin/css/base.css")
        self.assertEqual(response.status, 200)
        self.assertIn("body", content)
