"""What a change to comment rows means for the caches: their pages' comments changed (config.caching)."""

import config.caching as caching


def comments_changed(*, pages):
    caching.comments_changed(pages=pages)


def comments_changed_on(*, comments):
    """``comments_changed`` for the pages these comment rows belong to."""
    page_ids = {int(comment.object_pk) for comment in comments if str(comment.object_pk).isdigit()}
    caching.comments_changed(page_pks=page_ids)
