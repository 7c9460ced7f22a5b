"""A learning plan is its owner's: read by the owner and the colleagues they chose, by nobody
else - not the principal, not the district's leaders or admins, not another district, not an
export - and each reader sees only the evidence they may read themselves."""

import io
import json
import zipfile

import pytest
from django.urls import reverse

from growth.models import Competency, Framework
from plans import actions
from plans.models import LearningPlan
from schools import privacy
from tests.factories import StoryFactory
from tests.plans.conftest import write_plan
from tests.plans.forum_setup import heritage_record

EVERYONE_ELSE = ["colleague", "teacher_elsewhere", "principal", "district_leader",
                 "district_admin", "leader_elsewhere", "admin_elsewhere"]


def detail(plan):
    return reverse("plans:detail", args=[plan.pk])


@pytest.mark.parametrize("person", EVERYONE_ELSE)
def test_nobody_but_the_owner_reads_a_plan_not_shared(request, client_for, teacher, plan,
                                                      person):
    assert client_for(teacher).get(detail(plan)).status_code == 200
    other = request.getfixturevalue(person)
    client = client_for(other)
    assert client.get(detail(plan)).status_code == 404
    for name in ("plans:edit", "plans:share"):
        assert client.get(reverse(name, args=[plan.pk])).status_code == 404
    assert client.post(reverse("plans:comment", args=[plan.pk]),
                       {"text": "hello"}).status_code == 404
    assert "ZQMINE" not in client.get(reverse("plans:home")).content.decode()


@pytest.mark.parametrize("person", ["principal", "district_leader", "district_admin",
                                    "teacher_elsewhere"])
def test_a_triad_reader_reads_the_plan_and_nobody_else_does(request, client_for, teacher,
                                                            colleague, plan, person):
    actions.share_plan(plan=plan, reader=colleague)
    page = client_for(colleague).get(detail(plan))
    assert page.status_code == 200 and "ZQMINE" in page.content.decode()
    assert "ZQMINE" in client_for(colleague).get(reverse("plans:home")).content.decode()
    assert client_for(request.getfixturevalue(person)).get(detail(plan)).status_code == 404


def test_a_triad_reader_cannot_change_the_plan(client_for, colleague, plan):
    actions.share_plan(plan=plan, reader=colleague)
    client = client_for(colleague)
    for name in ("plans:edit", "plans:share"):
        assert client.get(reverse(name, args=[plan.pk])).status_code == 404
    for name in ("plans:checkin", "plans:evidence_add", "plans:close"):
        assert client.post(reverse(name, args=[plan.pk])).status_code == 404
    assert LearningPlan.objects.get(pk=plan.pk).is_current


def test_it_ends_a_readers_access_at_once_when_the_owner_stops_sharing(client_for, teacher,
                                                                       colleague, plan):
    share = actions.share_plan(plan=plan, reader=colleague)
    reader = client_for(colleague)
    assert reader.get(detail(plan)).status_code == 200
    response = client_for(teacher).post(reverse("plans:unshare", args=[plan.pk, share.pk]))
    assert response.status_code == 302
    reader = client_for(colleague)
    assert reader.get(detail(plan)).status_code == 404
    assert reader.post(reverse("plans:comment", args=[plan.pk]),
                       {"text": "still here?"}).status_code == 404
    assert "ZQMINE" not in reader.get(reverse("plans:home")).content.decode()
    assert "shared their learning plan" not in reader.get(
        reverse("notifications:list")).content.decode()


def test_a_closed_plan_is_its_owners_alone(client_for, teacher, colleague, plan):
    actions.share_plan(plan=plan, reader=colleague)
    client_for(teacher).post(reverse("plans:close", args=[plan.pk]))
    assert client_for(colleague).get(detail(plan)).status_code == 404
    page = client_for(teacher).get(reverse("plans:home")).content.decode()
    assert "My earlier plans" in page and "ZQMINE" in page
    assert client_for(teacher).get(detail(plan)).status_code == 200


def test_a_person_of_another_district_is_refused_as_a_reader(teacher, leader_elsewhere, plan):
    with pytest.raises(Exception, match="colleagues of your district"):
        actions.share_plan(plan=plan, reader=leader_elsewhere)


# --- Evidence, per reader -------------------------------------------------------------------

@pytest.fixture
def forum_record(district, school, teacher, colleague, principal):
    return heritage_record(district=district, school=school, principal=principal,
                           members=[teacher, colleague], committer=teacher, word="ZQRECORD")


def test_each_reader_sees_only_the_evidence_they_may_read(
        client_for, teacher, colleague, teacher_elsewhere, plan, forum_record):
    insight, try_report = forum_record
    private = StoryFactory(author=teacher, visibility="private", title="Diary ZQSECRET")
    shared = StoryFactory(author=teacher, visibility="district", title="Shared ZQOPEN")
    for thing in ({"story": private}, {"story": shared}, {"insight": insight},
                  {"try_report": try_report}):
        actions.add_evidence(plan=plan, **thing)
    for reader in (colleague, teacher_elsewhere):
        actions.share_plan(plan=plan, reader=reader)

    own = client_for(teacher).get(detail(plan)).content.decode()
    assert all(word in own for word in ("ZQSECRET", "ZQOPEN", "When ZQRECORD", "Try ZQRECORD"))
    daniel = client_for(colleague).get(detail(plan)).content.decode()
    assert "ZQSECRET" not in daniel
    assert all(word in daniel for word in ("ZQOPEN", "When ZQRECORD", "Try ZQRECORD"))
    # Emily teaches at Lakeview: the Heritage forum's record is not hers to read.
    emily = client_for(teacher_elsewhere).get(detail(plan)).content.decode()
    assert "ZQOPEN" in emily
    assert not any(word in emily for word in ("ZQSECRET", "ZQRECORD"))


def test_the_owner_attaches_only_what_they_may_read(teacher, colleague, plan):
    hidden = StoryFactory(author=colleague, visibility="private", title="Not hers")
    with pytest.raises(Exception, match="Choose one story"):
        actions.add_evidence(plan=plan, story=hidden)


def test_a_story_made_private_after_it_was_attached_disappears_for_readers(
        client_for, teacher, colleague, plan):
    story = StoryFactory(author=teacher, visibility="school", title="Soon private ZQLATER")
    actions.add_evidence(plan=plan, story=story)
    actions.share_plan(plan=plan, reader=colleague)
    assert "ZQLATER" in client_for(colleague).get(detail(plan)).content.decode()
    story.visibility = "private"
    story.save()
    assert "ZQLATER" not in client_for(colleague).get(detail(plan)).content.decode()


# --- Exports and departure --------------------------------------------------------------------

def archive_text(client) -> str:
    response = client.post(reverse("schools:my_data"))
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    return "\n".join(archive.read(name).decode() for name in archive.namelist())


def test_the_owner_finds_the_whole_plan_in_their_copy_of_their_data(client_for, teacher,
                                                                     colleague, plan):
    actions.share_plan(plan=plan, reader=colleague)
    actions.check_in(plan=plan, done_on=plan.cadence_since, progress="Went well ZQCHECK")
    actions.comment(plan=plan, author=colleague, text="Nice ZQNOTE")
    text = archive_text(client_for(teacher))
    assert all(word in text for word in ("ZQMINE", "ZQCHECK", "ZQNOTE", "Daniel Reyes"))
    # The reader's copy has their own comment, whose plan it was - not the plan itself.
    theirs = archive_text(client_for(colleague))
    assert "ZQNOTE" in theirs and "Maya Okafor" in theirs
    assert "ZQMINE" not in theirs and "ZQCHECK" not in theirs


def test_a_departed_owners_plans_go_and_a_departed_reader_reads_no_more(
        teacher, colleague, district, plan):
    actions.share_plan(plan=plan, reader=colleague)
    actions.comment(plan=plan, author=colleague, text="Nice")
    departure = privacy.departure_for(person=colleague, district=district)
    plan_text = [c.text for c in privacy.departure_plan(departure)]
    assert any("1 comment on a colleague's learning plan" in text for text in plan_text)
    privacy.remove_departed_person(departure=departure)
    assert not plan.readers.exists() and not plan.comments.exists()
    privacy.remove_departed_person(departure=privacy.departure_for(person=teacher,
                                                                   district=district))
    assert not LearningPlan.objects.filter(owner=teacher).exists()


def test_nobody_else_finds_a_plan_in_an_export(client_for, district_admin, district_leader,
                                               principal, plan):
    for person in (district_admin, district_leader, principal):
        assert "ZQMINE" not in archive_text(client_for(person))
    assert "ZQMINE" not in json.dumps(
        [s.rows for s in privacy.export_sections(principal)], default=str)


def test_a_plan_of_another_district_stays_there(client_for, teacher, leader_elsewhere,
                                                other_district):
    framework = Framework.objects.create(district=other_district, name="Elsewhere standard")
    competency = Competency.objects.create(framework=framework, name="Leading learning")
    theirs = write_plan(leader_elsewhere, [competency], area_of_growth="ZQTHEIRS")
    assert client_for(teacher).get(detail(theirs)).status_code == 404
    assert client_for(leader_elsewhere).get(detail(theirs)).status_code == 200
