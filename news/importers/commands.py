"""What the three import commands share: the page-type option, the progress bar and the printed summary."""

import sys

from django.apps import apps
from django.core.management.base import CommandError
from tqdm import tqdm
from wagtail.models import Page

from news.importers.writer import Writer


def add_common_arguments(parser):
    parser.add_argument("--dry-run", action="store_true", help="Read and map everything, write nothing.")
    parser.add_argument(
        "--type",
        action="append",
        default=[],
        metavar="SOURCE_TYPE=app.Model",
        help="Map a content type of the old site to a page type, e.g. campaign=news.CampaignPage (repeatable).",
    )
    parser.add_argument(
        "--source-name", help="Which old site this is, for the mapping that makes a second run update it."
    )


def page_types(options):
    mapping = {}
    for item in options["type"]:
        source_type, _, label = item.partition("=")
        try:
            model = apps.get_model(label.strip()) if source_type and "." in label else None
        except LookupError:
            model = None
        if model is None or not issubclass(model, Page):
            raise CommandError(f"--type takes SOURCE_TYPE=app.PageModel, e.g. campaign=news.CampaignPage, not {item!r}")
        mapping[source_type.strip()] = label.strip()
    return mapping


def run_import(command, *, source_name, records, total, options):
    """Write the records with a progress bar on the terminal, print the summary and return the report."""
    writer = Writer(
        source=options.get("source_name") or source_name, page_types=page_types(options), dry_run=options["dry_run"]
    )

    # On a terminal only (tqdm's ``disable=None``); the summary is printed either way.
    with tqdm(total=total, unit="page", file=sys.stderr, disable=None, desc=source_name) as progress:
        report = writer.run(records, progress=progress)
    command.stdout.write(report.table())
    return report
