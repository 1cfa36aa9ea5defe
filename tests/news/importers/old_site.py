"""The old campaign site as a Drupal 7 database full of awkward data, and a copy of its files."""

import base64
from pathlib import Path

from tests.news.importers.drupal7_site import DrupalSite, days_ago

# A 1×1 PNG: the lead image of the first article.
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
)

ARTICLE_BODY = (
    "<p>Schools <strong>must</strong> report — <em>now</em>.</p>"
    '<script>document.write("stolen")</script>'
    '<p>Read <a href="https://example.org/guidance">the guidance</a> and '
    '<a href="javascript:alert(1)">this</a>.</p><img src="x" onerror="alert(2)">'
)
PLAIN_PAGE_BODY = "Über uns: wir schützen Kinder.\n\nZweiter Absatz,\nmit Zeilenumbruch."
DEEP_THREAD = 6  # levels in the deepest conversation on the old site
TOP_LEVEL_ON_BUSY_ARTICLE = 40  # past vancode 0z (35)


def build_old_site(url, files_dir, *, prefix=""):
    """Fill the Drupal database at ``url`` and the files directory; returns the site builder."""
    image_dir = Path(files_dir) / "field" / "image"
    image_dir.mkdir(parents=True, exist_ok=True)
    (image_dir / "school.png").write_bytes(PNG)
    (image_dir / "not-an-image.png").write_text("<?php echo 'hello';")

    site = DrupalSite(url, prefix=prefix)
    site.user(0, "", "")
    site.user(1, "Ed Itor", "editor@old-site.example")
    site.user(2, "Rita Registered", "rita@old-site.example")
    site.term(1, "Schools")
    site.term(2, "Écoles")
    long_ago = days_ago(2000)

    # 1: an article with scripts, non-ASCII, tags, an image and three addresses (one shared, see node 3).
    site.node(1, title="Schools must report – ‘now’", body=ARTICLE_BODY, summary="Schools <b>must</b> report.",
              created=long_ago, changed=days_ago(1500), tags=[1, 2], image=(1, "school.png", "Children", "A school"),
              aliases=["news/schools-report", "news/duplicate", "news/écoles-signalent"])  # fmt: skip
    # A deep conversation: each comment replies to the one before.
    cid = 1
    for depth in range(DEEP_THREAD):
        site.comment(cid, nid=1, pid=cid - 1 if depth else 0, path=[1] + [0] * depth, created=days_ago(1400 - depth),
                     body=f"Depth {depth}", name=f"Deep {depth}", mail=f"deep{depth}@readers.example")  # fmt: skip
        cid += 1
    # A second reply to the deep thread's second comment, after the deep chain in Drupal's order.
    site.comment(7, nid=1, pid=2, path=[1, 1], created=days_ago(1300), body="Second answer", name="Later",
                 mail="later@readers.example")  # fmt: skip
    # An unpublished comment, its HTML with a script, the subject its own, a homepage and an old address.
    site.comment(8, nid=1, path=[2], status=0, created=days_ago(1200), text_format="filtered_html",
                 body='<p>Hello <script>alert("x")</script><a href="https://example.org/x">here</a><br>next line</p>'
                      "<p>Second paragraph &amp; more</p>",
                 subject="A question", name="Held Hannah", mail="Hannah@Readers.example",
                 homepage="http://spam.example")  # fmt: skip
    # Plain text that looks like markup: shown as typed, escaped, as on the old site; the subject is its start.
    site.comment(9, nid=1, path=[3], created=days_ago(2), body="<script>alert('typed')</script> is what I typed",
                 subject="<script>alert('typed')</script> is", name="Typist", mail="typist@readers.example",
                 hostname="198.51.100.7")  # fmt: skip
    # An orphan: its parent was deleted on the old site.
    site.comment(10, nid=1, pid=999, path=[4, 0], created=days_ago(1100), body="Orphaned reply", name="Orphan",
                 mail="orphan@readers.example")  # fmt: skip
    # A registered user's comment: Drupal keeps the address on the user, not on the comment.
    site.comment(11, nid=1, uid=2, path=[5], created=days_ago(1000), body="Комментарий на русском 🌍",
                 name="Rita Registered", mail="")  # fmt: skip

    # 2: a standard page in plain text, comments hidden.
    site.node(2, type="page", title="Über uns", body=PLAIN_PAGE_BODY, text_format="plain_text", comment=0,
              created=long_ago, aliases=["about"])  # fmt: skip
    # 3: a draft article with closed comments; the newer row of a shared alias points here.
    site.node(3, title="Draft article", body="Not ready.\n\nStill drafting.", status=0, comment=1,
              created=days_ago(30), aliases=["news/duplicate"])  # fmt: skip
    # 4: a broken node (no title): reported and skipped.
    site.node(4, title="", body="<p>Nothing</p>", created=days_ago(20))
    # 5: a campaign, a content type with no default page type (mapped by --type).
    site.node(5, type="campaign", title="Safer schools", body="<p>Join us.</p>", summary="What we want.",
              created=days_ago(10), image=(3, "not-an-image.png", "", ""))  # fmt: skip
    # 6: a type nobody mapped.
    site.node(6, type="event", title="Summer fair", body="<p>Come along.</p>", created=days_ago(5))
    # 7: a busy article, with more top-level comments than two vancode digits hold.
    # Its image's address leads out of the files directory: never read.
    site.node(7, title="Busy discussion", body="<p>Talk.</p>", created=days_ago(400), aliases=["news/busy"],
              image=(2, "../../../../../etc/hostname", "", ""))  # fmt: skip
    for n in range(1, TOP_LEVEL_ON_BUSY_ARTICLE + 1):
        cid = 200 - n  # numbered against their order: the vancode orders them, not the id
        site.comment(cid, nid=7, path=[n], created=days_ago(300), body=f"Top {n}", name=f"Busy {n}",
                     mail=f"busy{n}@readers.example")  # fmt: skip
    site.create()
    return site
