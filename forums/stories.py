"""Which stories a forum may feature."""

from django.db.models import Q, QuerySet

from forums.models import Forum
from networks.access import in_network
from schools.models import User
from successes.models import SuccessStory, Visibility


def _shared_widely_enough(forum: Forum) -> Q:
    """Shared with the district, or (school forum) with the forum's own school."""
    wide = Q(visibility=Visibility.DISTRICT)
    if forum.school_id is None:
        return wide
    return wide | Q(visibility=Visibility.SCHOOL, school_id=forum.school_id)


def _shared_with_the_network(forum: Forum) -> Q:
    """A cross-district collective studies stories shared with its network, while their
    district is in it."""
    return Q(visibility=Visibility.NETWORK, network_id=forum.network_id) & Q(in_network())


def eligible_stories(user: User, forum: Forum) -> QuerySet[SuccessStory]:
    """Stories the facilitator may see, shared at least with the forum's school (school
    forum) or with the district (collective); a cross-district collective: with its network
    (from any of its districts). Private stories never qualify."""
    if forum.is_cross_district:
        return SuccessStory.objects.readable_by(user).filter(_shared_with_the_network(forum))
    return SuccessStory.objects.visible_to(user).filter(_shared_widely_enough(forum))


def may_feature(story: SuccessStory, forum: Forum) -> bool:
    """Whether the story, as its author shares it now, may still be featured in the forum
    (checked again before a presenter request is sent)."""
    if story.deleted_at is not None:
        return False
    if forum.is_cross_district:
        return SuccessStory.objects.filter(pk=story.pk).filter(
            _shared_with_the_network(forum)).exists()
    return (story.district_id == forum.district_id
            and SuccessStory.objects.filter(pk=story.pk).filter(
                _shared_widely_enough(forum)).exists())
