"""The newsroom's page types: news articles and campaigns, each under its index."""

import datetime

from django.db import models
from django.db.models import Q
from django.http import Http404
from django.utils import timezone
from django.utils.functional import cached_property
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Orderable, Page
from wagtail.search import index

from config.caching import mark_public
from home.blocks import ArticleBodyBlock, CallsToActionBlock, CampaignBodyBlock
from home.fields import StreamField
from home.models import HOME_LATEST_ARTICLES, BasePage, HelpMessageMixin, HomeFeaturedCampaign, HomePage
from home.paging import page_or_404
from news import selectors
from news.comments.admin.panels import CommentCountsPanel
from news.comments.routes import CommentablePageMixin

ARTICLES_PER_PAGE = 10


class NewsIndexPage(RoutablePageMixin, BasePage):
    """Lists live articles newest first, ten a page, filterable by tag, with an RSS feed."""

    intro = models.TextField(max_length=500, blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["news.NewsArticlePage"]
    max_count = 1

    class Meta:
        verbose_name = "news index page"

    @property
    def listing_summary(self):
        return self.intro

    def get_feed_url(self, request=None):
        return self.get_url(request=request) + self.reverse_subpage("feed")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["news_feed_url"] = self.get_feed_url(request)
        return context

    def get_cached_paths(self):
        return ["/", "/" + self.reverse_subpage("feed")]

    @path("")
    def index_view(self, request):
        tag_slug = request.GET.get("tag", "")
        tag = selectors.article_tag(slug=tag_slug) if tag_slug else None
        if tag_slug and tag is None:
            raise Http404("No articles have that tag.")
        articles = selectors.live_articles(parent=self, tag=tag)
        page_obj = page_or_404(articles, per_page=ARTICLES_PER_PAGE, number=request.GET.get("page"))
        response = self.render(
            request,
            context_overrides={"articles": page_obj, "tag": tag, "tags": selectors.article_tags(parent=self)},
        )
        return mark_public(request, response, until=self.changes_by_itself_at(request))

    @path("feed/", name="feed")
    def feed_view(self, request):
        from news.feeds import LatestArticlesFeed

        feed = LatestArticlesFeed(index_page=self)(request)
        return mark_public(request, feed, until=self.changes_by_itself_at(request))


class NewsArticleTag(TaggedItemBase):
    content_object = ParentalKey("news.NewsArticlePage", on_delete=models.CASCADE, related_name="tagged_items")


def today():
    return timezone.localdate()


class NewsArticlePage(CommentablePageMixin, HelpMessageMixin, BasePage):
    """A news article: dated, sourced, tagged, and linked to campaigns."""

    date = models.DateField("Publication date", default=today)
    standfirst = models.TextField(max_length=400, help_text="One or two sentences that sum up the article.")
    lead_image = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    lead_image_alt_text = models.CharField(
        max_length=250, blank=True, help_text="Describe the image; the image's title is used when empty."
    )
    lead_image_caption = models.CharField(max_length=250, blank=True)
    lead_image_credit = models.CharField(max_length=120, blank=True)
    body = StreamField(ArticleBodyBlock())
    byline = models.CharField(
        max_length=120,
        blank=True,
        help_text="Who wrote it, as readers see it (imported articles keep their author's name).",
    )
    source_name = models.CharField(
        "Source publication", max_length=120, blank=True, help_text="Where the story was first reported."
    )
    source_url = models.URLField("Source link", blank=True)
    tags = ClusterTaggableManager(through=NewsArticleTag, blank=True)
    related_campaigns = ParentalManyToManyField("news.CampaignPage", blank=True, related_name="linked_articles")

    content_panels = [
        *Page.content_panels,
        FieldRowPanel([FieldPanel("date"), FieldPanel("byline")]),
        FieldPanel("standfirst"),
        MultiFieldPanel(
            [
                FieldPanel("lead_image"),
                FieldPanel("lead_image_alt_text"),
                FieldRowPanel([FieldPanel("lead_image_caption"), FieldPanel("lead_image_credit")]),
            ],
            heading="Lead image",
        ),
        FieldPanel("body"),
        MultiFieldPanel([FieldPanel("source_name"), FieldPanel("source_url")], heading="Source"),
        FieldPanel("tags"),
        FieldPanel("related_campaigns"),
        FieldPanel("help_message"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("standfirst"),
        index.SearchField("body"),
        index.SearchField("source_name"),
        index.FilterField("date"),
    ]

    settings_panels = [
        *Page.settings_panels,
        FieldPanel("comments_mode"),
        CommentCountsPanel(heading="Reader comments"),
    ]

    parent_page_types = ["news.NewsIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = "news article"

    @property
    def listing_summary(self):
        return self.standfirst

    @property
    def listing_image(self):
        return self.lead_image

    @cached_property
    def shown_tags(self):
        """The article's topics, in the editor's order."""
        return list(self.tags.all())

    @classmethod
    def latest_for_listing(cls, *, limit):
        """The newest live, public articles, with their comment counts (the home page's latest news)."""
        return selectors.latest_articles(limit=limit)

    def get_pages_showing_this(self):
        """Its index, the campaigns that list it (chosen, linked or sharing a topic), and the home page's latest."""
        related = Q(related_news=self) | Q(pk__in=self.related_campaigns.values("pk"))
        tag_ids = list(self.tags.values_list("pk", flat=True))
        if tag_ids:
            related |= Q(tags__in=tag_ids)
        showing = [*super().get_pages_showing_this(), *CampaignPage.objects.live().filter(related).distinct()]
        if selectors.is_among_latest(article=self, limit=HOME_LATEST_ARTICLES):
            showing += list(HomePage.objects.live())
        return showing

    @property
    def publication_datetime(self):
        return datetime.datetime.combine(self.date, datetime.time.min, tzinfo=timezone.get_current_timezone())

    def get_context(self, request, *args, **kwargs):
        self.shown_tags, self.lead_image, related = self.kept_for_readers(
            request,
            "article",
            lambda: (self.shown_tags, self.lead_image, selectors.related_campaigns_for_article(article=self)),
        )
        context = super().get_context(request, *args, **kwargs)
        context["related_campaigns"] = related
        context["news_feed_url"] = self.get_parent().specific_deferred.get_feed_url(request)  # its URL: no query
        return context


class CampaignIndexPage(BasePage):
    """Lists the campaigns, active ones first."""

    intro = models.TextField(max_length=500, blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["news.CampaignPage"]
    max_count = 1

    class Meta:
        verbose_name = "campaign index page"

    @property
    def listing_summary(self):
        return self.intro

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["campaigns"] = selectors.live_campaigns(parent=self)
        return context


class CampaignPageTag(TaggedItemBase):
    content_object = ParentalKey("news.CampaignPage", on_delete=models.CASCADE, related_name="tagged_items")


class CampaignPage(CommentablePageMixin, HelpMessageMixin, BasePage):
    """A campaign: what it wants, how to act, and the news around it."""

    class Status(models.TextChoices):
        ACTIVE = "active", "Active"
        CLOSED = "closed", "Closed"

    status = models.CharField(max_length=10, choices=Status.choices, default=Status.ACTIVE)
    summary = models.TextField(max_length=500)
    hero_image = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    hero_image_alt_text = models.CharField(
        max_length=250, blank=True, help_text="Describe the image; the image's title is used when empty."
    )
    calls_to_action = StreamField(CallsToActionBlock(), blank=True, help_text="Buttons shown under the summary.")
    body = StreamField(CampaignBodyBlock(), blank=True)
    end_date = models.DateField(null=True, blank=True, help_text="When the campaign ends, if it has an end.")
    tags = ClusterTaggableManager(through=CampaignPageTag, blank=True)
    related_news = ParentalManyToManyField(
        "news.NewsArticlePage",
        blank=True,
        related_name="+",
        help_text="Shown first; articles that share a tag or link this campaign follow.",
    )

    content_panels = [
        *Page.content_panels,
        FieldRowPanel([FieldPanel("status"), FieldPanel("end_date")]),
        FieldPanel("summary"),
        MultiFieldPanel([FieldPanel("hero_image"), FieldPanel("hero_image_alt_text")], heading="Hero image"),
        InlinePanel("aims", label="Aim", min_num=1),
        FieldPanel("calls_to_action"),
        FieldPanel("body"),
        FieldPanel("tags"),
        FieldPanel("related_news"),
        FieldPanel("help_message"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("status"),
    ]

    settings_panels = [
        *Page.settings_panels,
        FieldPanel("comments_mode"),
        CommentCountsPanel(heading="Reader comments"),
    ]

    parent_page_types = ["news.CampaignIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = "campaign"

    @property
    def listing_summary(self):
        return self.summary

    @property
    def listing_image(self):
        return self.hero_image

    @classmethod
    def for_listing_in_order(cls, *, ids):
        """These campaigns, if live and public, in the order given, with their comment counts."""
        return selectors.campaigns_in_order(ids=ids)

    def get_pages_showing_this(self):
        """Its index, the articles that link to it and the home pages that feature it."""
        featuring = HomeFeaturedCampaign.objects.filter(campaign=self).values("page_id")
        return [
            *super().get_pages_showing_this(),
            *NewsArticlePage.objects.live().filter(related_campaigns=self),
            *HomePage.objects.live().filter(pk__in=featuring),
        ]

    @cached_property
    def shown_aims(self):
        """The campaign's aims, in the editor's order."""
        return list(self.aims.all())

    def get_context(self, request, *args, **kwargs):
        self.shown_aims, self.hero_image, related = self.kept_for_readers(
            request,
            "campaign",
            lambda: (self.shown_aims, self.hero_image, selectors.related_articles_for_campaign(campaign=self)),
        )
        context = super().get_context(request, *args, **kwargs)
        context["related_articles"] = related
        return context


class CampaignAim(Orderable):
    """One aim of a campaign, listed in the editor's order."""

    page = ParentalKey(CampaignPage, on_delete=models.CASCADE, related_name="aims")
    text = models.CharField(max_length=255)

    panels = [FieldPanel("text")]
