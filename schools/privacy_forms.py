from django import forms
from django.utils.translation import gettext_lazy as _

from lib.widgets import DateInput
from schools.audit import AuditFilters
from schools.models import AuditAction


class AuditFilterForm(forms.Form):
    """The log's filters; every value is in the URL, so a filtered log is a link."""

    action = forms.ChoiceField(label=_("What"), required=False,
                               choices=[("", _("Everything"))] + list(AuditAction.choices))
    q = forms.CharField(label=_("Person (name or e-mail)"), required=False, max_length=100)
    person = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)
    since = forms.DateField(label=_("From"), required=False, widget=DateInput())
    until = forms.DateField(label=_("To"), required=False, widget=DateInput())

    def filters(self) -> AuditFilters:
        """The filters that were understood; the others are shown with their error."""
        self.is_valid()
        data = self.cleaned_data
        return AuditFilters(action=data.get("action") or "", person_id=data.get("person"),
                            query=(data.get("q") or "").strip(), since=data.get("since"),
                            until=data.get("until"))


class DepartureForm(forms.Form):
    delete_shared = forms.BooleanField(
        label=_("Also delete the stories they shared, because they asked for it"),
        required=False)
