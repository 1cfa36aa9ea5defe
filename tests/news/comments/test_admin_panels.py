"""The comments' smaller admin surfaces: dashboard panel, menu count, page editor panel and commenters' data."""

import json

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.test import RequestFactory, TestCase
from django.utils import timezone
from django_comments_xtd.models import XtdComment
from wagtail.admin.menu import settings_menu

import news.comments.admin.panels  # noqa: F401  (registers the hooks even before wagtail_hooks imports it)
from news.comments.admin.panels import ReaderCommentsMenuItem, badge, pending_count
from news.comments.data_rights import comments_of
from news.comments.factories import CommentFactory
from news.comments.models import CommentReport
from news.factories import CampaignPageFactory, NewsArticlePageFactory
from tests.utils import build_site_tree

DATA_URL = "/admin/reader-comments-data/"
EMAIL = "Dana.Writer@Example.org"


def permission(dotted):
    app_label, codename = dotted.split(".")
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def make_user(username, *, perms=(), groups=(), superuser=False):
    """A staff account: ``perms`` as "app.codename", ``groups`` by name."""
    User = get_user_model()
    if superuser:
        return User.objects.create_superuser(username, f"{username}@example.org", "pw")
    user = User.objects.create_user(username, f"{username}@example.org", "pw")
    user.user_permissions.add(*(permission(p) for p in perms))
    user.groups.add(*(Group.objects.get(name=name) for name in groups))
    return user


class StaffMixin:
    """Editor (admin access only), moderator (the migration's group), one who may also see contacts, superuser."""

    @classmethod
    def make_staff(cls):
        cls.editor = make_user("editor", perms=["wagtailadmin.access_admin"])
        cls.moderator = make_user("moderator", groups=[settings.COMMENT_MODERATORS_GROUP])
        cls.contact_moderator = make_user(
            "contact", groups=[settings.COMMENT_MODERATORS_GROUP], perms=["comments.view_commenter_contact"]
        )
        cls.superuser = make_user("admin", superuser=True)


def request_for(user):
    request = RequestFactory().get("/admin/")
    request.user = user
    return request


class ModerationCountsTests(StaffMixin, TestCase):
    @classmethod
    def setUpTestData(cls):
        tree = build_site_tree()
        cls.article = NewsArticlePageFactory(parent=tree.news_index)
        cls.quiet_article = NewsArticlePageFactory(parent=tree.news_index)
        cls.campaign = CampaignPageFactory(parent=tree.campaign_index)
        CommentFactory.create_batch(2, page=cls.article, is_public=False)  # awaiting
        CommentFactory(page=cls.article)  # published
        CommentFactory(page=cls.article, is_public=False, is_removed=True)  # removed
        reported = CommentFactory(page=cls.article)  # published and reported twice, once dealt with
        CommentReport.objects.create(comment=reported, reason=CommentReport.Reason.SPAM)
        CommentReport.objects.create(comment=reported, reason=CommentReport.Reason.ABUSE)
        CommentReport.objects.create(comment=CommentFactory(page=cls.article), reason="spam", resolved=True)
        CommentFactory(page=cls.campaign, is_public=False)  # awaiting, elsewhere
        cls.make_staff()

    # Dashboard

    def test_the_dashboard_shows_moderators_what_awaits_them_with_links_to_the_queue(self):
        self.client.force_login(self.moderator)
        response = self.client.get("/admin/")
        self.assertContains(response, "Reader comments")
        self.assertContains(response, '<a href="/admin/reader-comments/?status=awaiting">3 awaiting moderation</a>')
        self.assertContains(response, '<a href="/admin/reader-comments/?status=reported">1 reported</a>')

    def test_superusers_see_the_panel_too(self):
        self.client.force_login(self.superuser)
        self.assertContains(self.client.get("/admin/"), "3 awaiting moderation")

    def test_editors_do_not_see_the_panel(self):
        self.client.force_login(self.editor)
        response = self.client.get("/admin/")
        self.assertEqual(response.status_code, 200)
        self.assertNotContains(response, "reader-comments-section")
        self.assertNotContains(response, "awaiting moderation")

    # Main menu

    def test_pending_count_is_what_waits_for_a_decision_in_one_query(self):
        with self.assertNumQueries(1):
            self.assertEqual(pending_count(), 4)  # three awaiting and one reported

    def test_the_menu_label_carries_the_pending_count(self):
        item = ReaderCommentsMenuItem("Reader comments", "/admin/reader-comments/", icon_name="comment")
        component = item.render_component(request_for(self.moderator))
        self.assertEqual((component.label, component.url), ("Reader comments (4)", "/admin/reader-comments/"))
        XtdComment.norel_objects.filter(is_public=False).update(is_public=True)
        CommentReport.objects.update(resolved=True)
        self.assertEqual(item.render_component(request_for(self.moderator)).label, "Reader comments")
        self.assertEqual(item.label, "Reader comments")  # the shared instance is never changed

    def test_the_menu_badge_stays_short_at_any_count(self):
        self.assertEqual([badge(n) for n in (7, 999, 1000, 123456)], ["7", "999", "999+", "999+"])

    def test_the_menu_item_is_for_moderators_only(self):
        item = ReaderCommentsMenuItem("Reader comments", "/admin/reader-comments/")
        for user, shown in ((self.moderator, True), (self.superuser, True), (self.editor, False)):
            with self.subTest(user.username):
                self.assertEqual(item.is_shown(request_for(user)), shown)

    # Page editor

    def test_the_article_editor_shows_the_page_counts_and_links_to_its_queue(self):
        self.client.force_login(self.superuser)
        response = self.client.get(f"/admin/pages/{self.article.pk}/edit/")
        pk = self.article.pk
        self.assertContains(response, "Reader comments")
        for status, text in (
            ("awaiting", "Awaiting moderation: 2"),
            ("published", "Published: 3"),
            ("reported", "Reported: 1"),
            ("removed", "Removed: 1"),
        ):
            with self.subTest(status):
                self.assertContains(
                    response, f'<a href="/admin/reader-comments/?status={status}&amp;page_id={pk}">{text}</a>'
                )
        self.assertContains(response, f'href="/admin/reader-comments/?page_id={pk}"')
        self.assertNotContains(response, "Readers have not commented yet.")

    def test_the_campaign_editor_has_the_panel_too(self):
        self.client.force_login(self.superuser)
        response = self.client.get(f"/admin/pages/{self.campaign.pk}/edit/")
        self.assertContains(response, "Awaiting moderation: 1")
        self.assertContains(response, f'href="/admin/reader-comments/?page_id={self.campaign.pk}"')

    def test_a_page_without_comments_says_so(self):
        self.client.force_login(self.superuser)
        response = self.client.get(f"/admin/pages/{self.quiet_article.pk}/edit/")
        self.assertContains(response, "Readers have not commented yet.")
        self.assertNotContains(response, f"page_id={self.quiet_article.pk}")

    def test_a_new_page_has_no_counts_yet(self):
        self.client.force_login(self.superuser)
        response = self.client.get(f"/admin/pages/add/news/newsarticlepage/{self.article.get_parent().pk}/")
        self.assertContains(response, "Counts appear once the page is saved.")


class CommentersDataTests(StaffMixin, TestCase):
    @classmethod
    def setUpTestData(cls):
        tree = build_site_tree()
        article = NewsArticlePageFactory(parent=tree.news_index, title="On prevention")
        cls.mine = [
            CommentFactory(page=article, user_email=EMAIL, user_name="Dana", comment="First words"),
            CommentFactory(page=article, user_email=EMAIL.lower(), user_name="Dana W", comment="Second words"),
        ]
        cls.other = CommentFactory(page=article, user_email="sam@example.org", user_name="Sam", comment="Sam's")
        cls.make_staff()

    def post(self, user, **data):
        self.client.force_login(user)
        return self.client.post(DATA_URL, data)

    def assert_untouched(self):
        self.assertEqual(comments_of(EMAIL).count(), 2)
        self.assertEqual(
            set(XtdComment.norel_objects.values_list("user_name", "comment")),
            {("Dana", "First words"), ("Dana W", "Second words"), ("Sam", "Sam's")},
        )

    def test_anonymous_visitors_are_sent_to_log_in(self):
        response = self.client.get(DATA_URL)
        self.assertNotEqual(response.status_code, 200)
        self.assertIn("/admin/login/", response["Location"])

    def test_staff_without_the_contact_permission_are_refused(self):
        for user in (self.editor, self.moderator):
            with self.subTest(user.username):
                self.client.force_login(user)
                self.assertEqual(self.client.get(DATA_URL).status_code, 403)
                self.assertEqual(self.post(user, email=EMAIL, action="export").status_code, 403)
                self.assertEqual(self.post(user, email=EMAIL, action="confirm", remove_text="on").status_code, 403)
        self.assert_untouched()

    def test_the_contact_permission_or_superuser_opens_the_page(self):
        for user in (self.contact_moderator, self.superuser):
            with self.subTest(user.username):
                self.client.force_login(user)
                response = self.client.get(DATA_URL)
                self.assertContains(response, "Commenters&#x27; data")
                self.assertContains(response, "Export as JSON")
                self.assertContains(response, "Anonymise…")

    def test_the_menu_item_under_settings_follows_the_contact_permission(self):
        for user, shown in ((self.contact_moderator, True), (self.superuser, True), (self.moderator, False)):
            with self.subTest(user.username):
                items = {item.name: item for item in settings_menu.menu_items_for_request(request_for(user))}
                self.assertEqual("commenters-data" in items, shown)
                if shown:
                    self.assertEqual(
                        (items["commenters-data"].label, items["commenters-data"].url), ("Commenters' data", DATA_URL)
                    )

    def test_export_downloads_only_that_addresss_comments(self):
        response = self.post(self.contact_moderator, email=EMAIL.upper(), action="export")
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response["Content-Type"].startswith("application/json"))
        self.assertEqual(
            response["Content-Disposition"],
            f'attachment; filename="commenter-data-{timezone.localdate():%Y-%m-%d}.json"',
        )
        data = json.loads(response.content)
        self.assertEqual([entry["id"] for entry in data["comments"]], [comment.pk for comment in self.mine])
        self.assertNotIn("sam@example.org", response.content.decode())
        self.assert_untouched()

    def test_an_invalid_address_is_shown_as_an_error(self):
        response = self.post(self.contact_moderator, email="not an address", action="export")
        self.assertContains(response, "Enter a valid email address.")
        self.assert_untouched()

    def test_anonymising_asks_for_confirmation_first(self):
        response = self.post(self.contact_moderator, email=EMAIL, action="anonymise")
        self.assertContains(response, "2 comments will be anonymised")
        self.assertContains(response, "Also replace the text with [removed]")
        self.assertContains(response, 'value="confirm"')
        self.assert_untouched()

    def test_confirming_anonymises_that_address_and_reports_how_many(self):
        response = self.post(self.contact_moderator, email=EMAIL, action="confirm", remove_text="on")
        self.assertRedirects(response, DATA_URL, fetch_redirect_response=False)  # fetching would eat the message
        self.assertContains(self.client.get(DATA_URL), "Anonymised 2 comments.")
        self.assertEqual(comments_of(EMAIL).count(), 0)
        mine = XtdComment.norel_objects.filter(pk__in=[comment.pk for comment in self.mine])
        self.assertEqual(set(mine.values_list("user_name", "user_email", "comment")), {("Anonymous", "", "[removed]")})
        self.other.refresh_from_db()
        self.assertEqual((self.other.user_email, self.other.comment), ("sam@example.org", "Sam's"))

    def test_without_the_checkbox_the_text_stays(self):
        self.post(self.superuser, email=EMAIL, action="confirm")
        mine = XtdComment.norel_objects.filter(pk__in=[comment.pk for comment in self.mine])
        self.assertEqual(set(mine.values_list("user_email", "comment")), {("", "First words"), ("", "Second words")})

    def test_get_never_changes_anything(self):
        self.client.force_login(self.superuser)
        self.client.get(DATA_URL, {"email": EMAIL, "action": "confirm", "remove_text": "on"})
        self.assert_untouched()

    def test_an_address_without_comments_has_nothing_to_confirm(self):
        response = self.post(self.superuser, email="nobody@example.org", action="anonymise")
        self.assertContains(response, "nothing to anonymise")
        self.assertNotContains(response, 'value="confirm"')


class PageEditorPanelForEditorsTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        tree = build_site_tree()
        cls.article = NewsArticlePageFactory(parent=tree.news_index)
        CommentFactory(page=cls.article, is_public=False)
        cls.editor = make_user("page-editor", groups=["Editors"])  # Wagtail's group: may edit every page

    def test_editors_see_the_counts_but_no_link_to_a_queue_they_cannot_open(self):
        self.client.force_login(self.editor)
        response = self.client.get(f"/admin/pages/{self.article.pk}/edit/")
        self.assertContains(response, "Awaiting moderation: 1")
        self.assertNotContains(response, "/admin/reader-comments/")
