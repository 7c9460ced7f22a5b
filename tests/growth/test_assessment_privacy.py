"""A self-assessment is its owner's: nobody else reads it - not their principal, not the
district's leader or admin, not another district - unless the owner shared it with chosen
colleagues of their district, who read it and nothing more. It is never in anyone else's data
export, and leaves with its owner."""

import io
import json
import zipfile

import pytest
from django.urls import reverse

from growth import actions
from growth.models import AssessmentShare, SelfAssessment
from notifications.models import Notification
from schools import privacy
from tests.growth.factories import assessment_of, framework_of


@pytest.fixture
def assessment(teacher, district):
    return assessment_of(teacher, framework_of(district), notes={0: "ZQMYNOTE about me"})


def detail(assessment) -> str:
    return reverse("growth:assessment", args=[assessment.pk])


def archive_of(client) -> zipfile.ZipFile:
    response = client.post(reverse("schools:my_data"))
    return zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))


def share(assessment) -> str:
    return reverse("growth:assessment_share", args=[assessment.pk])


def test_the_owner_reads_their_self_assessment(client_for, teacher, assessment):
    body = client_for(teacher).get(detail(assessment)).content.decode()
    assert "ZQMYNOTE about me" in body and "Only you can read it" in body


@pytest.mark.parametrize("who", ["colleague", "principal", "district_leader", "district_admin",
                                 "teacher_elsewhere", "leader_elsewhere", "admin_elsewhere"])
def test_nobody_else_reads_a_self_assessment_not_shared_with_them(client_for, request,
                                                                  assessment, who):
    client = client_for(request.getfixturevalue(who))
    assert client.get(detail(assessment)).status_code == 404
    assert client.get(share(assessment)).status_code == 404
    home = client.get(reverse("growth:home")).content.decode()
    assert "ZQMYNOTE" not in home and detail(assessment) not in home


def test_a_colleague_it_is_shared_with_reads_it_and_nothing_more(client_for, teacher,
                                                                 colleague, principal,
                                                                 assessment):
    response = client_for(teacher).post(share(assessment), {"people": [colleague.pk]})
    assert response.status_code == 302
    client = client_for(colleague)
    body = client.get(detail(assessment)).content.decode()
    assert "ZQMYNOTE about me" in body and "Maya Okafor shared this self-assessment" in body
    assert "Your history" not in body and share(assessment) not in body
    assert client.get(share(assessment)).status_code == 404
    assert client.post(reverse("growth:assessment_delete",
                               args=[assessment.pk])).status_code == 404
    assert detail(assessment) in client.get(reverse("growth:home")).content.decode()
    # sharing with one colleague is not sharing with the principal
    assert client_for(principal).get(detail(assessment)).status_code == 404


def test_a_colleague_hears_once_that_it_was_shared_with_them(client_for, teacher, colleague,
                                                             assessment):
    client = client_for(teacher)
    client.post(share(assessment), {"people": [colleague.pk]})
    client.post(share(assessment), {"people": []})
    client.post(share(assessment), {"people": [colleague.pk]})
    [note] = Notification.objects.filter(recipient=colleague)
    assert note.kind == "assessment_shared"
    page = client_for(colleague).get(reverse("notifications:list")).content.decode()
    assert "Maya Okafor shared a self-assessment with you" in page


def test_the_owner_stops_sharing(client_for, teacher, colleague, assessment):
    actions.share_assessment(assessment=assessment, colleagues=[colleague])
    client_for(teacher).post(share(assessment), {})
    assert not AssessmentShare.objects.exists()
    assert client_for(colleague).get(detail(assessment)).status_code == 404
    page = client_for(colleague).get(reverse("notifications:list")).content.decode()
    assert "shared a self-assessment" not in page


def test_it_is_shared_only_with_active_staff_of_the_district(client_for, teacher, assessment,
                                                             leader_elsewhere, colleague):
    response = client_for(teacher).post(share(assessment),
                                        {"people": [colleague.pk, leader_elsewhere.pk]})
    assert "only with active staff of your district" in response.content.decode()
    assert not AssessmentShare.objects.exists()


def test_the_share_page_finds_colleagues_of_the_district_by_name(client_for, teacher,
                                                                 teacher_elsewhere,
                                                                 leader_elsewhere, assessment):
    client = client_for(teacher)
    body = client.get(share(assessment) + "?q=emily").content.decode()
    assert "Emily Walker" in body
    assert "Otto Berg" not in client.get(share(assessment) + "?q=otto").content.decode()


def test_a_self_assessment_is_in_its_owners_data_export_only(client_for, teacher, colleague,
                                                             assessment):
    actions.share_assessment(assessment=assessment, colleagues=[colleague])
    [row] = json.loads(archive_of(client_for(teacher)).read("self_assessments.json"))
    assert row["ratings"][0]["why"] == "ZQMYNOTE about me"
    assert row["shared_with"] == ["Daniel Reyes"]
    theirs = archive_of(client_for(colleague))
    assert json.loads(theirs.read("self_assessments.json")) == []
    assert not any(b"ZQMYNOTE" in theirs.read(name) for name in theirs.namelist())


def test_a_departure_deletes_the_persons_own_records_without_counting_them(
        teacher, colleague, district, district_admin, assessment):
    actions.share_assessment(assessment=assessment, colleagues=[colleague])
    theirs = assessment_of(colleague, assessment.framework)
    actions.share_assessment(assessment=theirs, colleagues=[teacher])
    departure = privacy.departure_for(person=teacher, district=district, by=district_admin)
    # the admin is not told how many there were: that is the person's too
    assert not [c for c in privacy.departure_plan(departure) if "assessment" in c.text]
    privacy.remove_departed_person(departure=departure)
    assert list(SelfAssessment.objects.all()) == [theirs]
    assert not AssessmentShare.objects.exists()
