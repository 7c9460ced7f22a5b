"""Protocol templates: everyone in a district reads them; district admins copy and edit.

Steps are edited without JavaScript: one fieldset per step, an order number, a "remove this
step" box, and two empty steps to fill in.
"""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.forms import formset_factory
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from forums import protocols
from forums.models import CardKind, Speaker
from schools.access import roles_for

# Forms ---------------------------------------------------------------------------------


class ProtocolNameForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Name"), max_length=protocols.MAX_NAME,
                           error_messages={"required": gettext_lazy("Give the protocol a name.")})


class StepForm(forms.Form):
    """One step; its limits come from forums.protocols, which checks them again on save."""

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


# Views ---------------------------------------------------------------------------------


@login_required
def protocol_list(request: HttpRequest) -> HttpResponse:
    return render(request, "forums/protocols/list.html", {
        "protocols": protocols.protocols_visible_to(request.user),
        "may_copy": protocols.may_copy(request.user)})


@login_required
def protocol_detail(request: HttpRequest, pk: int) -> HttpResponse:
    template = protocols.get_protocol_for(request.user, pk)
    return render(request, "forums/protocols/detail.html", {
        "protocol": template, "steps": protocols.described_steps(template),
        "may_copy": protocols.may_copy(request.user),
        "may_edit": protocols.may_edit(request.user, template)})


@login_required
@require_POST
def protocol_copy(request: HttpRequest, pk: int) -> HttpResponse:
    template = protocols.get_copyable_protocol_for(request.user, pk)
    name, _steps = protocols.localized(template)
    copied = protocols.copy_protocol(template=template, district=roles_for(request.user).district,
                                     name=_("%(name)s (our copy)") % {"name": name})
    messages.success(request, _("This copy belongs to your district. Change it as you need."))
    return redirect("forums:protocol_edit", pk=copied.pk)


@login_required
def protocol_edit(request: HttpRequest, pk: int) -> HttpResponse:
    template = protocols.get_editable_protocol_for(request.user, pk)
    data = request.POST if request.method == "POST" else None
    name_form = ProtocolNameForm(data, initial={"name": template.name})
    step_forms = StepFormSet(data, prefix="steps",
                             initial=[step_initial(step) for step in template.steps])
    problems: list[str] = []
    if data is not None and all([name_form.is_valid(), step_forms.is_valid()]):
        try:
            protocols.update_protocol(template=template, name=name_form.cleaned_data["name"],
                                      steps=step_forms.steps())
        except ValidationError as error:
            problems = error.messages
        else:
            messages.success(request, _("The protocol was saved."))
            return redirect("forums:protocol", pk=template.pk)
    return render(request, "forums/protocols/edit.html", {
        "protocol": template, "name_form": name_form, "step_forms": step_forms,
        "problems": problems})
