"""Insights for the network pages' tests: one closed session's insight, shared or not."""

from django.utils import timezone

from forums.models import Insight
from tests.forums.factories import CycleFactory, ForumFactory, SessionFactory


def insight(school, creator, action: str, *, network=None, story=None, themes=(),
            shared_at=None) -> Insight:
    forum = ForumFactory(school=school, creator=creator)
    session = SessionFactory(cycle=CycleFactory(forum=forum))
    made = Insight.objects.create(
        session=session, district=school.district, situation="students rush",
        goal="they slow down", action=action, created_by=creator, network=network,
        story=story, shared_with_network_at=(shared_at or timezone.now()) if network else None)
    made.themes.set(themes)
    return made
