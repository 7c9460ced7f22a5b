"""A district admin keeps the district's themes: adds, renames, describes, retires and merges
them. Stories and insights follow a merge; a retired theme leaves the pickers but stays on what
it already tags. Every change is audited; nobody else may make one."""

import pytest
from django.urls import reverse

from forums.forms import CycleForm, ForumForm
from forums.models import Cycle, Insight
from schools.models import AuditAction, AuditEntry
from successes.forms import StoryForm
from successes.models import Theme
from tests.factories import StoryFactory, ThemeFactory
from tests.forums.factories import CycleFactory, ForumFactory, SessionFactory

THEMES = reverse("successes:themes")


@pytest.fixture
def feedback(district):
    return ThemeFactory(district=district, name="Feedback", description="Students act on it.")


@pytest.fixture
def assessment(district):
    return ThemeFactory(district=district, name="Assessment for learning")


def audit(action: str) -> list[dict]:
    return [entry.detail for entry in AuditEntry.objects.filter(action=action)]


def test_district_admin_adds_a_theme(client_for, district_admin, district):
    response = client_for(district_admin).post(THEMES, {
        "name": "Attendance", "description": "Getting students to class."})
    assert response.status_code == 302
    theme = Theme.objects.get(name="Attendance")
    assert theme.district == district and theme.is_active
    assert audit(AuditAction.THEME_ADDED) == [{"theme": "Attendance"}]


def test_a_theme_name_is_used_once_per_district(client_for, district_admin, feedback,
                                                other_district):
    ThemeFactory(district=other_district, name="Belonging")
    client = client_for(district_admin)
    response = client.post(THEMES, {"name": "FEEDBACK", "description": "Kept text"})
    body = response.content.decode()
    assert response.status_code == 200 and "already has a theme with this name" in body
    assert "Kept text" in body
    assert client.post(THEMES, {"name": "Belonging"}).status_code == 302


def test_the_theme_list_shows_every_theme_with_its_state(client_for, district_admin, feedback,
                                                         assessment, other_district):
    ThemeFactory(district=other_district, name="Elsewhere's theme")
    assessment.is_active = False
    assessment.save()
    body = client_for(district_admin).get(THEMES).content.decode()
    assert "Feedback" in body and "Students act on it." in body
    assert "Assessment for learning" in body and "retired" in body
    assert "Elsewhere&#x27;s theme" not in body and "Elsewhere's theme" not in body


def test_district_admin_renames_and_describes_a_theme(client_for, district_admin, feedback):
    url = reverse("successes:theme_edit", args=[feedback.pk])
    assert client_for(district_admin).get(url).status_code == 200
    response = client_for(district_admin).post(url, {"name": "Feedback loops",
                                                     "description": "Quick, acted upon."})
    assert response.status_code == 302
    feedback.refresh_from_db()
    assert (feedback.name, feedback.description) == ("Feedback loops", "Quick, acted upon.")
    assert audit(AuditAction.THEME_CHANGED) == [{"theme": "Feedback loops", "was": "Feedback"}]


def test_retiring_a_theme_takes_it_out_of_the_pickers_only(client_for, district_admin,
                                                           feedback, assessment, teacher,
                                                           principal, school):
    story = StoryFactory(author=teacher)
    story.themes.set([feedback])
    response = client_for(district_admin).post(
        reverse("successes:theme_set_active", args=[feedback.pk]), {"active": "0"})
    assert response.status_code == 302
    feedback.refresh_from_db()
    assert not feedback.is_active
    assert list(story.themes.all()) == [feedback]
    assert list(StoryForm(user=teacher).fields["themes"].queryset) == [assessment]
    forum_form = ForumForm(user=principal, district_id=school.district_id)
    assert list(forum_form.fields["focus_theme"].queryset) == [assessment]
    assert audit(AuditAction.THEME_RETIRED) == [{"theme": "Feedback"}]


def test_a_retired_theme_can_be_restored(client_for, district_admin, feedback):
    url = reverse("successes:theme_set_active", args=[feedback.pk])
    client_for(district_admin).post(url, {"active": "0"})
    client_for(district_admin).post(url, {"active": "1"})
    feedback.refresh_from_db()
    assert feedback.is_active
    assert audit(AuditAction.THEME_RESTORED) == [{"theme": "Feedback"}]


def test_merging_two_themes_moves_stories_insights_cycles_and_forums(
        client_for, district_admin, feedback, assessment, teacher, principal, school):
    both = StoryFactory(author=teacher, title="Tagged with both")
    both.themes.set([feedback, assessment])
    only_feedback = StoryFactory(author=teacher, title="Tagged with feedback")
    only_feedback.themes.set([feedback])
    forum = ForumFactory(school=school, creator=principal, focus_theme=feedback)
    cycle = CycleFactory(forum=forum, focus_theme=feedback)
    session = SessionFactory(cycle=cycle)
    insight = Insight.objects.create(session=session, district=school.district,
                                     situation="s", goal="g", action="a")
    insight.themes.set([feedback, assessment])

    url = reverse("successes:theme_merge", args=[feedback.pk])
    assert client_for(district_admin).get(url).status_code == 200
    response = client_for(district_admin).post(url, {"into": assessment.pk})
    assert response.status_code == 302

    assert not Theme.objects.filter(pk=feedback.pk).exists()
    assert list(both.themes.all()) == [assessment]
    assert list(only_feedback.themes.all()) == [assessment]
    assert list(insight.themes.all()) == [assessment]
    forum.refresh_from_db()
    assert forum.focus_theme == assessment
    assert Cycle.objects.get(pk=cycle.pk).focus_theme == assessment
    assert audit(AuditAction.THEMES_MERGED) == [
        {"theme": "Feedback", "into": "Assessment for learning"}]


def test_a_theme_is_merged_only_into_another_theme_of_its_district(
        client_for, district_admin, feedback, other_district):
    theirs = ThemeFactory(district=other_district, name="Theirs")
    client = client_for(district_admin)
    url = reverse("successes:theme_merge", args=[feedback.pk])
    for into in (theirs.pk, feedback.pk):
        response = client.post(url, {"into": into})
        assert response.status_code == 200
    assert Theme.objects.filter(pk__in=[feedback.pk, theirs.pk]).count() == 2
    assert not audit(AuditAction.THEMES_MERGED)


def test_retired_themes_stay_in_filters_but_leave_the_cycle_picker(
        client_for, district_admin, feedback, assessment, principal, school):
    forum = ForumFactory(school=school, creator=principal)
    client_for(district_admin).post(reverse("successes:theme_set_active", args=[feedback.pk]),
                                    {"active": "0"})
    assert list(CycleForm(forum=forum).fields["focus_theme"].queryset) == [assessment]
    body = client_for(district_admin).get(reverse("successes:list")).content.decode()
    assert "Feedback" in body  # old stories are still found by their theme


@pytest.mark.parametrize("person", ["principal", "teacher", "district_leader",
                                    "admin_elsewhere"])
def test_only_the_districts_admins_change_its_themes(client_for, request, feedback,
                                                     assessment, person):
    client = client_for(request.getfixturevalue(person))
    if person != "admin_elsewhere":
        assert client.get(THEMES).status_code == 404
        assert client.post(THEMES, {"name": "Sneaked in"}).status_code == 404
    for name, data in (("theme_edit", {"name": "Renamed"}), ("theme_set_active", {"active": "0"}),
                       ("theme_merge", {"into": assessment.pk})):
        assert client.post(reverse(f"successes:{name}", args=[feedback.pk]),
                           data).status_code == 404
    feedback.refresh_from_db()
    assert (feedback.name, feedback.is_active) == ("Feedback", True)
    assert not Theme.objects.filter(name="Sneaked in").exists()


def test_the_theme_list_takes_a_constant_number_of_queries(
        client_for, district_admin, district, django_assert_max_num_queries):
    client = client_for(district_admin)
    ThemeFactory(district=district)
    with django_assert_max_num_queries(8) as small:
        client.get(THEMES)
    for _ in range(15):
        ThemeFactory(district=district)
    with django_assert_max_num_queries(8) as large:
        client.get(THEMES)
    assert len(small.captured_queries) == len(large.captured_queries)
