"""The public comment endpoints, served as routes of each commentable page."""

from django.contrib import messages
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect
from django.template.response import TemplateResponse

from news.comments import selectors, services
from news.comments.forms import CommentForm
from news.comments.models import CommentSettings, CommentsMode
from news.comments.text import render_comment_text

SECURITY_MESSAGE = (
    "We could not accept this form as it was sent: it may have been open for too long. "
    "Your text is below; please check it and send it again."
)


def client_ip(request):
    return request.META.get("REMOTE_ADDR") or None


def comments_context(*, page, request, form=None):
    """What a commentable page's template needs: mode, one page of conversations, the form."""
    comment_settings = CommentSettings.for_request(request)
    mode = page.effective_comments_mode(comment_settings)
    context = {"comments_mode": mode, "max_reply_level": comment_settings.max_thread_depth - 2}
    if mode == CommentsMode.HIDDEN:
        return context
    context["comments"] = selectors.comments_page(
        page=page, number=request.GET.get("cpage"), per_page=comment_settings.comments_per_page
    )
    if mode == CommentsMode.OPEN:
        context["comment_form"] = form or CommentForm(page)
    return context


def post_comment(request, page):
    """Store a posted comment, then redirect back (post/redirect/get); re-show the form on bad input."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    comment_settings = CommentSettings.for_request(request)
    mode = page.effective_comments_mode(comment_settings)
    if mode == CommentsMode.HIDDEN:
        raise Http404("Comments are not shown on this page.")
    if mode == CommentsMode.CLOSED:
        return refusal(request, page, "Comments are closed.", status=403)

    form = CommentForm(page, data=request.POST)
    if not form.is_valid():
        if form.security_failed():
            form = resubmittable_copy(form, page=page)
            form.notice = SECURITY_MESSAGE
            return form_again(request, page, form, status=400)
        return form_again(request, page, form, status=200)
    try:
        comment = services.post_comment(
            page=page,
            data=form.cleaned_data,
            request=request,
            max_depth=comment_settings.max_thread_depth,
            ip_address=client_ip(request),
        )
    except services.CommentRejected as rejection:
        form.add_error(None, rejection.message)
        return form_again(request, page, form, status=rejection.status)

    page_url = page.get_url(request)
    if comment.is_public:
        messages.success(request, "Thank you. Your comment is published.")
        number = selectors.comments_page_number(comment=comment, per_page=comment_settings.comments_per_page)
        return HttpResponseRedirect(f"{page_url}?cpage={number}#c{comment.pk}")
    messages.info(request, "Your comment is awaiting moderation. It will appear once a moderator approves it.")
    return HttpResponseRedirect(f"{page_url}#comments")


def resubmittable_copy(form, *, page):
    """A freshly signed form that keeps what the reader typed."""
    kept = {name: form.data.get(name, "") for name in ("name", "email", "comment")}
    kept["followup"] = bool(form.data.get("followup"))
    reply_to = form.data.get("reply_to", "0")
    kept["reply_to"] = int(reply_to) if str(reply_to).isdigit() and len(str(reply_to)) < 12 else 0
    return CommentForm(page, initial=kept)


def form_again(request, page, form, *, status):
    """Re-show the form with its messages: on the reply page when it answers a comment, else on the page."""
    reply_to = form.cleaned_data.get("reply_to") if hasattr(form, "cleaned_data") else form.initial.get("reply_to")
    parent = selectors.published_comment(page=page, comment_id=reply_to) if reply_to else None
    if parent is not None:
        response = reply_page(request, page, parent=parent, form=form)
    else:
        response = page.render(request, context_overrides={"comment_form": form})
    response.status_code = status
    return response


def refusal(request, page, message, *, status):
    response = TemplateResponse(request, "comments/refusal.html", {"page": page, "message": message})
    response.status_code = status
    return response


def reply(request, page, comment_id):
    """The reply form for one comment, for readers without JavaScript."""
    comment_settings = CommentSettings.for_request(request)
    mode = page.effective_comments_mode(comment_settings)
    parent = selectors.published_comment(page=page, comment_id=comment_id)
    if mode == CommentsMode.HIDDEN or parent is None:
        raise Http404("There is no such comment.")
    if mode == CommentsMode.CLOSED:
        return refusal(request, page, "Comments are closed.", status=403)
    try:
        services.reply_parent(page=page, reply_to=parent.pk, max_depth=comment_settings.max_thread_depth)
    except services.CommentRejected as rejection:
        return refusal(request, page, rejection.message, status=400)
    return reply_page(request, page, parent=parent, form=CommentForm(page, initial={"reply_to": parent.pk}))


def reply_page(request, page, *, parent, form):
    context = {"page": page, "parent": parent, "parent_html": render_comment_text(parent.comment), "comment_form": form}
    return TemplateResponse(request, "comments/reply_page.html", context)


def permalink(request, page, comment_id):
    """A comment's lasting address: redirects to the page of comments that holds it."""
    comment = selectors.published_comment(page=page, comment_id=comment_id)
    comment_settings = CommentSettings.for_request(request)
    if comment is None or page.effective_comments_mode(comment_settings) == CommentsMode.HIDDEN:
        raise Http404("There is no such comment.")
    number = selectors.comments_page_number(comment=comment, per_page=comment_settings.comments_per_page)
    return HttpResponseRedirect(f"{page.get_url(request)}?cpage={number}#c{comment.pk}")
