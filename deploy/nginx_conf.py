"""Render the nginx config in deploy/nginx/ for production (this command) or the loopback stack (deploy/stack.py).

Production, printed to stdout (Debian's nginx.conf includes sites-enabled/ inside ``http {}``)::

    .venv/bin/python deploy/nginx_conf.py --server-name news.example.org \\
        --app 10.0.0.11:8000 --app 10.0.0.12:8000 \\
        --tls-certificate /etc/letsencrypt/live/news.example.org/fullchain.pem \\
        --tls-key /etc/letsencrypt/live/news.example.org/privkey.pem \\
        --static-root /srv/newsroom/static --media-root /srv/newsroom/media \\
        > /etc/nginx/sites-enabled/newsroom.conf

One template serves both, so the stack measures and checks the very cache rules production runs.
"""

import argparse
import grp
import os
import pwd
import string
from pathlib import Path

TEMPLATES = Path(__file__).resolve().parent / "nginx"
SITE_TEMPLATE = TEMPLATES / "newsroom.conf.template"
STACK_TEMPLATE = TEMPLATES / "stack.conf.template"
# Debian's libnginx-mod-http-cache-purge (the module Wagtail's HTTP purge backend talks to).
PURGE_MODULE = Path("/usr/lib/nginx/modules/ngx_http_cache_purge_module.so")
MIME_TYPES = Path("/etc/nginx/mime.types")
STACK_LOG_FORMAT = (
    '$remote_addr [$time_local] "$request_method $uri $server_protocol" $status $bytes_sent $upstream_cache_status '
    "$upstream_addr"
)


class NginxTemplate(string.Template):
    """nginx's own variables start with "$", so the placeholders are written @{name}."""

    delimiter = "@"


def _indent(lines, spaces):
    return "\n".join(" " * spaces + line for line in lines)


def render_site(
    *,
    server_name,
    upstreams,
    listen,
    cache_dir,
    static_root,
    media_root,
    purge_listen,
    purge_allow=("127.0.0.1",),
    cache_max_size="1g",
    extra_locations=(),
    extra_servers="",
    access_log="",
):
    """The http-level config: cache zone, upstreams, the site and the purge server. ``access_log``: a file
    for the site's own log in the ``newsroom`` format (paths without query strings), or "" to inherit."""
    return NginxTemplate(SITE_TEMPLATE.read_text()).substitute(
        server_name=server_name,
        upstream_servers=_indent([f"server {address} max_fails=1 fail_timeout=10s;" for address in upstreams], 4),
        listen=_indent(listen, 4),
        cache_dir=cache_dir,
        cache_max_size=cache_max_size,
        static_root=str(static_root).rstrip("/"),
        media_root=str(media_root).rstrip("/"),
        purge_listen=purge_listen,
        purge_allow=_indent([f"allow {address};" for address in purge_allow], 8),
        extra_locations="\n".join(extra_locations),
        extra_servers=extra_servers,
        access_log=f"access_log {access_log} newsroom;" if access_log else "",
    )


def render_production(*, server_name, upstreams, tls_certificate, tls_key, **options):
    """TLS on 443 (HTTP/2), and port 80 only redirects to it."""
    listen = [
        "listen 443 ssl http2;",
        "listen [::]:443 ssl http2;",
        f"ssl_certificate {tls_certificate};",
        f"ssl_certificate_key {tls_key};",
        "ssl_protocols TLSv1.2 TLSv1.3;",
    ]
    redirect = (
        "\nserver {\n    listen 80;\n    listen [::]:80;\n"
        f"    server_name {server_name};\n    return 301 https://$host$request_uri;\n}}\n"
    )
    options.setdefault("access_log", "/var/log/nginx/access.log")
    return render_site(
        server_name=server_name,
        upstreams=upstreams,
        listen=listen,
        extra_servers=redirect,
        **options,
    )


def worker_user():
    """As root, workers run as nobody (who can read the state and static files); otherwise as ourselves."""
    if os.geteuid() != 0:
        return ""
    nobody = pwd.getpwnam("nobody")
    return f"user nobody {grp.getgrgid(nobody.pw_gid).gr_name};"


def render_stack_main(*, state_dir, site_conf, access_log):
    """A whole nginx.conf for `nginx -p <state_dir>`: pid, logs and temp files in the state directory."""
    if access_log:
        log = f"log_format stack '{STACK_LOG_FORMAT}';\n    access_log {state_dir}/nginx-access.log stack;"
    else:
        log = "access_log off;"
    return NginxTemplate(STACK_TEMPLATE.read_text()).substitute(
        user=worker_user(),
        state_dir=state_dir,
        load_modules=f"load_module {PURGE_MODULE};" if PURGE_MODULE.exists() else "",
        mime_types=MIME_TYPES,
        access_log=log,
        site_conf=site_conf,
    )


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--server-name", required=True, help="the public host name(s), e.g. news.example.org")
    parser.add_argument("--app", action="append", required=True, help="an app server (host:port); repeat")
    parser.add_argument("--tls-certificate", required=True)
    parser.add_argument("--tls-key", required=True)
    parser.add_argument("--static-root", default="/srv/newsroom/static", help="STATIC_ROOT of the app")
    parser.add_argument("--media-root", default="/srv/newsroom/media", help="MEDIA_ROOT of the app")
    parser.add_argument("--cache-dir", default="/var/cache/nginx/newsroom")
    parser.add_argument("--cache-max-size", default="1g")
    parser.add_argument(
        "--purge-listen", default="127.0.0.1:8091", help="where the app's FRONTEND_CACHE_PURGE_URL points"
    )
    parser.add_argument(
        "--purge-allow", action="append", help="addresses allowed to purge (the app servers); default 127.0.0.1"
    )
    args = parser.parse_args(argv)
    print(
        render_production(
            server_name=args.server_name,
            upstreams=args.app,
            tls_certificate=args.tls_certificate,
            tls_key=args.tls_key,
            cache_dir=args.cache_dir,
            cache_max_size=args.cache_max_size,
            static_root=args.static_root,
            media_root=args.media_root,
            purge_listen=args.purge_listen,
            purge_allow=args.purge_allow or ["127.0.0.1"],
        ),
        end="",
    )


if __name__ == "__main__":
    main()
