from datetime import timedelta

from django.core.management import call_command
from django.utils import timezone

from forums.models import Forum, Session
from schools.models import District, Membership, Role, User
from successes.models import Theme


def test_seed_demo_loads_the_demo_district_and_is_idempotent(db):
    call_command("seed_demo", stdout=open("/dev/null", "w"))
    call_command("seed_demo", stdout=open("/dev/null", "w"))
    district = District.objects.get(slug="riverside")
    assert district.schools.count() == 4
    assert Membership.objects.filter(district=district).values("user").distinct().count() >= 25
    assert Theme.objects.filter(district=district).count() >= 6
    expected = {
        "teacher@demo.example": Role.TEACHER, "colleague@demo.example": Role.TEACHER,
        "principal@demo.example": Role.SCHOOL_LEADER, "district@demo.example":
        Role.DISTRICT_LEADER, "admin@demo.example": Role.DISTRICT_ADMIN,
    }
    for email, role in expected.items():
        user = User.objects.get(email=email)
        assert user.check_password("demo-success")
        assert list(user.memberships.values_list("role", flat=True)) == [role]
    def school_of(email):
        return User.objects.get(email=email).memberships.get().school

    teacher_school = school_of("teacher@demo.example")
    assert school_of("colleague@demo.example") == teacher_school
    assert school_of("principal@demo.example") == teacher_school


def test_seed_demo_adds_forums_a_finished_session_and_one_tomorrow(db):
    call_command("seed_demo", stdout=open("/dev/null", "w"))
    call_command("seed_demo", stdout=open("/dev/null", "w"))
    assert Forum.objects.filter(school__isnull=True).count() == 1
    assert Forum.objects.filter(school__isnull=False).values("school").distinct().count() == 4
    closed = Session.objects.get(state="closed", cycle__forum__school__isnull=False)
    assert closed.cards.exists() and closed.insights.exists() and closed.commitments.exists()
    assert Session.objects.filter(kind="review", state="scheduled",
                                  cycle=closed.cycle).exists()
    tomorrow = timezone.localdate() + timedelta(days=1)
    assert Session.objects.filter(starts_at__date__gte=tomorrow - timedelta(days=1),
                                  starts_at__date__lte=tomorrow + timedelta(days=1),
                                  story__isnull=False, state="scheduled").exists()
