import os

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from wagtail.models import Site

DEFAULT_HOSTNAME = "127.0.0.1"
DEFAULT_PORT = 8000


def port_number(value):
    port = int(value)
    if not 1 <= port <= 65535:
        raise ValueError(value)
    return port


class Command(BaseCommand):
    help = (
        "Point the default Wagtail Site at the address the development server serves (`make run`), so that "
        "feeds, the sitemap, canonical links and mail give addresses that work. Port: --port, else $PORT, "
        f"else {DEFAULT_PORT}."
    )

    def add_arguments(self, parser):
        parser.add_argument("--hostname", default=DEFAULT_HOSTNAME)
        parser.add_argument("--port", type=port_number, default=None)

    def handle(self, *args, hostname, port, **options):
        if port is None:
            try:
                port = port_number(os.environ.get("PORT") or DEFAULT_PORT)
            except ValueError as error:
                raise CommandError(f"PORT must be a port number, not {os.environ['PORT']!r}.") from error
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            raise CommandError("There is no default Wagtail Site: run migrate (and load_demo_content) first.")
        if (site.hostname, site.port) != (hostname, port):
            site.hostname, site.port = hostname, port
            try:
                site.full_clean()
            except ValidationError as error:
                raise CommandError(f"Cannot serve the default site on {hostname}:{port}: {error}") from error
            site.save()  # Wagtail's signals drop its cached site root paths; the caching package is told too
        self.stdout.write(f"Default site: {site.root_url}/")
