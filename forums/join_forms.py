"""Forms of finding and joining forums: the request, and the facilitator's answer."""

from django import forms
from django.utils.translation import gettext_lazy as _

from forums.actions.join import JOINING_CIRCLES, MESSAGE_LIMIT
from forums.models import Circle


class JoinRequestForm(forms.Form):
    message = forms.CharField(
        label=_("A word to the facilitators"), required=False, max_length=MESSAGE_LIMIT,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Optional: why you would like to join, or what you hope to try."))


class JoinAnswerForm(forms.Form):
    answer = forms.ChoiceField(choices=[("accept", _("Accept")), ("decline", _("Decline"))])
    circle = forms.ChoiceField(
        label=_("Circle"), required=False, initial=Circle.CORE,
        choices=[(value, label) for value, label in Circle.choices if value in JOINING_CIRCLES])
