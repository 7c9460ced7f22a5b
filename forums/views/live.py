"""The live session: one page for everyone, with the facilitator's controls for facilitators.

The page polls every 2 s with the version it shows; an unchanged session answers 204 from
Redis (no database query), a changed one the new `#live`
with `#board` (and `#composer` when the step changed): live.html#poll_response, the one
refresh path. Closing asks first (`close`); a facilitator may reopen within 30 minutes.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from forums import access
from forums import live as live_state
from forums.actions import live as live_actions
from forums.live_forms import CardForm, CommitmentForm, InsightForm, MergeForm
from forums.models import Attendance, Card, ProtocolKind, Session, SessionState
from successes.models import SuccessStory, Theme


def _composer(session: Session, role: access.SessionRole, user) -> dict:
    """What the card box and the commitment form need: a posted card answers with this only."""
    index, step = live_state.current_step(session)
    return {
        "session": session, "role": role, "step": step, "step_index": index,
        "can_post": access.may_post_card(role, session),
        "collects_commitments": live_state.collects_commitments(step),
        "my_commitments": access.own_commitments(user).filter(session=session),
        "can_commit": (access.takes_part(role, session)
                       and live_state.collects_commitments(step)),
        "watching": role.watches and not role.contributes and session.state == SessionState.LIVE,
    }


def _board(session: Session, role: access.SessionRole, user) -> dict:
    """Everything the live page shows, in a fixed number of queries."""
    context = _composer(session, role, user)
    cards = (Card.objects.filter(session=session, step=context["step_index"])
             .select_related("author")
             .only("id", "kind", "text", "created_at", "author__name", "author__email"))
    context.update({
        "steps": session.steps or [context["step"]], "timer": live_state.timer(session),
        "cards": cards, "presenter_silent": access.presenter_listens(role, session),
        "attendance": Attendance.objects.filter(session=session).select_related("user"),
        "insights": session.insights.prefetch_related(
            Prefetch("themes", queryset=Theme.objects.only("id", "name"))),
        "may_reopen": role.controls and live_state.may_reopen(session),
        "reopen_until": live_state.reopen_deadline(session),
    })
    if role.controls:  # those in the room without a device, to mark present
        context["not_present"] = access.people_taking_part(session).exclude(
            pk__in=Attendance.objects.filter(session=session).values("user_id"))
    if session.kind == ProtocolKind.REVIEW:
        context["open_commitments"] = (
            access.own_commitments(user).open()
            .filter(session__cycle__forum=session.cycle.forum_id).order_by("due_on"))
        context["session_reports"] = session.try_reports.select_related("commitment__user")
    return context


@login_required
def live(request: HttpRequest, pk: int) -> HttpResponse:
    session = access.get_session_for(request.user, pk)
    role = access.session_role(request.user, session)
    if session.state == SessionState.CLOSED:
        return redirect("forums:record", pk=session.pk)
    if access.takes_part(role, session) and live_actions.join_session(session=session,
                                                                       user=request.user):
        session.refresh_from_db(fields=["version"])
    access.grant_poll(request.session, session)
    context = _board(session, role, request.user)
    context["card_form"] = CardForm(kinds=live_state.card_kinds(context["step"]))
    context["commitment_form"] = CommitmentForm(session=session)
    if request.htmx:  # after a control: the step may have changed, so the composer too
        context["step_changed"] = True
        return render(request, "forums/live.html#poll_response", context)
    return render(request, "forums/live.html", context)


def poll(request: HttpRequest, pk: int) -> HttpResponse:
    """204 when nothing changed since version `v`; else the new live region (and composer).

    The grant the live page put in this browser's session lets it in (anyone else: 404); an
    unchanged session is answered from the session and Redis without loading the person
    (no query), a changed one is built for the person (`get_session_for`) as the page is."""
    if not access.may_poll(request.session, pk):
        raise Http404
    if str(live_state.current_version(pk)) == request.GET.get("v"):
        return HttpResponse(status=204)
    session = access.get_session_for(request.user, pk)
    role = access.session_role(request.user, session)
    step_changed = request.GET.get("s") != f"{session.state}-{session.current_step}"
    shared = _same_for_every_participant(session, role) and not step_changed
    key = f"live:html:{session.pk}:{session.version}:{request.LANGUAGE_CODE}"
    if shared and (html := cache.get(key)) is not None:
        return HttpResponse(html)
    context = _board(session, role, request.user)
    context["step_changed"] = step_changed
    if step_changed:
        context["card_form"] = CardForm(kinds=live_state.card_kinds(context["step"]))
        context["commitment_form"] = CommitmentForm(session=session)
    response = render(request, "forums/live.html#poll_response", context)
    if shared:
        cache.set(key, response.content.decode(), SHARED_HTML_TTL)
    return response


SHARED_HTML_TTL = 60


def _same_for_every_participant(session: Session, role: access.SessionRole) -> bool:
    """Plain participants of an analysis session all see the same live region for a given
    version, so it is rendered once and served from Redis to the others. Facilitators,
    documenters and the presenter see their own; review sessions list each person's tries."""
    return (session.kind == ProtocolKind.ANALYSIS and not role.controls
            and not role.documents and not role.is_presenter)


CONTROLS = {
    "start": lambda session, _n: live_actions.start_session(session=session),
    "next": lambda session, _n: live_actions.go_to_step(session=session,
                                                        step=session.current_step + 1),
    "previous": lambda session, _n: live_actions.go_to_step(session=session,
                                                            step=session.current_step - 1),
    "goto": lambda session, n: live_actions.go_to_step(session=session, step=n),
    "pause": lambda session, _n: live_actions.pause_timer(session=session),
    "resume": lambda session, _n: live_actions.resume_timer(session=session),
    "add_minutes": lambda session, n: live_actions.add_minutes(session=session, minutes=n),
}


@login_required
@require_POST
def control(request: HttpRequest, pk: int) -> HttpResponse:
    """Steps and timer: facilitators only, whatever a crafted request says."""
    session = access.get_controlled_session(request.user, pk)
    command = CONTROLS.get(request.POST.get("do", ""))
    number = request.POST.get("n", "")
    if command is None:
        return HttpResponse(status=400)
    try:
        command(session, int(number) if number.lstrip("-").isdigit() else 0)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("forums:live", pk=session.pk)


@login_required
def close(request: HttpRequest, pk: int) -> HttpResponse:
    """Closing asks first (a page of its own: it works by keyboard and without JavaScript)."""
    session = access.get_controlled_session(request.user, pk)
    if request.method == "POST":
        try:
            live_actions.close_session(session=session)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        return redirect("forums:record", pk=session.pk)
    if session.state != SessionState.LIVE:
        return redirect("forums:live", pk=session.pk)
    return render(request, "forums/close_confirm.html", {"session": session})


@login_required
@require_POST
def reopen(request: HttpRequest, pk: int) -> HttpResponse:
    session = access.get_controlled_session(request.user, pk)
    try:
        live_actions.reopen_session(session=session)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("forums:record", pk=session.pk)
    return redirect("forums:live", pk=session.pk)


@login_required
@require_POST
def attendance(request: HttpRequest, pk: int) -> HttpResponse:
    """A facilitator marks present (or not) someone in the room without a device."""
    session = access.get_controlled_session(request.user, pk)
    user_id = request.POST.get("user", "")
    person = (access.people_taking_part(session).filter(pk=user_id).first()
              if user_id.isdigit() else None)
    if person is not None:
        live_actions.set_attendance(session=session, user=person, by=request.user,
                                    present=request.POST.get("present") == "1")
    return redirect("forums:live", pk=session.pk)


@login_required
@require_POST
def card_add(request: HttpRequest, pk: int) -> HttpResponse:
    session = access.get_session_for(request.user, pk, related=())
    context = _composer(session, access.session_role(request.user, session), request.user)
    if not context["can_post"]:
        raise Http404
    form = CardForm(request.POST, kinds=live_state.card_kinds(context["step"]))
    if form.is_valid():
        try:
            live_actions.add_card(session=session, author=request.user, role=context["role"],
                                  **form.cleaned_data)
            form = CardForm(kinds=live_state.card_kinds(context["step"]))
            context["card_saved"] = True
        except ValidationError as error:
            form.add_error(None, error)
    if not request.htmx:
        if form.errors:
            messages.error(request, " ".join(e for errs in form.errors.values() for e in errs))
        return redirect("forums:live", pk=session.pk)
    context.update(card_form=form)
    return render(request, "forums/live.html#composer", context)


@login_required
@require_POST
def commit(request: HttpRequest, pk: int) -> HttpResponse:
    session = access.get_session_for(request.user, pk)
    role = access.session_role(request.user, session)
    if not access.takes_part(role, session):
        raise Http404
    form = CommitmentForm(request.POST, session=session)
    if form.is_valid():
        try:
            live_actions.make_commitment(session=session, user=request.user,
                                         **form.cleaned_data)
            form = CommitmentForm(session=session)
        except ValidationError as error:
            form.add_error("due_on", error)
    if not request.htmx:
        if form.errors:
            messages.error(request, " ".join(e for errs in form.errors.values() for e in errs))
        return redirect("forums:live", pk=session.pk)
    context = _composer(session, role, request.user)
    context.update(commitment_form=form, card_form=CardForm(
        kinds=live_state.card_kinds(context["step"])))
    return render(request, "forums/live.html#composer", context)


@login_required
def insight_save(request: HttpRequest, pk: int, insight_id: int | None = None) -> HttpResponse:
    """Documenters and facilitators write insights, from cards or from scratch."""
    session = access.get_documented_session(request.user, pk)
    insight = access.get_insight_of(session, insight_id) if insight_id is not None else None
    form = InsightForm(request.POST or None, session=session, instance=insight,
                       card_id=request.GET.get("card"))
    if request.method == "POST" and form.is_valid():
        live_actions.save_insight(session=session, by=request.user, insight=insight,
                                  **form.cleaned_data)
        messages.success(request, _("The insight is saved."))
        return redirect("forums:live", pk=session.pk)
    return render(request, "forums/insight_form.html",
                  {"form": form, "session": session, "insight": insight})


@login_required
def insight_merge(request: HttpRequest, pk: int) -> HttpResponse:
    session = access.get_documented_session(request.user, pk)
    form = MergeForm(request.POST or None, session=session)
    if request.method == "POST" and form.is_valid():
        live_actions.merge_insights(keep=form.cleaned_data["keep"],
                                    others=list(form.cleaned_data["others"]))
        messages.success(request, _("The insights were merged."))
        return redirect("forums:live", pk=session.pk)
    return render(request, "forums/insight_merge.html", {"form": form, "session": session})


def _with_share_choices(insights: list, reader, session: Session, role) -> list:
    """Each insight with `share_to`: the networks the reader may share it with (or none)."""
    choices = access.share_choices(reader, session.cycle.forum, insights, manages=role.manages)
    for insight in insights:
        insight.share_to = choices.get(insight.pk, [])
    return insights


@login_required
def record(request: HttpRequest, pk: int) -> HttpResponse:
    """The session's record: story, insights, commitments, attendance and every card."""
    session = access.get_session_for(request.user, pk)
    story = None
    if session.story_id:
        visible = SuccessStory.objects.readable_by(request.user).filter(pk=session.story_id)
        story = visible.select_related("author", "school").first()
    cards = Card.objects.filter(session=session).select_related("author").order_by(
        "step", "created_at", "id")
    steps = [{"step": step, "cards": []} for step in session.steps]
    for card in cards:
        if card.step < len(steps):
            steps[card.step]["cards"].append(card)
    role = access.session_role(request.user, session)
    presenter = access.presenter_naming(session, request.user, is_member=role.is_member)
    insights = list(session.insights.select_related("network").prefetch_related("themes"))
    return render(request, "forums/record.html", {
        "session": session, "story": story, "steps": steps, "presenter": presenter,
        "may_reopen": role.controls and live_state.may_reopen(session),
        "reopen_until": live_state.reopen_deadline(session),
        "insights": _with_share_choices(insights, request.user, session, role),
        "commitments": session.commitments.select_related("user", "insight"),
        "attendance": Attendance.objects.filter(session=session).select_related("user"),
        "try_reports": session.try_reports.select_related("commitment__user",
                                                          "commitment", "new_story"),
    })

