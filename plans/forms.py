"""Forms of learning plans: the plan, a check-in, evidence, sharing and comments. Choices come
from plans.access, for the person filling them in."""

from __future__ import annotations

from itertools import groupby

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from forums.models import Insight, TryReport
from growth.models import Competency
from lib.widgets import DateInput
from plans import access
from plans.actions import MAX_COMPETENCIES
from plans.models import Cadence, LearningPlan, OnTrack
from schools.models import User
from successes.models import SuccessStory

CHOICES_SHOWN = 100  # of each kind of evidence, the most recent
TEXT = 4000


def _text(label, help_text, *, required=False, rows=3, max_length=TEXT) -> forms.CharField:
    return forms.CharField(label=label, help_text=help_text, required=required,
                           max_length=max_length, widget=forms.Textarea(attrs={"rows": rows}))


class PlanForm(forms.Form):
    competencies = forms.MultipleChoiceField(
        label=_("Competencies I want to grow"), widget=forms.CheckboxSelectMultiple,
        help_text=_("Choose one or two, from your district's frameworks."))
    area_of_growth = _text(_("My area of growth"), _("What do you want to get better at?"),
                           required=True, max_length=2000)
    evidence_of_growth = _text(_("Evidence of getting better"),
                               _("How will you and others know that you are growing?"))
    enabling_conditions = _text(_("Enabling conditions"),
                                _("What conditions, people and time will help you?"))
    strategies = _text(_("Strategies"), _("What will you do, and try, to get better?"))
    staying_the_course = _text(_("How I'll stay the course"),
                               _("What will keep you going when the year gets busy?"))
    cadence = forms.ChoiceField(
        label=_("Check-in reminders"), choices=Cadence.choices, initial=Cadence.MONTHLY,
        widget=forms.RadioSelect,
        help_text=_("An e-mail nudges you to write how it is going, at 9 in the morning."))

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.competency_choices = {c.pk: c for c in access.competencies_for(user)}
        self.fields["competencies"].choices = [
            (framework.name, [(str(c.pk), c.name) for c in group])
            for framework, group in groupby(self.competency_choices.values(),
                                            key=lambda c: c.framework)]

    @classmethod
    def initial_of(cls, plan: LearningPlan) -> dict:
        initial = {field: getattr(plan, field) for field in cls.base_fields
                   if field != "competencies"}
        return {**initial, "competencies": [str(c.pk) for c in plan.competencies.all()]}

    def clean_competencies(self) -> list[Competency]:
        chosen = [self.competency_choices[int(pk)] for pk in self.cleaned_data["competencies"]]
        if len(chosen) > MAX_COMPETENCIES:
            raise forms.ValidationError(_("Choose one or two competencies: growing in a few "
                                          "at a time works best."))
        return chosen

    def clean_area_of_growth(self) -> str:
        text = self.cleaned_data["area_of_growth"].strip()
        if not text:
            raise forms.ValidationError(_("Name the area you want to grow in."))
        return text


class CheckInForm(forms.Form):
    done_on = forms.DateField(label=_("Date"), widget=DateInput())
    progress = _text(_("How is it going?"),
                     _("A few lines: what you tried, what you noticed, what is next."),
                     required=True, max_length=2000)
    on_track = forms.ChoiceField(label=_("Still on track?"), choices=OnTrack.choices,
                                 required=False, widget=forms.RadioSelect)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {"done_on": timezone.localdate()})
        super().__init__(*args, **kwargs)

    def clean_done_on(self):
        done_on = self.cleaned_data["done_on"]
        if done_on > timezone.localdate():
            raise forms.ValidationError(_("A check-in cannot be dated in the future."))
        return done_on

    def clean_progress(self) -> str:
        text = self.cleaned_data["progress"].strip()
        if not text:
            raise forms.ValidationError(_("Write a word about your progress."))
        return text


def _try_label(report: TryReport) -> str:
    return _("%(what)s (%(outcome)s, %(day)s)") % {
        "what": Truncator(report.commitment.what).chars(80),
        "outcome": report.get_outcome_display(),
        "day": date_format(timezone.localtime(report.created_at), "j M Y")}


def _insight_label(insight: Insight) -> str:
    return Truncator(_("When %(situation)s, to %(goal)s: %(action)s") % {
        "situation": insight.situation, "goal": insight.goal, "action": insight.action}
    ).chars(120)


class EvidenceForm(forms.Form):
    """Any of a story, a try and an insight; each chosen one is attached."""

    story = forms.ModelChoiceField(label=_("A story"), queryset=SuccessStory.objects.none(),
                                   required=False, empty_label=_("- no story -"),
                                   help_text=_("Your stories, and those you want to try."))
    try_report = forms.ModelChoiceField(label=_("A try"), queryset=TryReport.objects.none(),
                                        required=False, empty_label=_("- no try -"),
                                        help_text=_("How a commitment of yours went."))
    insight = forms.ModelChoiceField(label=_("An insight"), queryset=Insight.objects.none(),
                                     required=False, empty_label=_("- no insight -"),
                                     help_text=_("From the forums you can see."))

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["story"].queryset = _recent(
            access.stories_to_attach(user).order_by("-created_at", "-id"))
        tries = self.fields["try_report"]
        tries.queryset = _recent(access.tries_to_attach(user).select_related("commitment")
                                 .order_by("-created_at", "-id"))
        tries.label_from_instance = _try_label
        insights = self.fields["insight"]
        insights.queryset = _recent(access.insights_to_attach(user).order_by("-created_at",
                                                                             "-id"))
        insights.label_from_instance = _insight_label

    def clean(self) -> dict:
        data = super().clean()
        if not any(data.get(name) for name in ("story", "try_report", "insight")):
            raise forms.ValidationError(_("Choose a story, a try or an insight to attach."))
        return data


def _recent(queryset: QuerySet) -> QuerySet:
    """The most recent choices; a ModelChoiceField still validates within them."""
    return queryset.filter(pk__in=list(queryset.values_list("pk", flat=True)[:CHOICES_SHOWN]))


class FindColleagueForm(forms.Form):
    q = forms.CharField(label=_("Name or e-mail of a colleague"), max_length=200,
                        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}))


class ShareForm(forms.Form):
    person = forms.ModelChoiceField(queryset=User.objects.none())

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = access.colleagues_to_share_with(user)


class CommentForm(forms.Form):
    text = _text(_("Your comment"), "", required=True, rows=4, max_length=2000)

