"""How well the safeguarding patterns do on the quality corpus: a confusion table and a PASS/FAIL per target."""

import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from news.safeguarding import corpus as quality
from news.safeguarding.categories import ORDER, PERSONAL_DETAILS
from news.safeguarding.defaults import PATTERNS

SHORT = {
    "child_disclosure": "child",
    "self_harm": "selfharm",
    "abuse_material": "material",
    "sexual_interest": "interest",
    "adult_survivor": "survivor",
    "identifying": "identify",
    PERSONAL_DETAILS: "details",
    quality.PUBLISHED: "published",
}


class Command(BaseCommand):
    help = "Run the safeguarding check over the quality corpus and print the confusion table and the targets."

    def add_arguments(self, parser):
        parser.add_argument(
            "--corpus", default=None, help="The corpus folder (default tests/news/safeguarding/corpus)."
        )
        parser.add_argument(
            "--defaults", action="store_true", help="Use the shipped default patterns (no database needed)."
        )

    def handle(self, *args, corpus=None, defaults=False, **options):
        directory = Path(corpus) if corpus else Path(settings.BASE_DIR) / "tests" / "news" / "safeguarding" / "corpus"
        texts = quality.read_corpus(directory)
        if defaults:
            patterns = {str(category): text for category, text in PATTERNS.items()}
        else:
            from news.safeguarding.selectors import patterns_by_category

            patterns = {str(category): text for category, text in patterns_by_category().items()}
        started = time.perf_counter()
        table, results = quality.evaluate(texts, patterns_by_category=patterns)
        elapsed = time.perf_counter() - started
        checked = sum(len(entries) for entries in texts.values())
        source = "shipped defaults" if defaults else "the site's patterns"
        self.stdout.write(f"Safeguarding report: {source}, corpus {directory}")
        self.stdout.write("Rows: true label (entries). Columns: what the check did.")
        self.stdout.write("")
        labels = [str(c) for c in ORDER] + [quality.ORDINARY, PERSONAL_DETAILS]
        labels += [label for label in table if label not in labels]
        width = max(len(label) for label in labels) + 7
        header = "true \\ predicted".ljust(width) + "".join(SHORT[c].rjust(10) for c in quality.COLUMNS)
        self.stdout.write(header)
        self.stdout.write("-" * len(header))
        for label in labels:
            if label not in table:
                continue
            row = table[label]
            name = f"{label} ({sum(row.values())})"
            self.stdout.write(name.ljust(width) + "".join(str(row[c]).rjust(10) for c in quality.COLUMNS))
        self.stdout.write("")
        self.stdout.write(
            f"Checked {checked} texts in {elapsed * 1000:.0f} ms ({elapsed * 1000 / max(checked, 1):.2f} ms a text, "
            "the categories and the personal-details guard)"
        )
        self.stdout.write("")
        failed = False
        for name, value, target, passed in results:
            if target is None:
                self.stdout.write(f"      {name}: {value:.1%}")
                continue
            sign = "≥" if "ordinary" not in name else "≤"
            self.stdout.write(f"{'PASS' if passed else 'FAIL'}  {name}: {value:.1%} (target {sign} {target:.0%})")
            failed = failed or not passed
        if failed:
            raise SystemExit(1)
