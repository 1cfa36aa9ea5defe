"""python manage.py import_disqus FILE.xml [--dry-run]"""

from django.core.management.base import BaseCommand

from news.importers.commands import add_common_arguments, run_import
from news.importers.disqus import DisqusSource


class Command(BaseCommand):
    help = "Import a Disqus export's comments onto the pages their threads name (re-runnable)."

    def add_arguments(self, parser):
        parser.add_argument("file", help="The XML file from Disqus's export.")
        add_common_arguments(parser)

    def handle(self, *args, **options):
        source = DisqusSource(options["file"])
        run_import(self, source_name=source.name, records=source.records(), total=source.count(), options=options)
