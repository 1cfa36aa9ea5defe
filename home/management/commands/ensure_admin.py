import secrets
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.urls import reverse

PASSWORD_FILE = settings.BASE_DIR / "var" / "admin-password.txt"


class Command(BaseCommand):
    help = "Make sure a local admin account exists and print its login (for `make run` on a developer's machine)."

    def add_arguments(self, parser):
        parser.add_argument("--username", default="admin")
        parser.add_argument("--password-file", type=Path, default=PASSWORD_FILE)
        parser.add_argument("--base-url", default=None, help="The address served (default: WAGTAILADMIN_BASE_URL).")

    def handle(self, *args, username, password_file, base_url, **options):
        User = get_user_model()
        user = User.objects.filter(username=username).first()
        password = password_file.read_text().strip() if password_file.exists() else ""
        if user is None or not password or not user.check_password(password):
            password = secrets.token_urlsafe(12)
            password_file.parent.mkdir(parents=True, exist_ok=True)
            password_file.write_text(password + "\n")
            password_file.chmod(0o600)
            if user is None:
                user = User(username=username, email=f"{username}@localhost")
            user.is_staff = user.is_superuser = user.is_active = True
            user.set_password(password)
            user.save()
        # WAGTAILADMIN_BASE_URL follows PORT in the dev settings; the admin's path may be configured.
        url = (base_url or settings.WAGTAILADMIN_BASE_URL).rstrip("/") + reverse("wagtailadmin_home")
        self.stdout.write(self.style.SUCCESS(f"Admin login: {url}  username: {username}  password: {password}"))
