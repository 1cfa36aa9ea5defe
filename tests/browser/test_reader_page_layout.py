"""The reader's comment page in Chromium at a phone's and a laptop's width: long words, Cancel reply, refused
posts that land on a focused error summary with the text kept, and axe-core (target-size included)."""

import time
from pathlib import Path

import pytest
from django_comments_xtd.models import XtdComment

from news.comments.factories import CommentFactory
from news.factories import NewsArticlePageFactory
from tests.utils import build_site_tree, open_comment_rules, set_comment_rules

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE_SOURCE = Path(__file__).resolve().parents[2] / "var/node/node_modules/axe-core/axe.min.js"
WIDTHS = [390, 1280]
LONG_WORD = "Unbreakable" * 27 + "end"  # 300 characters, no break opportunity
LONG_URL = "https://example.org/reports/" + "helpline-figures-" * 14 + "2026.pdf?download=" + "x" * 60
LONG_NAME = "W" * 50  # the longest name the form takes, as one word
TYPED = {"name": "Ann Careful", "email": "ann.careful@example.org", "comment": "Words I took an hour to write."}


@pytest.fixture
def article(live_server):
    tree = build_site_tree()
    site = tree.home.get_site()
    site.hostname, site.port = "localhost", int(live_server.url.rsplit(":", 1)[1])
    site.save()
    open_comment_rules(site)
    article = NewsArticlePageFactory(parent=tree.news_index, title="Helpline calls rise")
    first = CommentFactory(page=article, user_name=LONG_NAME, comment=f"Before {LONG_WORD} after.")
    CommentFactory(page=article, user_name="Bo", comment=f"The figures: {LONG_URL}", parent=first)
    CommentFactory(page=article, user_name="Cy", comment="A short one.")
    return article


def new_page(browser, width, **options):
    context = browser.new_context(viewport={"width": width, "height": 844}, **options)
    page = context.new_page()
    page.set_default_timeout(15_000)
    return page


def overflow(page):
    """How many CSS pixels the document is wider than the window (0 when it fits)."""
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")


def axe(page):
    """axe-core's serious and critical violations, after checking the target-size rule ran and passed.

    target-size (WCAG 2.2, 2.5.8) is not among axe 4.11's default rules; runOnly by tags runs it.
    """
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(AXE_SOURCE.read_text(encoding="utf-8"))
    results = page.evaluate(
        """async () => await axe.run(document, {runOnly: {type: 'tag', values: [
            'wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']}})"""
    )
    ran = {rule["id"] for kind in ("passes", "violations", "incomplete") for rule in results[kind]}
    assert "target-size" in ran, "axe-core did not run target-size"
    return [
        f"{violation['id']} ({violation['impact']}): " + "; ".join(node["html"][:120] for node in violation["nodes"])
        for violation in results["violations"]
        if violation["impact"] in ("serious", "critical") or violation["id"] == "target-size"
    ]


@pytest.mark.parametrize("width", WIDTHS)
def test_long_words_and_addresses_never_widen_the_page(live_server, browser, article, width):
    page = new_page(browser, width)
    first = XtdComment.objects.get(user_name=LONG_NAME)
    for path in ("", f"comments/reply/{first.pk}/", f"comments/{first.pk}/report/"):
        page.goto(live_server.url + article.url + path)
        assert page.locator(".comment__body", has_text=LONG_WORD[:40]).count() == 1, path
        assert overflow(page) <= 0, f"{article.url}{path} is {overflow(page)} px wider than {width} px"

    page.goto(live_server.url + article.url)
    page.get_by_label("Your name").fill(LONG_NAME)
    page.get_by_label("E-mail").fill("long.words@example.org")
    page.get_by_label("Comment", exact=True).fill(f"{LONG_WORD}\n\n{LONG_URL}")
    page.get_by_role("button", name="Send comment").click()
    page.wait_for_url("**#c*")
    assert overflow(page) <= 0, "the article with the reader's own comment and its message"
    page.locator(".comment__edit").last.click()
    page.wait_for_url("**/edit/")
    assert overflow(page) <= 0, "the edit page"


@pytest.mark.parametrize("width", WIDTHS)
def test_cancel_reply_shows_only_while_a_reply_form_is_open(live_server, browser, article, width):
    page = new_page(browser, width)
    page.goto(live_server.url + article.url)
    cancel = page.get_by_role("button", name="Cancel reply")
    assert page.locator(".comment-form__cancel").count() == 1
    assert not cancel.is_visible()

    reply = page.locator(".comment__reply").first
    reply.click()
    assert cancel.is_visible()
    assert page.locator(".comment #comment-form").count() == 1
    assert not page.locator("#comment-form-heading").is_visible()
    assert axe(page) == []
    assert overflow(page) <= 0

    cancel.click()
    assert not cancel.is_visible()
    assert page.locator(".comment #comment-form").count() == 0
    assert page.locator("#comment-form-heading").is_visible()
    assert page.locator("#comment-form [name=reply_to]").input_value() == "0"
    assert page.evaluate("document.activeElement.classList.contains('comment__reply')")


@pytest.mark.parametrize("width", WIDTHS)
def test_the_page_with_comments_passes_axe_with_target_size(live_server, browser, article, width):
    page = new_page(browser, width)
    page.goto(live_server.url + article.url)
    assert axe(page) == []
    for control in (".comment__reply", ".comment__report"):
        box = page.locator(control).first.bounding_box()
        assert box["width"] >= 24 and box["height"] >= 24, f"{control} is {box['width']}x{box['height']}"


def eventually(page, predicate, seconds=5):
    """Poll ``predicate`` with page.evaluate (wait_for_function compiles strings, which the CSP forbids)."""
    deadline = time.monotonic() + seconds
    while not page.evaluate(predicate):
        assert time.monotonic() < deadline, f"never true: {predicate}"
        page.wait_for_timeout(100)


def fill_and_send(page, **fields):
    values = {**TYPED, **fields}
    page.get_by_label("Your name").fill(values["name"])
    page.get_by_label("E-mail").fill(values["email"])
    page.get_by_label("Comment", exact=True).fill(values["comment"])
    page.get_by_label("Notify me of replies to my comment").check()
    page.get_by_role("button", name="Send comment").click()
    page.wait_for_load_state()


def assert_at_the_form_with_the_summary_focused(page, **kept):
    kept = {**TYPED, **kept}
    eventually(page, "() => !!document.activeElement && document.activeElement.hasAttribute('data-error-summary')")
    summary = page.locator("[data-error-summary]")
    assert summary.get_attribute("role") == "alert"
    eventually(  # in view once the (smooth) scroll to the focused summary has ended
        page,
        """() => { const top = document.querySelector('[data-error-summary]').getBoundingClientRect().top;
                   return top >= 0 && top < window.innerHeight; }""",
    )
    assert page.get_by_label("Your name").input_value() == kept["name"]
    assert page.get_by_label("E-mail").input_value() == kept["email"]
    assert page.get_by_label("Comment", exact=True).input_value() == kept["comment"]
    assert page.get_by_label("Notify me of replies to my comment").is_checked()
    return summary


@pytest.mark.parametrize("width", WIDTHS)
def test_a_bad_email_lands_on_the_focused_summary_with_the_text_kept(live_server, browser, article, width):
    page = new_page(browser, width)
    page.goto(live_server.url + article.url)
    fill_and_send(page, email="ann.careful(at)example")
    summary = assert_at_the_form_with_the_summary_focused(page, email="ann.careful(at)example")
    assert "Enter a valid email address." in summary.inner_text()
    assert axe(page) == []
    assert overflow(page) <= 0
    summary.get_by_role("link", name="E-mail: Enter a valid email address.").click()
    assert page.evaluate("document.activeElement.id") == "id_email"


def test_a_stale_reply_lands_on_the_focused_summary_with_the_text_and_target_kept(live_server, browser, article):
    page = new_page(browser, 390)
    page.goto(live_server.url + article.url)
    parent = XtdComment.objects.get(user_name="Cy")
    page.locator(f"#c{parent.pk} .comment__reply").click()
    page.evaluate("document.querySelector('#comment-form [name=security_hash]').value = '0'.repeat(40)")
    fill_and_send(page)
    summary = assert_at_the_form_with_the_summary_focused(page)
    assert "please check it and send it again" in summary.inner_text()
    assert page.locator("#comment-form [name=reply_to]").input_value() == str(parent.pk)
    assert page.locator("h1").inner_text() == "Reply to Cy"
    assert axe(page) == []

    page.get_by_role("button", name="Send comment").click()  # the form came back signed afresh
    page.wait_for_url("**#c*")
    assert XtdComment.objects.get(comment=TYPED["comment"]).parent_id == parent.pk


def test_a_rate_limit_lands_on_the_focused_summary_with_the_text_kept(live_server, browser, article):
    set_comment_rules(article.get_site(), rate_limit_count=1)
    page = new_page(browser, 390)
    page.goto(live_server.url + article.url)
    fill_and_send(page, comment="The first one, accepted.")
    page.wait_for_url("**#c*")
    with page.expect_response(lambda response: response.request.method == "POST") as answer:
        fill_and_send(page)
    assert answer.value.status == 429
    summary = assert_at_the_form_with_the_summary_focused(page)
    assert "Please wait a few minutes" in summary.inner_text()
    assert axe(page) == []


def test_without_javascript_the_summary_still_takes_focus(live_server, browser, article):
    page = new_page(browser, 390, java_script_enabled=False)
    page.goto(live_server.url + article.url)
    fill_and_send(page, email="bad")
    assert_at_the_form_with_the_summary_focused(page, email="bad")
