"""The live session's stream (server-sent events): what the page's poll answers, pushed.

The stream opens only for someone who may open the live page (the same access helpers); what
it sends is the poll's answer (`forums/live.html#poll_response`, or the projector's screen),
rendered once per kind of reader and version for everyone on the session (forums.stream).
Under ASGI (uvicorn) a stream stays open; served by a WSGI server it answers once and the
browser comes back (`retry`), which is polling with extra steps, but still correct.
"""

from __future__ import annotations

from dataclasses import dataclass

from asgiref.sync import sync_to_async
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.handlers.asgi import ASGIRequest
from django.db import connections
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.template.loader import render_to_string
from django.utils import timezone, translation

from forums import access, stream
from forums import live as live_state
from forums.live_forms import CardForm, CommitmentForm
from forums.models import Card, Session
from forums.views.live import SHARED_HTML_TTL, _board, _same_for_every_participant
from forums.views.projector import projector_context

# A stream ends after this long; the page reconnects at once and its access is checked again
# (a person removed from the forum stops receiving within this time).
STREAM_SECONDS = 3600


@dataclass(frozen=True)
class Person:
    """Who a stream renders for, as their own poll would: their request (CSRF token, user),
    role, language and time zone."""

    request: HttpRequest
    role: access.SessionRole
    language: str
    time_zone: object


def _open(request: HttpRequest, pk: int, view: str, *, held: bool) -> stream.Reader:
    try:
        session = access.get_session_for(request.user, pk)  # 404 for anyone else
        role = access.session_role(request.user, session)
    finally:
        if held:  # the request lasts as long as the stream: its thread's connection must not
            connections.close_all()
    version, step = stream.resume_point(request.headers.get("Last-Event-ID"),
                                        request.GET.get("v"), request.GET.get("s"))
    person = Person(request=request, role=role, language=translation.get_language(),
                    time_zone=timezone.get_current_timezone())
    return stream.Reader(session_id=session.pk, version=version, step=step, view=view,
                         context=person)


@login_required
async def live_stream(request: HttpRequest, pk: int) -> HttpResponse:
    view = "projector" if request.GET.get("view") == "projector" else "live"
    held = isinstance(request, ASGIRequest)
    reader = await sync_to_async(_open)(request, pk, view, held=held)
    if held:
        body = stream.events(reader, render_for, STREAM_SECONDS)
    else:  # a WSGI server cannot hold a stream: answer what is new, and the browser retries
        body = _once(reader)
    return StreamingHttpResponse(body, content_type="text/event-stream", headers={
        "Cache-Control": "no-cache, no-transform",
        "X-Accel-Buffering": "no",  # nginx: pass each event on at once
    })


def _once(reader: stream.Reader):
    yield f"retry: {stream.RETRY_MS}\n\n".encode() + stream.event("ready")
    current = live_state.current_version(reader.session_id)
    if current is not None and current != reader.version:
        for update in render_for(reader.session_id, [reader]).values():
            yield stream.event(update.name, update.html,
                               event_id=f"{update.version}:{update.step}")


def render_for(session_id: int, readers: list[stream.Reader],
               changes: dict[int, str] | None = None) -> dict[stream.Reader, stream.Update]:
    """What each reader's screen must now show. A live page whose screen is behind only by
    cards (every version since says "card <id>" in `changes`) gets those cards alone, once
    per language and kind of reader for every web process (kept in Redis: the first process
    renders, the others take its copy without a query), up to the first version whose
    broadcast is still on its way (nothing at all, if that is the next one: the feed looks
    again); any other screen gets the whole region: plain participants of an analysis session
    share one rendering (the poll's shared copy in Redis, per language) and so do projectors;
    everyone else gets their own, as their poll would."""
    changes = changes or {}
    newest = max(changes, default=0)
    by_cards: dict[stream.Reader, tuple[int, list[int]]] = {}
    for reader in readers:
        if reader.view == "live" and (plan := stream.cards_since(changes, reader.version,
                                                                  newest)):
            by_cards[reader] = plan
    waiting = {reader for reader, (_reached, ids) in by_cards.items() if not ids}
    ready = _cards_kept(session_id, {r: plan for r, plan in by_cards.items() if r not in waiting})
    rest = [r for r in readers if r not in ready and r not in waiting]
    if rest:
        ready.update(_render(session_id, rest, by_cards))
    return ready


def _cards_key(session_id: int, after: int, version: int, person: Person) -> str:
    return (f"live:cards:{session_id}:{after}:{version}:{person.language}:"
            f"{int(person.role.documents)}")


def _cards_kept(session_id: int, plans: dict[stream.Reader, tuple[int, list[int]]]
                ) -> dict[stream.Reader, stream.Update]:
    """The `cards` events another process already rendered for these live pages (each with
    the version its cards reach); the caller renders the rest. Nothing here waits for
    another process: a thread of the small pool that serves every stream of this process
    must never sleep (waiting there queued every later change behind it)."""
    keys = {reader: _cards_key(session_id, reader.version, reached, reader.context)
            for reader, (reached, _ids) in plans.items()}
    if not keys:
        return {}
    found = cache.get_many(list(set(keys.values())))
    return {reader: stream.Update(plans[reader][0], reader.step, found[key], whole=False)
            for reader, key in keys.items() if key in found}


def _render(session_id: int, readers: list[stream.Reader],
            plans: dict[stream.Reader, tuple[int, list[int]]]
            ) -> dict[stream.Reader, stream.Update]:
    session = (Session.objects.select_related("cycle__forum__school", "cycle__forum__district",
                                              "story", "presenter").filter(pk=session_id).first())
    if session is None:
        return {}
    index, _ = live_state.current_step(session)
    step = f"{session.state}-{index}"
    added, count = _cards_added(session, {r: plans[r] for r in readers
                                          if r in plans and r.step == step})
    shared: dict[tuple, str] = {}
    rendered = {}
    for reader in readers:
        person: Person = reader.context
        with translation.override(person.language), timezone.override(person.time_zone):
            if reader in added:
                reached, cards = added[reader]
                key = ("cards", reader.version, reached, person.language, person.role.documents)
                if key not in shared:
                    shared[key] = render_to_string("forums/live.html#cards_added", {
                        "session": session, "role": person.role, "cards": cards,
                        "card_count": count, "after": reader.version}, person.request)
                    cache.set(_cards_key(session.pk, reader.version, reached, person),
                              shared[key], SHARED_HTML_TTL)
                rendered[reader] = stream.Update(reached, step, shared[key], whole=False)
                continue
            if reader.view == "projector":
                key = ("projector", person.language, str(person.time_zone))
                if key not in shared:
                    shared[key] = render_to_string("forums/projector.html#screen",
                                                   projector_context(session), person.request)
                html = shared[key]
            elif _same_for_every_participant(session, person.role) and reader.step == step:
                key = ("live", person.language)
                if key not in shared:
                    shared[key] = _shared_region(session, person)
                html = shared[key]
            else:
                html = _own_region(session, person, step_changed=reader.step != step)
        rendered[reader] = stream.Update(session.version, step, html)
    return rendered


def _cards_added(session: Session, plans: dict[stream.Reader, tuple[int, list[int]]]
                 ) -> tuple[dict[stream.Reader, tuple[int, list[Card]]], int]:
    """{reader: (the version reached, its cards)} for the live pages on the current step
    behind only by cards, and the step's card count: one query for the cards, one for the
    count, none when no reader is. A card not found (posted on another step) leaves its
    reader to the whole region."""
    if not plans:
        return {}, 0
    index = session.current_step
    cards = {card.pk: card for card in Card.objects.filter(
        session=session, step=index, pk__in={pk for _v, ids in plans.values() for pk in ids}
    ).only("id", "kind", "text")}
    count = Card.objects.filter(session=session, step=index).count()
    return {reader: (reached, [cards[pk] for pk in ids])
            for reader, (reached, ids) in plans.items() if all(pk in cards for pk in ids)}, count


def _shared_region(session: Session, person: Person) -> str:
    """The region every plain participant sees, kept in Redis under the poll's own key: a
    process (or poll) that comes to it after another rendered it takes that copy. Never waits
    for another process (see `_cards_kept`)."""
    key = f"live:html:{session.pk}:{session.version}:{person.language}"
    if (html := cache.get(key)) is not None:
        return html
    html = _own_region(session, person, step_changed=False)
    cache.set(key, html, SHARED_HTML_TTL)
    return html


def _own_region(session: Session, person: Person, *, step_changed: bool) -> str:
    context = _board(session, person.role, person.request.user)
    context["step_changed"] = step_changed
    if step_changed:
        context["card_form"] = CardForm(kinds=live_state.card_kinds(context["step"]))
        context["commitment_form"] = CommitmentForm(session=session)
    return render_to_string("forums/live.html#poll_response", context, person.request)
