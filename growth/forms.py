from __future__ import annotations

from dataclasses import dataclass

from django import forms
from django.db.models import QuerySet
from django.forms import BoundField
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from growth.actions import MAX_TO_GROW, Answer
from growth.models import Competency, Framework, Reflection
from growth.starting_points import BLANK, STARTING_POINTS
from schools.models import District, User


class FrameworkForm(forms.Form):
    """A framework's name (once per district, whatever the case) and description."""

    name = forms.CharField(label=_("Name"), max_length=200,
                           error_messages={"required": _("Give the framework a name.")})
    description = forms.CharField(label=_("Description"), required=False, max_length=2000,
                                  widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, district: District, framework: Framework | None = None,
                 **kwargs):
        super().__init__(*args, **kwargs)
        self.district, self.framework = district, framework

    def clean_name(self) -> str:
        name = self.cleaned_data["name"].strip()
        if not name:
            raise forms.ValidationError(_("Give the framework a name."))
        others = Framework.objects.filter(district=self.district, name__iexact=name)
        if self.framework is not None:
            others = others.exclude(pk=self.framework.pk)
        if others.exists():
            raise forms.ValidationError(
                _("Your district already has a framework with this name."))
        return name


class NewFrameworkForm(FrameworkForm):
    """Start from a shipped framework (its name is offered when none is typed) or blank."""

    starting_point = forms.ChoiceField(
        label=_("Start from"), widget=forms.RadioSelect, initial=BLANK,
        choices=[(key, point.name) for key, point in STARTING_POINTS.items()])
    field_order = ["starting_point", "name", "description"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].required = False
        self.fields["name"].help_text = _("Leave empty to use the name of the framework you "
                                          "start from.")

    def clean_name(self) -> str:
        if not self.cleaned_data["name"].strip():
            point = STARTING_POINTS.get(self.data.get("starting_point", ""))
            if point is None or point.key == BLANK:
                raise forms.ValidationError(_("Give the framework a name."))
            self.cleaned_data["name"] = str(point.name)
        return super().clean_name()


class CompetencyForm(forms.Form):
    name = forms.CharField(label=_("Competency"), max_length=200,
                           error_messages={"required": _("Give the competency a name.")})
    description = forms.CharField(label=_("What it means"), required=False, max_length=2000,
                                  widget=forms.Textarea(attrs={"rows": 3}))

    def clean_name(self) -> str:
        name = self.cleaned_data["name"].strip()
        if not name:
            raise forms.ValidationError(_("Give the competency a name."))
        return name


CONFIDENCE = [(str(n), str(n)) for n in range(1, 11)]


@dataclass(frozen=True)
class CompetencyRow:
    """One competency of the self-assessment form, with its fields."""

    competency: Competency
    confidence: BoundField
    note: BoundField
    to_grow: bool


class SelfAssessmentForm(forms.Form):
    """Confidence 1-10 and a note for every competency of the framework, and the one or two to
    grow (`grow`, competency ids): refused with a clear message otherwise, keeping what was
    typed."""

    grow = forms.MultipleChoiceField(required=False)

    def __init__(self, *args, competencies: list[Competency], **kwargs):
        super().__init__(*args, **kwargs)
        self.competencies = competencies
        for competency in competencies:
            self.fields[f"confidence_{competency.pk}"] = forms.ChoiceField(
                label=_("How confident are you to embody it?"), choices=CONFIDENCE,
                widget=forms.RadioSelect, error_messages={
                    "required": _("Choose how confident you are, from 1 to 10."),
                    "invalid_choice": _("Choose how confident you are, from 1 to 10.")})
            self.fields[f"note_{competency.pk}"] = forms.CharField(
                label=_("Why this number?"), required=False, max_length=4000,
                widget=forms.Textarea(attrs={"rows": 2}))
        self.fields["grow"].choices = [(str(c.pk), c.name) for c in competencies]
        self.fields["grow"].error_messages["invalid_choice"] = _(
            "Choose the competencies to grow among those of this framework.")

    def clean_grow(self) -> list[str]:
        chosen = self.cleaned_data["grow"]
        if not chosen:
            raise forms.ValidationError(_("Choose one or two competencies to grow this "
                                          "semester."))
        if len(chosen) > MAX_TO_GROW:
            raise forms.ValidationError(ngettext(
                "You chose %(n)d competency to grow: choose one or two.",
                "You chose %(n)d competencies to grow: choose one or two.",
                len(chosen)) % {"n": len(chosen)})
        return chosen

    def rows(self) -> list[CompetencyRow]:
        chosen = set(self["grow"].value() or [])
        return [CompetencyRow(c, self[f"confidence_{c.pk}"], self[f"note_{c.pk}"],
                              str(c.pk) in chosen) for c in self.competencies]

    def answers(self) -> list[Answer]:
        grow = set(self.cleaned_data["grow"])
        return [Answer(competency=c, confidence=int(self.cleaned_data[f"confidence_{c.pk}"]),
                       note=self.cleaned_data[f"note_{c.pk}"], to_grow=str(c.pk) in grow)
                for c in self.competencies]


class ShareForm(forms.Form):
    """Exactly the colleagues who may read the self-assessment (none: only its owner)."""

    people = forms.ModelMultipleChoiceField(
        queryset=User.objects.none(), required=False, error_messages={
            "invalid_choice": _("You can share only with active staff of your district. "
                                "Nothing was changed."),
            "invalid_pk_value": _("You can share only with active staff of your district. "
                                  "Nothing was changed.")})

    def __init__(self, *args, colleagues: QuerySet[User], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["people"].queryset = colleagues


class PeopleSearchForm(forms.Form):
    q = forms.CharField(label=_("Find a colleague by name"), required=False, max_length=100,
                        widget=forms.TextInput(attrs={"type": "search"}))


class ReflectionForm(forms.ModelForm):
    class Meta:
        model = Reflection
        fields = ["good_at", "how_i_got_better", "conditions"]
        help_texts = {
            "good_at": _("Something in your work you do really well, as you would tell a "
                         "colleague."),
            "how_i_got_better": _("What you did, tried, read or practised, and with whom."),
            "conditions": _("Time, people, feedback, freedom to try...: what made the "
                            "difference."),
        }
        widgets = {field: forms.Textarea(attrs={"rows": 4}) for field in fields}
