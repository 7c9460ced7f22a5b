from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from schools.models import District
from successes.models import Theme


class ThemeForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=80)
    description = forms.CharField(label=_("Description"), required=False, max_length=1000,
                                  widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, district: District, theme: Theme | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.district, self.theme = district, theme

    def clean_name(self) -> str:
        name = self.cleaned_data["name"].strip()
        others = Theme.objects.filter(district=self.district, name__iexact=name)
        if self.theme is not None:
            others = others.exclude(pk=self.theme.pk)
        if not name:
            raise forms.ValidationError(_("Give the theme a name."))
        if others.exists():
            raise forms.ValidationError(_("Your district already has a theme with this name."))
        return name


class MergeForm(forms.Form):
    """The theme to fold this one into: another theme of the same district."""

    into = forms.ModelChoiceField(label=_("Merge into"), queryset=Theme.objects.none(),
                                  empty_label=None)

    def __init__(self, *args, themes: QuerySet[Theme], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["into"].queryset = themes
