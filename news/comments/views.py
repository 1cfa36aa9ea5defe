"""The public comment endpoints: routes of each commentable page, plus unsubscribe and confirm links."""

import functools
import re
import time

from django import forms
from django.contrib import messages
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods
from django_comments_xtd.models import XtdComment

from news.comments import clients, ids, queries, services, threads
from news.comments.forms import CommentForm, EditCommentForm, ReportForm
from news.comments.models import CommentModeration, CommentSettings, CommentsMode
from news.comments.text import render_comment_text
from news.safeguarding import selectors as safeguarding_selectors

SECURITY_MESSAGE = (
    "We could not accept this form as it was sent: it may have been open for too long. "
    "Your text is below; please check it and send it again."
)
RATE_LIMIT_MESSAGE = (
    "You have sent several comments in a short time. Please wait a few minutes and send this one again; "
    "your text is kept below."
)
REPORTS_PER_HOUR = 10
TOKEN_PATTERN = re.compile(r"[A-Za-z0-9_-]{20,100}")


def comments_context(*, page, request, form=None):
    """What a commentable page's template needs: mode, one page of conversations, the form."""
    comment_settings = CommentSettings.for_request(request)
    mode = page.effective_comments_mode(comment_settings)
    context = {"comments_mode": mode, "max_reply_level": comment_settings.max_thread_depth - 2}
    if mode == CommentsMode.HIDDEN:
        return context
    context["comments"] = threads.comments_page(
        page=page,
        number=request.GET.get("cpage"),
        per_page=comment_settings.comments_per_page,
        author_keys=clients.authorship_keys(request),
        edit_window_minutes=comment_settings.edit_window_minutes,
    )
    if mode == CommentsMode.OPEN:
        context["comment_form"] = form or CommentForm(page)
    return context


def open_for_posting(request, page):
    """The site's comment settings, or the response that refuses posting here."""
    comment_settings = CommentSettings.for_request(request)
    mode = page.effective_comments_mode(comment_settings)
    if mode == CommentsMode.HIDDEN:
        raise Http404("Comments are not shown on this page.")
    if mode == CommentsMode.CLOSED:
        return comment_settings, refusal(request, page, "Comments are closed.", status=403)
    return comment_settings, None


def post_comment(request, page):
    """Store a posted comment, then redirect back (post/redirect/get); re-show the form on bad input."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    comment_settings, refused = open_for_posting(request, page)
    if refused:
        return refused

    form = CommentForm(page, data=request.POST)
    if not form.is_valid():
        if form.security_failed():
            form = resubmittable_copy(form, page=page)
            form.notice = SECURITY_MESSAGE
            return form_again(request, page, form, status=400)
        return form_again(request, page, form, status=200)

    ip_address = clients.client_ip(request)
    if not clients.take_from_allowance(
        key=f"post:{ip_address}",
        limit=comment_settings.rate_limit_count,
        window_seconds=comment_settings.rate_limit_minutes * 60,
    ):
        form.notice = RATE_LIMIT_MESSAGE
        return form_again(request, page, form, status=429)

    author_key = clients.new_author_key()
    try:
        comment = services.post_comment(
            page=page,
            data=form.cleaned_data,
            request=request,
            comment_settings=comment_settings,
            ip_address=ip_address,
            author_key=author_key,
            author_keys=clients.authorship_keys(request),
            seconds_to_write=int(time.time()) - form.cleaned_data["timestamp"],
            is_authenticated=request.user.is_authenticated,
        )
    except services.CommentRejected as rejection:
        form.add_error(rejection.field, rejection.message)
        form.personal_details_found = isinstance(rejection, services.PersonalDetailsFound)
        return form_again(request, page, form, status=rejection.status)

    page_url = page.get_url(request)
    if held_for_safeguarding(comment):
        show_safeguarding_help(request, comment)
        return HttpResponseRedirect(f"{page_url}#comments")  # no authorship cookie: nothing of it is shown back
    if comment.is_public:
        messages.success(request, "Thank you. Your comment is published.")
        number = queries.comments_page_number(comment=comment, per_page=comment_settings.comments_per_page)
        response = HttpResponseRedirect(f"{page_url}?cpage={number}#c{comment.pk}")
    elif getattr(comment, "moderation", None) and comment.moderation.confirmation_token:
        messages.info(request, "Thank you. Please confirm your comment with the link we have sent to your e-mail.")
        response = HttpResponseRedirect(f"{page_url}#comments")
    else:
        messages.info(request, "Your comment is awaiting moderation. It will appear once a moderator approves it.")
        number = queries.comments_page_number(comment=comment, per_page=comment_settings.comments_per_page)
        response = HttpResponseRedirect(f"{page_url}?cpage={number}#c{comment.pk}")
    record = getattr(comment, "moderation", None)
    if record is not None and record.author_key_hash == clients.hash_key(author_key):  # not a duplicate
        clients.remember_authorship(response, request, comment_pk=comment.pk, key=author_key)
    return response


def held_for_safeguarding(comment):
    return CommentModeration.objects.filter(comment=comment, decision=CommentModeration.Decision.SAFEGUARDING).exists()


def show_safeguarding_help(request, comment):
    """In place of "awaiting moderation": the help message the campaign chose for the case's category, shown
    once (a message), so a reload or a shared computer's next reader sees nothing of what was written."""
    case = safeguarding_selectors.case_of(comment=comment)
    help_message = safeguarding_selectors.help_message_for(case.category) if case else None
    messages.info(
        request,
        "Thank you for telling us. What you wrote is not shown on the site: someone from our team will read it.",
        extra_tags=f"help-message {help_message.pk}" if help_message else "",
    )


def resubmittable_copy(form, *, page):
    """A freshly signed form that keeps what the reader typed."""
    kept = {name: form.data.get(name, "") for name in ("name", "email", "comment")}
    kept["followup"] = bool(form.data.get("followup"))
    reply_to = str(form.data.get("reply_to", "0"))
    storable = reply_to.isdecimal() and len(reply_to) < 20 and ids.is_storable(int(reply_to))
    kept["reply_to"] = int(reply_to) if storable else 0
    return CommentForm(page, initial=kept)


def form_again(request, page, form, *, status):
    """Re-show the form with its messages: on the reply page when it answers a comment, else on the page."""
    reply_to = form.cleaned_data.get("reply_to") if hasattr(form, "cleaned_data") else form.initial.get("reply_to")
    parent = queries.published_comment(page=page, comment_id=reply_to) if ids.is_storable(reply_to) else None
    if parent is not None:
        response = reply_page(request, page, parent=parent, form=form)
    else:
        response = page.render(request, context_overrides={"comment_form": form})
    response.status_code = status
    return response


def refusal(request, page, message, *, status):
    response = TemplateResponse(request, "reader_comments/refusal.html", {"page": page, "message": message})
    response.status_code = status
    return response


def takes_a_comment_id(view):
    """A view of one comment: an id that no comment can have (past the database's integer) is a 404 at once."""

    @functools.wraps(view)
    def checked(request, page, comment_id, *args, **kwargs):
        return view(request, page, ids.comment_id_or_404(comment_id), *args, **kwargs)

    return checked


@takes_a_comment_id
def reply(request, page, comment_id):
    """The reply form for one comment, for readers without JavaScript."""
    comment_settings, refused = open_for_posting(request, page)
    parent = queries.published_comment(page=page, comment_id=comment_id)
    if parent is None:
        raise Http404("There is no such comment.")
    if refused:
        return refused
    try:
        services.reply_parent(page=page, reply_to=parent.pk, max_depth=comment_settings.max_thread_depth)
    except services.CommentRejected as rejection:
        return refusal(request, page, rejection.message, status=400)
    return reply_page(request, page, parent=parent, form=CommentForm(page, initial={"reply_to": parent.pk}))


def reply_page(request, page, *, parent, form):
    context = {"page": page, "parent": parent, "parent_html": render_comment_text(parent.comment), "comment_form": form}
    return TemplateResponse(request, "reader_comments/reply_page.html", context)


@takes_a_comment_id
def permalink(request, page, comment_id):
    """A comment's lasting address: redirects to the page of comments that holds it."""
    comment = queries.published_comment(page=page, comment_id=comment_id)
    comment_settings = CommentSettings.for_request(request)
    if comment is None or page.effective_comments_mode(comment_settings) == CommentsMode.HIDDEN:
        raise Http404("There is no such comment.")
    number = queries.comments_page_number(comment=comment, per_page=comment_settings.comments_per_page)
    return HttpResponseRedirect(f"{page.get_url(request)}?cpage={number}#c{comment.pk}")


def own_comment_or_404(request, page, comment_id, comment_settings):
    """A comment this browser posted, still inside the edit window, on a page whose comments are not hidden."""
    if page.effective_comments_mode(comment_settings) == CommentsMode.HIDDEN:
        raise Http404("There is no such comment.")
    comment = queries.own_editable_comment(
        page=page,
        comment_id=comment_id,
        author_keys=clients.authorship_keys(request),
        edit_window_minutes=comment_settings.edit_window_minutes,
    )
    if comment is None:
        raise Http404("You can no longer change this comment.")
    return comment


@takes_a_comment_id
def edit(request, page, comment_id):
    """The author edits their own comment from the same browser, within the edit window."""
    comment_settings = CommentSettings.for_request(request)
    comment = own_comment_or_404(request, page, comment_id, comment_settings)
    form = EditCommentForm(request.POST or None, initial={"comment": comment.comment})
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                decision = services.edit_own_comment(
                    comment=comment,
                    text=form.cleaned_data["comment"],
                    comment_settings=comment_settings,
                    author_keys=clients.authorship_keys(request),
                    confirmed_personal_details=form.cleaned_data["send_personal_details"],
                )
            except services.CommentRejected as rejection:
                form.add_error("comment", rejection.message)
                form.personal_details_found = isinstance(rejection, services.PersonalDetailsFound)
                status = rejection.status if form.personal_details_found else 400
            else:
                if held_for_safeguarding(comment):
                    show_safeguarding_help(request, comment)
                    return HttpResponseRedirect(f"{page.get_url(request)}#comments")
                if decision.publish:
                    messages.success(request, "Your comment is updated.")
                else:
                    messages.info(request, "Your edited comment is awaiting moderation.")
                return HttpResponseRedirect(f"{page.get_url(request)}#c{comment.pk}")
        else:
            status = 400
    context = {"page": page, "comment": comment, "form": form, "deadline": deadline(comment, comment_settings)}
    return TemplateResponse(request, "reader_comments/edit_page.html", context, status=status)


@takes_a_comment_id
def delete(request, page, comment_id):
    """The author withdraws their own comment (a confirmation step first)."""
    comment_settings = CommentSettings.for_request(request)
    comment = own_comment_or_404(request, page, comment_id, comment_settings)
    if request.method == "POST":
        services.delete_own_comment(comment=comment)
        messages.success(request, "Your comment is deleted.")
        return HttpResponseRedirect(f"{page.get_url(request)}#comments")
    context = {"page": page, "comment": comment, "comment_html": render_comment_text(comment.comment)}
    return TemplateResponse(request, "reader_comments/delete_page.html", context)


def deadline(comment, comment_settings):
    return comment.submit_date + timezone.timedelta(minutes=comment_settings.edit_window_minutes)


@takes_a_comment_id
def report(request, page, comment_id):
    """Any reader may report a published comment; a few reports hide it until a moderator looks."""
    comment_settings = CommentSettings.for_request(request)
    comment = queries.published_comment(page=page, comment_id=comment_id)
    if comment is None or page.effective_comments_mode(comment_settings) == CommentsMode.HIDDEN:
        raise Http404("There is no such comment.")
    form = ReportForm(request.POST or None)
    status = 200
    if request.method == "POST":
        ip_address = clients.client_ip(request)
        if not form.is_valid():
            status = 400
        elif not clients.take_from_allowance(key=f"report:{ip_address}", limit=REPORTS_PER_HOUR, window_seconds=3600):
            form.add_error(None, "You have sent many reports in a short time. Please try again later.")
            status = 429
        else:
            services.report_comment(
                comment=comment,
                reason=form.cleaned_data["reason"],
                note=form.cleaned_data["note"],
                ip_address=ip_address,
                comment_settings=comment_settings,
            )
            messages.success(request, "Thank you. Our moderators will look at this comment.")
            return HttpResponseRedirect(f"{page.get_url(request)}#comments")
    context = {"page": page, "comment": comment, "comment_html": render_comment_text(comment.comment), "form": form}
    return TemplateResponse(request, "reader_comments/report_page.html", context, status=status)


class TokenActionForm(forms.Form):
    """An empty form: the token in the address authorises the action, the POST performs it."""


def looks_like_a_token(token):
    """Tokens are URL-safe random strings; anything else (NUL bytes included) cannot match one."""
    return bool(TOKEN_PATTERN.fullmatch(token))


def expired_link(request):
    return TemplateResponse(request, "reader_comments/token_done.html", {"title": "This link has expired"}, status=404)


@csrf_exempt  # RFC 8058 one-click unsubscribe: mail clients POST without a CSRF token
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    """Stop reply notifications. GET asks to confirm; POST (from the page or a mail client) unsubscribes."""
    known = looks_like_a_token(token) and CommentModeration.objects.filter(unsubscribe_token=token).exists()
    if not known:
        return expired_link(request)
    if request.method == "POST":
        services.unsubscribe(token=token)
        return TemplateResponse(request, "reader_comments/token_done.html", {"title": "You are unsubscribed"})
    context = {"title": "Stop e-mails about replies?", "button": "Unsubscribe", "action": request.path}
    return TemplateResponse(request, "reader_comments/token_action.html", context)


@require_http_methods(["GET", "POST"])
def confirm(request, token):
    """Confirm an anonymous comment by the link e-mailed to its author."""
    if not looks_like_a_token(token):
        raise Http404("This link has expired.")
    record = get_object_or_404(CommentModeration.objects.exclude(confirmation_token=""), confirmation_token=token)
    if request.method == "POST":
        comment = services.confirm_comment(token=token)
        page = comment.content_object
        if comment.is_public:
            messages.success(request, "Thank you. Your comment is confirmed and published.")
        else:
            messages.info(request, "Thank you. Your comment is confirmed and awaiting moderation.")
        return HttpResponseRedirect(f"{page.get_url(request)}#comments")
    context = {"title": "Confirm your comment", "button": "Confirm my comment", "action": request.path}
    context["page"] = XtdComment.norel_objects.get(pk=record.comment_id).content_object
    return TemplateResponse(request, "reader_comments/token_action.html", context)
