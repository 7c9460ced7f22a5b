"""District pages: the digest (web, PDF, CSV), the knowledge bank, spread pictures, and forming
a collective from a rising theme. Who may open them: learning.access. What each shows is built
for the person reading it (learning.digests, learning.knowledge, learning.spread); the forum a
collective starts as is made by forums.actions."""

import zoneinfo
from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from forums.actions import membership
from forums.models import Circle
from learning import exports, knowledge, spread
from learning.access import (
    get_insight_for,
    require_collective_former,
    require_district_reader,
    require_member,
)
from learning.digests import district_digest as build_digest
from learning.forms import (
    CollectiveFromThemeForm,
    DigestFilterForm,
    KnowledgeSearchForm,
    PeriodForm,
)
from lib.spreadsheet import csv_text
from schools.models import District
from successes.access import get_story_for
from successes.models import SuccessStory, Theme


def _today(district: District) -> date:
    return timezone.localtime(timezone.now(), zoneinfo.ZoneInfo(district.time_zone)).date()


def _page(request: HttpRequest, template: str, partial: str, context: dict) -> HttpResponse:
    """The whole page, or (htmx, not boosted) only its named partial."""
    if request.htmx and not request.htmx.boosted:
        template = f"{template}#{partial}"
    return render(request, template, context)


def _digest_for(request: HttpRequest):
    district = require_district_reader(request.user).district
    form = DigestFilterForm(request.GET or None, district=district)
    start, end = form.dates(_today(district))
    return form, build_digest(request.user, start, end, **form.chosen)


@login_required
def district_digest(request: HttpRequest) -> HttpResponse:
    form, digest = _digest_for(request)
    return _page(request, "learning/digest.html", "digest", {
        "form": form, "digest": digest, "filters": form.chosen,
        "query": request.GET.urlencode()})


@login_required
def district_digest_pdf(request: HttpRequest) -> HttpResponse:
    form, digest = _digest_for(request)
    labels = [_("%(filter)s: %(value)s") % {"filter": form.fields[name].label, "value": value}
              for name, value in form.chosen.items() if value is not None]
    response = HttpResponse(exports.digest_pdf(digest, filters=" · ".join(labels)),
                            content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="digest-{digest.district.slug}-{digest.start}-{digest.end}.pdf"')
    return response


@login_required
def insights_csv(request: HttpRequest) -> HttpResponse:
    district = require_district_reader(request.user).district
    form = DigestFilterForm(request.GET or None, district=district)
    start, end = form.dates(_today(district))
    rows = knowledge.insight_rows(request.user, start, end, **form.chosen)
    response = HttpResponse(csv_text(knowledge.CSV_HEADER, rows),
                            content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="insights-{district.slug}-{start}-{end}.csv"')
    return response


@login_required
def knowledge_bank(request: HttpRequest) -> HttpResponse:
    district = require_member(request.user).district
    form = KnowledgeSearchForm(request.GET, district=district)
    filters = form.cleaned_data if form.is_valid() else {}
    page, understood = knowledge.knowledge_page(request.user, filters, request.GET.get("page"))
    return _page(request, "learning/knowledge.html", "results", {
        "form": form, "page": page, "understood": understood,
        "searching": bool(understood.words)})


@login_required
def story_spread(request: HttpRequest, pk: int) -> HttpResponse:
    story = get_story_for(request.user, pk, SuccessStory.objects.select_related(
        "author", "school"))
    trail = spread.story_trail(story, request.user)
    return render(request, "learning/trail.html", {
        "trail": trail, "picture": spread.trail_picture(trail), "story": story})


@login_required
def insight_spread(request: HttpRequest, pk: int) -> HttpResponse:
    insight = get_insight_for(request.user, pk)
    trail = spread.insight_trail(insight, request.user)
    return render(request, "learning/trail.html", {
        "trail": trail, "picture": spread.trail_picture(trail), "insight": insight})


@login_required
def district_spread(request: HttpRequest) -> HttpResponse:
    district = require_district_reader(request.user).district
    form = PeriodForm(request.GET or None, district=district)
    start, end = form.dates(_today(district))
    edges = spread.school_edges(request.user, start, end)
    return render(request, "learning/spread.html", {
        "form": form, "start": start, "end": end, "edges": edges,
        "picture": spread.schools_picture(edges) if edges else None})


def _theme_or_tag(request: HttpRequest, district: District) -> tuple[Theme | None, str]:
    theme_id, tag = request.GET.get("theme", ""), request.GET.get("tag", "").strip().lower()
    if theme_id.isdigit():
        theme = Theme.objects.filter(district=district, pk=theme_id).first()
        if theme is not None:
            return theme, ""
    elif tag and len(tag) <= 40:
        return None, tag
    raise Http404


@login_required
def collective_from_theme(request: HttpRequest) -> HttpResponse:
    """The stories on a theme (or tag) shared with the district; their named authors can be
    picked into the new collective's core circle."""
    district = require_collective_former(request.user).district
    theme, tag = _theme_or_tag(request, district)
    stories = knowledge.theme_stories(request.user, theme=theme, tag=tag)
    authors = knowledge.named_authors(district, stories, exclude=request.user)
    topic = theme.name if theme else tag[:1].upper() + tag[1:]
    form = CollectiveFromThemeForm(request.POST or None, authors=authors,
                                   initial={"name": _("%(topic)s collective") % {"topic": topic}})
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            forum = membership.create_forum(creator=request.user, district=district, school=None,
                                            name=form.cleaned_data["name"], focus_theme=theme)
            added = membership.add_members(forum=forum, users=list(form.cleaned_data["people"]),
                                           circle=Circle.CORE, added_by=request.user)
        messages.success(request, _("“%(name)s” is open, with you as its facilitator.")
                         % {"name": forum.name} + " " + ngettext(
            "%(count)d person was added to its core circle.",
            "%(count)d people were added to its core circle.", added) % {"count": added})
        return redirect("forums:detail", pk=forum.pk)
    return render(request, "learning/collective_form.html", {
        "form": form, "theme": theme, "tag": tag, "topic": topic,
        "stories": knowledge.stories_for_display(stories)})
