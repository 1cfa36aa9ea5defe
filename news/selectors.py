"""Reads of newsroom pages: every listing query lives here, shaped for its template.

The page models read through here, so their classes are looked up by name (``apps.get_model``), not imported.
"""

from django.apps import apps
from django.db.models import BooleanField, Case, Q, QuerySet, Value, When
from taggit.models import Tag

from home.selectors import live_public
from news.comments.queries import annotate_comment_counts

RELATED_ARTICLES_LIMIT = 6


def live_articles(*, parent=None, tag=None):
    """Live, public articles newest first, optionally under one index and with one tag."""
    NewsArticlePage = apps.get_model("news", "NewsArticlePage")
    articles = live_public(NewsArticlePage.objects.all())
    if parent is not None:
        articles = articles.child_of(parent)
    if tag is not None:
        articles = articles.filter(tags=tag)
    articles = annotate_comment_counts(articles.select_related("lead_image"))
    return articles.order_by("-date", "-first_published_at", "-pk")


def latest_articles(*, limit):
    return list(live_articles()[:limit])


def is_among_latest(*, article, limit):
    """Whether a list of the ``limit`` latest articles shows the article, or would once it is (re)published."""
    NewsArticlePage = apps.get_model("news", "NewsArticlePage")
    latest = live_public(NewsArticlePage.objects.all()).order_by("-date", "-first_published_at", "-pk")
    latest = list(latest.values_list("pk", "date")[:limit])
    if len(latest) < limit or any(pk == article.pk for pk, _date in latest):
        return True
    return article.date >= latest[-1][1]


def article_tag(*, slug):
    """The tag with this slug if a live article carries it, else None."""
    NewsArticleTag = apps.get_model("news", "NewsArticleTag")
    if len(slug) > Tag._meta.get_field("slug").max_length or "\x00" in slug:
        return None  # cannot exist; PostgreSQL also refuses NUL in a string

    return Tag.objects.filter(
        slug=slug, pk__in=NewsArticleTag.objects.filter(content_object__live=True).values("tag_id")
    ).first()


def article_tags(*, parent):
    """Tags used by live articles under this index, by name."""
    NewsArticleTag = apps.get_model("news", "NewsArticleTag")
    used = NewsArticleTag.objects.filter(content_object__live=True, content_object__path__startswith=parent.path)
    return Tag.objects.filter(pk__in=used.values("tag_id")).order_by("name")


def _ids(related):
    """The ids of a page's related objects: a subquery for a stored page, a list in a preview (held in memory)."""
    if isinstance(related, QuerySet):
        return related.values("pk")
    return [item.pk for item in related]


def related_campaigns_for_article(*, article):
    """The live campaigns an article links to, by title."""
    CampaignPage = apps.get_model("news", "CampaignPage")
    campaigns = live_public(CampaignPage.objects.filter(pk__in=_ids(article.related_campaigns.all())))
    return annotate_comment_counts(campaigns.select_related("hero_image")).order_by("title")


def campaigns_in_order(*, ids):
    """These campaigns, if live and public, in the order given (e.g. an editor's featured list)."""
    CampaignPage = apps.get_model("news", "CampaignPage")
    campaigns = live_public(CampaignPage.objects.filter(pk__in=ids)).select_related("hero_image")
    by_id = {campaign.pk: campaign for campaign in annotate_comment_counts(campaigns)}
    return [by_id[pk] for pk in ids if pk in by_id]


def live_campaigns(*, parent):
    """Active campaigns first, then closed ones, each in tree order."""
    CampaignPage = apps.get_model("news", "CampaignPage")
    campaigns = live_public(CampaignPage.objects.child_of(parent)).select_related("hero_image")
    return annotate_comment_counts(campaigns).order_by("status", "path")


def related_articles_for_campaign(*, campaign, limit=RELATED_ARTICLES_LIMIT):
    """Editors' choices first, then articles that share a tag with or link to the campaign (one query)."""
    NewsArticlePage = apps.get_model("news", "NewsArticlePage")
    chosen = _ids(campaign.related_news.all())
    linked = NewsArticlePage.objects.filter(Q(tags__in=_ids(campaign.tags.all())) | Q(related_campaigns=campaign))
    is_chosen = Case(When(pk__in=chosen, then=Value(True)), default=Value(False), output_field=BooleanField())
    articles = live_articles().filter(Q(pk__in=chosen) | Q(pk__in=linked.values("pk"))).alias(is_chosen=is_chosen)
    return list(articles.order_by("-is_chosen", "-date", "-first_published_at", "-pk")[:limit])
