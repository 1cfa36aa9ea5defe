"""A reader's name may not imitate the site's or its team's: case, spacing and look-alike letters are folded."""

from django.test import TestCase, override_settings
from django_comments_xtd.models import XtdComment

from news.comments.models import CommentSettings
from news.comments.rules import imitated_name, reserved_names
from news.factories import NewsArticlePageFactory
from tests.news.comments.helpers import post_comment
from tests.utils import build_site_tree, set_comment_rules


@override_settings(COMMENTS_STAFF_NAME="The campaign team", WAGTAIL_SITE_NAME="Campaign newsroom")
class NameImitationTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.tree = build_site_tree()
        cls.site = cls.tree.home.get_site()
        cls.article = NewsArticlePageFactory(parent=cls.tree.news_index)

    def names(self):
        return reserved_names(comment_settings=CommentSettings.for_site(self.site), site_name=self.site.site_name)

    def test_imitations_of_the_site_and_its_team_are_caught(self):
        for name in (
            "Campaign Newsroom",
            "CAMPAIGN-NEWSROOM",
            "campaignnewsroom official",
            "The Campaign Team",
            "Тhe Саmpaign Теam",  # Cyrillic Т, С, а, Т, е
            "Moderator",
            "m0derator",
            "A.d.m.i.n",
            "ａｄｍｉｎ",  # full-width letters
            "Ad\u200bmin",  # a zero-width space inside
            "Admin1",
        ):
            with self.subTest(name):
                self.assertIsNotNone(imitated_name(name, names=self.names()))

    def test_ordinary_names_pass(self):
        for name in ("Ann Reader", "Badminton fan", "Team player", "Campaigner", "Edith Orr", "Стефан"):
            with self.subTest(name):
                self.assertIsNone(imitated_name(name, names=self.names()))

    def test_the_form_refuses_the_name_with_a_clear_message_and_keeps_what_was_typed(self):
        response = post_comment(self.client, self.article, name="Campaign Νewsroom", comment="Official news!")
        self.assertContains(response, "Please choose another name", status_code=400)
        self.assertContains(response, "Official news!", status_code=400)
        self.assertFalse(XtdComment.objects.exists())

    def test_the_list_is_the_campaigns_to_edit(self):
        set_comment_rules(self.site, reserved_names="Helpline\n")
        self.assertIsNotNone(imitated_name("The HeIpline", names=self.names()))  # a capital I for the l
        self.assertIsNone(imitated_name("Moderator", names=self.names()))
