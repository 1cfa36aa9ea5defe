"""Comment ids as addresses and forms give them (any number of digits) against what the database can hold.

Every view that takes a comment id, and the comment form's ``reply_to``, asks here first: an id past the
database's integer is "no such comment", never a query (SQLite's driver raises OverflowError beyond 64 bits).
"""

from django.db import connections, router
from django.http import Http404
from django_comments_xtd.models import XtdComment


def largest_comment_id():
    """The largest primary key the comments table can hold (django_comments' own id, under xtd's link)."""
    column = XtdComment._meta.pk.target_field
    connection = connections[router.db_for_read(XtdComment)]
    return connection.ops.integer_field_range(column.get_internal_type())[1]


def is_storable(comment_id):
    """Whether a comment could have this id at all."""
    return isinstance(comment_id, int) and 0 < comment_id <= largest_comment_id()


def comment_id_or_404(comment_id):
    if not is_storable(comment_id):
        raise Http404("There is no such comment.")
    return comment_id
