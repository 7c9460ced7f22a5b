from datetime import timedelta

from django.core.management import call_command
from django.utils import timezone

from demo.district import PEOPLE
from demo.roster import NOT_IN_THE_ROSTER
from forums.models import Forum, JoinRequest, Session
from schools import oneroster, roster_sync
from schools.models import District, ImportJob, ImportKind, ImportStatus, Membership, Role, User
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
    assert Forum.objects.filter(school__isnull=True, network__isnull=True).count() == 1
    assert Forum.objects.filter(school__isnull=False).values("school").distinct().count() == 4
    closed = Session.objects.get(state="closed", cycle__forum__school__isnull=False)
    assert closed.cards.exists() and closed.insights.exists() and closed.commitments.exists()
    assert Session.objects.filter(kind="review", state="scheduled",
                                  cycle=closed.cycle).exists()
    tomorrow = timezone.localdate() + timedelta(days=1)
    assert Session.objects.filter(starts_at__date__gte=tomorrow - timedelta(days=1),
                                  starts_at__date__lte=tomorrow + timedelta(days=1),
                                  story__isnull=False, state="scheduled").exists()
    # the principal has one request to join the New-teacher circle waiting, made once
    waiting = JoinRequest.objects.get(status="pending")
    assert waiting.forum.name == "New-teacher circle"
    assert waiting.forum.members.filter(user__email="principal@demo.example").exists()


def test_seed_demo_has_waiting_invitations_a_retired_theme_and_a_second_district(db):
    call_command("seed_demo", stdout=open("/dev/null", "w"))
    call_command("seed_demo", stdout=open("/dev/null", "w"))
    riverside = District.objects.get(slug="riverside")
    assert riverside.invitations.filter(accepted_at__isnull=True).count() == 2
    assert Theme.objects.filter(district=riverside, is_active=False).exists()
    coach = User.objects.get(email="coach@demo.example")
    assert set(coach.memberships.values_list("district__slug", flat=True)) == {
        "riverside", "hillside"}


def test_seed_demo_imports_the_roster_once_and_a_later_export_syncs(db, tmp_path):
    call_command("seed_demo", stdout=open("/dev/null", "w"))
    call_command("seed_demo", stdout=open("/dev/null", "w"))
    riverside = District.objects.get(slug="riverside")
    [job] = ImportJob.objects.filter(district=riverside, kind=ImportKind.ONEROSTER)
    in_the_roster = len([p for p in PEOPLE if p[0] not in NOT_IN_THE_ROSTER])
    assert job.status == ImportStatus.DONE
    assert job.result["counts"]["up_to_date"] == in_the_roster, "linked, nothing changed"
    assert riverside.schools.exclude(roster_id="").count() == 4
    assert Membership.objects.get(user__email="teacher@demo.example").roster_id

    call_command("demo_roster", str(tmp_path / "newer.zip"), stdout=open("/dev/null", "w"))
    newer = roster_sync.plan_sync(district=riverside, bundle=oneroster.read_bundle(
        (tmp_path / "newer.zip").read_bytes()))
    assert newer.preview.counts == {"invite": 1, "role_changes": 1, "deactivate": 1,
                                    "up_to_date": in_the_roster - 2, "ignored": 3}
