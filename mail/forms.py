from django import forms
from django.utils.translation import gettext_lazy as _

from mail.models import DigestCadence, EmailKind, NotificationSettings
from mail.preferences import MUTABLE_KINDS, is_district_digest_reader


class PreferencesForm(forms.Form):
    """One checkbox per e-mail a person can turn off (checked = they get it), and the district
    digest's cadence for those who may receive it (mail.preferences.is_district_digest_reader);
    for anyone else the cadence is "never"."""

    digest_cadence = forms.ChoiceField(label=_("District digest"), choices=DigestCadence.choices,
                                       widget=forms.RadioSelect)
    wanted_kinds = forms.MultipleChoiceField(
        label=_("E-mails I get"), required=False, widget=forms.CheckboxSelectMultiple,
        choices=[(kind, EmailKind(kind).label) for kind in MUTABLE_KINDS],
        help_text=_("Invitations, sign-in links and requests to present your story always "
                    "come."))

    def __init__(self, *args, current: NotificationSettings, **kwargs):
        kwargs.setdefault("initial", {
            "digest_cadence": current.digest_cadence,
            "wanted_kinds": [kind for kind in MUTABLE_KINDS if kind not in current.muted_kinds],
        })
        super().__init__(*args, **kwargs)
        if not is_district_digest_reader(current.user):
            del self.fields["digest_cadence"]

    def clean(self):
        data = super().clean()
        if "digest_cadence" not in self.fields:
            data["digest_cadence"] = DigestCadence.NEVER
        return data

    @property
    def muted_kinds(self) -> list[str]:
        wanted = set(self.cleaned_data["wanted_kinds"])
        return [kind for kind in MUTABLE_KINDS if kind not in wanted]
