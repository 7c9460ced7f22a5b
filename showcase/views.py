"""Showcase and connect: my showcase, finding colleagues' showcases across the network, and
connection requests. Everything is fetched through showcase.access (404 for anyone else)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from schools.access import roles_for
from showcase import access, actions
from showcase.forms import ConnectForm, FindForm, ShowcaseForm
from showcase.models import ConnectionRequest, RequestStatus, Showcase

PAGE_SIZE = 20


@login_required
def mine(request: HttpRequest) -> HttpResponse:
    """Write, edit or unpublish my showcase; whether it can be found is my choice alone."""
    access.require_member(request.user)
    showcase = access.own_showcase(request.user)
    initial = ShowcaseForm.initial_of(showcase) if showcase else {}
    form = ShowcaseForm(request.POST or None, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            actions.publish_showcase(owner=request.user, district=roles_for(request.user)
                                     .district, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your showcase is saved."))
            return redirect("showcase:mine")
    return render(request, "showcase/mine.html", {
        "form": form, "showcase": showcase, "in_network": access.in_a_network(request.user),
        "district": roles_for(request.user).district})


@login_required
@require_POST
def unpublish(request: HttpRequest) -> HttpResponse:
    actions.unpublish_showcase(showcase=access.get_own_showcase(request.user))
    messages.success(request, _("Your showcase is deleted: nobody finds it any more."))
    return redirect("showcase:mine")


@login_required
def find(request: HttpRequest) -> HttpResponse:
    """Colleagues' findable showcases across the reader's networks, by theme, grade band,
    subject and words. Only people who chose to be found are ever listed."""
    access.require_member(request.user)
    form = FindForm(request.GET, theme_names=access.theme_names_found_by(request.user))
    cleaned = form.cleaned_data if form.is_valid() else {}
    found = (access.findable_by(request.user).matching(cleaned)
             .select_related("owner", "district").prefetch_related("themes")
             .order_by("-updated_at", "-id"))
    page = Paginator(found, PAGE_SIZE).get_page(request.GET.get("page"))
    template = "showcase/find.html"
    if request.htmx and not request.htmx.boosted:
        template += "#results"
    return render(request, template, {
        "form": form, "page": page, "in_network": access.in_a_network(request.user),
        "searching": any(cleaned.values())})


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    return showcase_page(request, access.get_showcase_for(request.user, pk))


def showcase_page(request: HttpRequest, showcase: Showcase,
                  connect_form: ConnectForm | None = None) -> HttpResponse:
    """The showcase as this reader may see it; a connect form with errors keeps its text."""
    is_owner = showcase.owner_id == request.user.pk
    context = {"showcase": showcase, "is_owner": is_owner,
               "themes": list(showcase.themes.all()),
               "stories": access.linked_stories_for(showcase, request.user)
               .order_by("-created_at")}
    if not is_owner and connect_form is None:
        between = access.requests_of(request.user).filter(
            Q(sender=showcase.owner) | Q(recipient=showcase.owner))
        context["waiting"] = between.filter(status=RequestStatus.PENDING).first()
        context["connected"] = between.filter(status=RequestStatus.ACCEPTED).exists()
    if not is_owner:  # a form sent back with errors shows again, whatever the state
        context["connect_form"] = connect_form or ConnectForm()
    return render(request, "showcase/detail.html", context)


@login_required
@require_POST
def connect(request: HttpRequest, pk: int) -> HttpResponse:
    showcase = access.get_connectable_showcase(request.user, pk)
    form = ConnectForm(request.POST)
    if form.is_valid():
        try:
            actions.send_connection_request(sender=request.user, showcase=showcase,
                                            district=roles_for(request.user).district,
                                            **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your request is sent. You will see here when they "
                                        "answer."))
            return redirect("showcase:requests")
    return showcase_page(request, showcase, connect_form=form)


@login_required
def requests(request: HttpRequest) -> HttpResponse:
    """Requests I received (to answer) and sent; addresses show only once accepted."""
    access.require_member(request.user)
    mine = access.requests_of(request.user).select_related(
        "sender", "recipient", "sender_district", "recipient_district")
    received = [r for r in mine if r.recipient_id == request.user.pk]
    return render(request, "showcase/requests.html", {
        "waiting": [r for r in received if r.is_pending],
        "connections": [r for r in mine if r.is_accepted],
        "sent": [r for r in mine if r.sender_id == request.user.pk and not r.is_accepted]})


def _answer(request: HttpRequest, verb, connection: ConnectionRequest, done: str):
    try:
        verb(request=connection)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, done)
    return redirect("showcase:requests")


@login_required
@require_POST
def accept(request: HttpRequest, pk: int) -> HttpResponse:
    connection = access.get_request_to_answer(request.user, pk)
    return _answer(request, actions.accept_request, connection, _(
        "Accepted: %(name)s receives an e-mail introducing you both.")
        % {"name": connection.sender})


@login_required
@require_POST
def decline(request: HttpRequest, pk: int) -> HttpResponse:
    connection = access.get_request_to_answer(request.user, pk)
    return _answer(request, actions.decline_request, connection, _(
        "Declined. %(name)s sees it in the app; no e-mail is sent.")
        % {"name": connection.sender})


@login_required
@require_POST
def block(request: HttpRequest, pk: int) -> HttpResponse:
    connection = access.get_request_to_answer(request.user, pk)
    return _answer(request, actions.block_sender, connection, _(
        "Declined. %(name)s cannot send you requests any more.")
        % {"name": connection.sender})


@login_required
@require_POST
def withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    connection = access.get_request_to_withdraw(request.user, pk)
    actions.withdraw_request(request=connection, by=request.user)
    messages.success(request, _("Withdrawn."))
    return redirect("showcase:requests")
