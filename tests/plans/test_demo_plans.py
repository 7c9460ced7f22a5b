"""The demo district's learning plans: the principal's, shared with two fellow principals one
of whom commented, and the teacher's own; loading the demo twice adds nothing."""

from django.core.management import call_command

from notifications.models import Notification
from plans.access import evidence_for
from plans.models import LearningPlan
from schools.models import User


def test_seed_demo_adds_two_plans_once(db):
    call_command("seed_demo", stdout=open("/dev/null", "w"))
    call_command("seed_demo", stdout=open("/dev/null", "w"))
    grace = LearningPlan.objects.get(owner__email="principal@demo.example")
    maya = LearningPlan.objects.get(owner__email="teacher@demo.example")
    assert LearningPlan.objects.count() == 2 and grace.is_current and maya.is_current
    assert grace.checkins.count() == 2 and maya.checkins.count() == 1
    assert grace.competencies.count() == 2 and maya.competencies.count() == 1
    assert sorted(grace.readers.values_list("reader__email", flat=True)) == [
        "m.fischer@demo.example", "r.santos@demo.example"]
    assert grace.comments.get().author.email == "r.santos@demo.example"
    assert not maya.readers.exists()
    rosa = User.objects.get(email="r.santos@demo.example")
    assert len(evidence_for(grace, grace.owner)) == 3
    assert len(evidence_for(grace, rosa)) == 2  # the Heritage forum's insight is not hers
    assert len(evidence_for(maya, maya.owner)) == 2
    assert Notification.objects.filter(recipient=grace.owner, kind="plan_comment").exists()
