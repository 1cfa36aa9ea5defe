"""The safeguarding check: which category a text falls in and why, and which personal details it holds.

Pure functions over text and pattern lists (the patterns come from ``selectors.patterns_by_category``).
Patterns are the campaign's regular expressions, run with the ``regex`` module's time limit: a pattern
that takes too long on a text counts as a match, so a slow pattern holds a comment rather than lets it through.
"""

import functools
import logging
import unicodedata
from dataclasses import dataclass

import phonenumbers
import regex
from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from news.safeguarding.categories import ORDER

logger = logging.getLogger(__name__)

PATTERN_TIME_LIMIT = 0.05  # seconds, per pattern and text
QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u02bc": "'", "\u2032": "'", "\u201c": '"', "\u201d": '"'})
# Cyrillic and Greek letters that look like Latin ones, as typed to slip past a filter ("sеnd" with a Cyrillic е).
# Only for matching: the stored text is never changed.
LOOK_ALIKES = str.maketrans(
    "абвеікмнорстухѕјԁһԛԝαβεικνορτυχ",
    "abbeikmhopctyxsjdhqwabeiknoptux",
)
EMAIL_CANDIDATE = regex.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
PHONE_REGION = "GB"  # numbers without a country code are read as UK numbers; with one, as that country's
# A personal number has at least ten digits (UK numbers have 10 or 11); shorter runs are years, amounts and
# the helplines' own short numbers (116 123), which readers should be free to pass on.
PHONE_MIN_DIGITS = 10


@dataclass(frozen=True)
class Finding:
    """Why a text is in a category (or holds a personal detail): the pattern and the words it matched."""

    category: str
    label: str
    pattern: str
    matched: str


@dataclass(frozen=True)
class Pattern:
    label: str  # the comment line above it, which says what it looks for
    source: str
    compiled: regex.Pattern


class PatternError(ValueError):
    """A pattern that is not a valid regular expression, with its line number."""


def fold(text):
    """The text as the patterns see it: NFKC (full-width and other compatibility forms made plain), no
    invisible format characters (zero-width spaces, direction overrides), straight quotes, lower case, the
    common Cyrillic and Greek look-alikes of Latin letters made Latin, one space between words."""
    text = unicodedata.normalize("NFKC", text or "")
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Cf").translate(QUOTES)
    return " ".join(text.casefold().translate(LOOK_ALIKES).split())


@functools.lru_cache(maxsize=64)
def compile_patterns(text):
    """The patterns of one list: one a line; ``#`` lines are comments, the last one labels the patterns below."""
    patterns, label = [], ""
    for number, line in enumerate((text or "").splitlines(), start=1):
        line = line.strip()
        if not line:
            continue
        if line.startswith("#"):
            label = line.lstrip("# ").strip()
            continue
        try:
            compiled = regex.compile(line, regex.IGNORECASE | regex.VERSION0)
        except regex.error as error:
            raise PatternError(f"Line {number}: “{line}” is not a valid pattern ({error}).") from None
        patterns.append(Pattern(label=label, source=line, compiled=compiled))
    return tuple(patterns)


def validate_patterns(text):
    """For the admin's form: every line must compile."""
    try:
        compile_patterns(text)
    except PatternError as error:
        raise ValidationError(str(error)) from None


def first_match(patterns, texts, category):
    """The first of ``patterns`` (compiled) found in one of the folded ``texts``, as a ``Finding``, or None.
    A pattern past its time limit counts as found."""
    for pattern in patterns:
        for text in texts:
            try:
                found = pattern.compiled.search(text, timeout=PATTERN_TIME_LIMIT)
            except TimeoutError:
                logger.warning("Safeguarding pattern %r took too long; counted as a match", pattern.source)
                return Finding(category, pattern.label, pattern.source, "(the pattern took too long)")
            if found:
                return Finding(category, pattern.label, pattern.source, found.group(0))
    return None


def find_category(*, text, name="", patterns_by_category):
    """The first category (in ``categories.ORDER``) whose patterns match the text or the name, or None."""
    texts = [folded for folded in (fold(text), fold(name)) if folded]
    for category in ORDER:
        finding = first_match(compile_patterns(patterns_by_category.get(category, "")), texts, category)
        if finding:
            return finding
    return None


def find_personal_details(*, text, patterns):
    """Phone numbers (UK and international, by libphonenumber), e-mail addresses, and what the personal-details
    patterns find (postcodes, street addresses, schools, social-media handles)."""
    found = [
        Finding("phone", "a phone number", "", match.raw_string)
        for match in phonenumbers.PhoneNumberMatcher(text or "", PHONE_REGION, leniency=phonenumbers.Leniency.POSSIBLE)
        if sum(ch.isdigit() for ch in match.raw_string) >= PHONE_MIN_DIGITS
    ]
    for candidate in EMAIL_CANDIDATE.findall(text or ""):
        try:
            validate_email(candidate)
        except ValidationError:
            continue
        found.append(Finding("email", "an e-mail address", "", candidate))
    folded = fold(text)
    for pattern in compile_patterns(patterns):
        try:
            match = pattern.compiled.search(folded, timeout=PATTERN_TIME_LIMIT)
        except TimeoutError:
            continue
        if match:
            found.append(
                Finding("pattern", pattern.label or "personal details", pattern.source, match.group(0).strip())
            )
    return found
