"""Where comments are allowed, and the site-wide rules that govern them.

Comments themselves are django-comments-xtd's ``XtdComment`` rows (threading,
storage); this app owns everything readers see of them.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import Site


class CommentsMode(models.TextChoices):
    OPEN = "open", "Open: comments are shown and readers may post"
    CLOSED = "closed", "Closed: comments are shown, no new ones"
    HIDDEN = "hidden", "Hidden: comments are not shown, posting is refused"


@register_setting(icon="comment")
class CommentSettings(BaseSiteSetting):
    """The site's rules for reader comments, edited under Settings → Comments."""

    default_comments_mode = models.CharField(
        max_length=10,
        choices=CommentsMode.choices,
        default=CommentsMode.OPEN,
        help_text="The comments mode new articles and campaign pages start with.",
    )
    auto_close_days = models.PositiveIntegerField(
        default=0,
        help_text="Close comments this many days after a page was first published. 0 keeps them open.",
    )
    max_thread_depth = models.PositiveSmallIntegerField(
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(10)],
        help_text="How many levels a conversation may have: 1 allows no replies, 3 allows replies to replies.",
    )
    comments_per_page = models.PositiveSmallIntegerField(
        default=50,
        validators=[MinValueValidator(5), MaxValueValidator(500)],
        help_text="Conversations (top-level comments with their replies) shown per page of comments.",
    )

    premoderate_anonymous = models.BooleanField(
        "Pre-moderate anonymous comments",
        default=True,
        help_text="Hold comments from readers who are not logged in until a moderator approves them.",
    )
    approve_returning_commenters = models.BooleanField(
        "Approve returning commenters",
        default=True,
        help_text="Publish at once a comment from a reader who has proved they commented here before (unless "
        "another rule holds it): a comment sent from the same browser is now approved (the browser keeps a signed "
        "cookie of its own comments), or they confirmed their address by the e-mailed link and that address has an "
        "approved comment. A typed e-mail address alone proves nothing.",
    )
    hold_link_count = models.PositiveSmallIntegerField(
        default=2,
        help_text="Hold a comment with this many links or more (spam usually carries links). 0 turns the rule off.",
    )
    hold_words = models.TextField(
        blank=True,
        help_text="Hold a comment containing any of these words or phrases, one per line (not case-sensitive). "
        "The reader is told it awaits moderation.",
    )
    banned_words = models.TextField(
        blank=True,
        help_text="Refuse a comment containing any of these words or phrases, one per line (not case-sensitive). "
        "The reader is asked politely to rephrase.",
    )
    blocked_domains = models.TextField(
        "Blocked e-mail domains",
        blank=True,
        help_text="Refuse comments from addresses at these domains (and their subdomains), one per line, "
        "e.g. spam.example. Single addresses are blocked under Settings → Commenters' standing.",
    )
    reserved_names = models.TextField(
        "Names readers may not use",
        blank=True,
        default="moderator\nmoderators\nadmin\nadministrator\nstaff\neditor\nthe team",
        help_text="Besides the site's name and the team's name, refuse a commenter's name that imitates any of "
        "these, one per line. Case, spacing dots and look-alike letters (a Cyrillic “а” for “a”, “0” for “o”) "
        "are folded before comparing.",
    )
    min_seconds_to_write = models.PositiveSmallIntegerField(
        default=3,
        help_text="Hold a comment sent sooner than this many seconds after its form was shown (a sign of a robot).",
    )
    rate_limit_count = models.PositiveSmallIntegerField(
        default=5,
        validators=[MinValueValidator(1)],
        help_text="At most this many comments from one network address…",
    )
    rate_limit_minutes = models.PositiveSmallIntegerField(
        default=10, validators=[MinValueValidator(1)], help_text="…within this many minutes."
    )
    reports_to_hide = models.PositiveSmallIntegerField(
        default=3,
        validators=[MinValueValidator(1)],
        help_text="Hide a published comment pending review once this many readers have reported it.",
    )
    edit_window_minutes = models.PositiveSmallIntegerField(
        default=15,
        help_text="For how long after posting a commenter may edit or delete their comment from the same browser.",
    )
    confirm_anonymous_by_email = models.BooleanField(
        "Confirm anonymous comments by e-mail",
        default=False,
        help_text="Send anonymous commenters a link to confirm their comment before it is considered at all.",
    )
    ip_retention_days = models.PositiveSmallIntegerField(
        "Keep IP addresses for (days)",
        default=30,
        validators=[MinValueValidator(1)],
        help_text="IP addresses are kept for handling abuse only and cleared after this many days.",
    )

    panels = [
        MultiFieldPanel([FieldPanel("default_comments_mode"), FieldPanel("auto_close_days")], heading="When"),
        MultiFieldPanel([FieldPanel("max_thread_depth"), FieldPanel("comments_per_page")], heading="Threads"),
        MultiFieldPanel(
            [
                FieldPanel("premoderate_anonymous"),
                FieldPanel("approve_returning_commenters"),
                FieldPanel("hold_link_count"),
                FieldPanel("hold_words"),
                FieldPanel("banned_words"),
                FieldPanel("blocked_domains"),
                FieldPanel("reserved_names"),
                FieldPanel("min_seconds_to_write"),
                FieldPanel("confirm_anonymous_by_email"),
            ],
            heading="Moderation rules",
        ),
        MultiFieldPanel(
            [FieldPanel("rate_limit_count"), FieldPanel("rate_limit_minutes"), FieldPanel("reports_to_hide")],
            heading="Floods and reports",
        ),
        MultiFieldPanel(
            [FieldPanel("edit_window_minutes"), FieldPanel("ip_retention_days")], heading="Commenters' data"
        ),
    ]

    class Meta:
        verbose_name = "Comments"

    @staticmethod
    def word_list(text):
        return [line.strip().lower() for line in text.splitlines() if line.strip()]


def default_comments_mode():
    """New pages start in the default site's chosen mode (an editor may change it per page)."""
    site = Site.objects.filter(is_default_site=True).first()
    return CommentSettings.for_site(site).default_comments_mode if site else CommentsMode.OPEN


class CommentModeration(models.Model):
    """What the rules decided about a comment and why, its edits, and its private tokens.

    Tokens are random and opaque: they identify a row here and carry no personal data.
    """

    class Decision(models.TextChoices):
        """Who decided what about the comment. Services set it; nothing reads a decision back from ``reason``."""

        PUBLISHED = "published", "Published"
        HELD = "held", "Held for moderation"
        AWAITING_CONFIRMATION = "awaiting_confirmation", "Awaiting e-mail confirmation"
        HIDDEN_BY_REPORTS = "hidden_by_reports", "Hidden by readers' reports"
        UNPUBLISHED = "unpublished", "Unpublished by a moderator"
        REMOVED = "removed", "Removed by a moderator"
        DELETED_BY_AUTHOR = "deleted_by_author", "Deleted by its author"
        SPAM = "spam", "Marked as spam by a moderator"
        SAFEGUARDING = "safeguarding", "Held for safeguarding: only the safeguarding leads read it"

    class HeldBy(models.TextChoices):
        """Which rule held a comment: the moderation queues are named by it (Coral's "why is it here")."""

        NEW_COMMENTER = "new_commenter", "Pre-moderation of a new commenter"
        LINKS = "links", "Too many links"
        WORDS = "words", "A listed word"
        TOO_FAST = "too_fast", "Sent too fast"
        STANDING = "standing", "The commenter is always pre-moderated"
        EDIT = "edit", "An edit the rules hold"
        PERSONAL_DETAILS = "personal_details", "Personal details, sent anyway"
        OTHER = "other", "Another rule"

    # Taken down by a moderator or by readers' reports: only a moderator publishes such a comment again.
    TAKEN_DOWN = frozenset({Decision.HIDDEN_BY_REPORTS, Decision.UNPUBLISHED, Decision.REMOVED, Decision.SPAM})

    comment = models.OneToOneField(
        "django_comments_xtd.XtdComment", on_delete=models.CASCADE, related_name="moderation", primary_key=True
    )
    decision = models.CharField(max_length=30, choices=Decision.choices, default=Decision.HELD)
    reason = models.CharField(max_length=200, blank=True, help_text="Why the rules published, held or hid it.")
    held_by = models.CharField(
        max_length=20, choices=HeldBy.choices, blank=True, help_text="The rule that held it, while it is held."
    )
    is_featured = models.BooleanField(default=False, help_text="Shown first to readers, marked as featured.")
    author_key_hash = models.CharField(max_length=64, blank=True, help_text="SHA-256 of the author's browser key.")
    unsubscribe_token = models.CharField(max_length=64, blank=True, db_index=True)
    confirmation_token = models.CharField(max_length=64, blank=True, db_index=True)
    pending_decision = models.CharField(
        max_length=30,
        choices=Decision.choices,
        blank=True,
        help_text="What the rules decided, applied once the commenter confirms by e-mail.",
    )
    pending_reason = models.CharField(
        max_length=200, blank=True, help_text="Why the rules decided so, shown once the commenter confirms by e-mail."
    )
    edited_at = models.DateTimeField(null=True, blank=True)
    edited_by_moderator = models.BooleanField(default=False)
    is_staff_reply = models.BooleanField(default=False, help_text="Written by the site's team from the admin.")

    class Meta:
        verbose_name = "comment moderation record"
        permissions = [
            ("moderate_comments", "Can moderate reader comments"),
            ("view_commenter_contact", "Can view commenter contact details"),
        ]

    def __str__(self):
        return f"Comment {self.comment_id}: {self.reason}"


class CommenterStanding(models.Model):
    """What a moderator decided about everything one commenter (an e-mail address) posts next.

    Restrictions (pre-moderate, block) apply to the address as typed; trust applies only once the commenter
    proves the address is theirs (``news.comments.rules``), since anyone can type anyone's address.
    """

    class Standing(models.TextChoices):
        TRUSTED = "trusted", "Trusted: published at once"
        PREMODERATE = "premoderate", "Always pre-moderated"
        BLOCKED = "blocked", "Blocked: comments are refused"

    email = models.EmailField(unique=True, help_text="Stored in lower case.")
    standing = models.CharField(max_length=20, choices=Standing.choices)
    note = models.CharField("Why", max_length=500, blank=True, help_text="Seen by moderators only.")
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    set_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "commenter's standing"
        verbose_name_plural = "commenters' standing"
        ordering = ["-set_at"]

    def __str__(self):
        return f"{self.get_standing_display()} (set {self.set_at:%d %b %Y})"


class CommentReport(models.Model):
    """A reader's report of a published comment. Who reported is never shown publicly."""

    class Reason(models.TextChoices):
        SPAM = "spam", "Spam"
        ABUSE = "abuse", "Abusive or harmful"
        PERSONAL = "personal", "It shares personal information"
        OTHER = "other", "Something else"

    comment = models.ForeignKey("django_comments_xtd.XtdComment", on_delete=models.CASCADE, related_name="reports")
    reason = models.CharField(max_length=10, choices=Reason.choices)
    note = models.CharField(max_length=500, blank=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True, unpack_ipv4=True)
    created_at = models.DateTimeField(default=timezone.now)
    resolved = models.BooleanField(default=False)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"Report of comment {self.comment_id}: {self.get_reason_display()}"
