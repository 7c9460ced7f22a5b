"""Forms of the inquiry plan: its problem and theory of action, an indicator, a log entry and
the closing reflection. The rules themselves are checked again by inquiry.actions."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from inquiry.models import InquiryPlan, Timing
from lib.widgets import DateInput
from successes.models import EvidenceKind

KIND_CHOICES = [("", _("- choose a kind of evidence -")), *EvidenceKind.choices]


def _text(label, help_text="", *, rows=3, max_length=4000, required=False) -> forms.CharField:
    return forms.CharField(label=label, help_text=help_text, required=required,
                           max_length=max_length, widget=forms.Textarea(attrs={"rows": rows}))


class PlanForm(forms.Form):
    problem_of_practice = _text(
        _("Problem of practice"),
        _("What, in our students' learning and our teaching, do we want to understand and "
          "change?"), rows=4)
    if_we = _text(_("If we ..."), _("What we will do differently."), max_length=2000)
    then = _text(_("then ..."), _("What we expect to see, for students and for us."),
                 max_length=2000)

    @classmethod
    def initial_of(cls, plan: InquiryPlan | None) -> dict:
        return {name: getattr(plan, name) for name in cls.base_fields} if plan else {}


class ReflectionForm(forms.Form):
    went_well = _text(_("What went well"), rows=4)
    did_not_go_well = _text(_("What did not go well"), rows=4)
    changes = _text(_("What we will change"), _("In our practice, and in the next cycle."),
                    rows=4)

    @classmethod
    def initial_of(cls, plan: InquiryPlan | None) -> dict:
        return {name: getattr(plan, name) for name in cls.base_fields} if plan else {}


class IndicatorForm(forms.Form):
    evidence_kind = forms.ChoiceField(label=_("Kind of evidence"), choices=KIND_CHOICES,
                                      error_messages={
                                          "invalid_choice": _("Choose one of the four kinds "
                                                              "of evidence.")})
    timing = forms.ChoiceField(
        label=_("Leading or lagging"), choices=Timing.choices, widget=forms.RadioSelect,
        help_text=_("Leading: an early sign the change takes hold. Lagging: a result seen "
                    "at the end."),
        error_messages={"invalid_choice": _("Choose leading or lagging.")})
    text = forms.CharField(label=_("What we will watch"), max_length=300)

    def __init__(self, *args, **kwargs):
        # Its ids differ from the log entry's form on the same page.
        super().__init__(*args, auto_id="indicator_%s", **kwargs)


class EntryForm(forms.Form):
    seen_on = forms.DateField(label=pgettext_lazy("the day evidence was seen", "Date"),
                              widget=DateInput(),
                              error_messages={"invalid": _("Enter a real date.")})
    evidence_kind = forms.ChoiceField(label=_("Kind of evidence"), choices=KIND_CHOICES,
                                      error_messages={
                                          "invalid_choice": _("Choose one of the four kinds "
                                                              "of evidence.")})
    what_was_seen = _text(_("What we saw"), required=True, rows=3)
    file = forms.FileField(
        label=_("A photo or PDF"), required=False,
        help_text=_("JPEG, PNG, WebP or PDF, up to 10 MB. Leave out names of students."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, auto_id="entry_%s", **kwargs)
