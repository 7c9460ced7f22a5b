"""A district admin keeps the district's competency frameworks: creates one from a shipped
starting point or blank, renames it, adds, edits, reorders and removes competencies, archives
it. Every change is audited; nobody else may make one, and nothing crosses districts."""

import pytest
from django.urls import reverse

from growth.models import Competency, Framework, Rating
from growth.starting_points import STARTING_POINTS
from schools.models import AuditEntry
from tests.growth.factories import assessment_of, framework_of

FRAMEWORKS = reverse("growth:frameworks")
NEW = reverse("growth:framework_create")


def names(framework) -> list[str]:
    return list(framework.competencies.order_by("position", "id").values_list("name", flat=True))


def audited(action: str) -> list[dict]:
    return [entry.detail for entry in AuditEntry.objects.filter(action=action).order_by("id")]


def test_the_shipped_starting_points_have_the_standards_competencies():
    assert len(STARTING_POINTS["ab_slqs"].competencies) == 7
    assert len(STARTING_POINTS["ab_lqs"].competencies) == 9
    assert len(STARTING_POINTS["ab_tqs"].competencies) == 6
    assert STARTING_POINTS["blank"].competencies == ()
    for point in STARTING_POINTS.values():
        assert all(str(name) and str(text) for name, text in point.competencies)


def test_district_admin_creates_a_framework_from_a_starting_point(client_for, district_admin,
                                                                  district):
    response = client_for(district_admin).post(NEW, {"starting_point": "ab_slqs", "name": "",
                                                     "description": ""})
    framework = Framework.objects.get(district=district)
    assert response.status_code == 302
    assert response["Location"] == reverse("growth:framework", args=[framework.pk])
    assert framework.name == "Superintendent Leadership Quality Standard (Alberta)"
    assert framework.starting_point == "ab_slqs"
    assert names(framework)[0] == "Building Effective Relationships"
    assert len(names(framework)) == 7 and all(c.description for c in
                                              framework.competencies.all())
    assert audited("framework_added") == [{"name": framework.name}]


def test_a_blank_framework_needs_a_name(client_for, district_admin, district):
    client = client_for(district_admin)
    response = client.post(NEW, {"starting_point": "blank", "name": " ",
                                 "description": "Our own words"})
    body = response.content.decode()
    assert response.status_code == 200 and "Give the framework a name." in body
    assert "Our own words" in body  # nothing typed is lost
    client.post(NEW, {"starting_point": "blank", "name": "Riverside leader profile"})
    assert names(Framework.objects.get(name="Riverside leader profile")) == []


def test_a_framework_name_is_used_once_per_district(client_for, district_admin, district,
                                                    other_district):
    framework_of(district, name="Teaching standard")
    framework_of(other_district, name="Leader profile")
    client = client_for(district_admin)
    response = client.post(NEW, {"starting_point": "ab_tqs", "name": "TEACHING standard",
                                 "description": "Kept text"})
    body = response.content.decode()
    assert "already has a framework with this name" in body and "Kept text" in body
    assert client.post(NEW, {"starting_point": "blank", "name": "Leader profile"}
                       ).status_code == 302


def test_district_admin_renames_and_describes_a_framework(client_for, district_admin,
                                                          district):
    framework = framework_of(district, name="Teaching standard")
    url = reverse("growth:framework", args=[framework.pk])
    response = client_for(district_admin).post(url, {"name": "Our teaching standard",
                                                     "description": "For every teacher."})
    assert response.status_code == 302
    framework.refresh_from_db()
    assert (framework.name, framework.description) == ("Our teaching standard",
                                                       "For every teacher.")
    assert audited("framework_changed") == [{"name": "Our teaching standard",
                                             "was": "Teaching standard"}]


def test_district_admin_adds_edits_and_reorders_competencies(client_for, district_admin,
                                                             district):
    framework = framework_of(district, starting_point="blank", name="Ours")
    client = client_for(district_admin)
    add = reverse("growth:competency_add", args=[framework.pk])
    for name in ("Listening", "Planning", "Reflecting"):
        assert client.post(add, {"name": name, "description": ""}).status_code == 302
    assert names(framework) == ["Listening", "Planning", "Reflecting"]
    reflecting = framework.competencies.get(name="Reflecting")
    move = reverse("growth:competency_move", args=[framework.pk, reflecting.pk])
    client.post(move, {"direction": "up"})
    client.post(move, {"direction": "up"})
    client.post(move, {"direction": "up"})  # already first: nothing moves
    assert names(framework) == ["Reflecting", "Listening", "Planning"]
    client.post(reverse("growth:competency_move", args=[framework.pk, reflecting.pk]),
                {"direction": "down"})
    assert names(framework) == ["Listening", "Reflecting", "Planning"]
    edit = reverse("growth:competency", args=[framework.pk, reflecting.pk])
    response = client.post(edit, {"name": "", "description": "Kept"})
    assert "Give the competency a name." in response.content.decode()
    client.post(edit, {"name": "Reflecting on practice", "description": "Looking back."})
    assert names(framework) == ["Listening", "Reflecting on practice", "Planning"]


def test_removing_a_competency_keeps_the_ratings_people_gave_it(client_for, district_admin,
                                                                 district, teacher):
    framework = framework_of(district)
    first = framework.competencies.order_by("position").first()
    assessment = assessment_of(teacher, framework)
    response = client_for(district_admin).post(
        reverse("growth:competency_remove", args=[framework.pk, first.pk]))
    assert response.status_code == 302
    assert not Competency.objects.filter(pk=first.pk).exists()
    rating = Rating.objects.get(assessment=assessment, position=0)
    assert rating.competency is None and rating.competency_name == first.name
    assert audited("framework_changed")[-1] == {"name": framework.name, "removed": first.name}


def test_an_archived_framework_is_no_longer_offered(client_for, district_admin, district,
                                                    teacher):
    framework = framework_of(district, name="Old standard")
    client_for(district_admin).post(reverse("growth:framework_archive", args=[framework.pk]),
                                    {"archived": "1"}, follow=True)
    framework.refresh_from_db()
    assert framework.is_archived
    assert audited("framework_archived") == [{"name": "Old standard"}]
    client = client_for(teacher)
    assert "Old standard" not in client.get(reverse("growth:assessment_start")).content.decode()
    assert client.get(reverse("growth:assessment_create",
                              args=[framework.pk])).status_code == 404
    listing = client_for(district_admin).get(FRAMEWORKS).content.decode()
    assert "Old standard" in listing and "archived" in listing


@pytest.mark.parametrize("who", ["teacher", "principal", "district_leader", "admin_elsewhere"])
def test_only_the_districts_admins_manage_its_frameworks(client_for, request, district, who):
    framework = framework_of(district)
    client = client_for(request.getfixturevalue(who))
    competency = framework.competencies.first()
    assert client.get(reverse("growth:framework", args=[framework.pk])).status_code == 404
    assert client.post(reverse("growth:competency_remove",
                               args=[framework.pk, competency.pk])).status_code == 404
    assert client.post(reverse("growth:framework_archive", args=[framework.pk]),
                       {"archived": "1"}).status_code == 404
    framework.refresh_from_db()
    assert not framework.is_archived and framework.competencies.count() == 6


def test_the_framework_list_shows_only_the_districts_own(client_for, district_admin, district,
                                                         other_district,
                                                         django_assert_max_num_queries):
    for n in range(3):
        framework_of(district, name=f"Standard {n}")
    framework_of(other_district, name="Elsewhere's standard")
    client = client_for(district_admin)
    with django_assert_max_num_queries(8):
        body = client.get(FRAMEWORKS).content.decode()
    assert "Standard 2" in body
    assert "Elsewhere&#x27;s standard" not in body and "Elsewhere's standard" not in body
