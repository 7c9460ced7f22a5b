"""The network forms: starting one, its settings (leaders), inviting a district by an admin's
address, naming a leader by their address."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

MIN_SMALL_COUNT = 3


class NetworkForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200,
                           error_messages={"required": _("Give the network a name.")})
    description = forms.CharField(
        label=_("Description"), required=False, max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("A region, a province, a consortium: who learns together, and why."))


class NetworkSettingsForm(NetworkForm):
    small_count = forms.IntegerField(
        label=_("Smallest count shown"), min_value=MIN_SMALL_COUNT, max_value=50,
        help_text=_("Fewer than this reads \"fewer than N\" in the network's digest."),
        error_messages={
            "required": _("Give the smallest count shown (3 or more)."),
            "min_value": _("The smallest count shown is at least 3, so that nobody can be "
                           "singled out."),
            "max_value": _("The smallest count shown is at most 50.")})


class InviteDistrictForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mail address of one of the district's admins"),
        error_messages={"required": _("Give the address of one of the district's admins."),
                        "invalid": _("This is not an e-mail address.")})
    message = forms.CharField(label=pgettext_lazy("a note sent with an invitation", "Message"),
                              required=False, max_length=2000,
                              widget=forms.Textarea(attrs={"rows": 3}))


class LeaderForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mail address of the new leader"),
        help_text=_("Someone who works in one of the network's districts."),
        error_messages={"required": _("Give the new leader's e-mail address."),
                        "invalid": _("This is not an e-mail address.")})
