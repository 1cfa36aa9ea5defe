"""python manage.py import_wordpress FILE.xml [--dry-run] [--type T=app.Model]"""

from django.core.management.base import BaseCommand

from news.importers.commands import add_common_arguments, run_import
from news.importers.wordpress import WordPressSource


class Command(BaseCommand):
    help = "Import a WordPress export (WXR): posts, pages, categories and tags, comments (re-runnable)."

    def add_arguments(self, parser):
        parser.add_argument("file", help="The WXR file from WordPress's Tools → Export.")
        add_common_arguments(parser)

    def handle(self, *args, **options):
        source = WordPressSource(options["file"])
        run_import(self, source_name=source.name, records=source.records(), total=source.count(), options=options)
