"""Threads rebuilt from parents, ordered by Drupal's vancode, flattened to the site's depth with order kept."""

import datetime

from django.test import SimpleTestCase

from news.importers.records import CommentRecord
from news.importers.writer import thread_order
from tests.news.importers.drupal7_site import thread, vancode

WHEN = datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC)


def comment(source_id, parent_id, *path):
    return CommentRecord(
        source_id=source_id, parent_id=parent_id, thread=thread(*path).rstrip("/"), name="", email="", text="",
        submitted_at=WHEN, published=True,
    )  # fmt: skip


class VancodeTests(SimpleTestCase):
    def test_drupals_encoding(self):
        self.assertEqual([vancode(n) for n in (0, 1, 35, 36, 1295, 1296)], ["00", "01", "0z", "110", "1zz", "2100"])
        self.assertEqual(thread(1, 0, 36), "01.00.110/")


class ThreadOrderTests(SimpleTestCase):
    def test_siblings_follow_the_vancode_past_0z(self):
        records = [comment(str(n), None, n) for n in (36, 2, 35, 1)]
        self.assertEqual([row[0] for row in thread_order(records, max_depth=3)], ["1", "2", "35", "36"])

    def test_deeper_replies_hang_from_the_deepest_allowed_ancestor_in_order(self):
        records = [
            comment("a", None, 1),
            comment("b", "a", 1, 0),
            comment("c", "b", 1, 0, 0),
            comment("d", "c", 1, 0, 0, 0),
            comment("e", "b", 1, 0, 1),
            comment("f", "a", 1, 1),
        ]
        rows = {row[0]: row[1:] for row in thread_order(records, max_depth=2)}
        # (parent, level, position in the thread, root, replies below)
        self.assertEqual(rows["a"], (None, 0, 1, "a", 5))
        self.assertEqual(rows["b"], ("a", 1, 2, "a", 0))
        self.assertEqual(rows["c"], ("a", 1, 3, "a", 0))
        self.assertEqual(rows["d"], ("a", 1, 4, "a", 0))
        self.assertEqual(rows["e"], ("a", 1, 5, "a", 0))
        self.assertEqual(rows["f"], ("a", 1, 6, "a", 0))

    def test_orphans_and_loops_start_their_own_conversations(self):
        records = [comment("a", None, 1), comment("o", "gone", 2, 0), comment("x", "y", 3), comment("y", "x", 4)]
        rows = thread_order(records, max_depth=3)
        self.assertEqual(
            [(row[0], row[2], row[4]) for row in rows], [("a", 0, "a"), ("o", 0, "o"), ("x", 0, "x"), ("y", 1, "x")]
        )
