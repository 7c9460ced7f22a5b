"""A teacher's working life in the app, and a colleague's next to it, for the privacy tests."""

from dataclasses import dataclass
from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from forums.models import Card, Commitment, ForumMember, Session, TryOutcome, TryReport
from mail.models import NotificationSettings
from schools.models import User
from successes.actions import add_attachment, autosave_draft, delete_story
from successes.models import Attachment, Spotlight, StoryDraft, SuccessStory, TryIntent
from tests.factories import StoryFactory
from tests.forums.factories import ForumFactory, SessionFactory

PDF = b"%PDF-1.4\n% my lesson plan\n%%EOF\n"


@dataclass
class Life:
    private: SuccessStory
    school: SuccessStory
    district: SuccessStory
    trashed: SuccessStory
    attachment: Attachment
    session: Session
    open_commitment: Commitment
    tried_commitment: Commitment
    colleague_story: SuccessStory
    colleague_private: SuccessStory


def working_life(teacher: User, colleague: User, principal: User) -> Life:
    """Stories of every visibility (one in the trash), a draft, a PDF, a forum with cards,
    commitments and a report - and a colleague's words in the same places."""
    private = StoryFactory(author=teacher, visibility="private", title="My private note")
    school = StoryFactory(author=teacher, visibility="school", title="Shared with my school")
    district = StoryFactory(author=teacher, visibility="district", title="Shared widely")
    trashed = StoryFactory(author=teacher, visibility="district", title="Binned story")
    delete_story(story=trashed)
    attachment = add_attachment(story=private, upload=SimpleUploadedFile(
        "plan.pdf", PDF, "application/pdf"))
    autosave_draft(author=teacher, story=None, data={"title": ["Half a thought"]})
    autosave_draft(author=teacher, story=district, data={"title": ["Shared widely, v2"]})
    NotificationSettings.objects.create(user=teacher, muted_kinds=["spotlight"])

    colleague_story = StoryFactory(author=colleague, visibility="district",
                                   title="Colleague's public story")
    colleague_private = StoryFactory(author=colleague, visibility="private",
                                     title="Colleague's private story")
    TryIntent.objects.create(story=colleague_story, user=teacher)
    Spotlight.objects.create(noticed_by=teacher, colleague=colleague, school=school.school,
                             note="Lovely warm-up routine")
    Spotlight.objects.create(noticed_by=colleague, colleague=teacher, school=school.school,
                             note="Colleague noticed this")

    forum = ForumFactory(school=school.school, creator=principal, name="Grade 7 team")
    for person in (teacher, colleague):
        ForumMember.objects.create(forum=forum, user=person)
    session = SessionFactory(cycle__forum=forum)
    Card.objects.create(session=session, step=1, author=teacher, kind="question",
                        text="My card about exit tickets")
    Card.objects.create(session=session, step=1, author=colleague, kind="question",
                        text="Colleague card text")
    due = timezone.localdate() + timedelta(days=10)
    open_commitment = Commitment.objects.create(session=session, user=teacher, due_on=due,
                                                what="Try exit tickets with 7B")
    tried_commitment = Commitment.objects.create(session=session, user=teacher, due_on=due,
                                                 what="Try cold calling")
    TryReport.objects.create(commitment=tried_commitment, outcome=TryOutcome.AS_IS,
                             what_happened="It went well", worked=True)
    TryReport.objects.create(commitment=open_commitment, outcome=TryOutcome.NOT_YET)
    Commitment.objects.create(session=session, user=colleague, due_on=due,
                              what="Colleague commitment")
    return Life(private, school, district, trashed, attachment, session, open_commitment,
                tried_commitment, colleague_story, colleague_private)


def drafts_of(user: User) -> list[StoryDraft]:
    return list(StoryDraft.objects.filter(author=user))
