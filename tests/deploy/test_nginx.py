"""The nginx config in deploy/nginx/: valid for nginx, and caching exactly what the app allows.

The behaviour tests run the stack's rendering of the template (deploy/stack.py) in front of a small
upstream that answers like the app, so they check the very rules production and the stack use.
"""

import http.client
import http.server
import re
import shutil
import subprocess
import tempfile
import threading
from pathlib import Path
from unittest import skipUnless

from django.conf import settings
from django.test import SimpleTestCase

from deploy import nginx_conf
from deploy.stack import DEFAULT_PORTS, Stack
from tests.postgres import free_port

NGINX = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)
OPENSSL = shutil.which("openssl")
needs_nginx = skipUnless(NGINX, "nginx is not installed (apt-get install nginx libnginx-mod-http-cache-purge)")


def scratch_dir():
    """A temporary directory nginx's workers (nobody, when the tests run as root) can go through."""
    path = Path(tempfile.mkdtemp(prefix="newsroom-nginx-test-"))
    path.chmod(0o755)
    return path


def nginx_test(conf, prefix):
    return subprocess.run(
        [NGINX, "-t", "-p", str(prefix), "-c", str(conf), "-e", "stderr"], capture_output=True, text=True
    )


class TemplateTests(SimpleTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.template = nginx_conf.SITE_TEMPLATE.read_text()

    def directive(self, name):
        lines = [line.strip() for line in self.template.splitlines() if line.strip().startswith(name + " ")]
        self.assertEqual(len(lines), 1, f"one {name} directive")
        return lines[0]

    def test_the_bypass_cookies_are_the_apps(self):
        for name in ("proxy_cache_bypass", "proxy_no_cache"):
            cookies = re.findall(r"\$cookie_(\w+)", self.directive(name))
            self.assertEqual(sorted(cookies), sorted(settings.PAGE_CACHE_BYPASS_COOKIES), name)

    def test_addresses_with_a_query_string_are_left_to_the_apps_cache(self):
        for name in ("proxy_cache_bypass", "proxy_no_cache"):
            self.assertIn("$args", self.directive(name))

    def test_pages_are_purged_under_the_key_they_are_cached_under(self):
        """One key a page: the site's host name and the decoded, normalised path (config.caching.keys)."""
        key = re.search(r'"([^"]+)"', self.directive("proxy_cache_key")).group(1)
        self.assertEqual(key, "@{server_name}$uri")
        self.assertTrue(self.directive("proxy_cache_purge").endswith(f'"{key}";'))

    def test_other_host_names_are_left_to_the_app(self):
        for name in ("proxy_cache_bypass", "proxy_no_cache"):
            self.assertIn("$newsroom_other_host", self.directive(name))


@needs_nginx
class ConfigIsValidTests(SimpleTestCase):
    def setUp(self):
        self.workdir = scratch_dir()
        self.addCleanup(shutil.rmtree, self.workdir, ignore_errors=True)

    def test_the_stack_config(self):
        ports = {name: free_port() for name in DEFAULT_PORTS}
        conf = Stack(self.workdir, ports=ports).render_nginx()
        result = nginx_test(conf, self.workdir)
        self.assertEqual(result.returncode, 0, result.stderr)

    @skipUnless(OPENSSL, "openssl is not installed (needed for a test certificate)")
    def test_the_production_config(self):
        certificate, key = self.workdir / "cert.pem", self.workdir / "key.pem"
        subprocess.run(
            [OPENSSL, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=news.example.org"]
            + ["-keyout", str(key), "-out", str(certificate)],
            check=True,
            capture_output=True,
        )
        site = self.workdir / "newsroom.conf"
        site.write_text(
            nginx_conf.render_production(
                server_name="news.example.org",
                upstreams=["10.0.0.11:8000", "10.0.0.12:8000"],
                tls_certificate=certificate,
                tls_key=key,
                cache_dir=self.workdir / "cache",
                static_root="/srv/newsroom/static",
                media_root="/srv/newsroom/media",
                purge_listen="127.0.0.1:8091",
                purge_allow=["127.0.0.1", "10.0.0.0/24"],
            )
        )
        (self.workdir / "nginx-temp").mkdir()
        conf = self.workdir / "nginx.conf"
        conf.write_text(nginx_conf.render_stack_main(state_dir=self.workdir, site_conf=site, access_log=False))
        result = nginx_test(conf, self.workdir)
        self.assertEqual(result.returncode, 0, result.stderr)


class FakeApp(http.server.BaseHTTPRequestHandler):
    """Answers like the app: every path marked shareable but /private, and /cookie also sets a cookie."""

    requests = []

    def do_GET(self):  # noqa: N802 - http.server's hook name
        FakeApp.requests.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Vary", "Cookie")
        if not self.path.startswith("/private"):
            self.send_header("Cache-Control", "public, max-age=0, s-maxage=600")
            self.send_header("X-Accel-Expires", "600")
        else:
            self.send_header("Cache-Control", "max-age=600")  # a browser hint only: nginx must not keep it
        if self.path.startswith("/cookie"):
            self.send_header("Set-Cookie", "messages=hello; Path=/")
        body = f"answer {len(FakeApp.requests)}".encode()
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@needs_nginx
class CachingTests(SimpleTestCase):
    """nginx in front of a fake app: what it keeps, for whom, and how a purge empties it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.app = http.server.ThreadingHTTPServer(("127.0.0.1", 0), FakeApp)
        threading.Thread(target=cls.app.serve_forever, daemon=True).start()
        cls.workdir = scratch_dir()
        app_port = cls.app.server_address[1]
        cls.stack = Stack(cls.workdir, ports={"app_a": app_port, "app_b": app_port}, log=lambda message: None)
        try:
            cls.stack.start_nginx()
        except BaseException:
            cls.tearDownClass()
            raise

    @classmethod
    def tearDownClass(cls):
        cls.stack.stop_nginx()
        cls.app.shutdown()
        cls.app.server_close()
        shutil.rmtree(cls.workdir, ignore_errors=True)
        super().tearDownClass()

    def request(self, path, *, method="GET", port=None, cookie=None, host=None):
        connection = http.client.HTTPConnection("127.0.0.1", port or self.stack.nginx_port, timeout=10)
        headers = {"Host": host or self.stack.host}
        if cookie:
            headers["Cookie"] = cookie
        try:
            connection.request(method, path, headers=headers)
            response = connection.getresponse()
            self.last_body = response.read()
            return response.status, response.getheader("X-Cache-Status")
        finally:
            connection.close()

    def cache_status(self, path, **options):
        return self.request(path, **options)[1]

    def purge(self, path):
        return self.request(path, method="PURGE", port=self.stack.ports["purge"])[0]

    def test_a_marked_page_is_kept_and_answered_from_the_cache(self):
        self.assertEqual([self.cache_status("/page/kept/") for _ in range(3)], ["MISS", "HIT", "HIT"])
        self.assertEqual(FakeApp.requests.count("/page/kept/"), 1)

    def test_other_cookies_and_vary_do_not_split_the_cache(self):
        self.cache_status("/page/shared/")
        self.assertEqual(self.cache_status("/page/shared/", cookie="csrftoken=abc; theme=dark"), "HIT")

    def test_readers_with_a_bypass_cookie_always_reach_the_app(self):
        self.cache_status("/page/personal/")
        for cookie in settings.PAGE_CACHE_BYPASS_COOKIES:
            with self.subTest(cookie=cookie):
                self.assertEqual(self.cache_status("/page/personal/", cookie=f"{cookie}=x"), "BYPASS")
        self.assertEqual(FakeApp.requests.count("/page/personal/"), 1 + len(settings.PAGE_CACHE_BYPASS_COOKIES))

    def test_a_page_made_for_a_bypass_cookie_is_not_kept_for_others(self):
        self.cache_status("/page/first-for-a-session/", cookie="sessionid=x")
        self.assertEqual(self.cache_status("/page/first-for-a-session/"), "MISS")

    def test_query_strings_are_never_cached_by_nginx(self):
        self.assertEqual([self.cache_status("/page/list/?page=2") for _ in range(2)], ["BYPASS", "BYPASS"])

    def test_only_responses_with_x_accel_expires_are_kept(self):
        self.assertEqual([self.cache_status("/private/") for _ in range(2)], ["MISS", "MISS"])

    def test_responses_setting_a_cookie_are_not_kept(self):
        self.assertEqual([self.cache_status("/cookie/") for _ in range(2)], ["MISS", "MISS"])

    def test_a_purge_empties_exactly_that_page(self):
        for path in ("/page/purged/", "/page/neighbour/"):
            self.cache_status(path)
        self.assertEqual(self.purge("/page/purged/"), 200)
        self.assertEqual(self.purge("/page/purged/"), 404)  # nothing left to purge
        self.assertEqual(self.cache_status("/page/purged/"), "MISS")
        self.assertEqual(self.cache_status("/page/neighbour/"), "HIT")

    def test_a_page_stored_again_after_a_purge_never_comes_from_the_old_file(self):
        """nginx keeps cached pages' files open (open_file_cache): a purged page stored again is a new file."""
        path = "/page/stored-again/"
        self.assertEqual(self.cache_status(path), "MISS")
        first = self.last_body
        self.assertEqual(self.cache_status(path), "HIT")
        self.assertEqual(self.last_body, first)
        self.assertEqual(self.purge(path), 200)
        self.assertEqual(self.cache_status(path), "MISS")
        second = self.last_body
        self.assertNotEqual(second, first)
        for _ in range(3):
            self.assertEqual(self.cache_status(path), "HIT")
            self.assertEqual(self.last_body, second)

    def test_every_spelling_of_an_address_is_the_one_copy_one_purge_removes(self):
        """Issue 13, defect 5: a removed comment stayed a HIT at `…/?` and at a percent-encoded path."""
        spellings = ["/page/police/?", "/page/%70olice/", "//page//police/", "/page/./police/", "/page/x/../police/"]
        self.assertEqual(self.cache_status("/page/police/"), "MISS")
        for spelling in spellings:
            with self.subTest(spelling):
                self.assertEqual(self.cache_status(spelling), "HIT")
        self.assertEqual(self.purge("/page/police/"), 200)
        self.assertEqual(self.cache_status("/page/%70olice/?"), "MISS")  # stored again, as the one copy
        self.assertEqual(self.cache_status("/page/police/"), "HIT")

    def test_another_host_name_is_never_answered_from_the_cache(self):
        """Issue 13, defect 5: the removed text was still a HIT under another allowed Host name."""
        self.assertEqual([self.cache_status("/page/one-host/") for _ in range(2)], ["MISS", "HIT"])
        other = f"127.0.0.1:{self.stack.nginx_port}"
        self.assertEqual([self.cache_status("/page/one-host/", host=other) for _ in range(2)], ["BYPASS", "BYPASS"])
        self.assertEqual(self.purge("/page/one-host/"), 200)
        self.assertEqual(self.cache_status("/page/one-host/"), "MISS")

    def test_the_public_server_does_not_purge(self):
        self.cache_status("/page/not-purged/")
        self.request("/page/not-purged/", method="PURGE")
        self.assertEqual(self.cache_status("/page/not-purged/"), "HIT")
