"""A moderator works the desk in Chromium: a reported comment's screen, spam with a block, approve, feature, a
staff reply and trust; the trusted commenter's next comment is published and the blocked one's refused."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django_comments_xtd.models import XtdComment
from playwright.sync_api import expect

from news.comments.factories import CommentFactory
from news.comments.models import CommenterStanding, CommentModeration, CommentReport
from news.factories import NewsArticlePageFactory
from tests.browser.admin_login import log_in
from tests.browser.axe import serious_violations
from tests.utils import build_site_tree, set_comment_rules

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a-long-password-9"
WIDTHS = (390, 1280)


def post(page, *, name, email, text):
    form = page.locator("#comment-form")
    form.get_by_label("Your name").fill(name)
    form.get_by_label("E-mail").fill(email)
    form.get_by_label("Comment", exact=True).fill(text)
    form.get_by_role("button", name="Send comment").click()
    page.wait_for_load_state()


def open_screen(page, base_url, status, text):
    page.goto(f"{base_url}/admin/reader-comments/?status={status}")
    page.get_by_role("link", name=text).first.click()
    page.wait_for_url("**/admin/reader-comments/comment/*/")


def test_a_moderator_works_the_desk(live_server, browser, tmp_path):
    tree = build_site_tree()
    set_comment_rules(tree.home.get_site(), min_seconds_to_write=0)
    article = NewsArticlePageFactory(parent=tree.news_index, title="Police priorities online")
    spam = CommentFactory(
        page=article, comment="Cheap pills at https://pills.example", user_name="Pat", user_email="pat@pills.example"
    )
    CommentModeration.objects.create(comment=spam, decision="published", reason="published: returning commenter")
    CommentReport.objects.create(comment=spam, reason="spam", note="Selling pills again", ip_address="192.0.2.1")
    CommentReport.objects.create(comment=spam, reason="abuse", note="", ip_address="192.0.2.2")
    moderator = get_user_model().objects.create_user("mod", "mod@staff.example", PASSWORD)
    moderator.groups.add(Group.objects.get(name="Comment moderators"))
    findings = []

    # A new reader comments: held, as a new commenter.
    reader = browser.new_context(viewport={"width": 390, "height": 844}).new_page()
    reader.goto(live_server.url + article.url)
    post(reader, name="Ann", email="ann@example.org", text="Thank you for reporting on this.")
    assert "awaiting moderation" in reader.content()

    desk = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    desk.set_default_timeout(15_000)
    log_in(desk, live_server.url, "mod", PASSWORD)

    # The reported comment's screen: its reasons and the reader's note; spam, blocking the address in one step.
    desk.goto(f"{live_server.url}/admin/reader-comments/?status=reported")
    assert "Spam ×1" in desk.content() and "Abusive or harmful ×1" in desk.content()
    findings += serious_violations(desk, "queue (reported)")
    open_screen(desk, live_server.url, "reported", "Cheap pills at https://pills.example")
    expect(desk.get_by_text("Selling pills again")).to_be_visible()
    assert desk.get_by_role("heading", name="Reports (2)").is_visible()
    assert "pat@pills.example" not in desk.content()  # no contact permission
    findings += serious_violations(desk, "comment screen (reported)")
    desk.screenshot(path=str(tmp_path / "reported-screen.png"), full_page=True)
    desk.get_by_label("Block the commenter's address").check()
    desk.locator("form").filter(has=desk.get_by_label("Block the commenter's address")).get_by_label(
        "Reason (optional)"
    ).fill("pill spam")
    desk.get_by_role("button", name="Mark as spam").click()
    expect(desk.get_by_text("Comment marked as spam.")).to_be_visible()
    assert CommenterStanding.objects.get().standing == "blocked"

    # Ann's comment: approve with a reason, feature it, answer as the site's team, and trust her.
    open_screen(desk, live_server.url, "awaiting", "Thank you for reporting on this.")
    desk.locator("form").filter(has=desk.get_by_role("button", name="Approve")).get_by_label("Reason (optional)").fill(
        "on topic"
    )
    desk.get_by_role("button", name="Approve").click()
    expect(desk.get_by_text("Comment approved.")).to_be_visible()
    desk.get_by_role("button", name="Feature").click()
    expect(desk.get_by_text("Comment featured")).to_be_visible()
    desk.get_by_label("Your reply").fill("Thank you, Ann. Our helpline is open every day.")
    desk.get_by_role("button", name="Publish reply").click()
    expect(desk.get_by_text("Your reply is published.")).to_be_visible()
    desk.go_back()
    desk.reload()
    desk.get_by_label("This commenter's next comments").select_option("trusted")
    desk.get_by_role("button", name="Save standing").click()
    expect(desk.get_by_text("This commenter's next comments: trusted")).to_be_visible()
    findings += serious_violations(desk, "comment screen (approved)")
    desk.screenshot(path=str(tmp_path / "approved-screen.png"), full_page=True)
    desk.goto(f"{live_server.url}/admin/commenters-standing/")
    expect(desk.get_by_role("link", name="Trusted: published at once")).to_be_visible()
    findings += serious_violations(desk, "commenters' standing")

    # Ann, trusted and proven by her browser, is published at once, even with two links.
    reader.goto(live_server.url + article.url)
    post(reader, name="Ann", email="ann@example.org", text="More: https://example.org/a and https://example.org/b")
    assert "Your comment is published." in reader.content()
    assert XtdComment.objects.get(comment__startswith="More:").is_public

    # The blocked writer is refused politely and keeps the text.
    blocked = browser.new_context().new_page()
    blocked.goto(live_server.url + article.url)
    post(blocked, name="Pat", email="pat@pills.example", text="Buy now")
    assert "We cannot publish comments from you on this site." in blocked.content()
    assert blocked.locator("#comment-form textarea").input_value() == "Buy now"
    assert not XtdComment.objects.filter(comment="Buy now").exists()

    # Readers see the featured comment first, marked, and the team's reply with its badge, at both widths.
    for width in WIDTHS:
        view = browser.new_context(viewport={"width": width, "height": 900}).new_page()
        view.goto(live_server.url + article.url)
        featured = view.locator(".comments-featured")
        assert featured.get_by_text("Thank you for reporting on this.").is_visible()
        assert featured.locator(".comment__featured").first.inner_text() == "Featured"
        assert view.locator(".comment__staff").first.is_visible()
        assert "Cheap pills" not in view.content()
        findings += serious_violations(view, f"article at {width} px")
        view.screenshot(path=str(tmp_path / f"article-{width}.png"), full_page=True)
    print(f"\nScreenshots in {tmp_path}")
    assert not findings, "\n".join(findings)
