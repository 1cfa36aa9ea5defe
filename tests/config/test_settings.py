"""Production settings refuse to start without secrets and pass Django's deployment checklist."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
REAL_LOOKING_ENV = {
    "DJANGO_SETTINGS_MODULE": "config.settings.production",
    "SECRET_KEY": "q8Zr!v3@kP1#nX7$wL2%tY6^mB9&cD4*fG0(hJ5)sA8-eR1+uI3=oQ7",
    "ALLOWED_HOSTS": "news.example.org",
    "CSRF_TRUSTED_ORIGINS": "https://news.example.org",
    "DATABASE_URL": "postgres://newsroom@db.example.org:5432/newsroom",
    "SECURE_PROXY_SSL_HEADER_NAME": "HTTP_X_FORWARDED_PROTO",
}


def environment_without(*names):
    """This process's environment less the named variables (and the browser tests' async switch)."""
    return {k: v for k, v in os.environ.items() if k not in names and k != "DJANGO_ALLOW_ASYNC_UNSAFE"}


def manage(*args, env):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**environment_without(*REAL_LOOKING_ENV, "REDIS_URL", "STATE_REDIS_URL"), **env},
        capture_output=True,
        text=True,
    )


def test_production_refuses_to_start_without_secret_key():
    env = {k: v for k, v in REAL_LOOKING_ENV.items() if k != "SECRET_KEY"}
    result = manage("check", env=env)
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    env = {k: v for k, v in REAL_LOOKING_ENV.items() if k != "ALLOWED_HOSTS"}
    result = manage("check", env=env)
    assert result.returncode != 0
    assert "ALLOWED_HOSTS must be set" in result.stderr


def test_check_deploy_prints_no_warnings():
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=REAL_LOOKING_ENV)
    assert result.returncode == 0, result.stderr + result.stdout
    # security.W003 only looks for Django's CSRF middleware by name; ours subclasses it (test_csrf.py).
    assert "System check identified no issues (1 silenced)." in result.stdout
    assert "WARNING" not in result.stderr + result.stdout


def test_entry_points_need_no_environment_variables():
    """manage.py and the WSGI module find the `config` package inside site/ on their own."""
    env = environment_without("DJANGO_SETTINGS_MODULE", "PYTHONPATH", "DATABASE_URL")
    result = subprocess.run([sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    code = "import runpy; ns = runpy.run_path('gunicorn.conf.py'); print(ns['pythonpath'], ns['wsgi_app'])"
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.stdout.split() == ["site", "config.wsgi:application"]
    code = (
        "import sys; sys.path.insert(0, 'site'); from config.wsgi import application; "
        "print(type(application.application).__name__)"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.stdout.strip() == "WSGIHandler", result.stderr  # inside the workers' page cache


def test_production_shares_cache_sessions_and_purges_across_app_servers():
    """With both Redis and a purge server, every app server shares pages, rate limits and sessions.

    Sessions and rate limits live in a store of their own that a flood of pages cannot evict.
    """
    env = {**REAL_LOOKING_ENV, "REDIS_URL": "redis://cache.example.org:6379/0"}
    env["STATE_REDIS_URL"] = "redis://state.example.org:6379/0"
    env["FRONTEND_CACHE_PURGE_URL"] = "http://127.0.0.1:8091"
    code = (
        "from django.conf import settings as s; "
        "print(s.CACHES['default']['LOCATION'], s.CACHES['state']['LOCATION'], "
        "s.SESSION_ENGINE, s.SESSION_CACHE_ALIAS, "
        "[b['BACKEND'] for b in s.WAGTAILFRONTENDCACHE.values()], s.WAGTAILFRONTENDCACHE['nginx']['LOCATION'])"
    )
    result = manage("shell", "--verbosity", "0", "-c", code, env=env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "redis://cache.example.org:6379/0",
        "redis://state.example.org:6379/0",
        "django.contrib.sessions.backends.cache",
        "state",
        "['config.caching.frontend.DjangoCacheBackend',",
        "'config.caching.frontend.NginxPurgeBackend']",
        "http://127.0.0.1:8091",
    ]


def test_production_refuses_a_shared_cache_without_a_store_for_sessions_and_limits():
    env = {**REAL_LOOKING_ENV, "REDIS_URL": "redis://cache.example.org:6379/0"}
    result = manage("check", env=env)
    assert result.returncode != 0
    assert "STATE_REDIS_URL" in result.stderr


def test_the_embedded_default_shares_its_caches_between_processes():
    """`make run`: the server and the shell (or a management command) see the same cache on disk."""
    env = {"DJANGO_SETTINGS_MODULE": "config.settings.dev"}
    code = "from django.conf import settings as s; print(s.CACHES['default']['BACKEND'], s.CACHES['state']['BACKEND'])"
    result = manage("shell", "--verbosity", "0", "-c", code, env=env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["django.core.cache.backends.filebased.FileBasedCache"] * 2
