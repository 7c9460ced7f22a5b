"""Forms of the district pages: the digest's period and filters, the knowledge bank's search,
and forming a collective from a theme. Filters arrive in the URL, so every view is a link."""

from __future__ import annotations

from datetime import date, timedelta

from django import forms
from django.utils.translation import gettext_lazy as _

from learning.digests import current_cycle_span
from lib.widgets import DateInput
from schools.models import District, School, User
from successes.forms import DistrictChoices, StoryFilters
from successes.models import Theme

LONGEST_PERIOD = timedelta(days=366)


class Period:
    WEEK, MONTH, CYCLE, CUSTOM = "week", "month", "cycle", "custom"
    CHOICES = [(WEEK, _("This week (last 7 days)")), (MONTH, _("This month (last 30 days)")),
               (CYCLE, _("This cycle")), (CUSTOM, _("Choose dates"))]


class PeriodForm(forms.Form):
    period = forms.ChoiceField(label=_("Period"), choices=Period.CHOICES, required=False)
    start = forms.DateField(label=_("From"), required=False, widget=DateInput())
    end = forms.DateField(label=_("To"), required=False, widget=DateInput())

    def __init__(self, *args, district: District, **kwargs):
        super().__init__(*args, **kwargs)
        self.district = district

    def clean(self):
        data = super().clean()
        if data.get("period") == Period.CUSTOM:
            start, end = data.get("start"), data.get("end")
            if not (start and end):
                raise forms.ValidationError(_("Choose both dates, or another period."))
            if end < start:
                raise forms.ValidationError(_("The period must end after it starts."))
            if end - start > LONGEST_PERIOD:
                raise forms.ValidationError(_("Choose a period of at most a year."))
        return data

    @property
    def valid_data(self) -> dict:
        return self.cleaned_data if self.is_bound and self.is_valid() else {}

    def dates(self, today: date) -> tuple[date, date]:
        """The period's first and last day (inclusive); the last 7 days when unclear."""
        data = self.valid_data
        period = data.get("period") or Period.WEEK
        if period == Period.CUSTOM:
            return data["start"], data["end"]
        if period == Period.MONTH:
            return today - timedelta(days=29), today
        if period == Period.CYCLE:
            return current_cycle_span(self.district, today)
        return today - timedelta(days=6), today


class DigestFilterForm(DistrictChoices, PeriodForm):
    theme = forms.ModelChoiceField(label=_("Theme"), queryset=Theme.objects.none(),
                                   required=False, empty_label=_("All themes"))
    school = forms.ModelChoiceField(label=_("School"), queryset=School.objects.none(),
                                    required=False, empty_label=_("All schools"))

    def __init__(self, *args, district: District, **kwargs):
        super().__init__(*args, district=district, **kwargs)
        self.limit_choices_to(district)

    @property
    def chosen(self) -> dict:
        """The valid filters (theme, school); none when the form is not valid."""
        return {"theme": self.valid_data.get("theme"), "school": self.valid_data.get("school")}


class KnowledgeSearchForm(StoryFilters):
    """The search words, with the story filters (an insight's story must match them)."""

    q = forms.CharField(label=_("Search insights and stories"), required=False, max_length=200)


class AuthorChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, user: User) -> str:
        school = getattr(user, "school_name", "")
        return f"{user}, {school}" if school else str(user)


class CollectiveFromThemeForm(forms.Form):
    """Only the authors offered (named authors of stories on the theme shared with the
    district) can be picked, whatever ids are posted."""

    name = forms.CharField(label=_("Name of the collective"), max_length=150)
    people = AuthorChoiceField(
        label=_("Invite into the core circle"), queryset=User.objects.none(), required=False,
        widget=forms.CheckboxSelectMultiple, error_messages={
            "invalid_choice": _("Only people who wrote a story on this theme, and show their "
                                "name, can be picked here. Nobody was added."),
            "invalid_pk_value": _("Only people who wrote a story on this theme, and show "
                                  "their name, can be picked here. Nobody was added."),
        })

    def __init__(self, *args, authors, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["people"].queryset = authors
