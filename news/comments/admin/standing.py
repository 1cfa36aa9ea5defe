"""Settings → Commenters' standing: the addresses moderators trust, always pre-moderate or block.

A Wagtail ModelViewSet, so the list has Wagtail's search, filters, history and delete. Every change goes
through ``services.set_standing`` (history, and a block that may remove what was written). Moderators
without ``comments.view_commenter_contact`` see the names an address commented under, never the address.
"""

from django import forms
from django.db.models import Count
from django.db.models.functions import Lower
from django.utils.functional import cached_property
from django_comments_xtd.models import XtdComment
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.generic import CreateView, DeleteView, EditView, IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies.base import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from news.comments import services
from news.comments.admin.panels import can_moderate, can_view_contact
from news.comments.models import CommenterStanding


class StandingPermissionPolicy(ModelPermissionPolicy):
    """Whoever moderates comments sets commenters' standing; nobody else sees the list."""

    def user_has_permission(self, user, action):
        return action in {"add", "change", "delete", "view"} and can_moderate(user)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


register_permission_policy(CommenterStanding, StandingPermissionPolicy(CommenterStanding))


class StandingForm(forms.ModelForm):
    remove_existing = forms.BooleanField(
        label="When blocking, also remove everything this address has written here", required=False
    )

    class Meta:
        model = CommenterStanding
        fields = ["email", "standing", "note"]
        help_texts = {"email": "The address the commenter gives (case does not matter)."}

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()


class EditStandingForm(StandingForm):
    """Changing a standing never shows the address to the moderator (it is not part of the form)."""

    class Meta(StandingForm.Meta):
        fields = ["standing", "note"]


def names_and_counts(standings):
    """For each listed address: the names it commented under and how many comments, in one query."""
    rows = (
        XtdComment.norel_objects.annotate(address=Lower("user_email"))
        .filter(address__in=[s.email for s in standings])
        .values_list("address", "user_name")
        .annotate(count=Count("pk"))
    )
    found = {}
    for address, name, count in rows:
        names, total = found.get(address, ([], 0))
        found[address] = ([*names, name], total + count)
    for standing in standings:
        standing.names, standing.comment_count = found.get(standing.email, ([], 0))
    return standings


class StandingIndexView(IndexView):
    def get_table(self, object_list):
        return super().get_table(names_and_counts(list(object_list)))

    @cached_property
    def search_fields(self):
        return ["email", "note"] if can_view_contact(self.request.user) else ["note"]

    @cached_property
    def columns(self):
        title_column_class = self._get_title_column_class(TitleColumn)
        columns = [
            title_column_class(
                "standing",
                label="Standing",
                accessor="get_standing_display",
                get_url=self.get_edit_url,
            ),
            Column("names", label="Names used", accessor=lambda s: ", ".join(sorted(set(s.names))) or "—"),
            Column("comment_count", label="Comments"),
            Column("note", label="Why"),
            Column("set_by", label="Set by"),
            DateColumn("set_at", label="Since", sort_key="set_at"),
        ]
        if can_view_contact(self.request.user):
            columns.insert(1, Column("email", label="E-mail"))
        return columns


class StandingCreateView(CreateView):
    def save_instance(self):
        data = self.form.cleaned_data
        services.set_standing(user=self.request.user, **data)
        return CommenterStanding.objects.get(email=data["email"])


class StandingEditView(EditView):
    def save_instance(self):
        data = self.form.cleaned_data
        services.set_standing(email=self.object.email, user=self.request.user, **data)
        return CommenterStanding.objects.get(pk=self.object.pk)


class StandingDeleteView(DeleteView):
    def delete_action(self):
        services.set_standing(email=self.object.email, standing="", user=self.request.user)


class CommenterStandingViewSet(ModelViewSet):
    model = CommenterStanding
    icon = "user"
    menu_label = "Commenters' standing"
    add_to_settings_menu = True
    url_prefix = "commenters-standing"
    url_namespace = "commenters_standing"
    index_view_class = StandingIndexView
    add_view_class = StandingCreateView
    edit_view_class = StandingEditView
    delete_view_class = StandingDeleteView
    list_filter = ["standing"]
    inspect_view_enabled = False
    copy_view_enabled = False

    def get_form_class(self, for_update=False):
        return EditStandingForm if for_update else StandingForm
