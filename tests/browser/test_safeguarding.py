"""In Chromium: a young person's disclosure is answered with the help chosen for it and is never shown back;
the safeguarding lead finds it in their queue, reads it, records what they did and closes the case."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from home.factories import HelpMessageFactory
from news.factories import NewsArticlePageFactory
from news.safeguarding import selectors
from news.safeguarding.categories import Category
from news.safeguarding.models import SafeguardingCase
from tests.browser.admin_login import log_in
from tests.browser.axe import serious_violations
from tests.utils import build_site_tree, set_comment_rules

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a-long-password-9"
DISCLOSURE = "I'm 14 and a man from a game keeps asking me to send him pictures. He says it's our secret."


def test_the_writer_sees_help_and_the_lead_handles_the_case(live_server, browser, tmp_path):
    tree = build_site_tree()
    set_comment_rules(tree.home.get_site(), min_seconds_to_write=0)
    article = NewsArticlePageFactory(parent=tree.news_index, title="Police priorities online")
    childline = HelpMessageFactory(
        name="For children", heading="You are not in trouble", link_url="https://help.example/children"
    )
    rule = selectors.rules()[Category.CHILD_DISCLOSURE]
    rule.help_message = childline
    rule.save()
    lead = get_user_model().objects.create_user("lead", "lead@staff.example", PASSWORD)
    lead.groups.add(Group.objects.get(name="Safeguarding leads"))
    findings = []

    writer = browser.new_context(viewport={"width": 390, "height": 844}).new_page()
    writer.goto(live_server.url + article.url)
    form = writer.locator("#comment-form")
    form.get_by_label("Your name").fill("Sam")
    form.get_by_label("E-mail").fill("sam@family.example")
    form.get_by_label("Comment", exact=True).fill(DISCLOSURE)
    form.get_by_role("button", name="Send comment").click()
    writer.wait_for_url("**#comments")
    help_box = writer.locator(".messages .help-message")
    expect(help_box.get_by_role("heading", name="You are not in trouble")).to_be_visible()
    expect(help_box.get_by_role("link", name="Get confidential help")).to_be_visible()
    assert "awaiting moderation" not in writer.content().lower()
    assert "our secret" not in writer.content()
    findings += serious_violations(writer, "article with the help message at 390 px")
    writer.screenshot(path=str(tmp_path / "writer-help.png"), full_page=True)
    writer.reload()
    assert "You are not in trouble" not in writer.content()
    assert "our secret" not in writer.content()

    lead_page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    lead_page.set_default_timeout(15_000)
    log_in(lead_page, live_server.url, "lead", PASSWORD)
    lead_page.goto(live_server.url + "/admin/safeguarding/cases/")
    case = SafeguardingCase.objects.get()
    expect(lead_page.get_by_role("link", name=f"Case {case.pk}")).to_be_visible()
    findings += serious_violations(lead_page, "safeguarding queue")
    lead_page.get_by_role("link", name=f"Case {case.pk}").click()
    lead_page.wait_for_url(f"**/admin/safeguarding/cases/{case.pk}/")
    expect(lead_page.get_by_text("our secret")).to_be_visible()
    findings += serious_violations(lead_page, "case screen")
    lead_page.locator("#action_action").select_option("contacted_writer")
    lead_page.locator("#action_note").fill("Replied with the children's helpline details.")
    lead_page.get_by_role("button", name="Record").click()
    expect(lead_page.get_by_text("Recorded.")).to_be_visible()
    lead_page.get_by_role("button", name="Close the case").click()
    expect(lead_page.get_by_text("The case is closed.")).to_be_visible()
    lead_page.screenshot(path=str(tmp_path / "case-closed.png"), full_page=True)
    case.refresh_from_db()
    assert case.status == "closed"
    assert list(case.actions.values_list("action", flat=True)) == ["contacted_writer", "closed"]
    print(f"\nScreenshots in {tmp_path}")
    assert not findings, "\n".join(findings)
