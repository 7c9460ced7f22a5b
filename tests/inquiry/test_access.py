"""Only the collective's members read its inquiry plan, and only those who take part write:
the interested circle reads; the district's leaders, other staff, the network's other people
and other districts get 404, as does a school forum's cycle. Files go to members only."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from forums.models import Forum
from inquiry import actions
from tests.factories import Role, member
from tests.inquiry.conftest import cycle_of, join

READ = ("plan", "print")
WRITE_PAGES = ("edit", "reflection")
WRITE_POSTS = {
    "edit": {"problem_of_practice": "ZQWRITTEN", "if_we": "", "then": ""},
    "reflection": {"went_well": "ZQWRITTEN", "did_not_go_well": "", "changes": ""},
    "indicator_add": {"evidence_kind": "perceptions", "timing": "leading", "text": "ZQWRITTEN"},
    "entry_add": {"seen_on": "", "evidence_kind": "perceptions", "what_was_seen": "ZQWRITTEN"},
}


def url(name, cycle, *args):
    return reverse(f"inquiry:{name}", args=[cycle.pk, *args])


@pytest.fixture
def written(cycle, teacher):
    """The plan with a problem, an indicator and an entry with a PDF."""
    actions.save_plan(cycle=cycle, by=teacher, problem_of_practice="ZQPLAN feedback",
                      if_we="", then="")
    indicator = actions.add_indicator(cycle=cycle, by=teacher, evidence_kind="perceptions",
                                      timing="leading", text="ZQPLAN survey")
    pdf = SimpleUploadedFile("tally.pdf", b"%PDF-1.4\n% ZQFILE\n%%EOF\n", "application/pdf")
    entry = actions.add_entry(cycle=cycle, by=teacher, seen_on=actions.today_of(cycle),
                              evidence_kind="perceptions", what_was_seen="ZQPLAN seen",
                              upload=pdf)
    return indicator, entry


def posts(cycle, indicator, entry):
    data = dict(WRITE_POSTS)
    data["entry_add"] = {**data["entry_add"], "seen_on": actions.today_of(cycle).isoformat()}
    return ([(url(name, cycle), body) for name, body in data.items()]
            + [(url("indicator_remove", cycle, indicator.pk), {}),
               (url("entry_remove", cycle, entry.pk), {})])


def test_the_interested_circle_reads_but_does_not_write(client_for, teacher_elsewhere, cycle,
                                                        written):
    client = client_for(teacher_elsewhere)
    page = client.get(url("plan", cycle)).content.decode()
    assert "ZQPLAN feedback" in page and "Add an indicator" not in page
    assert "Log what you saw" not in page and "Remove" not in page
    assert client.get(url("print", cycle)).status_code == 200
    assert client.get(url("entry_file", cycle, written[1].pk)).status_code == 200
    for name in WRITE_PAGES:
        assert client.get(url(name, cycle)).status_code == 404
    for path, body in posts(cycle, *written):
        assert client.post(path, body).status_code == 404, path


@pytest.mark.parametrize("person", ["district_leader", "district_admin", "principal_elsewhere",
                                    "teacher_not_member", "leader_elsewhere"])
def test_anyone_but_a_member_gets_404(client_for, cycle, written, person, request, school,
                                      other_school):
    people = {"teacher_not_member": lambda: member(role=Role.TEACHER, school=school),
              "principal_elsewhere": lambda: member(role=Role.SCHOOL_LEADER,
                                                    school=other_school)}
    someone = people[person]() if person in people else request.getfixturevalue(person)
    client = client_for(someone)
    for name in (*READ, *WRITE_PAGES):
        assert client.get(url(name, cycle)).status_code == 404, name
    assert client.get(url("entry_file", cycle, written[1].pk)).status_code == 404
    for path, body in posts(cycle, *written):
        assert client.post(path, body).status_code == 404, path


def test_a_cross_district_plan_is_not_read_by_either_districts_leaders(
        client_for, district_leader, hillcrest_leader, cross_cycle, teacher):
    actions.save_plan(cycle=cross_cycle, by=teacher, problem_of_practice="ZQCROSS",
                      if_we="", then="")
    for leader in (district_leader, hillcrest_leader):
        client = client_for(leader)
        for name in (*READ, *WRITE_PAGES):
            assert client.get(url(name, cross_cycle)).status_code == 404


def test_a_school_forums_cycle_has_no_inquiry_plan(client_for, school, teacher):
    forum = Forum.objects.create(district=school.district, school=school, name="Grade 6 team")
    join(forum, teacher)
    school_cycle = cycle_of(forum)
    client = client_for(teacher)
    assert client.get(url("plan", school_cycle)).status_code == 404
    assert client.post(url("edit", school_cycle), WRITE_POSTS["edit"]).status_code == 404


def test_signing_in_comes_first(client, cycle):
    response = client.get(url("plan", cycle))
    assert response.status_code == 302 and response.url.startswith(reverse("account_login"))


def test_a_members_file_comes_through_the_checked_view(client_for, teacher, cycle, written):
    entry = written[1]
    response = client_for(teacher).get(url("entry_file", cycle, entry.pk))
    body = b"".join(response.streaming_content)
    assert response.status_code == 200 and b"ZQFILE" in body
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "attachment" in response["Content-Disposition"]
    assert "/media/" not in client_for(teacher).get(url("plan", cycle)).content.decode()


def test_an_entry_of_another_plan_is_not_found_through_this_one(client_for, principal, teacher,
                                                                collective, cycle, written):
    other = cycle_of(collective)
    actions.save_plan(cycle=other, by=principal, problem_of_practice="Another", if_we="",
                      then="")
    client = client_for(teacher)
    assert client.get(url("entry_file", other, written[1].pk)).status_code == 404
    assert client.post(url("entry_remove", other, written[1].pk)).status_code == 404
    assert client.post(url("indicator_remove", other, written[0].pk)).status_code == 404


def test_an_entry_without_a_file_has_no_file(client_for, teacher, cycle):
    entry = actions.add_entry(cycle=cycle, by=teacher, seen_on=actions.today_of(cycle),
                              evidence_kind="demographic", what_was_seen="Attendance")
    assert client_for(teacher).get(url("entry_file", cycle, entry.pk)).status_code == 404


def test_a_member_whose_district_leaves_the_network_no_longer_reads_it(client_for, ben,
                                                                       hillcrest, foothills,
                                                                       cross_cycle):
    client = client_for(ben)
    assert client.get(url("plan", cross_cycle)).status_code == 200
    foothills.members.filter(district=hillcrest).delete()
    assert client.get(url("plan", cross_cycle)).status_code == 404
