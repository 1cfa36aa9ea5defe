"""Test and demo data for reader comments (factory_boy)."""

import factory
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from django_comments_xtd.models import XtdComment


class CommentFactory(factory.django.DjangoModelFactory):
    """A stored comment on ``page`` (pass ``parent=`` for a reply); the library computes its thread."""

    class Params:
        page = None
        parent = None

    content_type = factory.LazyAttribute(lambda o: ContentType.objects.get_for_model(o.page))
    object_pk = factory.LazyAttribute(lambda o: str(o.page.pk))
    site_id = settings.SITE_ID
    user_name = factory.Sequence(lambda n: f"Reader {n}")
    user_email = factory.Sequence(lambda n: f"reader{n}@example.org")
    user_url = ""
    comment = factory.Sequence(lambda n: f"Comment number {n}.")
    submit_date = factory.LazyFunction(timezone.now)
    ip_address = "192.0.2.10"
    is_public = True
    is_removed = False
    parent_id = factory.LazyAttribute(lambda o: o.parent.pk if o.parent else 0)

    class Meta:
        model = XtdComment
