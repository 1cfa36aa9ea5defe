"""Fill an empty site with demo pages, snippets and images; safe to run again.

Existing objects are found by image title, snippet name and page slug, and are
left alone, so a second run creates nothing and publishes no new revisions.
"""

import datetime
import hashlib
from collections import defaultdict
from io import BytesIO

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.files.images import ImageFile
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone
from django_comments_xtd.models import XtdComment
from wagtail.images.models import Image
from wagtail.models import Page, Site

from home import demo_content
from home.models import HelpMessage, HomeFeaturedCampaign, HomePage, SiteSettings, StandardPage
from news.comments.models import CommentModeration
from news.models import CampaignAim, CampaignIndexPage, CampaignPage, NewsArticlePage, NewsIndexPage
from news.safeguarding import selectors as safeguarding_selectors
from news.safeguarding.models import SafeguardingSettings


class Report:
    """Collects what was created, found or changed, so the summary can say so."""

    def __init__(self):
        self.created = defaultdict(list)
        self.found = defaultdict(list)
        self.notes = []

    def add(self, kind, label, *, created):
        (self.created if created else self.found)[kind].append(label)

    def note(self, text):
        self.notes.append(text)

    def lines(self, *, verbose):
        kinds = list(dict.fromkeys([*self.created, *self.found]))
        for kind in kinds:
            yield f"{kind}: {len(self.created[kind])} created, {len(self.found[kind])} already there"
            if verbose:
                yield from (f"  + {label}" for label in self.created[kind])
                yield from (f"  = {label}" for label in self.found[kind])
        yield from self.notes


def resolve(value, *, images, help_messages, pages):
    """Swap the demo module's references for real objects, since blocks need model instances."""
    if isinstance(value, demo_content.ImageRef):
        return images[value.key]
    if isinstance(value, demo_content.HelpMessageRef):
        return help_messages[value.name]
    if isinstance(value, demo_content.PageRef):
        return pages[value.slug]
    if isinstance(value, dict):
        return {
            key: resolve(item, images=images, help_messages=help_messages, pages=pages) for key, item in value.items()
        }
    if isinstance(value, list | tuple):
        return type(value)(resolve(item, images=images, help_messages=help_messages, pages=pages) for item in value)
    return value


def ensure_images(*, report):
    """Generate each demo image once; on later runs reuse the image with the same title."""
    images = {}
    for spec in demo_content.IMAGES:
        image = Image.objects.filter(title=spec.title).order_by("pk").first()
        created = image is None
        if created:
            data = demo_content.render_png(seed=spec.seed, start=spec.start, end=spec.end, accent=spec.accent)
            image = Image(
                title=spec.title,
                file=ImageFile(BytesIO(data), name=spec.filename),
                file_size=len(data),
                file_hash=hashlib.sha1(data, usedforsecurity=False).hexdigest(),  # as Wagtail computes it
            )
            image.save()
        report.add("Images", spec.title, created=created)
        images[spec.key] = image
    return images


def ensure_help_messages(*, report):
    """Create the help message snippets by name; an editor's later changes to them are kept."""
    messages = {}
    for spec in demo_content.HELP_MESSAGES:
        message, created = HelpMessage.objects.get_or_create(name=spec["name"], defaults=spec)
        report.add("Help messages", message.name, created=created)
        messages[message.name] = message
    return messages


def ensure_safeguarding_help(*, help_messages, report):
    """Each safeguarding category's help message, and the search deterrence message, where none is chosen yet."""
    for category, rule in safeguarding_selectors.rules().items():
        name = demo_content.SAFEGUARDING_HELP.get(category)
        if name and rule.help_message_id is None:
            rule.help_message = help_messages[name]
            rule.save(update_fields=["help_message"])
            report.add("Safeguarding help", f"{rule.get_category_display()}: {name}", created=True)
    search = SafeguardingSettings.load()
    if search.search_help_message_id is None:
        search.search_help_message = help_messages[demo_content.SEARCH_HELP_MESSAGE]
        search.save(update_fields=["search_help_message"])


def ensure_home_page(*, images, help_messages, report):
    """Reuse any HomePage; otherwise replace Wagtail's welcome page with a new, still unpublished one."""
    home = HomePage.objects.order_by("pk").first()
    if home is not None:
        report.add("Pages", f"{home.title} (home page)", created=False)
        return home, False

    root = Page.get_first_root_node()
    welcome = root.get_children().filter(slug="home").first()
    if welcome is not None and welcome.specific_class is Page and welcome.is_leaf():
        # Deleting a site's root page deletes the site, so move sites to the root while it goes.
        for site in Site.objects.filter(root_page=welcome):
            site.root_page = root
            site.save()
        welcome.delete()
        report.note(f"Deleted Wagtail's default page “{welcome.title}”.")
        root.refresh_from_db()

    slug = "home" if not root.get_children().filter(slug="home").exists() else "campaign-newsroom"
    fields = resolve(demo_content.HOME_PAGE, images=images, help_messages=help_messages, pages={})
    home = HomePage(slug=slug, live=False, **fields)
    root.add_child(instance=home)
    report.add("Pages", f"{home.title} (home page)", created=True)
    return home, True


def ensure_default_site(*, home, report):
    """Point the default site at the home page and name it, leaving an existing name alone."""
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        site = Site.objects.create(
            hostname="localhost", port=80, root_page=home, is_default_site=True, site_name=demo_content.SITE_NAME
        )
        report.note(f"Created the default site {site} for the home page.")
        return site
    changed = []
    if site.root_page_id != home.pk:
        site.root_page = home
        changed.append("root page")
    if not site.site_name:
        site.site_name = demo_content.SITE_NAME
        changed.append("name")
    if changed:
        site.save()
        report.note(f"Updated the default site's {' and '.join(changed)}.")
    return site


def ensure_page(*, parent, model, slug, build, report, kind):
    """Return the child of parent with this slug, or add the page build() makes (unpublished for now).

    Publishing is left to the caller, so pages that link to each other get one revision each.
    Returns (page, created).
    """
    existing = parent.get_children().filter(slug=slug).first()
    if existing is not None:
        existing = existing.specific
        if not isinstance(existing, model):
            raise CommandError(
                f"{existing.url_path} exists but is a {type(existing).__name__}, not a {model.__name__}."
            )
        report.add(kind, existing.title, created=False)
        return existing, False
    page = build()
    page.slug = slug
    page.live = False
    parent.add_child(instance=page)
    report.add(kind, page.title, created=True)
    return page, True


def publish(page):
    """Publish through a revision, as an editor would, so history and the live page agree."""
    page.save_revision().publish()


def ensure_settings(*, site, help_messages, privacy_page, report):
    """Fill the site-wide settings that are still empty; choices editors made are kept."""
    existed = SiteSettings.objects.filter(site=site).exists()
    settings = SiteSettings.for_site(site)
    changed = []
    if settings.default_help_message_id is None:
        settings.default_help_message = help_messages[demo_content.DEFAULT_HELP_MESSAGE]
        changed.append("default help message")
    if settings.privacy_policy_page_id is None:
        settings.privacy_policy_page = privacy_page
        changed.append("privacy policy page")
    if changed:
        settings.save()
        report.note(f"Site-wide settings: set {' and '.join(changed)}.")
    elif existed:
        report.note("Site-wide settings: already set, left unchanged.")


class Command(BaseCommand):
    help = "Create demo pages, snippets and images for the newsroom. Existing content is found and left alone."

    def handle(self, *args, **options):
        report = Report()
        with transaction.atomic():
            self.load(report=report)
        for line in report.lines(verbose=options["verbosity"] > 1):
            self.stdout.write(line)
        self.stdout.write(self.style.SUCCESS("Demo content loaded."))

    def load(self, *, report):
        images = ensure_images(report=report)
        help_messages = ensure_help_messages(report=report)
        ensure_safeguarding_help(help_messages=help_messages, report=report)
        refs = {"images": images, "help_messages": help_messages}
        home, home_created = ensure_home_page(report=report, **refs)
        site = ensure_default_site(home=home, report=report)
        today = timezone.localdate()
        to_publish = []

        def add(*, parent, model, slug, kind, build):
            page, created = ensure_page(parent=parent, model=model, slug=slug, kind=kind, build=build, report=report)
            if created:
                to_publish.append(page)
            return page, created

        pages = {}
        for model, spec in (
            (NewsIndexPage, demo_content.NEWS_INDEX),
            (CampaignIndexPage, demo_content.CAMPAIGN_INDEX),
            (StandardPage, demo_content.ABOUT_PAGE),
            (StandardPage, demo_content.PRIVACY_PAGE),
        ):
            fields = resolve(_without(spec, "slug"), pages=pages, **refs)
            pages[spec["slug"]], _ = add(
                parent=home, model=model, slug=spec["slug"], kind="Pages", build=lambda m=model, f=fields: m(**f)
            )

        # Campaigns and articles link to each other: add both sides unpublished, then publish each once.
        campaigns, new_campaigns = {}, []
        for spec in demo_content.CAMPAIGNS:
            campaign, created = add(
                parent=pages["campaigns"],
                model=CampaignPage,
                slug=spec["slug"],
                kind="Campaigns",
                build=lambda spec=spec: build_campaign(spec=spec, today=today, pages=pages, **refs),
            )
            campaigns[spec["slug"]] = campaign
            if created:
                new_campaigns.append((campaign, spec))

        articles = {}
        for spec in demo_content.ARTICLES:
            articles[spec["slug"]], _ = add(
                parent=pages["news"],
                model=NewsArticlePage,
                slug=spec["slug"],
                kind="News articles",
                build=lambda spec=spec: build_article(spec=spec, today=today, campaigns=campaigns, **refs),
            )

        for campaign, spec in new_campaigns:
            campaign.related_news = [articles[slug] for slug in spec["related_news"]]

        if home_created:
            home.featured_campaigns = [
                HomeFeaturedCampaign(campaign=campaigns[slug], sort_order=order)
                for order, slug in enumerate(demo_content.FEATURED_CAMPAIGNS)
            ]
            to_publish.insert(0, home)

        for page in to_publish:
            publish(page)

        ensure_settings(site=site, help_messages=help_messages, privacy_page=pages["privacy-policy"], report=report)
        ensure_demo_comments(article=articles.get(demo_content.DEMO_COMMENTS_ARTICLE), report=report)


def ensure_demo_comments(*, article, report):
    """A few reader comments on one article, added once (the article's first comment marks them done)."""
    if article is None:
        return
    content_type = ContentType.objects.get_for_model(article)
    if XtdComment.norel_objects.filter(content_type=content_type, object_pk=str(article.pk)).exists():
        report.add("Reader comments", f"on {article.title}", created=False)
        return
    stored = {}
    for spec in demo_content.DEMO_COMMENTS:
        comment = XtdComment(
            content_type=content_type,
            object_pk=str(article.pk),
            site_id=settings.SITE_ID,
            user_name=spec["name"],
            user_email=spec["email"],
            comment=spec["text"],
            submit_date=timezone.now(),
            is_public=spec["public"],
            parent_id=stored[spec["parent"]].pk if "parent" in spec else 0,
        )
        comment.save()
        decision = CommentModeration.Decision.PUBLISHED if spec["public"] else CommentModeration.Decision.HELD
        CommentModeration.objects.create(
            comment=comment, decision=decision, reason=spec.get("reason", "published: demo content")
        )
        stored[spec["key"]] = comment
        report.add("Reader comments", spec["name"], created=True)


def _without(spec, *keys):
    return {key: value for key, value in spec.items() if key not in keys}


def build_campaign(*, spec, today, images, help_messages, pages):
    """A campaign page with its aims and tags; related news is added once the articles exist."""
    fields = resolve(spec, images=images, help_messages=help_messages, pages=pages)
    end_in = spec["end_date_days_from_today"]
    campaign = CampaignPage(
        title=fields["title"],
        status=fields["status"],
        summary=fields["summary"],
        hero_image=fields["hero_image"],
        hero_image_alt_text=_alt_text(spec["hero_image"]),
        calls_to_action=fields["calls_to_action"],
        body=fields["body"],
        end_date=None if end_in is None else today + datetime.timedelta(days=end_in),
    )
    campaign.aims = [CampaignAim(text=text, sort_order=order) for order, text in enumerate(fields["aims"])]
    campaign.tags.add(*fields["tags"])
    return campaign


def build_article(*, spec, today, images, help_messages, campaigns):
    """A dated, tagged, sourced article linked to the campaigns it concerns."""
    fields = resolve(spec, images=images, help_messages=help_messages, pages={})
    article = NewsArticlePage(
        title=fields["title"],
        date=today - datetime.timedelta(days=spec["days_ago"]),
        standfirst=fields["standfirst"],
        lead_image=fields["lead_image"],
        lead_image_alt_text=_alt_text(spec["lead_image"]),
        lead_image_caption=fields["lead_image_caption"],
        lead_image_credit=demo_content.IMAGE_CREDIT,
        body=fields["body"],
        source_name=fields["source_name"],
        source_url=fields["source_url"],
        help_message=help_messages[spec["help_message"]] if spec["help_message"] else None,
    )
    article.related_campaigns = [campaigns[slug] for slug in spec["related_campaigns"]]
    article.tags.add(*fields["tags"])
    return article


def _alt_text(ref):
    return next(spec.alt_text for spec in demo_content.IMAGES if spec.key == ref.key)
