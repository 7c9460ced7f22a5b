"""Which stories a forum may feature."""

from django.db.models import Q, QuerySet

from forums.models import Forum
from schools.models import User
from successes.models import SuccessStory, Visibility


def _shared_widely_enough(forum: Forum) -> Q:
    """Shared with the district, or (school forum) with the forum's own school."""
    wide = Q(visibility=Visibility.DISTRICT)
    if forum.school_id is None:
        return wide
    return wide | Q(visibility=Visibility.SCHOOL, school_id=forum.school_id)


def eligible_stories(user: User, forum: Forum) -> QuerySet[SuccessStory]:
    """Stories the facilitator may see, shared at least with the forum's school (school
    forum) or with the district (collective). Private stories never qualify."""
    return SuccessStory.objects.visible_to(user).filter(_shared_widely_enough(forum))


def may_feature(story: SuccessStory, forum: Forum) -> bool:
    """Whether the story, as its author shares it now, may still be featured in the forum
    (checked again before a presenter request is sent)."""
    return (story.deleted_at is None and story.district_id == forum.district_id
            and SuccessStory.objects.filter(pk=story.pk).filter(
                _shared_widely_enough(forum)).exists())
