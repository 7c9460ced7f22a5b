import zoneinfo

from django import forms
from django.contrib.auth import password_validation
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from schools import access, import_runs
from schools.models import DISTRICT_ROLES, Role, School, User

TIME_ZONE_CHOICES = [("", _("Same as the district"))] + [
    (tz, tz) for tz in sorted(zoneinfo.available_timezones()) if "/" in tz
]


class SchoolForm(forms.Form):
    name = forms.CharField(label=_("School name"), max_length=200)
    time_zone = forms.ChoiceField(label=_("Time zone"), choices=TIME_ZONE_CHOICES, required=False)

    def __init__(self, *args, district, school: School | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.district, self.school = district, school

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        others = School.objects.filter(district=self.district, name__iexact=name)
        if self.school is not None:
            others = others.exclude(pk=self.school.pk)
        if others.exists():
            raise forms.ValidationError(_("Your district already has a school with this name."))
        return name


class RoleFields(forms.Form):
    """A role and, for school roles, the school; choices limited to what the user may grant."""

    role = forms.ChoiceField(label=_("Role"))
    school = forms.ModelChoiceField(label=_("School"), queryset=School.objects.none(),
                                    required=False, empty_label=_("- none (district role) -"))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["role"].choices = access.invitable_roles(user)
        self.fields["school"].queryset = access.invitable_schools(user)

    def clean(self):
        data = super().clean()
        role, school = data.get("role"), data.get("school")
        if role and role not in DISTRICT_ROLES and school is None:
            self.add_error("school", _("Choose the school for this role."))
        elif role in DISTRICT_ROLES and school is not None:
            self.add_error("school", _("District roles have no school; choose 'none'."))
        elif role and not access.may_invite(self.user, school=school, role=role):
            self.add_error("role", _("You cannot give this role in this school."))
        return data


class StaffFilterForm(forms.Form):
    """The staff list's filters; schools are the admin's district's only, so a school of
    another district is not a valid choice and matches nobody."""

    q = forms.CharField(label=_("Search by name or e-mail"), required=False)
    school = forms.ModelChoiceField(label=_("School"), queryset=School.objects.none(),
                                    required=False, empty_label=_("All schools"))
    role = forms.ChoiceField(label=_("Role"), required=False,
                             choices=[("", _("All roles"))] + list(Role.choices))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["school"].queryset = access.schools_for(user)

    def clean_q(self) -> str:
        return self.cleaned_data["q"][:100]


class InvitationForm(RoleFields):
    email = forms.EmailField(label=_("E-mail address"))
    name = forms.CharField(label=_("Name"), max_length=200, required=False)
    field_order = ["email", "name", "role", "school"]


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Staff file"), help_text=_(
        "A spreadsheet saved as CSV (columns: e-mail address, first name, last name, school, "
        "role), or the OneRoster bundle (.zip) your student information system exports."))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > import_runs.MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                _("The file is larger than %(size)s: split it into smaller files.")
                % {"size": filesizeformat(import_runs.MAX_UPLOAD_BYTES)})
        return upload


def new_password_fields() -> tuple[forms.CharField, forms.CharField]:
    """"Choose a password" and "The password again", for the forms where one sets it."""
    return tuple(forms.CharField(label=label, widget=forms.PasswordInput(
        attrs={"autocomplete": "new-password"}))
        for label in (_("Choose a password"), _("The password again")))


def check_new_password(form: forms.Form, data: dict, *, email: str, name: str) -> None:
    """The two entries agree and pass the password validators (which compare the password
    with the person's name and address)."""
    first, second = data.get("password1"), data.get("password2")
    if first and second and first != second:
        form.add_error("password2", _("The two passwords differ."))
    elif first:
        try:
            password_validation.validate_password(first, User(email=email, name=name))
        except forms.ValidationError as error:
            form.add_error("password1", error)


class AcceptInvitationForm(forms.Form):
    name = forms.CharField(label=_("Your name"), max_length=200)
    password1, password2 = new_password_fields()

    def __init__(self, *args, email: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.email = email

    def clean(self):
        data = super().clean()
        check_new_password(self, data, email=self.email, name=data.get("name", ""))
        return data
