"""Safeguarding's storage: the campaign's patterns and settings, the leads' cases with what they did, and the
help messages' daily counts."""

from django.conf import settings
from django.db import models
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting

from home.models import HelpMessage
from news.safeguarding.categories import PERSONAL_DETAILS, Category
from news.safeguarding.checks import validate_patterns
from news.safeguarding.defaults import DETERRENCE_SEARCH_TERMS

RULE_CHOICES = [*Category.choices, (PERSONAL_DETAILS, "Personal details (the writer is warned, then it is held)")]


class SafeguardingRule(models.Model):
    """One category's patterns and the help message its writers see. One row per category, made with the
    shipped defaults the first time it is read (``selectors.patterns_by_category``)."""

    category = models.CharField(max_length=40, choices=RULE_CHOICES, unique=True)
    patterns = models.TextField(
        blank=True,
        validators=[validate_patterns],
        help_text="One regular expression a line, matched against the text in lower case with look-alike and "
        "invisible characters removed. Lines starting with # are comments; the last one names the patterns "
        "below it. Try a text in Safeguarding → Try a text before saving a change.",
    )
    help_message = models.ForeignKey(
        HelpMessage,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Shown at once to whoever writes a comment in this category, in place of “awaiting moderation”.",
    )

    panels = [FieldPanel("patterns"), FieldPanel("help_message")]

    class Meta:
        ordering = ["category"]
        verbose_name = "safeguarding pattern list"

    def __str__(self):
        return self.get_category_display()


@register_setting(icon="help")
class SafeguardingSettings(BaseGenericSetting):
    """Retention of closed cases and search deterrence, edited under Settings → Safeguarding."""

    retention_days = models.PositiveIntegerField(
        default=90,
        help_text="Closed cases are erased this many days after closing: the text, the writer and the notes go; "
        "a row with the category, the dates and what was done stays for the audit.",
    )
    search_terms = models.TextField(
        blank=True,
        default=DETERRENCE_SEARCH_TERMS.strip(),
        validators=[validate_patterns],
        help_text="Searches that match one of these (one regular expression a line) show the deterrence message "
        "first and are never recorded in the search logs.",
    )
    search_help_message = models.ForeignKey(
        HelpMessage,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The deterrence message shown above the results of such searches.",
    )

    panels = [
        FieldPanel("retention_days"),
        MultiFieldPanel([FieldPanel("search_terms"), FieldPanel("search_help_message")], heading="Search"),
    ]

    class Meta:
        verbose_name = "Safeguarding"


class SafeguardingCase(models.Model):
    """A comment the check put aside: its text and writer live here, seen only by the safeguarding leads, until
    the case is closed and its retention period has passed."""

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        CLOSED = "closed", "Closed"
        ERASED = "erased", "Closed and erased"

    comment = models.OneToOneField(
        "django_comments_xtd.XtdComment",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="safeguarding_case",
    )
    page = models.ForeignKey("wagtailcore.Page", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    category = models.CharField(max_length=40, choices=Category.choices)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN, db_index=True)
    from_edit = models.BooleanField(default=False, help_text="The writer edited a comment into this.")
    # What the retention erases:
    text = models.TextField(blank=True)
    writer_name = models.CharField(max_length=50, blank=True)
    writer_email = models.EmailField(max_length=254, blank=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True, unpack_ipv4=True)
    why = models.CharField(max_length=300, blank=True, help_text="The pattern that matched, and the words.")
    reply_to = models.PositiveBigIntegerField(default=0)
    opened_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    erased_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-opened_at"]
        permissions = [("handle_cases", "Can handle safeguarding cases (read disclosures)")]
        indexes = [models.Index(fields=["status", "closed_at"], name="safeguarding_retention")]

    def __str__(self):
        return f"Case {self.pk}"


class CaseAction(models.Model):
    """What a lead did, when, with notes: the case's record, kept (without the notes) after erasure."""

    class Action(models.TextChoices):
        CONTACTED_WRITER = "contacted_writer", "Contacted the writer"
        REFERRED = "referred", "Referred on (police, children's services, a helpline)"
        REPORTED_MATERIAL = "reported_material", "Reported abuse material to the national hotline"
        NO_ACTION = "no_action", "No action needed"
        NOTE = "note", "Added a note"
        RETURNED = "returned", "Not a safeguarding matter: returned to moderation"
        CLOSED = "closed", "Closed the case"
        REOPENED = "reopened", "Reopened the case"
        ERASED = "erased", "Erased after the retention period"

    case = models.ForeignKey(SafeguardingCase, on_delete=models.CASCADE, related_name="actions")
    action = models.CharField(max_length=30, choices=Action.choices)
    note = models.TextField(blank=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return self.get_action_display()


class HelpMessageCount(models.Model):
    """One help message's daily totals in one placement: no cookie, address or user agent is ever kept."""

    class Placement(models.TextChoices):
        PAGE = "page", "On a page"
        COMMENT_HOLD = "comment_hold", "After a comment held for safeguarding"
        SEARCH = "search", "Above search results"

    day = models.DateField()
    help_message = models.ForeignKey(HelpMessage, on_delete=models.CASCADE, related_name="+")
    placement = models.CharField(max_length=20, choices=Placement.choices)
    impressions = models.PositiveIntegerField(default=0)
    clicks = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-day", "help_message", "placement"]
        constraints = [
            models.UniqueConstraint(fields=["day", "help_message", "placement"], name="one_count_per_day_and_place")
        ]

    def __str__(self):
        return f"{self.help_message} · {self.get_placement_display()} · {self.day}"
