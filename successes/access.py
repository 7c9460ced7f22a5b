"""Who may see and change success stories, and the district's themes. Lists of stories go through
`SuccessStory.objects.visible_to`."""

from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from networks.access import network_ids_of
from schools.access import Roles, roles_for
from schools.models import User
from successes.models import GradeBand, SuccessStory, Theme, Visibility


def get_story_for(user: User, pk: int, queryset=None) -> SuccessStory:
    """A story the person may read (their district's, or one shared with their network), or
    404 (never 403: existence is not revealed)."""
    stories = queryset if queryset is not None else SuccessStory.objects.all()
    try:
        return stories.readable_by(user).get(pk=pk)
    except SuccessStory.DoesNotExist:
        raise Http404 from None


def get_own_story(user: User, pk: int, *, include_deleted: bool = False) -> SuccessStory:
    """A story the person wrote: only the author edits, deletes or restores."""
    stories = SuccessStory.objects.filter(author=user, pk=pk)
    if not include_deleted:
        stories = stories.alive()
    try:
        return stories.get()
    except SuccessStory.DoesNotExist:
        raise Http404 from None


def byline(story: SuccessStory, roles: Roles, reader: User) -> str:
    """The author's name, unless they hid it from other schools and the reader is elsewhere.

    Then a description takes its place: "a Grades 6-8 Science teacher at Heritage Middle School".
    A departed author is named to no one (see departed_byline).
    """
    if story.author.departed_at is not None:
        return departed_byline(story)
    if name_shown(story, roles, reader):
        return str(story.author)
    return cross_school_byline(story)


def name_shown(story: SuccessStory, roles: Roles, reader: User) -> bool:
    """Whether the reader sees the author's name: they are the author, they work at the
    story's school, or the author agreed to show it to other schools (`show_name`)."""
    same_school = story.school_id is not None and story.school_id in roles.school_ids
    return same_school or story.author_id == reader.pk or story.show_name


def cross_school_byline(story: SuccessStory) -> str:
    """How readers at other schools see the author: by name only if the author agreed."""
    if story.author.departed_at is not None:
        return departed_byline(story)
    if story.show_name:
        return str(story.author)
    band = GradeBand(story.grade_band).label if story.grade_band else ""
    details = " ".join(part for part in (str(band), story.subject) if part)
    # The details go where each language puts them ("a Grades 6-8 Science teacher").
    who = _("%(details)s teacher") % {"details": details} if details else _("teacher")
    if story.school_id:
        return _("a %(who)s at %(school)s") % {"who": who, "school": story.school.name}
    return _("a %(who)s") % {"who": who}


def departed_byline(story: SuccessStory) -> str:
    """Stories kept after their author left the district: "a former teacher at <school>"."""
    if story.school_id:
        return _("a former teacher at %(school)s") % {"school": story.school.name}
    return _("a former teacher")


def story_to_grow_from(user: User, story_id: int | None) -> SuccessStory | None:
    """The story a new one may record as its origin ("grew from"): only one its author may
    read. Any other id gives None, so a link never points at a story hidden from them."""
    if not story_id:
        return None
    return SuccessStory.objects.visible_to(user).filter(pk=story_id).first()


def allowed_visibilities(user: User) -> list[tuple[str, str]]:
    """Someone with no school (a district leader) cannot share with "my school"; "my network"
    is offered only while the person's district is in a network."""
    roles = roles_for(user)
    return [(value, label) for value, label in Visibility.choices
            if (value != Visibility.SCHOOL or roles.school_ids)
            and (value != Visibility.NETWORK or network_ids_of(user))]


def themes_managed_by(user: User) -> QuerySet[Theme]:
    """A district admin keeps their district's themes, active or retired; nobody else any."""
    roles = roles_for(user)
    if not roles.is_district_admin:
        return Theme.objects.none()
    return Theme.objects.filter(district=roles.district)


def get_theme_for_admin(user: User, pk: int) -> Theme:
    try:
        return themes_managed_by(user).select_related("district").get(pk=pk)
    except Theme.DoesNotExist:
        raise Http404 from None
