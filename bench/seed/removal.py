"""Removing the scale district fast. The ORM would load every row to cascade by hand, which
takes minutes for 200,000 stories, so the bulk of it goes in plain SQL."""

from __future__ import annotations

from django.db import connection, transaction

from bench.seed.people import EMAIL_DOMAIN, SLUG
from forums.models import (
    Attendance,
    Card,
    Commitment,
    Cycle,
    Forum,
    ForumMember,
    Insight,
    PresenterRequest,
    Session,
    TryReport,
)
from schools.models import District, User
from successes.models import SuccessStory


def delete_scale_district() -> None:
    """Remove the scale district with everything in it, and its people.

    The ORM alone would load every story to cascade by hand, which takes minutes. So what
    points at the stories (theme links, and the few rows benchmarks or people added) is
    deleted first with the ORM and its cascades, then the stories in one plain DELETE.
    """
    with transaction.atomic():
        for district_id in District.objects.filter(slug=SLUG).values_list("id", flat=True):
            delete_scale_forums(district_id)  # in SQL: the ORM would cascade row by row
        stories = SuccessStory.objects.filter(district__slug=SLUG)
        for relation in SuccessStory._meta.get_fields(include_hidden=True):
            if relation.auto_created and (relation.one_to_many or relation.one_to_one):
                relation.related_model._base_manager.filter(
                    **{f"{relation.field.name}__in": stories.values("id")}).delete()
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {SuccessStory._meta.db_table} WHERE district_id IN "
                           f"(SELECT id FROM {District._meta.db_table} WHERE slug = %s)", [SLUG])
        District.objects.filter(slug=SLUG).delete()
        User.objects.filter(email__endswith=f"@{EMAIL_DOMAIN}").delete()


def delete_scale_forums(district_id: int) -> None:
    """Everything the forums part made, in plain SQL (the ORM would cascade row by row)."""
    tables = {model: model._meta.db_table for model in (
        Forum, ForumMember, Cycle, Session, Attendance, Card, Insight, Commitment, TryReport,
        SuccessStory)}
    sessions = (f"SELECT s.id FROM {tables[Session]} s JOIN {tables[Cycle]} c ON c.id = "
                f"s.cycle_id JOIN {tables[Forum]} f ON f.id = c.forum_id "
                f"WHERE f.district_id = %(d)s")
    insights = f"SELECT id FROM {tables[Insight]} WHERE session_id IN ({sessions})"
    commitments = f"SELECT id FROM {tables[Commitment]} WHERE session_id IN ({sessions})"
    presenter_requests = PresenterRequest._meta.db_table
    statements = [
        "DROP TABLE IF EXISTS grown",
        f"CREATE TEMP TABLE grown ON COMMIT DROP AS SELECT new_story_id AS id FROM "
        f"{tables[TryReport]} WHERE new_story_id IS NOT NULL AND commitment_id IN ({commitments})",
        f"DELETE FROM {tables[TryReport]} WHERE commitment_id IN ({commitments}) "
        f"OR session_id IN ({sessions})",
        f"DELETE FROM {Commitment._meta.db_table} WHERE session_id IN ({sessions})",
        f"DELETE FROM {Insight.themes.through._meta.db_table} WHERE insight_id IN ({insights})",
        f"DELETE FROM {Insight.source_cards.through._meta.db_table} "
        f"WHERE insight_id IN ({insights})",
        f"DELETE FROM {tables[Insight]} WHERE session_id IN ({sessions})",
        f"DELETE FROM {tables[Card]} WHERE session_id IN ({sessions})",
        f"DELETE FROM {tables[Attendance]} WHERE session_id IN ({sessions})",
        f"DELETE FROM {presenter_requests} WHERE session_id IN ({sessions})",
        f"DELETE FROM {tables[Session]} WHERE id IN ({sessions})",
        f"DELETE FROM {tables[Cycle]} WHERE forum_id IN (SELECT id FROM {tables[Forum]} "
        f"WHERE district_id = %(d)s)",
        f"DELETE FROM {tables[ForumMember]} WHERE forum_id IN (SELECT id FROM "
        f"{tables[Forum]} WHERE district_id = %(d)s)",
        f"DELETE FROM {tables[Forum]} WHERE district_id = %(d)s",
        f"UPDATE {tables[SuccessStory]} SET grew_from_id = NULL WHERE grew_from_id IN "
        f"(SELECT id FROM grown)",
        f"DELETE FROM {SuccessStory.themes.through._meta.db_table} WHERE successstory_id IN "
        f"(SELECT id FROM grown)",
        f"DELETE FROM {tables[SuccessStory]} WHERE id IN (SELECT id FROM grown)",
    ]
    with transaction.atomic(), connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement, {"d": district_id})
