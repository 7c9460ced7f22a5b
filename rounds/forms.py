"""The forms of rounds: opening one, adding an item, a group, sorting an item."""

from __future__ import annotations

from datetime import timedelta

from django import forms
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from forums.models import Forum
from lib.widgets import DateInput
from rounds import access
from rounds.actions import district_today
from rounds.models import Column, Round, RoundGroup, RoundItem, Scope
from schools.access import roles_for
from schools.models import School, User

LONGEST_ROUND = timedelta(days=180)


class RoundForm(forms.Form):
    question = forms.CharField(
        label=_("Question"), max_length=300,
        initial=_("What should we stop, continue and start doing?"),
        help_text=_("For example: To make our staff meetings worth the time, what should we "
                    "stop, continue and start?"))
    scope = forms.ChoiceField(label=_("Ask"), widget=forms.RadioSelect)
    school = forms.ModelChoiceField(label=_("School"), queryset=School.objects.none(),
                                    required=False, empty_label=_("- choose a school -"))
    forum = forms.ModelChoiceField(label=_("Forum"), queryset=Forum.objects.none(),
                                   required=False, empty_label=_("- choose a forum -"))
    closes_on = forms.DateField(label=_("Closing date"), widget=DateInput(),
                                help_text=_("Staff add items until the end of this day "
                                            "(the district's time)."))

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.district = roles_for(user).district
        self.fields["school"].queryset = access.openable_schools(user)
        self.fields["forum"].queryset = access.openable_forums(user).select_related("school")
        scopes = [(Scope.SCHOOL.value, Scope.SCHOOL.label), (Scope.FORUM.value,
                                                             Scope.FORUM.label)]
        if access.may_open_for_district(user):
            scopes.append((Scope.DISTRICT.value, Scope.DISTRICT.label))
        self.fields["scope"].choices = scopes
        self.fields["scope"].initial = Scope.SCHOOL
        self.fields["closes_on"].initial = district_today(self.district) + timedelta(days=7)

    def clean_closes_on(self):
        day = self.cleaned_data["closes_on"]
        today = district_today(self.district)
        if day < today:
            raise forms.ValidationError(_("Choose today or a later day."))
        if day > today + LONGEST_ROUND:
            raise forms.ValidationError(_("Choose a day before %(day)s.") % {
                "day": date_format(today + LONGEST_ROUND)})
        return day

    def clean(self):
        data = super().clean()
        scope = data.get("scope")
        if scope == Scope.SCHOOL and not data.get("school"):
            self.add_error("school", _("Choose the school to ask."))
        if scope == Scope.FORUM and not data.get("forum"):
            self.add_error("forum", _("Choose the forum to ask."))
        return data


class ItemForm(forms.Form):
    column = forms.ChoiceField(label=_("Column"), choices=Column.choices,
                               widget=forms.RadioSelect)
    text = forms.CharField(label=_("Your item"), max_length=500, widget=forms.Textarea(
        attrs={"rows": 3}))
    signed = forms.BooleanField(
        label=_("Sign it with my name"), required=False,
        help_text=_("Unsigned, it is anonymous: it is kept without your name, so nobody - not "
                    "even you - can tell later which items were yours, and it cannot be "
                    "changed or taken back. A signed item shows your name, and you may take "
                    "it back while the round is open."))


class GroupForm(forms.Form):
    label = forms.CharField(label=_("Group label"), max_length=120)


class SortForm(forms.Form):
    """Where an item goes: a group of its column, or into another item it repeats."""

    group = forms.ModelChoiceField(label=_("Group"), queryset=RoundGroup.objects.none(),
                                   required=False, empty_label=_("- not grouped -"))
    duplicate_of = forms.ModelChoiceField(label=_("Same as"), queryset=RoundItem.objects.none(),
                                          required=False, empty_label=_("- not merged -"))

    def __init__(self, *args, item: RoundItem, round: Round, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = round.groups.filter(column=item.column)
        self.fields["duplicate_of"].queryset = round.items.filter(
            column=item.column, merged_into__isnull=True).exclude(pk=item.pk)
