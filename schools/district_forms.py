from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from schools.forms import TIME_ZONE_CHOICES
from schools.models import District

HOURS = [(hour, f"{hour:02d}:00") for hour in range(24)]


class DistrictSettingsForm(forms.ModelForm):
    """The district's own settings. The smallest count shown is at least 3 (the model's
    validators and a database constraint)."""

    time_zone = forms.ChoiceField(label=_("Time zone"), choices=TIME_ZONE_CHOICES[1:])
    language = forms.ChoiceField(
        label=_("Default language"), choices=settings.LANGUAGES,
        help_text=_("For people who have not chosen theirs and whose browser asks for none."))
    digest_hour = forms.TypedChoiceField(
        label=_("Hour the digest goes out"), choices=HOURS, coerce=int,
        help_text=_("By each reader's own clock."))

    class Meta:
        model = District
        fields = ["name", "time_zone", "language", "digest_weekday", "digest_hour",
                  "small_count"]
        labels = {"name": _("Name"), "digest_weekday": _("Day the digest goes out"),
                  "small_count": _("Smallest count shown")}
        help_texts = {
            "digest_weekday": _("A weekly digest covers the seven days before this day; a "
                                "monthly one goes out once the month is over."),
            "small_count": _("In views across schools, smaller counts read “fewer than …” so "
                             "that no one can be picked out. At least 3."),
        }
        widgets = {"small_count": forms.NumberInput(attrs={"min": 3, "max": 50})}
