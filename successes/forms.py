from django import forms
from django.core.validators import MaxLengthValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lib.widgets import DateInput
from networks.access import networks_of
from schools.access import roles_for, same_school_colleagues
from schools.models import District, School
from successes.access import allowed_visibilities, story_to_grow_from
from successes.models import EvidenceKind, GradeBand, SuccessStory, Theme, Visibility

TEXT_LIMIT = 10_000
MAX_FREE_TAGS = 5


class StoryForm(forms.ModelForm):
    """The story as the author writes it. Only a title and "what went right" are required."""

    themes = forms.ModelMultipleChoiceField(
        label=_("Themes"), queryset=Theme.objects.none(), required=False,
        widget=forms.CheckboxSelectMultiple)
    evidence_kinds = forms.MultipleChoiceField(
        label=_("What is your evidence about?"), choices=EvidenceKind.choices, required=False,
        widget=forms.CheckboxSelectMultiple)
    free_tags = forms.CharField(
        label=_("Other tags"), required=False, max_length=300,
        help_text=_("Separate with commas, e.g. exit tickets, lab groups."))
    grew_from = forms.IntegerField(required=False, widget=forms.HiddenInput)
    happened_on = forms.DateField(label=_("When it happened"), required=False, widget=DateInput())

    class Meta:
        model = SuccessStory
        fields = ["title", "what_went_right", "before", "actions", "conditions",
                  "why_it_worked", "happened_on", "grade_band", "subject", "themes",
                  "free_tags", "evidence_kinds", "visibility", "network", "show_name",
                  "grew_from"]
        labels = {
            "title": _("A short title"),
            "what_went_right": _("What went right, and how do you know?"),
            "before": _("What was the situation before?"),
            "actions": _("What did you do?"),
            "conditions": _("What helped?"),
            "why_it_worked": _("Why do you think it worked?"),
            "visibility": _("Who may see it?"),
            "network": _("Which network?"),
            "show_name": _("Show my name to readers at other schools"),
        }
        help_texts = {
            "what_went_right": _("Evidence can be work samples, scores, what students said..."),
            "actions": _("One step per line, in order."),
            "show_name": _("Otherwise they see a description, like \"a grade 6-8 science "
                           "teacher at your school\"."),
        }
        widgets = {
            "visibility": forms.RadioSelect,
            "network": forms.RadioSelect,
            "what_went_right": forms.Textarea(attrs={"rows": 5}),
            "before": forms.Textarea(attrs={"rows": 3}),
            "actions": forms.Textarea(attrs={"rows": 4}),
            "conditions": forms.Textarea(attrs={"rows": 3}),
            "why_it_worked": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        roles = roles_for(user)
        self.fields["themes"].queryset = Theme.objects.filter(district=roles.district,
                                                              is_active=True)
        self.fields["visibility"].choices = allowed_visibilities(user)
        self.fields["grade_band"].choices = [("", _("- choose -"))] + list(GradeBand.choices)
        self.fields["happened_on"].widget.attrs["max"] = timezone.localdate().isoformat()
        for name in ("before", "what_went_right", "actions", "conditions", "why_it_worked"):
            self.fields[name].validators.append(MaxLengthValidator(TEXT_LIMIT))
        if self.instance.pk and not self.is_bound:
            self.initial["free_tags"] = ", ".join(self.instance.free_tags)
        self._add_school_choice(roles)
        self._add_network_choice()

    def _add_network_choice(self) -> None:
        """"My network" shares with one network: the author picks it when their district is
        in several; with one there is nothing to choose, with none the level is not offered
        (successes.access.allowed_visibilities)."""
        self.networks = list(networks_of(self.user).order_by("name", "id"))
        if len(self.networks) < 2:
            del self.fields["network"]
            return
        field = self.fields["network"]
        field.queryset = networks_of(self.user).order_by("name", "id")
        field.empty_label = None
        field.help_text = _("Only for “My network”: its districts' people may read it.")
        if self.instance.network_id is None and "network" not in self.initial:
            self.initial["network"] = self.networks[0].pk

    def _add_school_choice(self, roles) -> None:
        """Someone working in several schools files the story under one of them (their first
        by default; an edited story keeps its own); with one school there is nothing to
        choose."""
        schools = School.objects.filter(pk__in=roles.school_ids)
        if self.instance.school_id:
            schools = schools | School.objects.filter(pk=self.instance.school_id)
        if schools.count() < 2:
            return
        self.fields["school"] = forms.ModelChoiceField(
            label=_("Which school is it from?"), queryset=schools.order_by("name"),
            empty_label=None, widget=forms.RadioSelect,
            help_text=_("“My school” means this school's staff."))
        if "school" not in self.initial:
            self.initial["school"] = self.instance.school_id or min(roles.school_ids)

    def clean_free_tags(self) -> list[str]:
        raw = self.cleaned_data.get("free_tags") or ""
        tags = []
        for tag in (t.strip().lower() for t in raw.split(",")):
            if tag and tag not in tags:
                if len(tag) > 40:
                    raise forms.ValidationError(_("Each tag can have at most 40 characters."))
                tags.append(tag)
        if len(tags) > MAX_FREE_TAGS:
            raise forms.ValidationError(_("At most %(n)d tags.") % {"n": MAX_FREE_TAGS})
        return tags

    def clean_grew_from(self):
        story_id = self.cleaned_data.get("grew_from")
        if not story_id:
            return None
        story = story_to_grow_from(self.user, story_id)
        if story is None or story.pk == self.instance.pk:
            raise forms.ValidationError(_("That story cannot be found."))
        return story

    def clean(self):
        """A story is shared with a network only while the author's district is in it, and
        any other level clears the network (nothing widens by itself)."""
        data = super().clean()
        posted = self.data.get(self.add_prefix("visibility"))
        if posted == Visibility.NETWORK and not self.networks:
            self.errors.pop("visibility", None)
            self.add_error("visibility", _("Your district is in no network now, so the story "
                                           "cannot be shared with one. Choose who may see it."))
            return data
        if data.get("visibility") != Visibility.NETWORK:
            data["network"] = None
        elif "network" not in self.fields:
            data["network"] = self.networks[0]
        elif data.get("network") is None and "network" not in self.errors:
            self.add_error("network", _("Choose the network to share it with."))
        return data

    def clean_happened_on(self):
        day = self.cleaned_data.get("happened_on")
        if day and day > timezone.localdate():
            raise forms.ValidationError(_("The date cannot be in the future."))
        return day


class DistrictChoices:
    """For a form with `theme` and `school` selects: only one district's, and their options
    as (id, name) pairs for a select rendered with a plain loop (partials/select.html)."""

    def limit_choices_to(self, district: District | None) -> None:
        self.fields["theme"].queryset = Theme.objects.filter(district=district).only(
            "id", "name")
        self.fields["school"].queryset = School.objects.filter(district=district).only(
            "id", "name")

    def theme_choices(self):
        return self.fields["theme"].queryset.values_list("id", "name")

    def school_choices(self):
        return self.fields["school"].queryset.values_list("id", "name")


class StoryFilters(DistrictChoices, forms.Form):
    """The story filters the story list and the knowledge bank share: what
    SuccessStory.objects.matching reads, rendered by successes/_story_filters.html. Every
    value arrives in the URL, so a filtered list is a link."""

    theme = forms.ModelChoiceField(label=_("Theme"), queryset=Theme.objects.none(),
                                   required=False, empty_label=_("All themes"))
    grade = forms.ChoiceField(label=_("Grade band"), required=False,
                              choices=[("", _("All grades"))] + list(GradeBand.choices))
    subject = forms.CharField(label=_("Subject"), required=False, max_length=80)
    school = forms.ModelChoiceField(label=_("School"), queryset=School.objects.none(),
                                    required=False, empty_label=_("All schools"))
    evidence = forms.ChoiceField(label=_("Evidence"), required=False,
                                 choices=[("", _("Any evidence"))] + list(EvidenceKind.choices))

    grade_choices = GradeBand.choices
    evidence_choices = EvidenceKind.choices

    def __init__(self, *args, district: District | None, **kwargs):
        super().__init__(*args, **kwargs)
        self.limit_choices_to(district)


class StoryFilterForm(StoryFilters):
    """The story list: whose stories, the search words and the period, with the filters."""

    SCOPES = [("district", _("My district")), ("school", _("My school")), ("mine", _("Mine"))]

    scope = forms.ChoiceField(choices=SCOPES, required=False)
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    since = forms.DateField(label=_("From"), required=False, widget=DateInput())
    until = forms.DateField(label=_("To"), required=False, widget=DateInput())

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, district=roles_for(user).district, **kwargs)


class AttachmentForm(forms.Form):
    file = forms.FileField(label=_("Add a photo or PDF"),
                           help_text=_("JPEG, PNG, WebP or PDF, up to 10 MB; at most 5 per story."))


class SpotlightForm(forms.Form):
    colleague = forms.ModelChoiceField(label=_("Colleague"), queryset=None,
                                       empty_label=_("- choose a colleague -"))
    note = forms.CharField(label=_("What did you notice?"), max_length=2000,
                           widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["colleague"].queryset = same_school_colleagues(user).order_by("name")
