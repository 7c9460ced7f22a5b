"""Forms of the network pages: the network stories' filters and search, the knowledge bank's
theme, and the network digest's period. Every value arrives in the URL, so a view is a link."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from learning.forms import Period, PeriodForm
from successes.models import GradeBand


class NetworkStoryFilters(forms.Form):
    """Themes are chosen by name: each district has its own, and a name groups them all."""

    theme = forms.ChoiceField(label=_("Theme"), required=False)
    grade = forms.ChoiceField(label=_("Grade band"), required=False,
                              choices=[("", _("All grades"))] + list(GradeBand.choices))
    subject = forms.CharField(label=_("Subject"), required=False, max_length=80)
    q = forms.CharField(label=_("Search"), required=False, max_length=200)

    def __init__(self, *args, theme_names: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["theme"].choices = [("", _("All themes"))] + [(n, n) for n in theme_names]

    def clean_theme(self) -> str:
        return self.cleaned_data.get("theme", "").strip()


class NetworkThemeForm(forms.Form):
    theme = forms.ChoiceField(label=_("Theme"), required=False)

    def __init__(self, *args, theme_names: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["theme"].choices = [("", _("All themes"))] + [(n, n) for n in theme_names]


class NetworkPeriodForm(PeriodForm):
    """A week, a month or chosen dates, in the reader's district's days (a network has no
    cycle of its own)."""

    period = forms.ChoiceField(label=_("Period"), required=False, choices=[
        choice for choice in Period.CHOICES if choice[0] != Period.CYCLE])
