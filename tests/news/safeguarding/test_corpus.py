"""The safeguarding patterns measured on the quality corpus (issue 15): sizes, targets and the report command.

The corpus (``corpus/``) was written for this project. The shipped defaults are used directly: no database.
"""

import io
from pathlib import Path

from django.core.management import call_command
from django.test import SimpleTestCase

from news.safeguarding import checks
from news.safeguarding import corpus as quality
from news.safeguarding.categories import ORDER, PERSONAL_DETAILS
from news.safeguarding.defaults import DETERRENCE_SEARCH_TERMS, PATTERNS

CORPUS = Path(__file__).resolve().parent / "corpus"
SHIPPED = {str(category): text for category, text in PATTERNS.items()}


class CorpusTests(SimpleTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.corpus = quality.read_corpus(CORPUS)
        cls.table, cls.results = quality.evaluate(cls.corpus, patterns_by_category=SHIPPED)

    def test_sizes(self):
        disclosures = sum(len(self.corpus[str(category)]) for category in ORDER)
        self.assertGreaterEqual(disclosures, 60)
        for category in ORDER:
            self.assertGreaterEqual(len(self.corpus[str(category)]), 12, category)
        self.assertGreaterEqual(len(self.corpus[quality.ORDINARY]), 200)
        self.assertGreaterEqual(len(self.corpus[PERSONAL_DETAILS]), 20)

    def test_entries_are_read_whole(self):
        self.assertEqual(
            quality.parse("# a comment\nfirst line\nsecond\n---\n\n---\n#c\nthird\n"), ["first line\nsecond", "third"]
        )
        for label, texts in self.corpus.items():
            for text in texts:
                self.assertNotIn("\n---", text, label)
                self.assertFalse(text.startswith("#"), (label, text))

    def test_each_category_is_held(self):
        for category in ORDER:
            row = self.table[str(category)]
            held = sum(row[str(c)] for c in ORDER)
            with self.subTest(category=category):
                self.assertGreaterEqual(held / sum(row.values()), quality.CATEGORY_TARGET)

    def test_ordinary_comments_are_published(self):
        row = self.table[quality.ORDINARY]
        held = [
            text
            for text in self.corpus[quality.ORDINARY]
            if checks.find_category(text=text, patterns_by_category=SHIPPED)
        ]
        self.assertLessEqual(len(held) / sum(row.values()), quality.ORDINARY_HOLD_LIMIT, held)

    def test_personal_details_are_found_and_ordinary_text_is_not(self):
        def found(text):
            return checks.find_personal_details(text=text, patterns=SHIPPED[PERSONAL_DETAILS])

        details = self.corpus[PERSONAL_DETAILS]
        missed = [text for text in details if not found(text)]
        self.assertLessEqual(len(missed), len(details) * (1 - quality.PERSONAL_DETAILS_TARGET), missed)
        ordinary = self.corpus[quality.ORDINARY]
        flagged = [text for text in ordinary if found(text)]
        self.assertLessEqual(len(flagged), len(ordinary) * quality.ORDINARY_DETAILS_LIMIT, flagged)

    def test_every_target_passes(self):
        failed = [result for result in self.results if result[3] is False]
        self.assertEqual(failed, [])

    def test_no_search_for_news_meets_the_deterrence_message(self):
        searches = ["child sex abuse", "indecent images sentencing", "CSAM", "child sex offenders register", "grooming"]
        patterns = checks.compile_patterns(DETERRENCE_SEARCH_TERMS)
        for search in searches:
            with self.subTest(search=search):
                self.assertFalse(any(p.compiled.search(checks.fold(search)) for p in patterns))
        for search in ["teen nudes", "child porn", "underage pics", "jailbait", "naked kids", "12yo nude"]:
            with self.subTest(search=search):
                self.assertTrue(any(p.compiled.search(checks.fold(search)) for p in patterns))


class ReportCommandTests(SimpleTestCase):
    def test_prints_the_table_and_passes_with_the_shipped_patterns(self):
        out = io.StringIO()
        call_command("safeguarding_report", "--defaults", stdout=out)
        printed = out.getvalue()
        self.assertIn("true \\ predicted", printed)
        for heading in ["child", "selfharm", "material", "interest", "survivor", "identify", "details", "published"]:
            self.assertIn(heading, printed)
        for label in ["child_disclosure (", "ordinary (", "personal_details ("]:
            self.assertIn(label, printed)
        self.assertIn("PASS  ordinary: held by a category", printed)
        self.assertIn("PASS  personal details: found by the guard", printed)
        for category in ORDER:
            self.assertIn(f"PASS  {category}: held (any category)", printed)
        self.assertNotIn("FAIL", printed)

    def test_fails_with_status_1_when_a_target_fails(self):
        import tempfile

        with tempfile.TemporaryDirectory() as directory:
            Path(directory, "self_harm.txt").write_text("an ordinary sentence\n---\nanother one\n", encoding="utf-8")
            Path(directory, "ordinary.txt").write_text("nothing to see\n", encoding="utf-8")
            out = io.StringIO()
            with self.assertRaises(SystemExit) as raised:
                call_command("safeguarding_report", "--defaults", "--corpus", directory, stdout=out)
        self.assertEqual(raised.exception.code, 1)
        self.assertIn("FAIL  self_harm: held (any category): 0.0%", out.getvalue())
