"""Test and demo data factories for newsroom pages (wagtail-factories)."""

import datetime

import factory
import wagtail_factories
from wagtail.rich_text import RichText

from news import models


class NewsIndexPageFactory(wagtail_factories.PageFactory):
    title = "News"
    slug = "news"
    intro = "Reporting on child protection."

    class Meta:
        model = models.NewsIndexPage


class NewsArticlePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Article {n}")
    date = factory.Sequence(lambda n: datetime.date(2026, 1, 1) + datetime.timedelta(days=n))
    standfirst = "What happened, in one sentence."
    body = factory.LazyFunction(lambda: [("paragraph", RichText("<p>The body of the article.</p>"))])

    class Meta:
        model = models.NewsArticlePage


class CampaignIndexPageFactory(wagtail_factories.PageFactory):
    title = "Campaigns"
    slug = "campaigns"

    class Meta:
        model = models.CampaignIndexPage


class CampaignPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Campaign {n}")
    summary = "What the campaign wants to change."

    class Meta:
        model = models.CampaignPage
