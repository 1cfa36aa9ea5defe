#!/usr/bin/env python
"""Django's command-line utility; puts the project shell (site/) on the import path."""

import os
import sys
from pathlib import Path


def main():
    # `site` is the stdlib module's name, so the shell's package is `config`
    # inside site/: make it importable from any working directory.
    sys.path.insert(0, str(Path(__file__).resolve().parent / "site"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
