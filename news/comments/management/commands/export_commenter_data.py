from django.core.management.base import BaseCommand

from news.comments.data_rights import export_as_json


class Command(BaseCommand):
    help = "Write a JSON document of everything stored about a commenter's e-mail address."

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument("--output", help="Write to this file instead of standard output.")

    def handle(self, *args, email, output=None, **options):
        document = export_as_json(email=email)
        if output:
            with open(output, "w", encoding="utf-8") as file:
                file.write(document + "\n")
            self.stderr.write(f"Written to {output}")
        else:
            self.stdout.write(document)
