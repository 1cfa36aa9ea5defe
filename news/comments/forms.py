"""The public comment form: the library's signed, honeypotted form with our fields and wording."""

import json

from django import forms
from django.forms.renderers import DjangoTemplates
from django_comments_xtd.forms import XtdCommentForm

from news.comments.models import CommentReport
from news.comments.text import strip_control_characters

EMAIL_HELP_TEXT = "The content of this field is kept private and will not be shown publicly."
FORMAT_TIPS = (
    "No HTML tags allowed.",
    "Lines and paragraphs break automatically.",
    "Web page addresses and email addresses turn into links automatically.",
)
NAME_MAX_LENGTH = 50  # the library's user_name column
EMAIL_MAX_LENGTH = 254
COMMENT_MAX_LENGTH = 3000


class BlankWidgetsRenderer(DjangoTemplates):
    """Django's form renderer that keeps the markup of empty fields and of labels, by what it is made from.

    The comment form is on every commentable page for every reader; its empty fields and labels come out
    the same each time, so each worker renders each once. A field holding a value (what a reader typed,
    the signed hidden fields) is rendered afresh every time and never kept.
    """

    MAX_KEPT = 256

    def __init__(self):
        super().__init__()
        self.kept = {}

    def render(self, template_name, context, request=None):
        key = None if request is not None else _blank_markup_key(template_name, context)
        markup = self.kept.get(key) if key else None
        if markup is None:
            markup = super().render(template_name, context, request)
            if key and len(self.kept) < self.MAX_KEPT:
                self.kept[key] = markup
        return markup


def _blank_markup_key(template_name, context):
    """What an empty widget's or a label's markup is made from, or None when it holds a value."""
    widget = context.get("widget")
    if widget is not None and (widget.get("value") or widget.get("type") == "hidden"):
        return None
    shown = {name: value for name, value in context.items() if name not in ("field", "form")}  # not in markup
    try:
        return template_name, json.dumps(shown, sort_keys=True, default=_not_a_key)
    except TypeError:
        return None


def _not_a_key(value):
    raise TypeError(f"{type(value).__name__} is not part of a markup key")


INVISIBLE_NAME_MESSAGE = "Please give a name we can show: it has no visible characters."
INVISIBLE_COMMENT_MESSAGE = "Please write a comment we can show: it has no visible characters."


def required_visible_text(text, *, typed="", message="This field is required."):
    """What is left once invisible characters are gone (``typed`` was what the reader sent) must still say
    something; ``message`` tells a reader who typed only invisible characters why it is refused."""
    if not text:
        raise forms.ValidationError(message if typed.strip() else "This field is required.", code="required")
    return text


SEND_ANYWAY_LABEL = "Send it anyway: a moderator reads it first, and we never publish personal details"


def send_anyway_field():
    """Shown only once the personal-details guard has warned the writer (``personal_details_found``)."""
    return forms.BooleanField(required=False, label=SEND_ANYWAY_LABEL)


class CommentForm(XtdCommentForm):
    """Name, e-mail, comment, "notify me"; no homepage field (commenters' links are not shown).

    Keeps the library's hidden ``content_type``/``object_pk``/``timestamp``/``security_hash``
    (an HMAC, 2-hour window), the ``honeypot`` and ``reply_to`` (0 for a new conversation).
    """

    field_order = ["name", "email", "comment", "send_personal_details", "followup", "honeypot"]
    default_renderer = BlankWidgetsRenderer()
    notice = ""  # a message about the whole form that is no validation error ("please send it again")
    personal_details_found = False

    def __init__(self, target_object, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(target_object, *args, **kwargs)
        del self.fields["url"]
        self.fields["name"] = forms.CharField(
            label="Your name", max_length=NAME_MAX_LENGTH, widget=forms.TextInput(attrs={"autocomplete": "name"})
        )
        self.fields["email"] = forms.EmailField(
            label="E-mail",
            max_length=EMAIL_MAX_LENGTH,
            help_text=EMAIL_HELP_TEXT,
            widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        )
        self.fields["comment"] = forms.CharField(
            label="Comment",
            max_length=COMMENT_MAX_LENGTH,
            widget=forms.Textarea(attrs={"rows": 8, "aria-describedby": "comment-format-tips"}),
        )
        self.fields["send_personal_details"] = send_anyway_field()
        self.fields["followup"].label = "Notify me of replies to my comment"
        self.fields["followup"].widget.attrs.pop("class", None)
        self.fields["honeypot"].label = "Leave this field empty"
        self.fields["honeypot"].widget.attrs.update({"tabindex": "-1", "autocomplete": "off"})
        self.order_fields(self.field_order)

    def clean_name(self):
        """One line: names go into e-mail subjects and feed titles, where a line break must never appear."""
        typed = self.cleaned_data["name"]
        name = " ".join(strip_control_characters(typed).split())
        return required_visible_text(name, typed=typed, message=INVISIBLE_NAME_MESSAGE)

    def clean_comment(self):
        typed = super().clean_comment()
        comment = strip_control_characters(typed).strip()
        return required_visible_text(comment, typed=typed, message=INVISIBLE_COMMENT_MESSAGE)

    def clean(self):
        # The library's clean() decorates widgets with Bootstrap classes; plain validation is enough.
        return forms.Form.clean(self)

    def check_for_duplicate_comment(self, new):
        return new  # duplicates are handled when the comment is stored

    def security_failed(self):
        """True when the signed hidden fields were forged, stale or the honeypot was filled."""
        return bool(self.security_errors()) or any(
            name in self.errors for name in ("content_type", "object_pk", "reply_to")
        )


class EditCommentForm(forms.Form):
    """The author's own edit: the text only (name and e-mail stay as posted)."""

    personal_details_found = False

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)

    comment = forms.CharField(
        label="Comment",
        max_length=COMMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 8, "aria-describedby": "comment-format-tips"}),
    )
    send_personal_details = send_anyway_field()

    def clean_comment(self):
        typed = self.cleaned_data["comment"]
        comment = strip_control_characters(typed).strip()
        return required_visible_text(comment, typed=typed, message=INVISIBLE_COMMENT_MESSAGE)


class ReportForm(forms.Form):
    """Why a reader reports a comment; the note is for moderators only."""

    reason = forms.ChoiceField(label="What is wrong with this comment?", widget=forms.RadioSelect, choices=[])
    note = forms.CharField(
        label="Anything moderators should know (optional)",
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.fields["reason"].choices = CommentReport.Reason.choices

    def clean_note(self):
        return strip_control_characters(self.cleaned_data["note"]).strip()
