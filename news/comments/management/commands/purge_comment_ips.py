from django.core.management.base import BaseCommand

from news.comments.data_rights import purge_comment_ips


class Command(BaseCommand):
    help = "Clear stored IP addresses of comments and reports older than the retention setting (default 30 days)."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, help="Override the retention period in the Comments setting.")

    def handle(self, *args, days=None, **options):
        comments, reports = purge_comment_ips(older_than_days=days)
        self.stdout.write(f"Cleared IP addresses of {comments} comments and {reports} reports.")
