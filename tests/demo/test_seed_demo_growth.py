from django.core.management import call_command

from growth.models import Framework, Reflection, SelfAssessment
from schools.models import District


def test_seed_demo_gives_the_district_frameworks_and_two_people_a_year_of_growth(db):
    call_command("seed_demo", stdout=open("/dev/null", "w"))
    call_command("seed_demo", stdout=open("/dev/null", "w"))
    district = District.objects.get(slug="riverside")
    frameworks = Framework.objects.filter(district=district)
    assert sorted(frameworks.values_list("starting_point", flat=True)) == ["ab_slqs", "ab_tqs"]
    assert frameworks.get(starting_point="ab_slqs").competencies.count() == 7
    for email in ("principal@demo.example", "teacher@demo.example"):
        older, newer = SelfAssessment.objects.filter(owner__email=email).order_by("taken_on")
        assert (newer.taken_on - older.taken_on).days >= 350
        assert all(1 <= r.confidence <= 10 for r in newer.ratings.all())
        assert 1 <= newer.ratings.filter(to_grow=True).count() <= 2
        assert Reflection.objects.filter(owner__email=email).count() == 1
    shared = SelfAssessment.objects.get(shares__colleague__email="colleague@demo.example")
    assert shared.owner.email == "teacher@demo.example"
