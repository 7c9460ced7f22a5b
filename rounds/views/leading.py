"""What a round's leaders do: sort its items into groups, merge duplicates, close it, publish
its result and export it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lib.spreadsheet import csv_text
from rounds import access, actions
from rounds.forms import GroupForm, SortForm
from rounds.models import Column
from rounds.results import columns_of, csv_rows


def _errors(request: HttpRequest, form) -> None:
    messages.error(request, " ".join(e for errs in form.errors.values() for e in errs))


@login_required
def round_sort(request: HttpRequest, pk: int) -> HttpResponse:
    round = access.get_led_round(request.user, pk)
    return render(request, "rounds/round_sort.html", {
        "round": round, "columns": columns_of(round), "is_open": round.is_open(),
        "group_form": GroupForm()})


@login_required
@require_POST
def group_add(request: HttpRequest, pk: int) -> HttpResponse:
    round = access.get_led_round(request.user, pk)
    form = GroupForm(request.POST)
    column = request.POST.get("column", "")
    if column in Column.values and form.is_valid():
        actions.add_group(round=round, column=column, label=form.cleaned_data["label"])
    elif column not in Column.values:
        messages.error(request, _("Choose Stop, Continue or Start."))
    else:
        _errors(request, form)
    return redirect("rounds:sort", pk=round.pk)


@login_required
@require_POST
def group_edit(request: HttpRequest, pk: int, group_id: int) -> HttpResponse:
    """Rename the group, or remove it ("remove" in the form): its items stay, ungrouped."""
    round = access.get_led_round(request.user, pk)
    group = access.get_group_of(round, group_id)
    if "remove" in request.POST:
        actions.remove_group(group=group)
        return redirect("rounds:sort", pk=round.pk)
    form = GroupForm(request.POST)
    if form.is_valid():
        actions.rename_group(group=group, label=form.cleaned_data["label"])
    else:
        _errors(request, form)
    return redirect("rounds:sort", pk=round.pk)


@login_required
@require_POST
def item_sort(request: HttpRequest, pk: int, item_id: int) -> HttpResponse:
    round = access.get_led_round(request.user, pk)
    item = access.get_item_of(round, item_id)
    form = SortForm(request.POST, item=item, round=round)
    if form.is_valid():
        try:
            actions.sort_item(item=item, **form.cleaned_data)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
    else:
        _errors(request, form)
    return redirect(reverse("rounds:sort", args=[round.pk]) + f"#item-{item.pk}")


@login_required
@require_POST
def round_close(request: HttpRequest, pk: int) -> HttpResponse:
    round = access.get_led_round(request.user, pk)
    actions.close_round(round=round)
    messages.success(request, _("The round is closed: it takes no more items."))
    return redirect("rounds:sort", pk=round.pk)


@login_required
@require_POST
def round_publish(request: HttpRequest, pk: int) -> HttpResponse:
    round = access.get_led_round(request.user, pk)
    try:
        actions.publish_result(round=round, by=request.user)
        messages.success(request, _("The result is published: its staff are told by e-mail."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("rounds:detail", pk=round.pk)


@login_required
def round_export(request: HttpRequest, pk: int) -> HttpResponse:
    round = access.get_led_round(request.user, pk)
    header = [_("Column"), _("Group"), _("Item"), _("Signed by")]
    response = HttpResponse(csv_text(header, csv_rows(round)),
                            content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="stop-continue-start-{round.pk}.csv"'
    return response
