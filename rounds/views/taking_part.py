"""The rounds a person takes part in, opening one, the wall and the result, adding items."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from rounds import access, actions
from rounds.forms import ItemForm, RoundForm
from rounds.models import Round
from rounds.results import columns_of
from schools.access import roles_for


@login_required
def round_list(request: HttpRequest) -> HttpResponse:
    rounds = list(access.rounds_visible_to(request.user)
                  .select_related("district", "school", "forum"))
    now = timezone.now()
    return render(request, "rounds/round_list.html", {
        "open_rounds": [r for r in rounds if r.is_open(now)],
        "closed_rounds": [r for r in rounds if not r.is_open(now)],
        "may_open": access.may_open_rounds(request.user)})


@login_required
def round_create(request: HttpRequest) -> HttpResponse:
    if not access.may_open_rounds(request.user):
        raise Http404
    form = RoundForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        round = actions.open_round(opened_by=request.user, district=form.district,
                                   question=data["question"], closes_on=data["closes_on"],
                                   scope=data["scope"], school=data["school"],
                                   forum=data["forum"])
        messages.success(request, _("The round is open. Its staff are told by e-mail."))
        return redirect("rounds:detail", pk=round.pk)
    return render(request, "rounds/round_form.html", {"form": form})


def _board(request: HttpRequest, round: Round, form: ItemForm | None = None,
           saved: bool = False) -> dict:
    is_open = round.is_open()
    takes_part = access.takes_part(request.user, round)
    return {"round": round, "columns": columns_of(round), "is_open": is_open,
            "takes_part": takes_part, "leads": access.leads(request.user, round),
            "form": form or (ItemForm() if is_open and takes_part else None),
            "saved": saved}


@login_required
def round_detail(request: HttpRequest, pk: int) -> HttpResponse:
    round = access.get_round_for(request.user, pk)
    return render(request, "rounds/round_detail.html", _board(request, round))


@login_required
@require_POST
def item_add(request: HttpRequest, pk: int) -> HttpResponse:
    round = access.get_round_for(request.user, pk)
    if not access.takes_part(request.user, round):
        raise Http404
    form, saved = ItemForm(request.POST), False
    if form.is_valid():
        try:
            actions.add_item(round=round, author=request.user, **form.cleaned_data)
            form, saved = ItemForm(), True
        except ValidationError as error:
            form.add_error(None, error)
    if not request.htmx:
        if form.errors:
            messages.error(request, " ".join(e for errs in form.errors.values() for e in errs))
        else:
            messages.success(request, _("Your item is on the board."))
        return redirect("rounds:detail", pk=round.pk)
    return render(request, "rounds/round_detail.html#board", _board(request, round, form, saved))


@login_required
@require_POST
def item_take_back(request: HttpRequest, pk: int, item_id: int) -> HttpResponse:
    round = access.get_round_for(request.user, pk)
    item = access.get_own_signed_item(request.user, round, item_id)
    try:
        actions.take_back_item(item=item)
        messages.success(request, _("Your item was taken back."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("rounds:detail", pk=round.pk)


@login_required
def round_print(request: HttpRequest, pk: int) -> HttpResponse:
    """The grouped result, for paper: once published, or any time for its leaders."""
    round = access.get_round_for(request.user, pk)
    leads = access.leads(request.user, round)
    if not (round.is_published or leads):
        raise Http404
    return render(request, "rounds/round_print.html", {
        "round": round, "columns": columns_of(round), "leads": leads,
        "district": roles_for(request.user).district})
