"""After the workers were down for a week, only what is still useful goes out; the rest ends
"too late" (each kind's `late_after`): a reminder of a session that already took place, a
first follow-up once the second is due, a call for successes once a story was chosen, last
week's digest once this week's is due."""

from collections import Counter
from datetime import date, datetime, timedelta

import time_machine

from forums.actions.scheduling import plan_cycle, schedule_session
from forums.models import Commitment, ProtocolKind
from forums.protocols import shipped_protocol
from mail.models import Delivery
from mail.outbox import plan_everything
from tests.factories import StoryFactory
from tests.mail.fault_setup import record_fault
from tests.mail.outbox_setup import CHICAGO, run_outbox

WORKERS_STOP = datetime(2026, 11, 16, 6, 0, tzinfo=CHICAGO)  # Monday
WORKERS_BACK = datetime(2026, 11, 23, 12, 0, tzinfo=CHICAGO)  # Monday, a week later


def session(cycle, kind, starts_at):
    return schedule_session(cycle=cycle, kind=kind, starts_at=starts_at, minutes=50,
                            protocol=shipped_protocol(kind), place="Library")


def outcome() -> dict[str, Counter]:
    by_status: dict[str, Counter] = {}
    for kind, status in Delivery.objects.values_list("kind", "status"):
        by_status.setdefault(status, Counter())[kind] += 1
    return by_status


def test_a_week_of_downtime_sends_only_what_is_still_useful(smtp, forum, teacher, colleague,
                                                           district_leader):
    with time_machine.travel(datetime(2026, 11, 13, 10, 0, tzinfo=CHICAGO), tick=False):
        cycle = plan_cycle(forum=forum, title="Belonging", starts_on=date(2026, 11, 16),
                           ends_on=date(2026, 12, 31))
        StoryFactory(author=teacher, visibility="district", title="Before the outage")
        run_outbox()  # the workers still run: nothing is due yet
    with time_machine.travel(datetime(2026, 11, 16, 10, 0, tzinfo=CHICAGO), tick=False):
        this_week = session(cycle, ProtocolKind.ANALYSIS,
                            datetime(2026, 11, 18, 15, 30, tzinfo=CHICAGO))
        this_week.story = StoryFactory(author=teacher, visibility="school")
        this_week.presenter = teacher
        this_week.save()  # a story is chosen: the call for successes has done its work
        session(cycle, ProtocolKind.REVIEW, datetime(2026, 11, 24, 15, 30, tzinfo=CHICAGO))
        Commitment.objects.create(session=this_week, user=colleague, what="Try it",
                                  due_on=date(2026, 11, 16))
    with time_machine.travel(datetime(2026, 11, 18, 12, 0, tzinfo=CHICAGO), tick=False):
        StoryFactory(author=teacher, visibility="district", title="During the outage")
    moment = WORKERS_STOP
    while moment < WORKERS_BACK:  # beat goes on planning; nothing is sent
        plan_everything(moment)
        moment += timedelta(hours=6)
    with time_machine.travel(WORKERS_BACK, tick=False):
        run_outbox()
    result = outcome()
    assert result["sent"] == {
        "session_invite": 3,  # next Tuesday's review session
        "session_reminder": 3,  # ...its 48-hour reminder (the 2-hour one is not due)
        "commitment_followup": 1,  # the second follow-up
        "district_digest": 1,  # the week just ended
    }
    assert result["too_late"] == {
        "session_invite": 3, "session_reminder": 6,  # Wednesday's session took place
        "presenter_preparation": 1,
        "call_for_successes": 3,  # a story was chosen
        "commitment_followup": 1,  # the first, once the second was due
        "district_digest": 1,  # the week before
    }
    assert result["pending"] == {"session_reminder": 3}
    [digest] = [m for m in smtp.to(district_leader.email) if "schools learned" in m["Subject"]]
    assert "During the outage" in smtp.body(digest)
    second = Delivery.objects.get(kind="commitment_followup", status="sent")
    assert second.payload["number"] == 2
    record_fault("a week with the workers down (beat still planning)", smtp, expected=8)
