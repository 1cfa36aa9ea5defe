from django.core.management.base import BaseCommand

from news.safeguarding.services import erase_expired_cases


class Command(BaseCommand):
    help = (
        "Erase closed safeguarding cases older than the retention period (Settings → Safeguarding): the text, the "
        "writer and the notes go; a row with the category, the dates and the steps stays. Run daily, e.g. from cron."
    )

    def handle(self, *args, **options):
        erased = erase_expired_cases()
        self.stdout.write(f"Erased {erased} closed safeguarding case{'s' if erased != 1 else ''}.")
