"""The protocol editing forms: a name, and one fieldset per step with an order number and a
"remove this step" box (no JavaScript). Their limits come from forums.protocols, which checks
them again on save."""

from django import forms
from django.core.exceptions import ValidationError
from django.forms import formset_factory
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from forums import protocols
from forums.models import CardKind, Speaker


class ProtocolNameForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Name"), max_length=protocols.MAX_NAME,
                           error_messages={"required": gettext_lazy("Give the protocol a name.")})


class StepForm(forms.Form):
    """One step."""

    title = forms.CharField(label=gettext_lazy("Title"), max_length=protocols.MAX_TITLE,
                            error_messages={"required": gettext_lazy("Give the step a title.")})
    purpose = forms.CharField(label=gettext_lazy("Purpose"), required=False,
                              max_length=protocols.MAX_PURPOSE,
                              widget=forms.Textarea(attrs={"rows": 2}))
    questions = forms.CharField(label=gettext_lazy("Guiding questions"), required=False,
                                help_text=gettext_lazy("One question per line."),
                                widget=forms.Textarea(attrs={"rows": 3}))
    minutes = forms.IntegerField(label=gettext_lazy("Minutes"), initial=5)
    speaker = forms.ChoiceField(label=gettext_lazy("Who speaks"), choices=Speaker.choices,
                                initial=Speaker.GROUP)
    card_kinds = forms.MultipleChoiceField(
        label=gettext_lazy("Cards people add during this step"), required=False,
        choices=CardKind.choices, widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["minutes"].widget.attrs.update(min=protocols.MIN_MINUTES,
                                                   max=protocols.MAX_MINUTES)
        minutes_error = protocols.minutes_message()
        self.fields["minutes"].error_messages.update(
            required=minutes_error, invalid=minutes_error)
        self.fields["speaker"].error_messages["invalid_choice"] = _(
            "Choose who speaks from the list.")
        self.fields["card_kinds"].error_messages["invalid_choice"] = _(
            "Choose contribution kinds from the list.")

    def clean_minutes(self) -> int:
        minutes = self.cleaned_data["minutes"]
        if not protocols.MIN_MINUTES <= minutes <= protocols.MAX_MINUTES:
            raise ValidationError(protocols.minutes_message())
        return minutes

    def clean_questions(self) -> list[str]:
        lines = [line.strip() for line in self.cleaned_data["questions"].splitlines()]
        questions = [line for line in lines if line]
        if errors := protocols.question_errors(questions):
            raise ValidationError(errors)
        return questions

    def step(self) -> dict:
        return {name: self.cleaned_data[name] for name in
                ("title", "purpose", "questions", "minutes", "speaker", "card_kinds")}


class BaseStepFormSet(forms.BaseFormSet):
    def add_fields(self, form, index):
        super().add_fields(form, index)
        form.fields["ORDER"].label = _("Order")
        form.fields["ORDER"].help_text = _(
            "Steps run from the lowest number up. To move a step, give it the number of "
            "the place it should take.")
        if "DELETE" in form.fields:
            form.fields["DELETE"].label = _("Remove this step")

    def clean(self):
        if any(self.errors):
            return
        if errors := protocols.count_errors(len(self.ordered_forms)):
            raise ValidationError(errors)

    def steps(self) -> list[dict]:
        """In order; a step given a number another step has takes that place, before it."""
        def place(form):
            order = form.cleaned_data.get("ORDER")
            return (order is None, order or 0, "ORDER" not in form.changed_data)

        return [form.step() for form in sorted(self.ordered_forms, key=place)]


StepFormSet = formset_factory(StepForm, formset=BaseStepFormSet, extra=2, can_order=True,
                              can_delete=True, can_delete_extra=False,
                              max_num=protocols.MAX_STEPS)


def step_initial(step: dict) -> dict:
    return {**step, "questions": "\n".join(step.get("questions", []))}
