"""What `successes` holds about a person, for their copy of it and for their departure
(the protocol is in schools.privacy)."""

from __future__ import annotations

from pathlib import PurePath

from django.db import transaction
from django.db.models import Q
from django.utils.text import get_valid_filename
from django.utils.translation import ngettext

from schools.models import User
from schools.privacy import Consequence, Departure, Section
from successes.models import Attachment, Spotlight, StoryDraft, SuccessStory, TryIntent, Visibility
from successes.versions import stories_changed


def export(person: User) -> list[Section]:
    stories = list(SuccessStory.objects.filter(author=person)
                   .select_related("district", "school", "grew_from")
                   .prefetch_related("themes", "visibility_changes", "attachments")
                   .order_by("created_at", "id"))
    attachments = [a for story in stories for a in story.attachments.all()]
    return [
        Section("stories", [_story_row(story) for story in stories]),
        Section("story_attachments", [_attachment_row(a) for a in attachments],
                files=[(_attachment_path(a), a.file) for a in attachments]),
        Section("story_drafts", [
            {"story": draft.story_id, "typed": draft.data, "saved": draft.updated_at}
            for draft in StoryDraft.objects.filter(author=person).order_by("updated_at")]),
        Section("want_to_try", _want_to_try_rows(person)),
        Section("spotlights_written", [
            {"colleague": str(s.colleague), "school": s.school.name, "note": s.note,
             "written": s.created_at}
            for s in Spotlight.objects.filter(noticed_by=person)
            .select_related("colleague", "school").order_by("created_at")]),
    ]


def _story_row(story: SuccessStory) -> dict:
    return {
        "id": story.pk, "district": story.district.name,
        "school": story.school.name if story.school else "",
        "title": story.title, "before": story.before, "what_went_right": story.what_went_right,
        "actions": story.actions, "conditions": story.conditions,
        "why_it_worked": story.why_it_worked, "happened_on": story.happened_on,
        "grade_band": story.grade_band, "subject": story.subject,
        "themes": [theme.name for theme in story.themes.all()], "tags": story.free_tags,
        "evidence": story.evidence_kinds, "visibility": story.visibility,
        "show_name": story.show_name,
        "grew_from": story.grew_from_id if story.grew_from and story.grew_from.author_id
        == story.author_id else None,  # another person's story is not named here
        "created": story.created_at, "updated": story.updated_at, "in_trash_since":
        story.deleted_at,
        "visibility_changes": [{"from": c.old, "to": c.new, "when": c.changed_at.isoformat()}
                               for c in story.visibility_changes.all()],
    }


def _attachment_path(attachment: Attachment) -> str:
    name = get_valid_filename(PurePath(attachment.file.name).name) or "file"
    return f"attachments/{attachment.story_id}/{attachment.pk}-{name}"


def _attachment_row(attachment: Attachment) -> dict:
    return {"story": attachment.story_id, "name": attachment.original_name,
            "kind": attachment.kind, "type": attachment.content_type,
            "size": attachment.size, "added": attachment.created_at,
            "file": _attachment_path(attachment)}


def _want_to_try_rows(person: User) -> list[dict]:
    """Titles only of stories the person may still read."""
    intents = list(TryIntent.objects.filter(user=person).order_by("created_at"))
    titles = dict(SuccessStory.objects.visible_to(person)
                  .filter(pk__in=[i.story_id for i in intents]).values_list("id", "title"))
    return [{"story": i.story_id, "title": titles.get(i.story_id, ""), "marked": i.created_at}
            for i in intents]


# --- Departure -----------------------------------------------------------------------------

def _stories(departure: Departure):
    return SuccessStory.objects.filter(author=departure.person, district=departure.district)


def _kept(departure: Departure):
    """Shared, not in the trash: what colleagues read and learn from."""
    return _stories(departure).alive().exclude(visibility=Visibility.PRIVATE)


def _deleted(departure: Departure):
    if departure.delete_shared:
        return _stories(departure)
    return _stories(departure).filter(Q(visibility=Visibility.PRIVATE)
                                      | Q(deleted_at__isnull=False))


def _drafts(departure: Departure):
    """Drafts of the district's stories; drafts of new stories only when the login closes."""
    here = Q(story__district=departure.district)
    return StoryDraft.objects.filter(author=departure.person).filter(
        here | Q(story__isnull=True) if departure.closes_login else here)


def departure_plan(departure: Departure) -> list[Consequence]:
    deleted = _deleted(departure).count()
    drafts = _drafts(departure).count()
    plan = [
        Consequence("stories_deleted", deleted, ngettext(
            "%(n)d story is deleted for good (private, in the trash, or shared at their "
            "request), with its attachments.",
            "%(n)d stories are deleted for good (private, in the trash, or shared at their "
            "request), with their attachments.", deleted) % {"n": deleted}),
        Consequence("drafts_deleted", drafts, ngettext(
            "%(n)d unsaved draft is deleted.", "%(n)d unsaved drafts are deleted.", drafts)
            % {"n": drafts}),
    ]
    if not departure.delete_shared:
        kept = _kept(departure).count()
        plan.append(Consequence("stories_kept", kept, ngettext(
            "%(n)d shared story stays for colleagues, signed \"a former teacher\" with its "
            "school: their name is removed from it.",
            "%(n)d shared stories stay for colleagues, signed \"a former teacher\" with their "
            "school: their name is removed from them.", kept) % {"n": kept}))
    return plan


@transaction.atomic
def depart(departure: Departure) -> None:
    """Delete what was theirs alone; hand what they shared to the former-staff stand-in."""
    person, district = departure.person, departure.district
    _drafts(departure).delete()
    deleted = _deleted(departure)
    files = [a.file for a in Attachment.objects.filter(story__in=deleted)]
    deleted.delete()
    stories_changed(district.pk)  # cached district figures drop the deleted stories at once
    transaction.on_commit(lambda: [file.delete(save=False) for file in files])
    if not departure.delete_shared:
        _kept(departure).update(author=User.objects.former_staff(), show_name=False)
    TryIntent.objects.filter(user=person, story__district=district).delete()
    Spotlight.objects.filter(colleague=person, school__district=district).delete()
