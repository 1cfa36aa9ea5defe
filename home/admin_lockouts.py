"""Admin-login lock-outs (django-axes), seen and cleared in Wagtail's Settings rather than only Django's admin.

axes counts failed logins per username *and* address (``AXES_LOCKOUT_PARAMETERS``), over every browser
that tried, so the listing shows one row per pair and clears a pair through axes' own reset. Who may see
or clear is axes' model permissions (view, delete), which Wagtail's group editor lets admins grant.
"""

import functools
import operator
import uuid

from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_cool_off, get_failure_limit
from axes.models import AccessAttempt
from django.contrib.auth.models import Permission
from django.db import transaction
from django.db.models import Max, Q, Sum
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.ui.tables import BooleanColumn, Column, DateColumn
from wagtail.admin.views.generic import IndexView, PermissionCheckedMixin, WagtailAdminTemplateMixin
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import HeaderButton, ListingButton
from wagtail.log_actions import log

CLEAR_ACTION = "home.clear_login_lockout"
NO_USERNAME = "(blank)"  # as the listing shows it


def lockout_rows():
    """One attempt per username and address (the latest), standing for the pair."""
    latest = AccessAttempt.objects.values("username", "ip_address").annotate(latest=Max("pk")).values("latest")
    return AccessAttempt.objects.filter(pk__in=latest)


def pair_label(attempt):
    return f"{attempt.username or NO_USERNAME} from {attempt.ip_address or 'an unknown address'}"


def _same_pair(attempt):
    """Matches the pair's rows, blank parts included (``username=None`` in a filter would match nothing)."""
    condition = Q()
    for field in ("username", "ip_address"):
        value = getattr(attempt, field)
        condition &= Q(**{f"{field}__isnull": True}) if value is None else Q(**{field: value})
    return condition


def attach_pair_standing(attempts, request):
    """Give each listed pair its failures, last attempt and whether axes locks it out now, in one query.

    Locked out as axes decides: the failures within the cool-off period reach the failure limit.
    """
    attempts = list(attempts)
    if not attempts:
        return
    cool_off = get_cool_off(request)
    recent = Q() if cool_off is None else Q(attempt_time__gte=timezone.now() - cool_off)
    rows = (
        AccessAttempt.objects.filter(functools.reduce(operator.or_, map(_same_pair, attempts)))
        .order_by()
        .values("username", "ip_address")
        .annotate(
            failures=Sum("failures_since_start"),
            recent_failures=Sum("failures_since_start", filter=recent),
            last_attempt=Max("attempt_time"),
        )
    )
    standing = {(row["username"], row["ip_address"]): row for row in rows}
    for attempt in attempts:
        row = standing.get((attempt.username, attempt.ip_address))
        if row is None:  # cleared since the page was read
            attempt.failures, attempt.last_attempt, attempt.locked_out = 0, attempt.attempt_time, False
            continue
        limit = get_failure_limit(request, {"username": attempt.username})
        attempt.failures = row["failures"]
        attempt.last_attempt = row["last_attempt"]
        attempt.locked_out = (row["recent_failures"] or 0) >= limit


def clear_pair(attempt, user, *, log_uuid=None):
    """axes forgets this pair's failures; Wagtail's log says who cleared which pair (never what was typed).

    axes' reset filters by the parts it is given, so a blank username clears the address; a pair with
    neither part would clear every pair, so that one's own rows are deleted instead.
    """
    if attempt.username or attempt.ip_address:
        AxesProxyHandler.reset_attempts(ip_address=attempt.ip_address, username=attempt.username)
    else:
        AccessAttempt.objects.filter(_same_pair(attempt)).delete()
    log_cleared(attempt, user, log_uuid=log_uuid)


def log_cleared(attempt, user, *, log_uuid=None):
    log(
        instance=attempt,
        action=CLEAR_ACTION,
        user=user,
        uuid=log_uuid,
        title=pair_label(attempt),
        data={"username": attempt.username, "ip_address": attempt.ip_address},
        deleted=True,
    )


class LockoutIndexView(IndexView):
    page_title = "Login lock-outs"
    any_permission_required = ["view"]
    default_ordering = "-attempt_time"
    clear_url_name = None
    clear_all_url_name = None

    def get_base_queryset(self):
        return lockout_rows()

    def get_table(self, object_list):
        attach_pair_standing(object_list, self.request)
        return super().get_table(object_list)

    @cached_property
    def can_clear(self):
        return self.user_has_permission("delete")

    def get_list_more_buttons(self, instance):
        if not self.can_clear:
            return []
        url = reverse(self.clear_url_name, args=[instance.pk])
        return [ListingButton("Clear", url=url, attrs={"aria-label": f"Clear {pair_label(instance)}"})]

    @cached_property
    def header_buttons(self):
        if not self.can_clear or not AccessAttempt.objects.exists():
            return []
        return [HeaderButton("Clear all", url=reverse(self.clear_all_url_name), icon_name="lock-open")]


class ConfirmClearView(PermissionCheckedMixin, WagtailAdminTemplateMixin, TemplateView):
    """GET asks, POST (with the CSRF token) clears, then back to the listing with a message."""

    model = AccessAttempt
    permission_required = "delete"
    template_name = "home/admin/confirm_clear_lockouts.html"
    header_icon = "lock-open"
    index_url_name = None

    def get_breadcrumbs_items(self):
        index = {"url": reverse(self.index_url_name), "label": "Login lock-outs"}
        return [*self.breadcrumbs_items, index, {"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        return super().get_context_data(index_url=reverse(self.index_url_name), **kwargs)


class ClearLockoutView(ConfirmClearView):
    page_title = "Clear a login lock-out"

    @cached_property
    def attempt(self):
        return get_object_or_404(AccessAttempt, pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            pair=pair_label(self.attempt), blank_username=not self.attempt.username, **kwargs
        )

    def post(self, request, *args, **kwargs):
        with transaction.atomic():
            clear_pair(self.attempt, request.user)
        messages.success(request, f"Cleared the login lock-out of {pair_label(self.attempt)}.")
        return redirect(self.index_url_name)


class ClearAllLockoutsView(ConfirmClearView):
    page_title = "Clear all login lock-outs"

    def get_context_data(self, **kwargs):
        return super().get_context_data(pair_count=lockout_rows().count(), **kwargs)

    def post(self, request, *args, **kwargs):
        with transaction.atomic():
            pairs = list(lockout_rows())
            AxesProxyHandler.reset_attempts()
            shared = uuid.uuid4()  # one action in the log, one entry per pair
            for attempt in pairs:
                log_cleared(attempt, request.user, log_uuid=shared)
        messages.success(request, f"Cleared all login lock-outs ({len(pairs)}).")
        return redirect(self.index_url_name)


class LockoutViewSet(ModelViewSet):
    """Settings › Login lock-outs: a listing with a clear action per pair and one for all; nothing to add or edit."""

    model = AccessAttempt
    name = "login_lockouts"
    url_prefix = "login-lockouts"
    icon = "lock"
    menu_label = "Login lock-outs"
    add_to_settings_menu = True
    index_view_class = LockoutIndexView
    list_display = [
        "username",  # the title column, which carries the row's Clear button
        Column("ip_address", label="IP address", sort_key="ip_address"),
        Column("failures", label="Failed logins"),
        DateColumn("last_attempt", label="Last attempt", sort_key="attempt_time"),
        BooleanColumn("locked_out", label="Locked out"),
    ]
    search_fields = ["username", "ip_address"]

    def get_common_view_kwargs(self, **kwargs):
        # Attempts are made by axes alone: no add, edit, delete, history or usage views to link to.
        return {
            **super().get_common_view_kwargs(**kwargs),
            **dict.fromkeys(("add_url_name", "edit_url_name", "delete_url_name", "history_url_name", "usage_url_name")),
        }

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(
            clear_url_name=self.get_url_name("clear"), clear_all_url_name=self.get_url_name("clear_all"), **kwargs
        )

    @cached_property
    def clear_view(self):
        return ClearLockoutView.as_view(index_url_name=self.get_url_name("index"))

    @cached_property
    def clear_all_view(self):
        return ClearAllLockoutsView.as_view(index_url_name=self.get_url_name("index"))

    def get_urlpatterns(self):
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("<int:pk>/clear/", self.clear_view, name="clear"),
            path("clear-all/", self.clear_all_view, name="clear_all"),
        ]

    def register_admin_url_finder(self):
        """No edit view: a logged attempt (deleted once cleared) has nothing to link to."""

    def get_permissions_to_register(self):
        """Wagtail's group editor offers the two that matter here: view (see) and delete (clear)."""
        return Permission.objects.filter(
            content_type__app_label="axes", codename__in=["view_accessattempt", "delete_accessattempt"]
        )
