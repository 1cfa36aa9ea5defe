"""Test and demo data factories for the site-wide models (wagtail-factories)."""

import factory
import wagtail_factories
from factory.django import DjangoModelFactory
from wagtail.models import Collection, Page, Site
from wagtail.rich_text import RichText

from home import models


def root_collection():
    return Collection.get_first_root_node()


class ImageFactory(wagtail_factories.ImageFactory):
    collection = factory.LazyFunction(root_collection)
    title = factory.Sequence(lambda n: f"Image {n}")
    file = factory.django.ImageField(width=1200, height=675, color="#005a9c")


class HelpMessageFactory(DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Help message {n}")
    heading = "Worried about your own thoughts?"
    message = "Confidential, non-judgemental help is available before anyone is harmed."
    link_url = "https://example.org/get-help"
    phone_number = "0800 000 0000"

    class Meta:
        model = models.HelpMessage


class HomePageFactory(wagtail_factories.PageFactory):
    title = "Home"
    slug = "home"
    hero_heading = "Protecting children, online and off"
    hero_intro = "News and campaigns from people working to keep children safe."

    class Meta:
        model = models.HomePage


class StandardPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Standard page {n}")
    intro = "An introduction."
    body = factory.LazyFunction(lambda: [("paragraph", RichText("<p>Some text.</p>"))])

    class Meta:
        model = models.StandardPage


def home_page_as_site_root(**kwargs):
    """Replace Wagtail's placeholder welcome page with a HomePage at the default site's root."""
    root = Page.get_first_root_node()
    Page.objects.filter(depth=2, content_type__model="page", content_type__app_label="wagtailcore").delete()
    home = HomePageFactory(parent=root, **kwargs)
    site = Site.objects.filter(is_default_site=True).first() or Site(is_default_site=True)
    site.hostname, site.port, site.root_page, site.site_name = "localhost", 80, home, "Campaign newsroom"
    site.save()
    return home
