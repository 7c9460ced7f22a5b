"""Loading the demo stories (demo/story_texts.py) into the demo district, with their files
(demo/pictures.py). Safe to run again: a story that exists by author and title is kept."""

from __future__ import annotations

import zoneinfo
from datetime import timedelta

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from demo.pictures import ILLUSTRATED_STORIES, attachments_by_story
from demo.story_texts import STORIES
from schools.models import District, Membership, School, User
from successes.models import Attachment, SuccessStory, Theme


def load_demo_stories(district: District) -> int:
    """Create the demo stories that are missing in `district`; return how many were made."""
    try:
        today = timezone.localdate(timezone=zoneinfo.ZoneInfo(district.time_zone))
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        today = timezone.localdate()
    themes = {theme.name.lower(): theme for theme in Theme.objects.filter(district=district)}
    emails = {spec["author"] for spec in STORIES}
    users = {user.email.lower(): user for user in User.objects.filter(email__in=emails)}
    memberships = (Membership.objects.active().filter(district=district, user__in=users.values())
                   .select_related("school").order_by("created_at", "id"))
    in_district: set[int] = set()
    school_of: dict[int, School] = {}
    for membership in memberships:
        in_district.add(membership.user_id)
        if membership.school is not None:
            school_of.setdefault(membership.user_id, membership.school)

    created = 0
    by_key: dict[str, SuccessStory] = {}
    new_keys: set[str] = set()
    with transaction.atomic():
        for spec in STORIES:
            author = users.get(spec["author"])
            if author is None or author.pk not in in_district:
                continue
            story = SuccessStory.objects.filter(district=district, author=author,
                                                title=spec["title"]).first()
            if story is None:
                story = SuccessStory.objects.create(
                    author=author,
                    district=district,
                    school=school_of.get(author.pk),
                    title=spec["title"],
                    before=spec["before"],
                    what_went_right=spec["what_went_right"],
                    actions=spec["actions"],
                    conditions=spec["conditions"],
                    why_it_worked=spec["why_it_worked"],
                    happened_on=today - timedelta(days=spec["days_ago"]),
                    grade_band=spec["grade_band"],
                    subject=spec["subject"],
                    free_tags=list(spec["free_tags"]),
                    evidence_kinds=list(spec["evidence_kinds"]),
                    visibility=spec["visibility"],
                    show_name=spec["show_name"],
                )
                story.themes.set([themes[name.lower()] for name in spec["themes"]
                                  if name.lower() in themes])
                created += 1
                new_keys.add(spec["key"])
            by_key[spec["key"]] = story

        for spec in STORIES:
            source = by_key.get(spec["grew_from"] or "")
            story = by_key.get(spec["key"])
            if spec["key"] in new_keys and source is not None and story.grew_from_id is None:
                story.grew_from = source
                story.save(update_fields=["grew_from", "updated_at"])

        wanted = [key for key in ILLUSTRATED_STORIES
                  if key in by_key and not by_key[key].attachments.exists()]
        if wanted:
            files = attachments_by_story()
            for key in wanted:
                for kind, name, content_type, data in files[key]:
                    attachment = Attachment(story=by_key[key], kind=kind, original_name=name,
                                            content_type=content_type, size=len(data))
                    attachment.file.save(name, ContentFile(data), save=True)
    return created
