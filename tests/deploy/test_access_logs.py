"""Access logs keep paths, never query strings or referrers: a search for abuse material is recorded nowhere."""

import runpy
from pathlib import Path

from django.test import SimpleTestCase

from deploy import nginx_conf

ROOT = Path(__file__).resolve().parents[2]


class AccessLogTests(SimpleTestCase):
    def test_gunicorns_log_has_the_path_without_its_query_referrer_or_agent(self):
        log_format = runpy.run_path(str(ROOT / "gunicorn.conf.py"))["access_log_format"]
        self.assertIn("%(U)s", log_format)
        for leaking in ("%(r)s", "%(q)s", "%(f)s", "%(a)s"):
            self.assertNotIn(leaking, log_format)

    def test_nginxs_production_log_has_the_path_without_its_query_or_referrer(self):
        conf = nginx_conf.render_production(
            server_name="news.example",
            upstreams=["127.0.0.1:8000"],
            tls_certificate="/etc/ssl/x.pem",
            tls_key="/etc/ssl/x.key",
            cache_dir="/var/cache/newsroom",
            static_root="/srv/static",
            media_root="/srv/media",
            purge_listen="127.0.0.1:8081",
        )
        log_format = next(line for line in conf.splitlines() if line.startswith("log_format newsroom"))
        self.assertIn("$uri", log_format)
        for leaking in ("$request ", '$request"', "$args", "$query_string", "$request_uri", "$http_referer"):
            self.assertNotIn(leaking, log_format)
        self.assertIn("access_log /var/log/nginx/access.log newsroom;", conf)
        self.assertNotIn('"$request"', nginx_conf.STACK_LOG_FORMAT)
