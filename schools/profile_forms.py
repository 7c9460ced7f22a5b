"""The profile form: what a person sets about themselves."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from schools.forms import TIME_ZONE_CHOICES
from schools.models import User


class ProfileForm(forms.ModelForm):
    """Name, time zone and language; empty time zone or language means "as the district"."""

    time_zone = forms.ChoiceField(label=_("Time zone"), choices=TIME_ZONE_CHOICES,
                                  required=False)
    language = forms.ChoiceField(
        label=_("Language"), required=False,
        choices=[("", _("Same as the district"))] + list(settings.LANGUAGES))

    class Meta:
        model = User
        fields = ["name", "time_zone", "language"]
        labels = {"name": _("Your name")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].required = True  # colleagues see it on stories and in forums
