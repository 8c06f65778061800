"""The production settings as they run: gunicorn behind a TLS proxy, through real HTTP."""

from __future__ import annotations

import http.client
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import unittest
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PUBLIC = "archive.example.org"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class BehindAProxyTests(unittest.TestCase):
    """gunicorn with `prod` settings, asked as nginx would ask it: Host and X-Forwarded-Proto set."""

    @classmethod
    def setUpClass(cls):
        cls.data = Path(tempfile.mkdtemp(prefix="archive-prod-"))
        cls.port = _free_port()
        cls.env = {
            **{k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "ARCHIVE_", "DATABASE_URL"))},
            "DJANGO_SETTINGS_MODULE": "newsarchive.settings.prod",
            "DJANGO_SECRET_KEY": "a-test-secret-that-is-long-enough-for-check-deploy-0123456789abcdef",
            "DJANGO_ALLOWED_HOSTS": f"{PUBLIC},127.0.0.1",
            "ARCHIVE_DATA_DIR": str(cls.data),
            "ARCHIVE_ADMIN_USER": "editor",
            "ARCHIVE_ADMIN_PASSWORD": "a long enough password 42",
        }
        python = sys.executable
        for command in (["migrate", "--noinput"], ["collectstatic", "--noinput"], ["ensure_admin"]):
            subprocess.run([python, "manage.py", *command], cwd=ROOT, env=cls.env, check=True, capture_output=True)
        gunicorn = Path(python).with_name("gunicorn")
        cls.server = subprocess.Popen(
            [str(gunicorn), "newsarchive.wsgi", "--workers", "1", "--bind", f"127.0.0.1:{cls.port}"],
            cwd=ROOT, env=cls.env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", cls.port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.2)
        else:
            raise RuntimeError("gunicorn did not start")

    @classmethod
    def tearDownClass(cls):
        cls.server.terminate()
        cls.server.wait(10)
        cls.server.stderr.close()
        shutil.rmtree(cls.data, ignore_errors=True)

    def request(self, method: str, path: str, *, https: bool = True, headers=None, body: str | None = None):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        sent = {"Host": PUBLIC, **({"X-Forwarded-Proto": "https"} if https else {}), **(headers or {})}
        connection.request(method, path, body=body, headers=sent)
        response = connection.getresponse()
        content = response.read().decode("utf-8", "replace")
        connection.close()
        return response, content

    def test_a_request_that_reached_the_proxy_over_https_is_answered(self):
        response, content = self.request("GET", "/")
        self.assertEqual(response.status, 200)
        self.assertIn("max-age=", response.getheader("Strict-Transport-Security", ""))

    def test_a_plain_http_request_is_sent_to_https_once(self):
        response, _ = self.request("GET", "/?q=harbour", https=False)
        self.assertEqual(response.status, 301)
        self.assertEqual(response.getheader("Location"), f"https://{PUBLIC}/?q=harbour")

    def test_an_admin_login_posted_from_the_public_origin_succeeds(self):
        # Whether the proxy passes the public Host on or asks for its upstream address.
        for host in (PUBLIC, "127.0.0.1"):
            with self.subTest(host=host):
                response, content = self.request("GET", "/admin/login/", headers={"Host": host})
                self.assertEqual(response.status, 200)
                cookie = re.search(r"csrftoken=([^;]+)", response.getheader("Set-Cookie")).group(1)
                token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', content).group(1)
                form = f"csrfmiddlewaretoken={token}&username=editor&password=a+long+enough+password+42&next=/admin/"
                response, content = self.request("POST", "/admin/login/", body=form, headers={
                    "Host": host, "Origin": f"https://{PUBLIC}", "Referer": f"https://{PUBLIC}/admin/login/",
                    "Cookie": f"csrftoken={cookie}", "Content-Type": "application/x-www-form-urlencoded",
                })
                self.assertEqual(response.status, 302, content[:500])
                self.assertEqual(response.getheader("Location"), "/admin/")
                self.assertIn("sessionid=", response.getheader("Set-Cookie"))

    def test_a_post_from_another_origin_is_refused(self):
        response, _ = self.request("POST", "/admin/login/", body="username=editor", headers={
            "Origin": "https://elsewhere.example.com", "Content-Type": "application/x-www-form-urlencoded",
        })
        self.assertEqual(response.status, 403)

    def test_pages_that_do_not_exist_get_the_archives_own_404(self):
        response, content = self.request("GET", "/articles/999999/")
        self.assertEqual(response.status, 404)
        self.assertIn("News Archive", content)
        self.assertNotIn("URLconf", content)

    def test_check_deploy_is_clean(self):
        result = subprocess.run([sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
                                cwd=ROOT, env=self.env, capture_output=True, text=True)
        self.assertEqual(result.returncode, 0, result.stderr + result.stdout)
