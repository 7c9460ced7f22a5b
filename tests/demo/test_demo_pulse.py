"""The demo district's culture pulse: statements, two closed surveys a year apart whose
results show for some schools and are hidden for others, and one open now."""

from django.core.management import call_command
from django.urls import reverse

from pulse.models import Answered, Statement, Survey
from pulse.results import Hidden, survey_figures
from schools.models import District, User


def test_seed_demo_adds_a_culture_pulse_with_two_years_of_results(db, client):
    call_command("seed_demo", stdout=open("/dev/null", "w"))
    call_command("seed_demo", stdout=open("/dev/null", "w"))
    district = District.objects.get(slug="riverside")
    assert Statement.objects.filter(district=district, is_active=True).count() == 8
    assert Statement.objects.filter(district=district, is_active=False).count() == 1
    surveys = list(Survey.objects.filter(district=district).order_by("opens_on"))
    older, latest, current = surveys
    assert older.has_closed() and latest.has_closed() and current.is_open()
    assert 360 < (latest.opens_on - older.opens_on).days < 380
    figures = survey_figures(latest)
    schools = {school.slug: school for school in district.schools.all()}
    assert not figures.scope(schools["heritage"]).hidden
    assert figures.scope(schools["cedar-park"]).hidden == Hidden.FEW
    assert figures.scope(schools["lakeview"]).hidden == Hidden.PROTECTS
    assert figures.scope(None).answers == 19
    assert Answered.objects.filter(survey=current).count() == 3
    assert not Answered.objects.filter(survey=current, user__email__in=[
        "teacher@demo.example", "colleague@demo.example", "principal@demo.example"]).exists()

    client.force_login(User.objects.get(email="admin@demo.example"))
    page = client.get(reverse("pulse:trends")).content.decode()
    assert page.count('<svg class="trend-chart"') == 9
    assert "Not asked" in page
