"""Forums: who sees them, their page, and their members (invite, change, leave); creating
one: test_forum_creation.py."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from forums.actions import membership
from forums.models import Circle, ForumMember, ForumRole
from schools.models import Role
from tests.factories import DistrictFactory, SchoolFactory, member
from tests.forums.factories import CycleFactory, ForumFactory, SessionFactory, app_queries


@pytest.fixture
def forum(principal, school):
    """Here the forum starts as a new one does: its facilitator alone."""
    return ForumFactory(school=school, creator=principal, name="Grade 6-8 team")


@pytest.fixture
def collective(district_leader, district):
    return ForumFactory(school=None, district=district, creator=district_leader,
                        name="Feedback collective")


def detail(forum):
    return reverse("forums:detail", args=[forum.pk])


def members_url(forum):
    return reverse("forums:members", args=[forum.pk])


# --- Who sees a forum --------------------------------------------------------------------

SCHOOL_FORUM_READERS = {"teacher": 200, "colleague": 200, "principal": 200,
                        "teacher_elsewhere": 404, "other_principal": 404,
                        "district_leader": 200, "district_admin": 200,
                        "leader_elsewhere": 404, "admin_elsewhere": 404}


@pytest.mark.parametrize(("who", "status"), SCHOOL_FORUM_READERS.items())
def test_a_school_forum_is_seen_by_its_school_and_district_leaders_only(
        request, client_for, forum, who, status):
    client = client_for(request.getfixturevalue(who))
    assert client.get(detail(forum)).status_code == status
    listed = f'href="{detail(forum)}"' in client.get(reverse("forums:list")).content.decode()
    assert listed == (status == 200)


def test_a_member_from_another_school_sees_the_school_forum(client_for, forum,
                                                           teacher_elsewhere):
    membership.add_members(forum=forum, users=[teacher_elsewhere], circle=Circle.ENGAGED)
    assert client_for(teacher_elsewhere).get(detail(forum)).status_code == 200


@pytest.mark.parametrize(("who", "status"), [("teacher_elsewhere", 200), ("teacher", 200),
                                             ("leader_elsewhere", 404),
                                             ("admin_elsewhere", 404)])
def test_a_collective_is_seen_across_the_district_and_nowhere_else(
        request, client_for, collective, who, status):
    client = client_for(request.getfixturevalue(who))
    assert client.get(detail(collective)).status_code == status


def test_forum_list_shows_my_forums_first_then_the_others(client_for, teacher, forum,
                                                         collective):
    membership.add_members(forum=forum, users=[teacher], circle=Circle.CORE)
    page = client_for(teacher).get(reverse("forums:list")).content.decode()
    mine, others = page.index("Your forums"), page.index("Other forums in your district")
    assert mine < page.index(forum.name) < others < page.index(collective.name)
    assert "Create a forum" not in page


@pytest.mark.parametrize("who", ["principal", "district_leader"])
def test_leaders_see_the_create_button(request, client_for, who):
    page = client_for(request.getfixturevalue(who)).get(reverse("forums:list")).content
    assert b"Create a forum" in page


def test_the_nav_links_to_forums(client_for, teacher):
    page = client_for(teacher).get(reverse("home")).content.decode()
    assert f'href="{reverse("forums:list")}"' in page


# --- The forum page ----------------------------------------------------------------------

def test_forum_page_shows_members_by_circle_with_roles(client_for, forum, teacher, colleague,
                                                      teacher_elsewhere):
    membership.add_members(forum=forum, users=[teacher], circle=Circle.CORE,
                           role=ForumRole.DOCUMENTER)
    membership.add_members(forum=forum, users=[colleague], circle=Circle.ENGAGED)
    membership.add_members(forum=forum, users=[teacher_elsewhere], circle=Circle.INTERESTED)
    page = client_for(teacher).get(detail(forum)).content.decode()
    page = page[page.index('id="members-heading"'):]
    core, engaged, interested = (page.index(str(label)) for label in Circle.labels)
    assert core < page.index("Maya Okafor") < engaged < page.index("Daniel Reyes") \
        < interested < page.index("Emily Walker")
    assert "Documenter" in page and "Facilitator" in page
    assert "Leave this forum" in page
    assert "Invite members" not in page and "Plan a cycle" not in page


def test_managers_see_invite_and_plan_links(client_for, principal, forum):
    page = client_for(principal).get(detail(forum)).content.decode()
    assert members_url(forum) in page
    assert reverse("forums:cycle_create", args=[forum.pk]) in page


def test_it_warns_gently_when_the_core_circle_passes_ten(client_for, principal, forum, school):
    people = [member(role=Role.TEACHER, school=school) for _ in range(9)]
    membership.add_members(forum=forum, users=people, circle=Circle.CORE)
    client = client_for(principal)
    assert "Forums work best with 6-10 core members" not in client.get(detail(forum)).content \
        .decode()
    membership.add_members(forum=forum, users=[member(role=Role.TEACHER, school=school)],
                           circle=Circle.CORE)
    assert "Forums work best with 6-10 core members" in client.get(detail(forum)).content \
        .decode()


def test_forum_page_shows_cycles_newest_first_with_their_phase(client_for, principal, forum):
    today = timezone.localdate()
    CycleFactory(forum=forum, title="Older cycle", starts_on=today - timedelta(days=200),
                 ends_on=today - timedelta(days=100))
    newer = CycleFactory(forum=forum, title="Current cycle", starts_on=today,
                         ends_on=today + timedelta(days=30))
    SessionFactory(cycle=newer)
    page = client_for(principal).get(detail(forum)).content.decode()
    assert page.index("Current cycle") < page.index("Older cycle")
    assert "Now: Gather" in page and "Finished" in page
    assert reverse("forums:session", args=[newer.sessions.get().pk]) in page  # coming up


def test_forum_page_takes_the_same_queries_for_few_or_many_members_and_sessions(
        client_for, principal, forum, school, django_assert_max_num_queries):
    client = client_for(principal)
    cycle = CycleFactory(forum=forum)
    SessionFactory(cycle=cycle)
    membership.add_members(forum=forum, users=[member(role=Role.TEACHER, school=school)],
                           circle=Circle.CORE)
    with django_assert_max_num_queries(15) as few:
        assert client.get(detail(forum)).status_code == 200
    for circle in Circle.values:
        membership.add_members(forum=forum, circle=circle,
                               users=[member(role=Role.TEACHER, school=school) for _ in range(5)])
    for _ in range(3):
        more = CycleFactory(forum=forum)
        for _ in range(4):
            SessionFactory(cycle=more)
    with django_assert_max_num_queries(15) as many:
        assert client.get(detail(forum)).status_code == 200
    assert len(app_queries(few)) == len(app_queries(many))


# --- Inviting members --------------------------------------------------------------------

def test_manager_adds_several_people_with_a_circle_and_role(client_for, principal, forum,
                                                           teacher, colleague):
    response = client_for(principal).post(members_url(forum), {
        "people": [teacher.pk, colleague.pk], "circle": Circle.ENGAGED,
        "role": ForumRole.MEMBER})
    assert response.status_code == 302
    added = ForumMember.objects.filter(forum=forum, user__in=[teacher, colleague])
    assert {(m.circle, m.role) for m in added} == {(Circle.ENGAGED, ForumRole.MEMBER)}
    assert added.count() == 2


def test_a_facilitating_teacher_can_invite(client_for, forum, teacher, colleague):
    membership.add_members(forum=forum, users=[teacher], circle=Circle.CORE,
                           role=ForumRole.CO_FACILITATOR)
    client = client_for(teacher)
    assert client.get(members_url(forum)).status_code == 200
    client.post(members_url(forum), {"people": [colleague.pk], "circle": Circle.CORE,
                                     "role": ForumRole.MEMBER})
    assert forum.members.filter(user=colleague).exists()


@pytest.mark.parametrize("who", ["teacher", "colleague", "district_leader", "leader_elsewhere"])
def test_others_cannot_invite(request, client_for, forum, teacher, who):
    membership.add_members(forum=forum, users=[teacher], circle=Circle.CORE)
    person = request.getfixturevalue(who)
    client = client_for(person)
    assert client.get(members_url(forum)).status_code == 404
    response = client.post(members_url(forum), {"people": [person.pk], "circle": Circle.CORE,
                                                "role": ForumRole.FACILITATOR})
    assert response.status_code == 404
    assert forum.members.filter(role=ForumRole.FACILITATOR).count() == 1


def test_people_of_another_district_are_refused(client_for, principal, forum, colleague,
                                               leader_elsewhere):
    response = client_for(principal).post(members_url(forum), {
        "people": [colleague.pk, leader_elsewhere.pk], "circle": Circle.CORE,
        "role": ForumRole.MEMBER})
    assert response.status_code == 200
    assert "only active staff of this district can" in response.content.decode()
    assert forum.members.count() == 1  # only the facilitator; nobody was added


def test_deactivated_people_are_refused(client_for, principal, forum, colleague):
    colleague.is_active = False
    colleague.save()
    client_for(principal).post(members_url(forum), {"people": [colleague.pk],
                                                    "circle": Circle.CORE, "role": "member"})
    assert not forum.members.filter(user=colleague).exists()


def test_the_search_finds_district_people_by_name_school_and_role(
        client_for, principal, forum, teacher, teacher_elsewhere, other_principal,
        leader_elsewhere):
    client = client_for(principal)
    page = client.get(members_url(forum)).content.decode()  # starts at the forum's school
    assert "Maya Okafor" in page and "Emily Walker" not in page
    page = client.get(members_url(forum), {"school": ""}).content.decode()
    assert "Maya Okafor" in page and "Emily Walker" in page and "Otto Berg" not in page
    page = client.get(members_url(forum), {"q": "emily", "school": ""}).content.decode()
    assert "Emily Walker" in page and "Maya Okafor" not in page
    page = client.get(members_url(forum), {"school": "", "role": Role.SCHOOL_LEADER}).content \
        .decode()
    assert "Rosa Santos" in page and "Emily Walker" not in page
    assert f'name="people" value="{principal.pk}"' not in page  # already a member


def test_the_search_answers_htmx_with_the_results_only_and_keeps_the_ticked(
        client_for, principal, forum, teacher, teacher_elsewhere):
    response = client_for(principal).get(members_url(forum), {
        "q": "emily", "school": "", "people": [teacher.pk]}, headers={"HX-Request": "true"})
    page = response.content.decode()
    assert "<html" not in page and 'id="results"' in page
    assert f'value="{teacher.pk}" id="person-{teacher.pk}" checked' in page
    assert "Emily Walker" in page


def test_invite_warns_when_the_core_circle_passes_ten(client_for, principal, forum, school):
    people = [member(role=Role.TEACHER, school=school) for _ in range(10)]
    response = client_for(principal).post(members_url(forum), {
        "people": [p.pk for p in people], "circle": Circle.CORE, "role": "member"}, follow=True)
    page = response.content.decode()
    assert "10 people were added." in page
    assert "The core circle now has 11 members" in page
    assert forum.members.filter(circle=Circle.CORE).count() == 11


def test_invite_page_says_when_core_is_full(client_for, principal, forum, school):
    membership.add_members(forum=forum, circle=Circle.CORE,
                           users=[member(role=Role.TEACHER, school=school) for _ in range(9)])
    page = client_for(principal).get(members_url(forum)).content.decode()
    assert "takes it past 10" in page


# --- Changing places and leaving ---------------------------------------------------------

def member_url(forum, user):
    return reverse("forums:member_update", args=[forum.pk, forum.members.get(user=user).pk])


def test_manager_changes_a_members_circle_and_role(client_for, principal, forum, teacher):
    membership.add_members(forum=forum, users=[teacher], circle=Circle.CORE)
    response = client_for(principal).post(member_url(forum, teacher), {
        "circle": Circle.ENGAGED, "role": ForumRole.DOCUMENTER})
    assert response.status_code == 302
    changed = forum.members.get(user=teacher)
    assert (changed.circle, changed.role) == (Circle.ENGAGED, ForumRole.DOCUMENTER)


def test_the_last_facilitator_cannot_step_down(client_for, principal, forum):
    response = client_for(principal).post(member_url(forum, principal), {
        "circle": Circle.CORE, "role": ForumRole.MEMBER})
    assert "A forum needs a facilitator" in response.content.decode()
    assert forum.members.get(user=principal).role == ForumRole.FACILITATOR


def test_manager_removes_a_member(client_for, principal, forum, teacher):
    membership.add_members(forum=forum, users=[teacher], circle=Circle.CORE)
    client_for(principal).post(member_url(forum, teacher), {"remove": "1"})
    assert not forum.members.filter(user=teacher).exists()


def test_a_member_cannot_change_others(client_for, forum, teacher, colleague):
    membership.add_members(forum=forum, users=[teacher, colleague], circle=Circle.CORE)
    response = client_for(teacher).post(member_url(forum, colleague), {
        "circle": Circle.INTERESTED, "role": ForumRole.MEMBER})
    assert response.status_code == 404
    assert forum.members.get(user=colleague).circle == Circle.CORE


def test_member_ids_of_another_forum_are_not_found(client_for, principal, forum, school):
    other = ForumFactory(school=school)
    stranger = other.members.get()
    url = reverse("forums:member_update", args=[forum.pk, stranger.pk])
    assert client_for(principal).post(url, {"remove": "1"}).status_code == 404
    assert ForumMember.objects.filter(pk=stranger.pk).exists()


def test_member_can_leave(client_for, forum, teacher):
    membership.add_members(forum=forum, users=[teacher], circle=Circle.CORE)
    response = client_for(teacher).post(reverse("forums:leave", args=[forum.pk]))
    assert response.status_code == 302 and response.url == reverse("forums:list")
    assert not forum.members.filter(user=teacher).exists()


def test_the_last_facilitator_cannot_leave(client_for, principal, forum):
    response = client_for(principal).post(reverse("forums:leave", args=[forum.pk]),
                                          follow=True)
    assert "A forum needs a facilitator" in response.content.decode()
    assert forum.members.filter(user=principal).exists()


def test_a_facilitator_can_leave_once_another_is_named(client_for, principal, forum, teacher):
    membership.add_members(forum=forum, users=[teacher], circle=Circle.CORE,
                           role=ForumRole.FACILITATOR)
    client_for(principal).post(reverse("forums:leave", args=[forum.pk]))
    assert not forum.members.filter(user=principal).exists()


def test_leaving_a_forum_you_are_not_in_is_not_found(client_for, forum, colleague):
    assert client_for(colleague).post(reverse("forums:leave", args=[forum.pk])).status_code \
        == 404
    assert client_for(colleague).get(reverse("forums:leave", args=[forum.pk])).status_code \
        == 405


def test_nothing_crosses_districts_even_with_a_forum_id(client_for, admin_elsewhere):
    school = SchoolFactory(district=DistrictFactory())
    forum = ForumFactory(school=school)
    client = client_for(admin_elsewhere)
    for name in ("detail", "members", "cycle_create"):
        assert client.get(reverse(f"forums:{name}", args=[forum.pk])).status_code == 404


def test_people_outside_the_district_cannot_be_added_to_a_forum(forum, leader_elsewhere):
    with pytest.raises(ValidationError):
        membership.add_members(forum=forum, users=[leader_elsewhere], circle="core")
    assert not forum.members.filter(user=leader_elsewhere).exists()
