import logging
import sys
from io import StringIO
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles.management.commands.runserver import Command as RunserverCommand
from django.core.management import call_command

from home.management.commands.ensure_admin import PASSWORD_FILE

RUN_LOG = settings.BASE_DIR / "var" / "log" / "run.log"


class RunLogHandler(logging.StreamHandler):
    """The run log's handler (a class of its own, so it is never taken for a console handler)."""


def send_output_to(path):
    """Log records, runserver's request log and whatever the site prints (the console mail backend) go to
    ``path``: on the terminal they would scroll the address and login out of sight."""
    path.parent.mkdir(parents=True, exist_ok=True)
    stream = open(path, "a", buffering=1, encoding="utf-8")  # noqa: SIM115 (open for the process's life)
    handler = RunLogHandler(stream)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    loggers = [logging.getLogger()] + [
        logger for logger in logging.root.manager.loggerDict.values() if isinstance(logger, logging.Logger)
    ]
    for logger in loggers:
        terminal = [h for h in logger.handlers if type(h) is logging.StreamHandler]  # Django's console handlers
        for old in terminal:
            logger.removeHandler(old)
        if logger is logging.getLogger() or (terminal and not logger.propagate):
            logger.addHandler(handler)
    sys.stdout = stream  # this command's own output keeps the terminal (its OutputWrapper was made before)
    return stream


class Command(RunserverCommand):
    help = (
        "Django's runserver for `make run`: request and task logs go to var/log/run.log, and once it listens it "
        "points the default Site at its address and prints that address and the admin login, last."
    )

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument("--log-file", type=Path, default=RUN_LOG, help="Where the logs go (default: %(default)s).")
        parser.add_argument(
            "--password-file", type=Path, default=PASSWORD_FILE, help="Where the admin password is kept."
        )

    def handle(self, *args, log_file, password_file, **options):
        self.log_file, self.password_file = log_file, password_file
        super().handle(*args, **options)

    def on_bind(self, server_port):
        # Here, in the process that serves (the reloader's child) and after the system checks, which can
        # configure logging again.
        send_output_to(self.log_file)
        super().on_bind(server_port)
        self.stdout.write("\n" + "\n".join(self.closing_lines(server_port)))

    def closing_lines(self, server_port):
        """The site's address, the admin login and where the logs are: what a developer needs next."""
        output = StringIO()
        host = "0.0.0.0" if self.addr == "0" else self.addr  # noqa: S104 (as runserver itself says it)
        call_command("set_site_address", hostname=host, port=server_port, stdout=output)
        address = f"{self.protocol}://{f'[{host}]' if self._raw_ipv6 else host}:{server_port}"
        call_command("ensure_admin", password_file=self.password_file, base_url=address, stdout=output)
        return [*output.getvalue().splitlines(), f"Request and task logs: {self.log_file}"]
