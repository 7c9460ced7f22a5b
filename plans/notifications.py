"""The notifications of learning plans (declared to notifications.registry), shown only while
the reader may still read the plan (plans.access): once the owner stops sharing it or closes
it, the news of it disappears too. They say who acted, never what the plan says.

- `plan_shared`: a colleague shared their learning plan with you;
- `plan_comment`: someone commented on a plan you own or read (told to the owner and its
  other readers; never to the person who wrote it).

Both are e-mailed as GROWTH_NEWS, per the person's e-mail settings (plans.emails).
"""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from mail.models import EmailKind
from notifications.actions import notify
from notifications.registry import Shown, declare
from plans.access import plans_visible_to
from plans.models import LearningPlan, PlanComment, PlanReader

PLAN_SHARED = "plan_shared"
PLAN_COMMENT = "plan_comment"


# --- Told from plans.actions ----------------------------------------------------------------

def tell_shared(share: PlanReader) -> None:
    plan = share.plan
    notify(kind=PLAN_SHARED, recipients=[share.reader], district=plan.district,
           target_id=plan.pk, actor=plan.owner)


def tell_comment(comment: PlanComment) -> None:
    plan = comment.plan
    readers = [share.reader for share in plan.readers.select_related("reader")]
    notify(kind=PLAN_COMMENT, recipients=[plan.owner, *readers], district=plan.district,
           target_id=comment.pk, actor=comment.author)


# --- Shown to their reader -------------------------------------------------------------------

def show_shared(notes: list, reader) -> dict[int, Shown]:
    readable = set(plans_visible_to(reader).current().filter(
        pk__in={note.target_id for note in notes}).values_list("pk", flat=True))
    return {note.pk: Shown(
        _("%(name)s shared their learning plan with you.") % {"name": note.actor},
        reverse("plans:detail", args=[note.target_id]))
        for note in notes if note.target_id in readable and note.actor is not None}


def show_comments(notes: list, reader) -> dict[int, Shown]:
    comments = {c.pk: c for c in PlanComment.objects.filter(
        pk__in={note.target_id for note in notes},
        plan__in=plans_visible_to(reader).current()).select_related("plan__owner", "author")}
    shown = {}
    for note in notes:
        comment = comments.get(note.target_id)
        if comment is None:
            continue
        plan: LearningPlan = comment.plan
        if plan.owner_id == reader.pk:
            text = _("%(name)s commented on your learning plan.") % {"name": comment.author}
        elif comment.author_id == plan.owner_id:
            text = _("%(name)s answered on their learning plan.") % {"name": comment.author}
        else:
            text = _("%(name)s commented on the learning plan of %(owner)s.") % {
                "name": comment.author, "owner": plan.owner}
        shown[note.pk] = Shown(text, reverse("plans:detail", args=[plan.pk])
                               + f"#comment-{comment.pk}")
    return shown


declare(PLAN_SHARED, show=show_shared, email=EmailKind.GROWTH_NEWS)
declare(PLAN_COMMENT, show=show_comments, email=EmailKind.GROWTH_NEWS)
