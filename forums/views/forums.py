"""Forums, their members and their cycles."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from forums import access, queries
from forums.access import get_followable_forum, may_follow
from forums.actions import membership, scheduling
from forums.forms import AddMembersForm, CycleForm, ForumForm, MemberForm, PeopleSearchForm
from forums.join_forms import JoinAnswerForm
from forums.models import CORE_SOFT_LIMIT, Circle, Forum
from forums.phases import phases
from forums.views import network
from lib.pagination import window
from schools.access import roles_for

PAGE_SIZE = 25
PEOPLE_PAGE_SIZE = 20


@login_required
def forum_list(request: HttpRequest) -> HttpResponse:
    others = window(queries.other_forums_for(request.user), request.GET.get("page"), PAGE_SIZE)
    return render(request, "forums/forum_list.html", {
        "followable": {f.pk for f in others.object_list if may_follow(request.user, f)},
        "memberships": queries.memberships_of(request.user), "page": others,
        "presenter_requests": queries.pending_requests_for(request.user),
        "may_create": access.may_create_forum(request.user)})


@login_required
def forum_create(request: HttpRequest) -> HttpResponse:
    if not access.may_create_forum(request.user):
        raise Http404
    district = roles_for(request.user).district
    form = ForumForm(request.POST or None, user=request.user, district_id=district.id)
    if request.method == "POST" and form.is_valid():
        forum = membership.create_forum(creator=request.user, district=district,
                                        **form.cleaned_data)
        messages.success(request, _("“%(name)s” is open, with you as its facilitator. "
                                    "Invite its members next.") % {"name": forum.name})
        return redirect("forums:detail", pk=forum.pk)
    return render(request, "forums/forum_form.html", {"form": form})


@login_required
def forum_detail(request: HttpRequest, pk: int) -> HttpResponse:
    forum = access.get_forum_for(request.user, pk)
    mine = access.membership(request.user, forum)
    cycles = queries.cycles_with_sessions(forum)
    circles = queries.members_by_circle(forum)
    today = queries.forum_today(forum)
    return render(request, "forums/forum_detail.html", {
        "forum": forum, "mine": mine, "manages": access.can_manage(request.user, forum, mine),
        "followable": mine is None and may_follow(request.user, forum),
        "may_join": (mine is None or mine.circle == Circle.INTERESTED)
        and access.may_ask_to_join(request.user, forum, mine),
        "circles": circles, "core_count": len(circles[0][2]), "core_limit": CORE_SOFT_LIMIT,
        "cycles": queries.cycle_summaries(cycles, today),
        "upcoming": queries.upcoming_sessions(cycles)})


@login_required
def member_invite(request: HttpRequest, pk: int) -> HttpResponse:
    """Search the district's people (GET; htmx swaps the results), then add the ticked ones
    into one circle with one role (POST)."""
    forum = access.get_managed_forum(request.user, pk)
    if forum.is_cross_district:
        return network.collective_members(request, forum)
    form = AddMembersForm(request.POST or None, forum=forum)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        added = membership.add_members(forum=forum, users=list(data["people"]),
                                       circle=data["circle"], role=data["role"],
                                       added_by=request.user)
        messages.success(request, ngettext("%(count)d person was added.",
                                           "%(count)d people were added.", added)
                         % {"count": added})
        _warn_if_core_is_large(request, forum)
        return redirect("forums:detail", pk=forum.pk)
    return _members_page(request, forum, form)


def _members_page(request: HttpRequest, forum: Forum, form: AddMembersForm) -> HttpResponse:
    params = request.GET.copy()
    params.setdefault("school", forum.school_id or "")  # a school forum starts at its school
    search = PeopleSearchForm(params, forum=forum)
    filters = search.cleaned_data if search.is_valid() else {}
    school = filters.get("school")
    people = queries.search_people(forum, query=filters.get("q", ""), role=filters.get("role", ""),
                                   school_id=school.pk if school else None)
    chosen_ids = {int(i) for i in (request.POST or request.GET).getlist("people")
                  if i.isdigit()}
    chosen = list(queries.search_people(forum, query="", school_id=None, role="")
                  .filter(pk__in=chosen_ids)) if chosen_ids else []
    page = window(people.exclude(pk__in=chosen_ids), request.GET.get("page"), PEOPLE_PAGE_SIZE)
    template = "forums/members.html#results" if request.htmx else "forums/members.html"
    return render(request, template, {
        "forum": forum, "form": form, "search": search, "page": page, "chosen": chosen,
        "core_count": queries.core_count(forum), "core_limit": CORE_SOFT_LIMIT,
        "join_requests": queries.pending_join_requests(forum),
        "joining_circles": JoinAnswerForm.base_fields["circle"].choices})


def _warn_if_core_is_large(request: HttpRequest, forum: Forum) -> None:
    core = queries.core_count(forum)
    if core > CORE_SOFT_LIMIT:
        messages.warning(request, _(
            "The core circle now has %(count)d members. Forums work best with 6-10 core "
            "members; observers can join the engaged circle instead.") % {"count": core})


@login_required
def member_update(request: HttpRequest, pk: int, member_id: int) -> HttpResponse:
    forum = access.get_managed_forum(request.user, pk)
    member = access.get_member_of(forum, member_id)
    form = MemberForm(request.POST or None,
                      initial={"circle": member.circle, "role": member.role})
    removing = "remove" in request.POST
    if request.method == "POST" and (removing or form.is_valid()):
        try:
            if removing:
                membership.leave_forum(member=member)
            else:
                membership.update_member(member=member, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            message = (_("%(name)s is no longer in the forum.") if removing
                       else _("%(name)s's place in the forum was changed."))
            messages.success(request, message % {"name": member.user})
            _warn_if_core_is_large(request, forum)
            return redirect("forums:detail", pk=forum.pk)
    return render(request, "forums/member_form.html",
                  {"forum": forum, "member": member, "form": form})


@login_required
@require_POST
def follow(request: HttpRequest, pk: int) -> HttpResponse:
    """Anyone may follow a forum of their own school(s) or a collective of their district
    (forums.access.may_follow), in the interested circle; members keep their place."""
    forum = get_followable_forum(request.user, pk)
    membership.add_members(forum=forum, users=[request.user], circle=Circle.INTERESTED)
    messages.success(request, _("You follow “%(name)s”: its digest will reach you.")
                     % {"name": forum.name})
    return redirect("forums:detail", pk=forum.pk)


@login_required
@require_POST
def leave(request: HttpRequest, pk: int) -> HttpResponse:
    forum = access.get_forum_for(request.user, pk)
    member = access.membership(request.user, forum)
    if member is None:
        raise Http404
    try:
        membership.leave_forum(member=member)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("forums:detail", pk=forum.pk)
    messages.success(request, _("You left “%(name)s”.") % {"name": forum.name})
    return redirect("forums:list")


@login_required
def cycle_create(request: HttpRequest, pk: int) -> HttpResponse:
    forum = access.get_managed_forum(request.user, pk)
    form = CycleForm(request.POST or None, forum=forum, initial={
        "focus_theme": forum.focus_theme_id, "starts_on": queries.forum_today(forum)})
    if request.method == "POST" and form.is_valid():
        try:
            cycle = scheduling.plan_cycle(forum=forum, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The cycle is planned. Schedule its first session "
                                        "next."))
            return redirect("forums:cycle", pk=cycle.pk)
    return render(request, "forums/cycle_form.html", {"forum": forum, "form": form})


@login_required
def cycle_detail(request: HttpRequest, pk: int) -> HttpResponse:
    cycle = access.get_cycle_for(request.user, pk)
    mine = access.membership(request.user, cycle.forum)
    sessions = access.name_presenters(queries.cycle_sessions(cycle), request.user,
                                      is_member=mine is not None)
    today = queries.forum_today(cycle.forum)
    return render(request, "forums/cycle_detail.html", {
        "cycle": cycle, "forum": cycle.forum, "sessions": sessions,
        "phases": phases(cycle, sessions, today), "ended": queries.cycle_ended(cycle, today),
        "manages": access.can_manage(request.user, cycle.forum, mine), "member": mine})
