"""The quality corpus: texts by true label, for the test and ``manage.py safeguarding_report``.

One UTF-8 file a label (``child_disclosure.txt``, …, ``ordinary.txt``, ``personal_details.txt``). Entries are
separated by a line holding only ``---`` and may span lines; ``#`` lines at the start of an entry are comments.
"""

from pathlib import Path

from news.safeguarding import checks
from news.safeguarding.categories import ORDER, PERSONAL_DETAILS

ORDINARY = "ordinary"
PUBLISHED = "published"
SEPARATOR = "---"


def parse(text):
    """The entries of one corpus file."""
    entries, lines = [], []
    for line in [*text.splitlines(), SEPARATOR]:
        if line.strip() == SEPARATOR:
            while lines and lines[0].lstrip().startswith("#"):
                lines.pop(0)
            entry = "\n".join(lines).strip()
            if entry:
                entries.append(entry)
            lines = []
        else:
            lines.append(line)
    return entries


def read_corpus(directory):
    """{label: [texts]} for every ``*.txt`` file in the directory, the label being the file's name."""
    return {path.stem: parse(path.read_text(encoding="utf-8")) for path in sorted(Path(directory).glob("*.txt"))}


def outcome(text, *, patterns_by_category):
    """What the check does with a text: a category's value, ``personal_details`` or ``published``."""
    finding = checks.find_category(text=text, patterns_by_category=patterns_by_category)
    if finding is not None:
        return str(finding.category)
    if checks.find_personal_details(text=text, patterns=patterns_by_category.get(PERSONAL_DETAILS, "")):
        return PERSONAL_DETAILS
    return PUBLISHED


COLUMNS = [*(str(category) for category in ORDER), PERSONAL_DETAILS, PUBLISHED]
CATEGORY_TARGET = 0.90  # of each category's disclosures held (in any category)
ORDINARY_HOLD_LIMIT = 0.03  # of ordinary comments held by a category
PERSONAL_DETAILS_TARGET = 0.90  # of personal_details.txt in which the guard finds a detail
ORDINARY_DETAILS_LIMIT = 0.03  # of ordinary comments in which the guard finds one


def _details(text, patterns_by_category):
    return checks.find_personal_details(text=text, patterns=patterns_by_category.get(PERSONAL_DETAILS, ""))


def evaluate(corpus, *, patterns_by_category):
    """The confusion table {true label: {outcome: count}} and the figures and targets drawn from it."""
    table = {}
    for label, texts in corpus.items():
        row = dict.fromkeys(COLUMNS, 0)
        for text in texts:
            row[outcome(text, patterns_by_category=patterns_by_category)] += 1
        table[label] = row
    results = []  # (name, value, target, passed)
    for category in ORDER:
        row = table.get(str(category))
        if not row:
            results.append((f"{category}: held", 0.0, CATEGORY_TARGET, False))
            continue
        total = sum(row.values())
        held = sum(row[str(c)] for c in ORDER)
        right = row[str(category)]
        results.append(
            (f"{category}: held (any category)", held / total, CATEGORY_TARGET, held / total >= CATEGORY_TARGET)
        )
        results.append((f"{category}: held in its own category", right / total, None, None))
    ordinary = table.get(ORDINARY)
    if ordinary:
        total = sum(ordinary.values())
        held = sum(ordinary[str(c)] for c in ORDER) / total
        flagged = sum(1 for text in corpus[ORDINARY] if _details(text, patterns_by_category)) / total
        results.append(("ordinary: held by a category", held, ORDINARY_HOLD_LIMIT, held <= ORDINARY_HOLD_LIMIT))
        results.append(
            ("ordinary: personal details found", flagged, ORDINARY_DETAILS_LIMIT, flagged <= ORDINARY_DETAILS_LIMIT)
        )
    else:
        results.append(("ordinary: held by a category", 0.0, ORDINARY_HOLD_LIMIT, False))
    details = table.get(PERSONAL_DETAILS)
    if details:
        texts = corpus[PERSONAL_DETAILS]
        caught = sum(1 for text in texts if _details(text, patterns_by_category)) / len(texts)
        results.append(
            ("personal details: found by the guard", caught, PERSONAL_DETAILS_TARGET, caught >= PERSONAL_DETAILS_TARGET)
        )
    else:
        results.append(("personal details: found by the guard", 0.0, PERSONAL_DETAILS_TARGET, False))
    return table, results
