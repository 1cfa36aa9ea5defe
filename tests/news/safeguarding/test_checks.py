"""The safeguarding check's pure functions: folding, findings and their labels, pattern errors and time limits,
and the personal-details guard's phone numbers and e-mail addresses."""

from django.test import SimpleTestCase

from news.safeguarding import checks
from news.safeguarding.categories import PERSONAL_DETAILS, Category
from news.safeguarding.defaults import PATTERNS

SHIPPED = {str(category): text for category, text in PATTERNS.items()}


def details(text):
    return checks.find_personal_details(text=text, patterns=SHIPPED[PERSONAL_DETAILS])


class FoldTests(SimpleTestCase):
    def test_invisible_characters_go(self):
        self.assertEqual(checks.fold("se\u200bnd\u200d me\u2060 pics"), "send me pics")
        self.assertEqual(checks.fold("\u202eI am 13\u202c"), "i am 13")

    def test_full_width_and_look_alike_letters_become_plain(self):
        self.assertEqual(checks.fold("\uff29\u2019\uff4d \uff11\uff13"), "i'm 13")
        self.assertEqual(checks.fold("s\u0435nd m\u0435 pi\u0441s"), "send me pics")  # Cyrillic е and с

    def test_quotes_case_and_spaces(self):
        self.assertEqual(checks.fold("  He \u201cSAID\u201d\n\n it\u2019s  OK "), 'he "said" it\'s ok')

    def test_a_disclosure_with_hidden_characters_is_still_found(self):
        finding = checks.find_category(
            text="I\u200b'm 1\u200b3 and a man keeps a\u200bsking me for pics", patterns_by_category=SHIPPED
        )
        self.assertEqual(finding.category, Category.CHILD_DISCLOSURE)


class FindingTests(SimpleTestCase):
    def test_the_label_and_the_matched_words_say_why(self):
        patterns = {Category.SELF_HARM: "# Wanting to die\n\\bwant to die\\b\n# Other\n\\bother\\b"}
        finding = checks.find_category(text="Some days I  WANT to die.", patterns_by_category=patterns)
        self.assertEqual(finding.category, Category.SELF_HARM)
        self.assertEqual(finding.label, "Wanting to die")
        self.assertEqual(finding.pattern, "\\bwant to die\\b")
        self.assertEqual(finding.matched, "want to die")

    def test_shipped_patterns_carry_labels(self):
        for category, text in SHIPPED.items():
            for pattern in checks.compile_patterns(text):
                with self.subTest(category=category, pattern=pattern.source):
                    self.assertTrue(pattern.label)

    def test_the_first_category_in_order_wins(self):
        patterns = {Category.IDENTIFYING: "x", Category.CHILD_DISCLOSURE: "x"}
        self.assertEqual(
            checks.find_category(text="x", patterns_by_category=patterns).category, Category.CHILD_DISCLOSURE
        )

    def test_the_name_is_checked_as_well_as_the_text(self):
        finding = checks.find_category(text="Good article.", name="i want to die", patterns_by_category=SHIPPED)
        self.assertEqual(finding.category, Category.SELF_HARM)
        self.assertIsNone(checks.find_category(text="Good article.", name="Sam", patterns_by_category=SHIPPED))

    def test_an_invalid_pattern_names_its_line(self):
        with self.assertRaisesMessage(checks.PatternError, "Line 3"):
            checks.compile_patterns("# label\n\\bfine\\b\n(unclosed")

    def test_a_pattern_that_takes_too_long_counts_as_a_match(self):
        patterns = {Category.ABUSE_MATERIAL: "# Slow\n^(a|aa)+$"}
        with self.assertLogs("news.safeguarding.checks", "WARNING"):
            finding = checks.find_category(text="a" * 60 + "b", patterns_by_category=patterns)
        self.assertEqual(finding.category, Category.ABUSE_MATERIAL)
        self.assertEqual(finding.matched, "(the pattern took too long)")

    def test_shipped_patterns_are_quick_on_long_text(self):
        text = ("I'm 13 and the man from the game " * 40) + ("aaaa " * 400)
        for category, source in SHIPPED.items():
            for pattern in checks.compile_patterns(source):
                with self.subTest(category=category, pattern=pattern.source):
                    pattern.compiled.search(checks.fold(text), timeout=checks.PATTERN_TIME_LIMIT)


class PersonalDetailsTests(SimpleTestCase):
    def kinds(self, text):
        return [finding.category for finding in details(text)]

    def test_phone_numbers(self):
        for text in [
            "text me on 07912 345 678",
            "ring 0113 496 0000",
            "my number is +44 7412 550917",
            "call +1 416 555 0199",
        ]:
            with self.subTest(text=text):
                self.assertIn("phone", self.kinds(text))

    def test_email_addresses(self):
        found = details("write to sam.k+news@example.co.uk please")
        self.assertEqual([(f.category, f.matched) for f in found], [("email", "sam.k+news@example.co.uk")])
        self.assertEqual(details("see @ the meeting"), [])

    def test_years_dates_money_and_times_are_not_phone_numbers(self):
        for text in [
            "Between 2015 and 2020 convictions rose 23%.",
            "The trial starts on 03/06/2025 at 10:30.",
            "Funding fell from £4,200,000 to £2,800,000.",
            "He was jailed for 12 years and 6 months in 2019.",
            "Section 1 Sexual Offences Act 2003, and the Protection of Children Act 1978.",
            "Case 2023/1456, paragraph 4.12, Operation Hydrant.",
            "Read it at https://www.bbc.co.uk/news/uk-12345678",
        ]:
            with self.subTest(text=text):
                self.assertEqual(details(text), [])

    def test_postcodes_addresses_schools_and_handles(self):
        for text, label in [
            ("near LS6 2QT", "UK postcodes"),
            ("at 14 Elm Grove", "Street addresses: a house number and a kind of street"),
            ("she goes to Oakwood Primary School", "School names"),
            ("add me on snapchat: tommyb2009", "Social-media handles"),
        ]:
            with self.subTest(text=text):
                self.assertIn(label, [f.label for f in details(text)])
