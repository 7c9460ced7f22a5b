from __future__ import annotations

from datetime import date

from django import forms
from django.utils.translation import gettext_lazy as _

from lib.text import without_control_characters
from lib.widgets import DateInput
from pulse.models import Agreement, Statement, Survey
from schools.models import District, School


class StatementForm(forms.Form):
    text = forms.CharField(label=_("Statement"), max_length=300,
                           widget=forms.Textarea(attrs={"rows": 2}),
                           help_text=_("Written so that staff can agree or disagree, such as "
                                       "“Staff here share what works with each other.”"))
    area = forms.CharField(label=_("Area"), max_length=80, required=False,
                           help_text=Statement._meta.get_field("area").help_text)

    def __init__(self, *args, district: District, statement: Statement | None = None,
                 locked: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.district, self.statement = district, statement
        if locked:
            self.fields["text"].disabled = True
            self.fields["text"].help_text = _(
                "Surveys have asked this statement: its wording stays, so that years compare "
                "the same thing. To ask something else, retire it and add a new statement.")

    def clean_text(self) -> str:
        text = " ".join(without_control_characters(self.cleaned_data["text"]).split())
        if not text:
            raise forms.ValidationError(_("Write the statement."))
        others = Statement.objects.filter(district=self.district, is_active=True,
                                          text__iexact=text)
        if self.statement is not None:
            others = others.exclude(pk=self.statement.pk)
        if others.exists():
            raise forms.ValidationError(_("Your district already asks this statement."))
        return text

    def clean_area(self) -> str:
        return " ".join(without_control_characters(self.cleaned_data["area"]).split())


class SurveyForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=120,
                            help_text=_("Such as “2026 culture pulse”."))
    opens_on = forms.DateField(label=_("Opens on"), widget=DateInput())
    closes_on = forms.DateField(label=_("Last day to answer"), widget=DateInput())

    def __init__(self, *args, district: District, today: date, **kwargs):
        super().__init__(*args, **kwargs)
        self.district, self.today = district, today

    def clean_title(self) -> str:
        title = " ".join(without_control_characters(self.cleaned_data["title"]).split())
        if not title:
            raise forms.ValidationError(_("Give the survey a title."))
        return title

    def clean_opens_on(self) -> date:
        opens_on = self.cleaned_data["opens_on"]
        if opens_on < self.today:
            raise forms.ValidationError(_("A survey opens today or later."))
        return opens_on

    def clean(self):
        data = super().clean()
        opens_on, closes_on = data.get("opens_on"), data.get("closes_on")
        if opens_on and closes_on:
            if closes_on < opens_on:
                self.add_error("closes_on", _("The last day comes on or after the first."))
            elif Survey.objects.filter(district=self.district, closed_at__isnull=True,
                                       opens_on__lte=closes_on,
                                       closes_on__gte=opens_on).exists():
                self.add_error(None, _("Another survey is open during these days: choose days "
                                       "after it, or close it first."))
        if not Statement.objects.filter(district=self.district, is_active=True).exists():
            self.add_error(None, _("Add the statements to ask first."))
        return data


class AnswerForm(forms.Form):
    """One radio group per statement, its legend the statement; the school, for people who
    work in several."""

    def __init__(self, *args, statements: list[Statement], schools: list[School], **kwargs):
        super().__init__(*args, **kwargs)
        self.statements = statements
        if len(schools) > 1:
            self.fields["school"] = forms.ModelChoiceField(
                label=_("The school you answer about"), queryset=School.objects.filter(
                    pk__in=[s.pk for s in schools]), widget=forms.RadioSelect,
                empty_label=None,
                help_text=_("You work in several schools: choose the one these answers are "
                            "about. They are counted for it; your choice is not kept with "
                            "your name."))
        self.only_school = schools[0] if len(schools) == 1 else None
        for statement in statements:
            self.fields[f"s{statement.pk}"] = forms.TypedChoiceField(
                label=statement.text, choices=Agreement.choices, coerce=int,
                widget=forms.RadioSelect,
                error_messages={"required": _("Choose how much you agree.")})

    def statement_fields(self):
        return [self[f"s{statement.pk}"] for statement in self.statements]

    def school_field(self):
        return self["school"] if "school" in self.fields else None

    @property
    def school(self) -> School:
        return self.cleaned_data.get("school") or self.only_school

    @property
    def answers(self) -> dict[int, int]:
        return {statement.pk: self.cleaned_data[f"s{statement.pk}"]
                for statement in self.statements}
