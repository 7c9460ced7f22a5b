"""Which stories a forum may feature."""

from django.db.models import QuerySet

from forums.models import Forum
from schools.models import User
from successes.models import SuccessStory, Visibility


def eligible_stories(user: User, forum: Forum) -> QuerySet[SuccessStory]:
    """Stories the facilitator may see, shared at least with the forum's school (school
    forum) or with the district (collective). Private stories never qualify."""
    stories = SuccessStory.objects.visible_to(user)
    if forum.school_id is None:
        return stories.filter(visibility=Visibility.DISTRICT)
    return stories.filter(visibility__in=[Visibility.SCHOOL, Visibility.DISTRICT],
                          school_id=forum.school_id) | stories.filter(
        visibility=Visibility.DISTRICT)
