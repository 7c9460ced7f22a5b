from django import forms
from django.utils.translation import gettext_lazy as _

from forums.access import may_report_try_in
from forums.actions.follow_up import REPORT_SESSION_REFUSED
from forums.models import Commitment, Session, TryOutcome
from successes.access import allowed_visibilities
from successes.models import EvidenceKind


class TryReportForm(forms.Form):
    outcome = forms.ChoiceField(label=_("How did it go?"), choices=TryOutcome.choices,
                                widget=forms.RadioSelect)
    what_happened = forms.CharField(label=_("What happened?"), required=False, max_length=4000,
                                    widget=forms.Textarea(attrs={"rows": 4}))
    evidence_kind = forms.ChoiceField(label=_("What is your evidence about?"), required=False,
                                      choices=[("", _("- no evidence yet -"))]
                                      + list(EvidenceKind.choices))
    worked = forms.BooleanField(label=_("It worked: I want to log it as a success story"),
                                required=False)

    def __init__(self, *args, commitment: Commitment, session: Session | None, **kwargs):
        super().__init__(*args, **kwargs)
        self.commitment, self.session = commitment, session

    def clean(self):
        """The session it is reported in must be a review session of the commitment's forum
        (forums.access.may_report_try_in), as the action checks again."""
        if self.session is not None and not may_report_try_in(self.commitment, self.session):
            raise forms.ValidationError(REPORT_SESSION_REFUSED)
        return super().clean()


class StoryFromTryForm(forms.Form):
    title = forms.CharField(label=_("A short title"), max_length=200)
    what_went_right = forms.CharField(label=_("What went right, and how do you know?"),
                                      max_length=10_000, widget=forms.Textarea(attrs={"rows": 5}))
    visibility = forms.ChoiceField(label=_("Who may see it?"), widget=forms.RadioSelect)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["visibility"].choices = allowed_visibilities(user)
        self.fields["visibility"].initial = "private"


class TryDetailsForm(forms.Form):
    """The optional details after a one-click answer (forums.try_links)."""

    what_happened = TryReportForm.base_fields["what_happened"]
    evidence_kind = TryReportForm.base_fields["evidence_kind"]
    worked = TryReportForm.base_fields["worked"]
