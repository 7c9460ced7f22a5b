"""The forms of a deployment's set-up: a new district, with its first admin."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from schools.addresses import address_taken
from schools.forms import TIME_ZONE_CHOICES, check_new_password, new_password_fields


class NewDistrictForm(forms.Form):
    name = forms.CharField(label=_("District name"), max_length=200)
    time_zone = forms.ChoiceField(label=_("Time zone"), choices=TIME_ZONE_CHOICES[1:],
                                  initial="America/New_York")
    language = forms.ChoiceField(
        label=_("Default language"), choices=settings.LANGUAGES,
        help_text=_("For people who have not chosen theirs and whose browser asks for none."))
    school_name = forms.CharField(
        label=_("First school (optional)"), max_length=200, required=False,
        help_text=_("The district's admins add the others on the district's page."))
    admin_name = forms.CharField(label=_("The first district admin's name"), max_length=200)
    email = forms.EmailField(label=_("Their e-mail address"))

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].strip().lower()
        if address_taken(email):
            raise forms.ValidationError(_("Someone here already uses this address."))
        return email


class FirstDistrictForm(NewDistrictForm):
    """The first district, set up by its first admin: they choose their password here, and
    prove their address with the code sent to it."""

    admin_name = forms.CharField(label=_("Your name"), max_length=200)
    email = forms.EmailField(label=_("Your e-mail address"),
                             help_text=_("A code is sent there to confirm it."))
    password1, password2 = new_password_fields()

    def clean(self):
        data = super().clean()
        check_new_password(self, data, email=data.get("email", ""),
                           name=data.get("admin_name", ""))
        return data
