"""Forms of cross-district collectives: forming one, adding members by address, and sharing
an insight with a network."""

from __future__ import annotations

from django import forms
from django.core.validators import validate_email
from django.utils.translation import gettext_lazy as _

from forums.models import Circle, ForumRole
from networks.models import Network

ADDRESS_LIMIT = 30  # addresses in one go


class ThemeNameField(forms.ChoiceField):
    """A theme name among the choices, in any case (a link may carry it in lower case)."""

    def to_python(self, value):
        value = super().to_python(value).strip()
        return next((name for name, _label in self.choices
                     if name and name.lower() == value.lower()), value)


class CollectiveForm(forms.Form):
    """Name, purpose and a focus theme chosen by name among the network's districts' themes."""

    name = forms.CharField(label=_("Name"), max_length=150,
                           help_text=_("For example: Feedback across the foothills."))
    description = forms.CharField(label=_("What is this collective for?"), required=False,
                                  max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))
    theme = ThemeNameField(label=_("Focus theme"), required=False)

    def __init__(self, *args, theme_names: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["theme"].choices = [("", _("- no focus yet -"))] + [
            (name, name) for name in theme_names]


class AddressesField(forms.CharField):
    """E-mail addresses, one a line (or separated by commas or spaces)."""

    widget = forms.Textarea(attrs={"rows": 4, "autocomplete": "off"})

    def clean(self, value):
        value = super().clean(value)
        addresses = [part for part in value.replace(",", " ").split() if part]
        wrong = []
        for address in addresses:
            try:
                validate_email(address)
            except forms.ValidationError:
                wrong.append(address)
        if wrong:
            raise forms.ValidationError(
                _("Enter valid e-mail addresses. Check: %(wrong)s")
                % {"wrong": ", ".join(wrong[:5])})
        if len(addresses) > ADDRESS_LIMIT:
            raise forms.ValidationError(_("Add at most %(limit)d people at a time.")
                                        % {"limit": ADDRESS_LIMIT})
        return addresses


class AddByEmailForm(forms.Form):
    """Members of a cross-district collective are added by address: there is no directory of
    the network's people."""

    emails = AddressesField(
        label=_("E-mail addresses"),
        help_text=_("One a line. Staff of any district in the network can join; other "
                    "addresses are passed over."))
    circle = forms.ChoiceField(label=_("Circle"), choices=Circle.choices, initial=Circle.CORE)
    role = forms.ChoiceField(label=_("Role"), choices=ForumRole.choices,
                             initial=ForumRole.MEMBER)


class ShareInsightForm(forms.Form):
    network = forms.ModelChoiceField(label=_("Network"), queryset=Network.objects.none(),
                                     required=False)

    def __init__(self, *args, networks, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["network"].queryset = Network.objects.filter(
            pk__in=[network.pk for network in networks])
