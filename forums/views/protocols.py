"""Protocol templates: everyone in a district reads them; district admins copy and edit
(forums.access decides who may do which).

Steps are edited without JavaScript: one fieldset per step, an order number, a "remove this
step" box, and two empty steps to fill in (forums.protocol_forms).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from forums import access, protocols
from forums.protocol_forms import ProtocolNameForm, StepFormSet, step_initial
from schools.access import roles_for


@login_required
def protocol_list(request: HttpRequest) -> HttpResponse:
    return render(request, "forums/protocols/list.html", {
        "protocols": access.protocols_visible_to(request.user),
        "may_copy": access.may_copy_protocols(request.user)})


@login_required
def protocol_detail(request: HttpRequest, pk: int) -> HttpResponse:
    template = access.get_protocol_for(request.user, pk)
    return render(request, "forums/protocols/detail.html", {
        "protocol": template, "steps": protocols.described_steps(template),
        "may_copy": access.may_copy_protocols(request.user),
        "may_edit": access.may_edit_protocol(request.user, template)})


@login_required
@require_POST
def protocol_copy(request: HttpRequest, pk: int) -> HttpResponse:
    template = access.get_copyable_protocol_for(request.user, pk)
    name, _steps = protocols.localized(template)
    copied = protocols.copy_protocol(template=template, district=roles_for(request.user).district,
                                     name=_("%(name)s (our copy)") % {"name": name})
    messages.success(request, _("This copy belongs to your district. Change it as you need."))
    return redirect("forums:protocol_edit", pk=copied.pk)


@login_required
def protocol_edit(request: HttpRequest, pk: int) -> HttpResponse:
    template = access.get_editable_protocol_for(request.user, pk)
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
