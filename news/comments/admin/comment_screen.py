"""A comment in context (WordPress's one screen per comment, Coral's decision with its reason).

One screen shows the comment as readers see it, what it answers and its conversation, its page, the
decision and why, every report, the history and the writer's other comments; every decision is a POST
from it. The moderator's notification mail links here. The writer's address and IP address are shown
only to those with ``comments.view_commenter_contact``.
"""

from django import forms
from django.contrib import messages
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.views.generic import TemplateView
from django_comments_xtd.models import XtdComment
from wagtail.admin.views.generic import WagtailAdminTemplateMixin
from wagtail.models import ModelLogEntry

from news.comments import ids, queries, services
from news.comments.admin.forms import DecisionForm, SpamForm, StaffReplyForm, StandingForm
from news.comments.admin.panels import can_view_contact, queue_url
from news.comments.admin.rows import actions_for, status_label, with_pages_and_reports
from news.comments.models import CommenterStanding, CommentReport
from news.comments.text import render_comment_text

THREAD_SHOWN = 200  # rows of the conversation around the comment


class CommentScreenView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "reader_comments/admin/comment_screen.html"
    header_icon = "comment"

    def dispatch(self, request, *args, pk, **kwargs):
        self.comment = get_object_or_404(XtdComment.norel_objects.select_related("moderation"), pk=_comment_id(pk))
        with_pages_and_reports([self.comment])
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return f"Comment {self.comment.pk}"

    def get_page_subtitle(self):
        return self.comment.user_name

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": queue_url(), "label": "Reader comments"},
            {"url": "", "label": self.get_page_title()},
        ]

    @cached_property
    def record(self):
        return getattr(self.comment, "moderation", None)

    def get_context_data(self, **kwargs):
        comment, page, user = self.comment, self.comment.commented_page, self.request.user
        thread = list(
            XtdComment.norel_objects.filter(thread_id=comment.thread_id)
            .select_related("moderation")
            .order_by("order")[:THREAD_SHOWN]
        )
        parent = next((c for c in thread if c.pk == comment.parent_id and c.pk != comment.pk), None)
        others = queries.comments_by_writer_of(comment.pk).exclude(pk=comment.pk)
        standing = CommenterStanding.objects.filter(email=comment.user_email.lower()).first()
        # Several forms on one screen: each has its own ids (``auto_id``), so every label names its own field.
        forms_shown = {
            "decision_form": DecisionForm(auto_id="decision_%s"),
            "spam_form": SpamForm(auto_id="spam_%s"),
            "standing_form": StandingForm(
                auto_id="standing_%s", initial={"standing": standing.standing if standing else ""}
            ),
            "reply_form": StaffReplyForm(auto_id="reply_%s"),
        }
        return super().get_context_data(
            comment=comment,
            record=self.record,
            status=status_label(comment),
            text_html=render_comment_text(comment.comment),
            page=page,
            live_url=f"{page.url}#c{comment.pk}" if page is not None and page.live and page.url else "",
            edit_page_url=(
                reverse("wagtailadmin_pages:edit", args=[page.pk])
                if page is not None and page.permissions_for_user(user).can_edit()
                else ""
            ),
            parent=parent,
            parent_html=render_comment_text(parent.comment) if parent else "",
            thread=[(row, status_label(row), row.pk == comment.pk) for row in thread],
            reports=CommentReport.objects.filter(comment=comment).order_by("resolved", "-created_at"),
            history=ModelLogEntry.objects.for_instance(comment).select_related("user").order_by("-timestamp"),
            other_count=others.count(),
            others_url=reverse("reader_comments:list") + f"?status=all&commenter={comment.pk}",
            standing=standing,
            show_contact=can_view_contact(user),
            actions={action: label for action, label, _icon in actions_for(comment)},
            has_open_reports=bool(getattr(comment, "report_reasons", ())),
            can_reply=comment.is_public and not comment.is_removed,
            delete_url=reverse("wagtail_bulk_action", args=["django_comments_xtd", "xtdcomment", "hard-delete"])
            + f"?id={comment.pk}&next={queue_url()}",
            **(forms_shown | kwargs),
        )

    def post(self, request, *args, **kwargs):
        """Take one decision (the form's ``action``), then back to this screen with what happened. A form that
        is not valid comes back with its errors and what was typed."""
        action = request.POST.get("action", "")
        if action not in DECISIONS:
            return HttpResponseBadRequest("There is no such action.")
        form_class, context_name, take = DECISIONS[action]
        form = form_class(request.POST, auto_id=f"{context_name.removesuffix('_form') or action}_%s")
        if not form.is_valid():
            context = self.get_context_data(**({context_name: form} if context_name else {}))
            return self.render_to_response(context, status=400)
        message, shown = take(target=self.comment, user=request.user, **form.cleaned_data)
        messages.success(request, message)
        return redirect("reader_comments:screen", shown.pk)


def _comment_id(pk):
    pk = str(pk)
    if not (pk.isdecimal() and len(pk) < 20 and ids.is_storable(int(pk))):
        raise Http404("There is no such comment.")
    return int(pk)


def _decision(service, done):
    def take(*, target, user, **options):
        service(comments=[target], user=user, **options)
        return done, target

    return take


def _featured(featured, done):
    def take(*, target, user):
        services.set_featured(comments=[target], user=user, featured=featured)
        return done, target

    return take


def _set_standing(*, target, user, standing, note, remove_existing):
    removed = services.set_standing(
        email=target.user_email, standing=standing, user=user, note=note, remove_existing=remove_existing
    )
    label = dict(CommenterStanding.Standing.choices).get(standing, "Following the site's rules")
    message = f"This commenter's next comments: {label[:1].lower()}{label[1:]}."
    if removed:
        message += f" {removed} of their comments were removed."
    return message, target


def _staff_reply(*, target, user, comment):
    if not (target.is_public and not target.is_removed):
        return "Only a published comment can be answered; nothing was sent.", target
    reply = services.staff_reply(parent=target, text=comment, user=user)
    return "Your reply is published.", reply


# The decisions taken from the screen: action → (its form, the form's name in the context, what it does).
DECISIONS = {
    "approve": (DecisionForm, "decision_form", _decision(services.approve_comments, "Comment approved.")),
    "unpublish": (DecisionForm, "decision_form", _decision(services.unpublish_comments, "Comment unpublished.")),
    "remove": (DecisionForm, "decision_form", _decision(services.remove_comments, "Comment removed.")),
    "spam": (SpamForm, "spam_form", _decision(services.mark_spam, "Comment marked as spam.")),
    "resolve-reports": (DecisionForm, "", _decision(services.resolve_reports, "Reports marked as dealt with.")),
    "feature": (forms.Form, "", _featured(True, "Comment featured: readers see it first.")),
    "unfeature": (forms.Form, "", _featured(False, "The comment is no longer featured.")),
    "standing": (StandingForm, "standing_form", _set_standing),
    "reply": (StaffReplyForm, "reply_form", _staff_reply),
}
