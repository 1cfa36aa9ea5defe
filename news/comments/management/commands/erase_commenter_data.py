from django.core.management.base import BaseCommand

from news.comments.data_rights import erase_commenter_data


class Command(BaseCommand):
    help = (
        "Anonymise every comment of an e-mail address: name becomes “Anonymous”, e-mail and IP are cleared, "
        "notifications stop. Threads keep their shape."
    )

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument("--remove-text", action="store_true", help="Also replace each comment's text by [removed].")

    def handle(self, *args, email, remove_text, **options):
        count = erase_commenter_data(email=email, remove_text=remove_text)
        self.stdout.write(f"Anonymised {count} comment{'s' if count != 1 else ''}.")
