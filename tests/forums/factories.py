"""Forums, members, cycles and sessions for tests, made through forums.actions where the
action is the way the app makes them (a forum always starts with its facilitator)."""

from datetime import timedelta

import factory
from django.utils import timezone

from forums.actions import membership, scheduling
from forums.models import (
    Circle,
    Cycle,
    Forum,
    ForumMember,
    ForumRole,
    ProtocolKind,
    ProtocolTemplate,
    Session,
)
from schools.models import Role
from tests.factories import SchoolFactory, member

STEP_TITLES = ["Opening", "The success story", "Clarifying questions", "Uncovering the actions",
               "Presenter reflects", "Principles of practice", "Taking it home", "Closing"]


def eight_steps(prefix: str = "") -> list[dict]:
    return [{"title": f"{prefix}{title}", "purpose": f"Why: {title.lower()}.",
             "questions": [f"What about {title.lower()}?"], "minutes": 5,
             "speaker": "group", "card_kinds": ["question"]} for title in STEP_TITLES]


class ProtocolTemplateFactory(factory.django.DjangoModelFactory):
    """A district's own template with eight simple steps (independent of the shipped ones)."""

    class Meta:
        model = ProtocolTemplate

    district = None
    name = factory.Sequence(lambda n: f"Test protocol {n}")
    kind = ProtocolKind.ANALYSIS
    steps = factory.LazyFunction(eight_steps)


class ForumFactory(factory.django.DjangoModelFactory):
    """A school forum whose creator (a school leader unless given) is its facilitator.
    Pass school=None and creator=<district leader> for a collective."""

    class Meta:
        model = Forum

    school = factory.SubFactory(SchoolFactory)
    district = factory.LazyAttribute(lambda o: o.school.district if o.school else None)
    name = factory.Sequence(lambda n: f"Forum {n}")
    description = "We study what went right."
    focus_theme = None
    creator = factory.LazyAttribute(
        lambda o: member(role=Role.SCHOOL_LEADER, school=o.school) if o.school else
        member(role=Role.DISTRICT_LEADER, district=o.district))

    @classmethod
    def _create(cls, model_class, *args, creator, **kwargs):
        return membership.create_forum(creator=creator, **kwargs)


class ForumMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ForumMember

    forum = factory.SubFactory(ForumFactory)
    user = factory.LazyAttribute(
        lambda o: member(role=Role.TEACHER, school=o.forum.school) if o.forum.school
        else member(role=Role.TEACHER, school=SchoolFactory(district=o.forum.district)))
    circle = Circle.CORE
    role = ForumRole.MEMBER


class CycleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Cycle

    forum = factory.SubFactory(ForumFactory)
    title = factory.Sequence(lambda n: f"Cycle {n}")
    starts_on = factory.LazyFunction(timezone.localdate)
    ends_on = factory.LazyAttribute(lambda o: o.starts_on + timedelta(days=60))
    focus_theme = None

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return scheduling.plan_cycle(**kwargs)


class SessionFactory(factory.django.DjangoModelFactory):
    """A scheduled session a week from now, with its own copy of an eight-step protocol."""

    class Meta:
        model = Session

    cycle = factory.SubFactory(CycleFactory)
    kind = ProtocolKind.ANALYSIS
    starts_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=7))
    minutes = 50
    place = "Library"
    online_url = ""
    protocol = factory.LazyAttribute(lambda o: ProtocolTemplateFactory(
        kind=o.kind, district=o.cycle.forum.district))

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return scheduling.schedule_session(**kwargs)


def app_queries(captured) -> list[str]:
    """The page's own queries: the session row is read from Redis, or from Postgres when a
    concurrent test run has flushed Redis, so it is left out of the comparison."""
    return [q["sql"] for q in captured.captured_queries if "django_session" not in q["sql"]]
