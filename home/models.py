"""Site-wide page types and the parts every page shares."""

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import Orderable, Page, Site
from wagtail.search import index

import config.caching as caching
from config.caching import mark_public
from home.blocks import ArticleBodyBlock
from home.fields import StreamField


class HelpMessage(index.Indexed, models.Model):
    """Encourages people at risk of offending to seek confidential help.

    Editors attach one to a page; pages without one show the site-wide default
    chosen in the "Site-wide settings".
    """

    name = models.CharField(max_length=100, help_text="For editors only: which message is this?")
    heading = models.CharField(max_length=120, default="Worried about your own thoughts or behaviour?")
    message = models.TextField(max_length=600)
    link_url = models.URLField("Link", blank=True)
    link_text = models.CharField(max_length=80, blank=True, default="Get confidential help")
    phone_number = models.CharField(max_length=40, blank=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("heading"),
        FieldPanel("message"),
        MultiFieldPanel(
            [FieldPanel("link_url"), FieldPanel("link_text"), FieldPanel("phone_number")],
            heading="How to reach help (a link, a phone number or both)",
        ),
    ]
    search_fields = [index.SearchField("name"), index.SearchField("message")]

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def clean(self):
        if not self.link_url and not self.phone_number:
            raise ValidationError("Give a link, a phone number, or both, so readers can reach help.")

    @property
    def phone_href(self):
        return "tel:" + "".join(ch for ch in self.phone_number if ch.isdigit() or ch == "+")


@register_setting(icon="cog")
class SiteSettings(BaseSiteSetting):
    """Site-wide choices editors make once: the default help message and the privacy page."""

    default_help_message = models.ForeignKey(
        HelpMessage,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Shown on articles and campaigns that do not choose their own help message.",
    )
    privacy_policy_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Linked from the comment form and the footer.",
    )

    select_related = ["default_help_message", "privacy_policy_page"]
    panels = [FieldPanel("default_help_message"), PageChooserPanel("privacy_policy_page")]

    class Meta:
        verbose_name = "Site-wide settings"


class BasePage(Page):
    """Every public page: SEO and social sharing from the promote tab."""

    social_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Shown when the page is shared on social media (at least 1200×630).",
    )
    social_text = models.CharField(
        max_length=255, blank=True, help_text="Sharing text; the search description is used when empty."
    )

    promote_panels = [
        *Page.promote_panels,
        MultiFieldPanel([FieldPanel("social_image"), FieldPanel("social_text")], heading="Social sharing"),
    ]

    class Meta:
        abstract = True

    def serve(self, request, *args, **kwargs):
        return mark_public(request, super().serve(request, *args, **kwargs), until=self.changes_by_itself_at(request))

    def changes_by_itself_at(self, request):
        """When the page will change with no one acting (its scheduled unpublishing): not kept past it."""
        return self.expire_at

    # Where the page is shown besides its own addresses: caches of those pages change with it (config.caching).

    def get_pages_showing_this(self):
        """Pages that show this one (as a card, in a feed): its parent's listing unless a page type says more."""
        parent = self.get_parent()
        return [parent] if parent is not None and parent.depth > 1 else []

    def get_urls_showing_this(self):
        """Addresses other than pages' that show this page (e.g. a site-wide feed)."""
        return []

    def is_shown_on_every_page(self):
        """The main menu lists the site root's children marked "show in menus" (navigation_tags.main_menu)."""
        return self.show_in_menus and Site.objects.filter(root_page_id=self.get_parent().pk).exists()

    def kept_for_readers(self, request, key, compute):
        """``compute()``'s answer, kept until this page or what it shows changes (config.caching); fresh in previews."""
        if getattr(request, "is_preview", False) or not self.pk:
            return compute()
        return caching.kept_for_page(page_pk=self.pk, key=key, compute=compute)

    def get_meta_description(self):
        return self.search_description or getattr(self, "listing_summary", "")

    def get_social_image(self):
        return self.social_image or getattr(self, "listing_image", None)

    def get_social_text(self):
        return self.social_text or self.get_meta_description()

    @property
    def listing_summary(self):
        """A sentence for listings and meta descriptions; page types override it."""
        return ""

    @property
    def listing_image(self):
        return None


class HelpMessageMixin(models.Model):
    """A page that shows a help message: its own, or the site-wide default."""

    help_message = models.ForeignKey(
        HelpMessage,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Leave empty to show the site-wide default help message.",
    )

    class Meta:
        abstract = True

    def get_help_message(self, request):
        if self.help_message_id:
            return self.help_message
        return SiteSettings.for_request(request).default_help_message

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["help_message"] = self.get_help_message(request)
        return context


HOME_LATEST_ARTICLES = 3
LATEST_ARTICLES_MODEL = "news.NewsArticlePage"


class HomePage(HelpMessageMixin, BasePage):
    """The front page: a hero, featured campaigns, the latest news and a help message."""

    hero_heading = models.CharField(max_length=120)
    hero_intro = models.TextField(max_length=500, blank=True)
    hero_image = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [FieldPanel("hero_heading"), FieldPanel("hero_intro"), FieldPanel("hero_image")], heading="Hero"
        ),
        InlinePanel("featured_campaigns", label="Featured campaign", max_num=3),
        FieldPanel("help_message"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("hero_intro")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["news.NewsIndexPage", "news.CampaignIndexPage", "home.StandardPage"]
    max_count = 1

    class Meta:
        verbose_name = "home page"

    @property
    def listing_summary(self):
        return self.hero_intro

    @property
    def listing_image(self):
        return self.hero_image

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # The page types it lists are the newsroom's; it names them only as its fields and settings do.
        campaign_model = HomeFeaturedCampaign._meta.get_field("campaign").related_model
        context["featured_campaigns"] = campaign_model.for_listing_in_order(
            ids=[item.campaign_id for item in self.featured_campaigns.all()]
        )
        article_model = apps.get_model(LATEST_ARTICLES_MODEL)
        context["latest_articles"] = article_model.latest_for_listing(limit=HOME_LATEST_ARTICLES)
        return context


class HomeFeaturedCampaign(Orderable):
    """A campaign the home page features, in the editor's order."""

    page = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="featured_campaigns")
    campaign = models.ForeignKey("news.CampaignPage", on_delete=models.CASCADE, related_name="+")

    panels = [PageChooserPanel("campaign")]


class StandardPage(BasePage):
    """A plain page such as About or Privacy policy."""

    intro = models.TextField(max_length=500, blank=True)
    body = StreamField(ArticleBodyBlock(), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["home.HomePage", "home.StandardPage"]
    subpage_types = ["home.StandardPage"]

    @property
    def listing_summary(self):
        return self.intro
