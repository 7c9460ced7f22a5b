"""The room's screen (the projector view) and the join page phones reach it from.

The projector shows the step, its guiding questions, the timer and the cards grouped by
kind, in large type and without the site's menu, with a QR code and a short join code; it
follows the session over the stream (forums.views.stream), polling when the stream fails.
Anyone who may open the live page may open it; the facilitator's keyboard shortcuts work
only for facilitators (the control view checks, whatever the page shows).
"""

from __future__ import annotations

import segno
from django import forms
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from forums import access, join_codes
from forums import live as live_state
from forums.models import Card, CardKind, Session


def projector_context(session: Session) -> dict:
    """The screen: the current step and its cards grouped by kind, in the step's order of
    kinds (two queries)."""
    index, step = live_state.current_step(session)
    cards = Card.objects.filter(session=session, step=index).only("kind", "text").order_by(
        "created_at", "id")
    order = [kind for kind in step.get("card_kinds", []) if kind in CardKind.values]
    groups: dict[str, list[Card]] = {kind: [] for kind in order}
    for card in cards:
        groups.setdefault(card.kind, []).append(card)
    return {
        "session": session, "step": step, "step_index": index, "steps": session.steps or [step],
        "step_key": f"{session.state}-{index}", "timer": live_state.timer(session),
        "card_groups": [{"kind": kind, "label": CardKind(kind).label, "cards": found}
                        for kind, found in groups.items() if found or kind in order],
    }


@login_required
def projector(request: HttpRequest, pk: int) -> HttpResponse:
    session = access.get_session_for(request.user, pk)
    if request.htmx:  # the fallback poll, while the stream is not there
        if str(live_state.current_version(pk)) == request.GET.get("v"):
            return HttpResponse(status=204)
        return render(request, "forums/projector.html#screen", projector_context(session))
    code = join_codes.code_for(session.pk)
    join_url = settings.SITE_URL + reverse("forums:join_live_code", args=[code])
    qr = segno.make(join_url, error="m")
    return render(request, "forums/projector.html", {
        **projector_context(session),
        "controls": access.session_role(request.user, session).controls,
        "join_code": join_codes.display(code), "join_url": join_url,
        "qr_code": qr.svg_data_uri(scale=8, border=2),
        "join_page": settings.SITE_URL + reverse("forums:join_live"),
    })


class JoinForm(forms.Form):
    code = forms.CharField(label=_("Join code"), max_length=20, strip=True,
                           error_messages={"required": _("Type the code shown on the screen.")})


@login_required
def join_live(request: HttpRequest, code: str | None = None) -> HttpResponse:
    """Type the room's code (or scan it: the QR code opens this page with it), reach its live
    session. A code of a session the person may not open reads like a wrong code."""
    form = JoinForm({"code": code} if code is not None else request.GET or None)
    if form.is_valid():
        session_id = join_codes.session_id_from(form.cleaned_data["code"])
        try:
            session = access.get_session_for(request.user, session_id or 0)
        except Http404:
            form.add_error("code", _("No live session you can join has this code. Check it "
                                     "on the screen and type it again."))
        else:
            return redirect("forums:live", pk=session.pk)
    return render(request, "forums/join.html", {"form": form})
