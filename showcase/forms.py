"""Forms of showcases: my showcase, finding colleagues' showcases, and a connection request.
Choices come from showcase.access, for the person filling them in."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from schools.models import User
from showcase import access
from showcase.actions import MAX_STORIES, MAX_SUBJECTS, MESSAGE_LENGTH
from showcase.models import Showcase
from successes.models import GradeBand, SuccessStory

STORIES_OFFERED = 50  # the most recent of the person's stories shared with a network


class StoryChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, story: SuccessStory) -> str:
        return story.title


class ShowcaseForm(forms.Form):
    offer = forms.CharField(
        label=_("What I can share"), max_length=200,
        help_text=_("A competency or practice, in a few words: \"Student-led conferences\"."))
    key_ideas = forms.CharField(
        label=_("Key ideas"), required=False, max_length=1500,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("A few lines: what it is, what makes it work, what a colleague could try."))
    themes = forms.ModelMultipleChoiceField(label=_("Themes"), queryset=None, required=False,
                                            widget=forms.CheckboxSelectMultiple)
    grade_bands = forms.MultipleChoiceField(label=_("Grade bands"), choices=GradeBand.choices,
                                            required=False, widget=forms.CheckboxSelectMultiple)
    subjects = forms.CharField(label=_("Subjects"), required=False, max_length=300,
                               help_text=_("Separated by commas: \"Science, Mathematics\"."))
    stories = StoryChoiceField(
        label=_("Linked stories"), queryset=None, required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Your stories shared with your network. A colleague sees one only if they "
                    "may read it."))
    findable = forms.BooleanField(
        label=_("Let colleagues in my network find me and ask to connect"), required=False,
        help_text=_("Off: nobody finds your showcase. On: colleagues of the districts in your "
                    "networks find it and may send you a request; your e-mail address is "
                    "shared only with those you accept."))

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["themes"].queryset = access.theme_choices(user)
        stories = access.linkable_stories(user).filter(
            pk__in=access.linkable_stories(user).order_by("-created_at")
            .values("pk")[:STORIES_OFFERED]).order_by("-created_at")
        if stories.exists():
            self.fields["stories"].queryset = stories
        else:  # nothing to link yet: no empty list of choices
            del self.fields["stories"]

    @classmethod
    def initial_of(cls, showcase: Showcase) -> dict:
        return {"offer": showcase.offer, "key_ideas": showcase.key_ideas,
                "themes": list(showcase.themes.all()), "grade_bands": showcase.grade_bands,
                "subjects": ", ".join(showcase.subjects), "findable": showcase.findable,
                "stories": list(showcase.stories.all())}

    def clean_offer(self) -> str:
        offer = self.cleaned_data["offer"].strip()
        if not offer:
            raise forms.ValidationError(_("Say what you can share."))
        return offer

    def clean_subjects(self) -> list[str]:
        subjects = [part.strip().replace("|", "")
                    for part in self.cleaned_data["subjects"].split(",")]
        subjects = list(dict.fromkeys(s[:80] for s in subjects if s))
        if len(subjects) > MAX_SUBJECTS:
            raise forms.ValidationError(_("Name at most %(n)s subjects.") % {"n": MAX_SUBJECTS})
        return subjects

    def clean_stories(self) -> list[SuccessStory]:
        stories = list(self.cleaned_data["stories"])
        if len(stories) > MAX_STORIES:
            raise forms.ValidationError(_("Link at most %(n)s stories.") % {"n": MAX_STORIES})
        return stories


class FindForm(forms.Form):
    """What Showcase.objects.matching reads; every value arrives in the URL."""

    q = forms.CharField(label=_("Words"), required=False, max_length=200)
    theme = forms.ChoiceField(label=_("Theme"), required=False)
    grade = forms.ChoiceField(label=_("Grade band"), required=False,
                              choices=[("", _("All grades"))] + list(GradeBand.choices))
    subject = forms.CharField(label=_("Subject"), required=False, max_length=80)

    grade_choices = GradeBand.choices

    def __init__(self, *args, theme_names: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.theme_choices = [(name, name) for name in theme_names]
        self.fields["theme"].choices = [("", _("All themes")), *self.theme_choices]


NO_MESSAGE = _("Write a short message: say who you are and why you would like to connect.")


class ConnectForm(forms.Form):
    message = forms.CharField(
        label=_("Your message"), max_length=MESSAGE_LENGTH,
        error_messages={"required": NO_MESSAGE},
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Say who you are and why you would like to connect, in a few lines. Your "
                    "e-mail address is shared only if they accept."))

    def clean_message(self) -> str:
        message = self.cleaned_data["message"].strip()
        if not message:
            raise forms.ValidationError(NO_MESSAGE)
        return message
