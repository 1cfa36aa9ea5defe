"""Admin-login lock-outs (django-axes) are seen and cleared in Wagtail's Settings, by those with axes' permissions."""

from axes.models import AccessAttempt
from bs4 import BeautifulSoup
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.test import Client, TestCase, override_settings
from wagtail.models import ModelLogEntry

from home.admin_lockouts import CLEAR_ACTION
from tests.utils import ensure_migrated_data

LISTING = "/admin/login-lockouts/"
CLEAR_ALL = "/admin/login-lockouts/clear-all/"
PASSWORD = "the-right-password"  # noqa: S105
LOCKED_ADDRESS, OTHER_ADDRESS = "192.0.2.1", "192.0.2.2"
SEEING = ("wagtailadmin.access_admin", "axes.view_accessattempt")
CLEARING = (*SEEING, "axes.delete_accessattempt")


def fail_logins(username, address, times):
    """Wrong passwords through the admin login form, as an attacker (or a forgetful editor) would type them."""
    client = Client(REMOTE_ADDR=address)
    return [client.post("/admin/login/", {"username": username, "password": "wrong"}).status_code for _ in range(times)]


def log_in(address):
    return Client(REMOTE_ADDR=address).post("/admin/login/", {"username": "editor", "password": PASSWORD})


def staff(username, *perms, groups=()):
    """An account that may use the admin (with ``perms`` as "app.codename", or through ``groups``)."""
    user = get_user_model().objects.create_user(username, f"{username}@staff.example", "pw")
    user.user_permissions.add(
        *(Permission.objects.get(content_type__app_label=p.split(".")[0], codename=p.split(".")[1]) for p in perms)
    )
    user.groups.add(*(Group.objects.get(name=name) for name in groups))
    return user


def listed_rows(response):
    """{(username, address): (failures, locked out)} as the listing shows them."""
    rows = {}
    for row in BeautifulSoup(response.content, "html.parser").select("table tbody tr"):
        cells = [cell.get_text(" ", strip=True) for cell in row.select("td")]
        username = cells[0].split(" ")[0]
        locked = row.select("td")[-1].select_one("svg use")["href"]
        rows[(username, cells[1])] = (cells[2], locked == "#icon-check")
    return rows


@override_settings(AXES_ENABLED=True)
class LoginLockoutsScreenTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        ensure_migrated_data()
        cls.editor = get_user_model().objects.create_user("editor", "editor@staff.example", PASSWORD)
        cls.editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
        cls.admin = get_user_model().objects.create_superuser("admin", "admin@staff.example", "pw")
        cls.moderator = staff("moderator", groups=[settings.COMMENT_MODERATORS_GROUP])
        cls.watcher = staff("watcher", *SEEING)
        cls.keeper = staff("keeper", *CLEARING)
        cls.lockout_statuses = fail_logins("editor", LOCKED_ADDRESS, settings.AXES_FAILURE_LIMIT)
        fail_logins("editor", OTHER_ADDRESS, 2)
        cls.locked = AccessAttempt.objects.get(username="editor", ip_address=LOCKED_ADDRESS)

    def assert_refused(self, response):
        """Wagtail's refusal: back to the dashboard with "Sorry, you do not have permission…"."""
        self.assertRedirects(response, "/admin/", fetch_redirect_response=False)

    def as_user(self, user):
        self.client.force_login(user)
        return self.client

    def test_failed_logins_lock_the_editor_out_from_that_address_only(self):
        self.assertEqual(self.lockout_statuses[-1], 429)
        self.assertEqual(log_in(LOCKED_ADDRESS).status_code, 429)
        self.assertEqual(log_in(OTHER_ADDRESS).status_code, 302)

    def test_the_listing_shows_each_username_and_address_with_its_failures(self):
        response = self.as_user(self.admin).get(LISTING)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(
            listed_rows(response),
            {
                ("editor", LOCKED_ADDRESS): (str(settings.AXES_FAILURE_LIMIT), True),
                ("editor", OTHER_ADDRESS): ("2", False),
            },
        )
        self.assertContains(response, f'href="/admin/login-lockouts/{self.locked.pk}/clear/"')
        self.assertContains(response, f'href="{CLEAR_ALL}"')

    def test_it_is_in_the_settings_menu_for_those_who_may_see_it(self):
        for user, shown in ((self.admin, True), (self.watcher, True), (self.moderator, False)):
            with self.subTest(user.username):
                response = self.as_user(user).get("/admin/")
                self.assertEqual(LISTING in response.content.decode(), shown)

    def test_staff_without_the_permission_are_refused(self):
        client = self.as_user(self.moderator)
        for url in (LISTING, f"{LISTING}results/", f"/admin/login-lockouts/{self.locked.pk}/clear/", CLEAR_ALL):
            with self.subTest(url):
                self.assert_refused(client.get(url))
                self.assert_refused(client.post(url))
        self.assertContains(client.get("/admin/"), "Sorry, you do not have permission to access this area.")
        self.assertEqual(AccessAttempt.objects.count(), 2)
        self.assertEqual(log_in(LOCKED_ADDRESS).status_code, 429)

    def test_the_view_permission_sees_but_cannot_clear(self):
        client = self.as_user(self.watcher)
        response = client.get(LISTING)
        self.assertIn(("editor", LOCKED_ADDRESS), listed_rows(response))
        self.assertNotContains(response, "/clear")
        self.assert_refused(client.post(f"/admin/login-lockouts/{self.locked.pk}/clear/"))
        self.assert_refused(client.post(CLEAR_ALL))
        self.assertEqual(AccessAttempt.objects.count(), 2)

    def test_clearing_asks_first_then_lets_the_editor_log_in_again(self):
        client = self.as_user(self.keeper)
        url = f"/admin/login-lockouts/{self.locked.pk}/clear/"
        confirm = client.get(url)
        self.assertContains(confirm, f"editor from {LOCKED_ADDRESS} will be able to try logging in again")
        self.assertContains(confirm, 'name="csrfmiddlewaretoken"')
        self.assertEqual(AccessAttempt.objects.count(), 2)  # asking changes nothing

        response = client.post(url, follow=True)
        self.assertRedirects(response, LISTING)
        self.assertContains(response, f"Cleared the login lock-out of editor from {LOCKED_ADDRESS}.")
        self.assertEqual(list(listed_rows(response)), [("editor", OTHER_ADDRESS)])  # the other pair still counts
        self.assertEqual(log_in(LOCKED_ADDRESS).status_code, 302)

    def test_clearing_is_logged_with_who_cleared_what_and_no_password(self):
        self.as_user(self.keeper).post(f"/admin/login-lockouts/{self.locked.pk}/clear/")
        entry = ModelLogEntry.objects.get(action=CLEAR_ACTION)
        self.assertEqual((entry.user, entry.label), (self.keeper, f"editor from {LOCKED_ADDRESS}"))
        self.assertEqual(entry.data, {"username": "editor", "ip_address": LOCKED_ADDRESS})
        self.assertNotIn("wrong", str(entry.data))
        history = self.as_user(self.admin).get("/admin/reports/site-history/")
        self.assertContains(history, "Login lock-out cleared")
        self.assertContains(history, f"editor from {LOCKED_ADDRESS}")

    def test_clear_all_asks_first_then_clears_every_pair_and_logs_each(self):
        client = self.as_user(self.admin)
        self.assertContains(client.get(CLEAR_ALL), "Every username and address that django-axes is counting (2)")
        response = client.post(CLEAR_ALL, follow=True)
        self.assertContains(response, "Cleared all login lock-outs (2).")
        self.assertFalse(AccessAttempt.objects.exists())
        self.assertEqual(
            sorted(ModelLogEntry.objects.filter(action=CLEAR_ACTION, user=self.admin).values_list("label", flat=True)),
            [f"editor from {LOCKED_ADDRESS}", f"editor from {OTHER_ADDRESS}"],
        )
        self.assertEqual(log_in(LOCKED_ADDRESS).status_code, 302)

    def test_clearing_needs_the_csrf_token(self):
        client = Client(enforce_csrf_checks=True)
        client.force_login(self.admin)
        self.assertEqual(client.post(f"/admin/login-lockouts/{self.locked.pk}/clear/").status_code, 403)
        self.assertEqual(client.post(CLEAR_ALL).status_code, 403)
        self.assertEqual(AccessAttempt.objects.count(), 2)

    def test_an_unknown_attempt_is_not_found(self):
        client = self.as_user(self.admin)
        for url in ("/admin/login-lockouts/999999/clear/", "/admin/login-lockouts/nonsense/clear/"):
            with self.subTest(url):
                self.assertEqual(client.get(url).status_code, 404)
                self.assertEqual(client.post(url).status_code, 404)
        self.assertEqual(AccessAttempt.objects.count(), 2)

    def test_the_listing_can_be_searched_by_address(self):
        response = self.as_user(self.admin).get(LISTING, {"q": OTHER_ADDRESS})
        self.assertEqual(list(listed_rows(response)), [("editor", OTHER_ADDRESS)])

    def test_clearing_a_pair_with_neither_username_nor_address_clears_only_that_pair(self):
        blank = AccessAttempt.objects.create(
            username=None,
            ip_address=None,
            user_agent="",
            http_accept="",
            path_info="/admin/login/",
            get_data="",
            post_data="",
            failures_since_start=1,
        )
        response = self.as_user(self.admin).post(f"/admin/login-lockouts/{blank.pk}/clear/")
        self.assertRedirects(response, LISTING)
        self.assertEqual(
            set(AccessAttempt.objects.values_list("username", "ip_address")),
            {("editor", LOCKED_ADDRESS), ("editor", OTHER_ADDRESS)},
        )

    def test_the_two_permissions_can_be_granted_in_wagtails_group_editor(self):
        response = self.as_user(self.admin).get("/admin/groups/new/")
        soup = BeautifulSoup(response.content, "html.parser")
        offered = Permission.objects.filter(
            pk__in=[box["value"] for box in soup.select('input[name="permissions"]')], content_type__app_label="axes"
        )
        self.assertEqual(
            set(offered.values_list("codename", flat=True)), {"view_accessattempt", "delete_accessattempt"}
        )
