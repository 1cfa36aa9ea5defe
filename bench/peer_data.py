"""The WordPress peer's article and comments, the same words and the same threads, for our bench.

``/work/shared/peers/wordpress/run.sh`` makes its post and comments with a small PHP generator
(``gen.php``, written by the script): PHP's ``mt_rand`` seeded with fixed seeds, a lorem-ipsum word
list, ~800 words of post in 8 paragraphs and a heading; comments of 1-3 paragraphs of 15-45 words,
about 40 % top-level, the rest replies to a random earlier comment not yet at depth 3. This module
ports that generator to Python, including PHP's Mersenne Twister and its ``mt_rand(min, max)``
range reduction, so the bench's pages carry the very text and thread shapes WordPress serves
(N=100 is a prefix of N=500, as there). ``python bench/peer_data.py --check`` compares the port with
the peer's own ``gen.php`` when PHP and the generator are on the machine.

Inserting: ``insert_comments(page, n)`` stores the comments with the thread fields django-comments-xtd
would compute (``thread_id``, ``parent_id``, ``level``, ``order`` in depth-first display order,
``nested_count``), in a few statements per level, and marks them published; ``article_body()`` is the
post's body as our StreamField (paragraph and heading blocks).
"""

import datetime
import random
import sys
from dataclasses import dataclass
from pathlib import Path

if __package__ in (None, ""):  # run as a script
    sys.path[:0] = [str(Path(__file__).resolve().parents[1]), str(Path(__file__).resolve().parents[1] / "site")]

LOREM = (
    "lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor incididunt ut labore et "
    "dolore magna aliqua enim ad minim veniam quis nostrud exercitation ullamco laboris nisi aliquip ex ea "
    "commodo consequat duis aute irure in reprehenderit voluptate velit esse cillum eu fugiat nulla pariatur "
    "excepteur sint occaecat cupidatat non proident sunt culpa qui officia deserunt mollit anim id est laborum"
)
FIRST = "Alice Ben Chloe Dev Emma Farid Grace Hamza Isla Jonas Kemi Liam Maya Noor Owen Priya Quinn Rosa Sam Tariq"
LAST = "Smith Jones Patel Nguyen Okafor Murphy Garcia Kowalski Chen Hughes Ali Evans"
WORDS, FIRST_NAMES, LAST_NAMES = LOREM.split(" "), FIRST.split(" "), LAST.split(" ")
POST_SEED = 20240501
COMMENT_SEED = 7
TITLE = "Council approves protected cycle lanes after two-year campaign"
MAX_DEPTH = 3  # WordPress's thread_comments_depth; our CommentSettings.max_thread_depth (levels 0-2)
TOP_LEVEL_PERCENT = 40
FIRST_COMMENT_AT = datetime.datetime(2024, 5, 1, 10, 0, tzinfo=datetime.UTC)
COMMENT_INTERVAL = datetime.timedelta(seconds=420)


class PhpMtRand:
    """PHP 7.1+'s ``mt_srand(seed)`` / ``mt_rand(min, max)`` (MT19937, MT_RAND_MT19937 mode)."""

    def __init__(self, seed):
        state = [seed & 0xFFFFFFFF]
        for i in range(1, 624):  # php_mt_initialize: the reference init_genrand
            previous = state[-1]
            state.append((1812433253 * (previous ^ (previous >> 30)) + i) & 0xFFFFFFFF)
        self._random = random.Random()  # noqa: S311 - the same (non-cryptographic) generator PHP uses
        self._random.setstate((3, (*state, 624), None))  # 624: twist before the first output, as PHP does

    def next32(self):
        return self._random.getrandbits(32)

    def rand(self, low, high):
        """``mt_rand(low, high)``: PHP's rand_range32, unbiased by rejection."""
        span = high - low
        result = self.next32()
        if span == 0xFFFFFFFF:
            return low + result
        span += 1
        if span & (span - 1) == 0:
            return low + (result & (span - 1))
        limit = 0xFFFFFFFF - (0xFFFFFFFF % span) - 1
        while result > limit:
            result = self.next32()
        return low + result % span


def _sentence(mt):
    words = [WORDS[mt.rand(0, len(WORDS) - 1)] for _ in range(mt.rand(6, 16))]
    text = " ".join(words)
    return text[:1].upper() + text[1:] + "."


def _paragraph(mt, words):
    sentences, count = [], 0
    while count < words:
        sentence = _sentence(mt)
        sentences.append(sentence)
        count += sentence.count(" ") + 1
    return " ".join(sentences)


def article_parts():
    """The post: [("paragraph", text) or ("heading", text)], in order (8 paragraphs, a heading before the 5th)."""
    mt = PhpMtRand(POST_SEED)
    parts = []
    for number in range(8):
        if number == 4:
            parts.append(("heading", _sentence(mt).rstrip(".")))
        parts.append(("paragraph", _paragraph(mt, 100)))
    return parts


def article_words():
    return sum(len(text.split()) for _kind, text in article_parts())


def article_body():
    """The post's body as an ``ArticleBodyBlock`` stream value (paragraph and h2 heading blocks)."""
    from wagtail.rich_text import RichText

    return [
        ("heading", {"text": text, "level": "h2"}) if kind == "heading" else ("paragraph", RichText(f"<p>{text}</p>"))
        for kind, text in article_parts()
    ]


@dataclass
class PeerComment:
    index: int
    parent: int | None  # index of the comment replied to
    depth: int  # 1 = top level, as WordPress counts
    name: str
    email: str
    text: str  # paragraphs separated by a blank line
    submitted: datetime.datetime


def comments(count):
    """The peer's first ``count`` comments, in the order they were written (the same seed for every count)."""
    mt = PhpMtRand(COMMENT_SEED)
    made, candidates = [], []
    for index in range(count):
        if index == 0 or not candidates or mt.rand(1, 100) <= TOP_LEVEL_PERCENT:
            parent, depth = None, 1
        else:
            parent = candidates[mt.rand(0, len(candidates) - 1)]
            depth = made[parent].depth + 1
        if depth < MAX_DEPTH:
            candidates.append(index)
        first, last = FIRST_NAMES[mt.rand(0, len(FIRST_NAMES) - 1)], LAST_NAMES[mt.rand(0, len(LAST_NAMES) - 1)]
        paragraphs = [_paragraph(mt, mt.rand(15, 45)) for _ in range(mt.rand(1, 3))]
        made.append(
            PeerComment(
                index=index,
                parent=parent,
                depth=depth,
                name=f"{first} {last}",
                email=f"{first.lower()}.{index}@example.com",
                text="\n\n".join(paragraphs),
                submitted=FIRST_COMMENT_AT + index * COMMENT_INTERVAL,
            )
        )
    return made


def describe(count):
    """A one-line summary of the first ``count`` comments' shape, for the bench's log and table."""
    made = comments(count)
    words = [len(comment.text.split()) for comment in made]
    paragraphs = [comment.text.count("\n\n") + 1 for comment in made]
    top = sum(comment.depth == 1 for comment in made)
    deepest = max((comment.depth for comment in made), default=0)
    return (
        f"{count} comments: {top} top-level, depth ≤ {deepest}, {min(paragraphs, default=0)}-"
        f"{max(paragraphs, default=0)} paragraphs, {sum(words)} words (the peer's generator)"
    )


def insert_comments(*, page, count):
    """The peer's first ``count`` comments, published on ``page``, threaded as django-comments-xtd would store
    them; a few statements per level. Returns the ``XtdComment`` objects in the order written."""
    from django.conf import settings
    from django.contrib.contenttypes.models import ContentType
    from django_comments_xtd.models import XtdComment

    from news.comments.factories import _insert_comments
    from news.comments.models import CommentModeration

    made = comments(count)
    children = {comment.index: [] for comment in made}
    for comment in made:
        if comment.parent is not None:
            children[comment.parent].append(comment.index)
    # xtd's order: a comment's place in its conversation, depth first, replies in the order written
    # (a new reply goes after its parent's replies so far; XtdComment._calculate_thread_data).
    order, nested = {}, {}

    def walk(index, position):
        order[index] = position
        below = 0
        for child in children[index]:
            below += 1 + walk(child, position + below + 1)
        nested[index] = below
        return below

    for comment in made:
        if comment.parent is None:
            walk(comment.index, 1)

    content_type = ContentType.objects.get_for_model(page)
    stored = [
        XtdComment(
            content_type=content_type,
            object_pk=str(page.pk),
            site_id=settings.SITE_ID,
            user=None,
            user_name=comment.name,
            user_email=comment.email,
            comment=comment.text,
            submit_date=comment.submitted,
            ip_address="127.0.0.1",
            is_public=True,
            level=comment.depth - 1,
            order=order[comment.index],
            nested_count=nested[comment.index],
        )
        for comment in made
    ]
    for level in range(MAX_DEPTH):
        batch = []
        for comment, xtd in zip(made, stored, strict=True):
            if xtd.level == level:
                if comment.parent is not None:
                    parent = stored[comment.parent]
                    xtd.parent_id, xtd.thread_id = parent.pk, parent.thread_id
                batch.append(xtd)
        _insert_comments(batch)
    CommentModeration.objects.bulk_create(
        CommentModeration(comment=xtd, decision=CommentModeration.Decision.PUBLISHED, reason="published")
        for xtd in stored
    )
    return stored


def make_peer_article(page):
    """Give ``page`` (a NewsArticlePage) the peer's title and ~800-word body, published in place."""
    page.title = TITLE
    page.body = article_body()
    revision = page.save_revision()
    revision.publish()
    return page


def _check_against_php(generator="/var/lib/wp-peer/conf/gen.php"):
    """Compare this port with the peer's own generator (needs php and the generator the peer wrote)."""
    import re
    import shutil
    import subprocess

    php = shutil.which("php")
    if not (php and Path(generator).exists()):
        print(f"cannot check: php or {generator} missing (run the peer once)")
        return 2
    count = 500
    sql = subprocess.run(  # noqa: S603 - the peer's generator
        [php, generator, "comments", str(count), "1", "100000"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rows = re.findall(
        r"\((\d+), 1, '((?:[^'\\]|\\.)*)', '((?:[^'\\]|\\.)*)', '', '127\.0\.0\.1', '([^']*)', '[^']*', "
        r"'((?:[^'\\]|\\.)*)', 0, '1', 'peer-bench', 'comment', (\d+), 0\)",
        sql,
    )
    ours = comments(count)
    problems = 0
    for (pk, name, email, date, text, parent), mine in zip(rows, ours, strict=False):
        theirs_parent = None if parent == "0" else int(parent) - 100000
        text = text.replace("\\'", "'").replace("\\\\", "\\")
        when = mine.submitted.strftime("%Y-%m-%d %H:%M:%S")
        if (name, email, date, text, theirs_parent) != (mine.name, mine.email, when, mine.text, mine.parent):
            problems += 1
            if problems < 4:
                print(f"comment {pk} differs:\n  php {name!r} {parent} {text[:60]!r}")
                print(f"  py  {mine.name!r} {mine.parent} {mine.text[:60]!r}")
    post = subprocess.run([php, generator, "post"], capture_output=True, text=True, check=True).stdout  # noqa: S603
    texts = re.findall(r"<(?:p|h2)>(.*?)</(?:p|h2)>", post)
    post_ok = texts == [text for _kind, text in article_parts()]
    print(
        f"comments: {len(rows)} from php, {len(ours)} here, {problems} differ; post: "
        f"{'identical' if post_ok else 'DIFFERENT'} ({article_words()} words); {describe(100)}"
    )
    return 0 if problems == 0 and len(rows) == count and post_ok else 1


if __name__ == "__main__":
    if "--check" in sys.argv:
        sys.exit(_check_against_php())
    print(f"article: {article_words()} words; {describe(100)}; {describe(500)}")
