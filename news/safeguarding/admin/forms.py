"""The leads' forms: what they did with a case, and a sample text to try against the patterns."""

from django import forms

from news.safeguarding.models import CaseAction

Action = CaseAction.Action
RECORDABLE = [Action.CONTACTED_WRITER, Action.REFERRED, Action.REPORTED_MATERIAL, Action.NO_ACTION, Action.NOTE]


class ActionForm(forms.Form):
    action = forms.ChoiceField(label="What you did", choices=[(a.value, a.label) for a in RECORDABLE])
    note = forms.CharField(
        label="Notes",
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Who you spoke to, reference numbers, what happens next. Erased with the case after retention.",
    )


class NoteForm(forms.Form):
    note = forms.CharField(
        label="Notes (optional)", required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )


class TryTextForm(forms.Form):
    text = forms.CharField(
        label="A sample text",
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="Nothing you type here is stored or sent anywhere.",
    )
    name = forms.CharField(label="A sample name (optional)", required=False, max_length=50)
