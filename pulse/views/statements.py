"""The district's statements, kept by its leaders and admins: the list with the form to add
one, a statement's page (reword until a survey asks it, change its area, retire or restore)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pulse import access, actions
from pulse.forms import StatementForm
from pulse.models import district_today


@login_required
def statement_list(request: HttpRequest) -> HttpResponse:
    district = access.require_manager(request.user).district
    form = StatementForm(request.POST or None, district=district)
    if request.method == "POST" and form.is_valid():
        actions.add_statement(district=district, **form.cleaned_data)
        messages.success(request, _("The statement was added."))
        return redirect("pulse:statements")
    return render(request, "pulse/statements.html", {
        "form": form,
        "statements": access.statements_managed_by(request.user).order_by("-is_active", "area",
                                                                          "id")})


@login_required
def statement_edit(request: HttpRequest, pk: int) -> HttpResponse:
    statement = access.get_statement_for_manager(request.user, pk)
    today = district_today(statement.district)
    locked = actions.is_locked(statement, today=today)
    form = StatementForm(request.POST or None, district=statement.district, statement=statement,
                         locked=locked, initial={"text": statement.text, "area": statement.area})
    if request.method == "POST" and form.is_valid():
        actions.change_statement(statement=statement, today=today, **form.cleaned_data)
        messages.success(request, _("The statement was saved."))
        return redirect("pulse:statements")
    return render(request, "pulse/statement_edit.html", {
        "statement": statement, "form": form, "locked": locked})


@login_required
@require_POST
def statement_set_active(request: HttpRequest, pk: int) -> HttpResponse:
    statement = access.get_statement_for_manager(request.user, pk)
    active = request.POST.get("active") == "1"
    actions.set_statement_active(statement=statement, active=active)
    if active:
        messages.success(request, _("The statement is back in use: new surveys ask it."))
    else:
        messages.success(request, _("The statement was retired: new surveys leave it out, "
                                    "and past results keep it."))
    return redirect("pulse:statements")
