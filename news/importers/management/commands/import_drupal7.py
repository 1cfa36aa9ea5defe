"""python manage.py import_drupal7 --source URL [--files DIR] [--prefix P] [--dry-run] [--type T=app.Model]"""

import dj_database_url
from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from news.importers.commands import add_common_arguments, run_import
from news.importers.drupal7 import Drupal7Source, drupal_connection


class Command(BaseCommand):
    help = "Import a Drupal 7 site's nodes, comments, tags, images and addresses (re-runnable)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--source", required=True, help="The Drupal database, e.g. mysql://user:pass@host/drupal or sqlite:///x"
        )
        parser.add_argument("--files", help="A copy of the site's sites/default/files directory.")
        parser.add_argument("--prefix", default="", help="Drupal's table prefix, if the site has one.")
        add_common_arguments(parser)

    def handle(self, *args, **options):
        try:
            dj_database_url.parse(options["source"])
        except ValueError as error:
            raise CommandError(f"--source is not a database address: {error}") from error
        with drupal_connection(options["source"]) as connection:
            try:
                source = Drupal7Source(connection, files_dir=options["files"], prefix=options["prefix"])
                total = source.count()
            except DatabaseError as error:
                raise CommandError(f"Cannot read the Drupal database: {error}") from error
            run_import(self, source_name=source.name, records=source.records(), total=total, options=options)
