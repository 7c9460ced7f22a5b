"""A district digest to many readers leaves in batches (mail.sending): claimed with SKIP
LOCKED, sent over one SMTP connection, recorded in one UPDATE - each e-mail exactly once, with
a query count per batch that does not grow with the batch, and nothing sent twice when a
worker dies mid-batch.

The digest of the week of 16-22 November 2026 (Chicago), sent on Monday the 23rd, to district
leaders of Riverside: one story shared with the district on Wednesday the 18th."""

import email
import email.policy
import re
import threading
from datetime import datetime, timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from learning import shared_digests
from lib.redis import client as redis_client
from mail import messages, outbox, sending, tasks
from mail.models import Delivery
from mail.outbox import plan_everything
from mail.preferences import read_unsubscribe_link, update_preferences
from mail.smtp import Session as SmtpSession
from mail.smtp import as_wire
from schools.access import roles_for
from schools.models import Role
from tests.factories import StoryFactory, member
from tests.mail.outbox_setup import CHICAGO

WEDNESDAY = datetime(2026, 11, 18, 10, 0, tzinfo=CHICAGO)
MONDAY = datetime(2026, 11, 23, 7, 1, tzinfo=CHICAGO)
SHARED_STORY = "Exit tickets read aloud"


@pytest.fixture
def readers(district, teacher):
    """make(n): n more district leaders of Riverside (one digest each on Monday)."""
    with time_machine.travel(WEDNESDAY, tick=False):
        StoryFactory(author=teacher, visibility="district", title=SHARED_STORY)
    made = []

    def make(n: int) -> list:
        start = len(made)
        made.extend(member(role=Role.DISTRICT_LEADER, district=district,
                           name=f"Leader {start + i}", email=f"leader{start + i}@example.org")
                    for i in range(n))
        return made[start:]

    yield make
    shared_digests.forget()


def digests():
    return Delivery.objects.filter(kind="district_digest")


def planned(readers, n: int) -> list:
    people = readers(n)
    plan_everything(MONDAY)
    shared_digests.forget()  # each test starts with no digest kept in this process
    return people


def test_each_reader_gets_their_digest_once_over_one_connection(smtp, readers, monkeypatch):
    people = planned(readers, 5)
    opened, enter = [], SmtpSession.__enter__
    monkeypatch.setattr(SmtpSession, "__enter__", lambda self: opened.append(self) or enter(self))
    with time_machine.travel(MONDAY, tick=False):
        assert sending.send_batch(sending.claim_batch()) == {"sent": 5}
    assert len(opened) == 1
    assert sorted(str(m["To"]) for m in smtp.messages) == sorted(p.email for p in people)
    assert set(digests().values_list("status", "phase")) == {("sent", "accepted")}


@pytest.mark.django_db(transaction=True)
def test_two_senders_racing_on_the_same_rows_send_each_email_once(smtp, readers, settings):
    people = planned(readers, 12)
    start, claimed = threading.Barrier(2), []

    def sender():
        try:
            start.wait()
            while batch := sending.claim_batch(size=2):
                claimed.append([d.pk for d in batch])
                sending.send_batch(batch)
        finally:
            connection.close()

    with time_machine.travel(MONDAY, tick=False):
        threads = [threading.Thread(target=sender) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    ids = [pk for batch in claimed for pk in batch]
    assert sorted(ids) == sorted(digests().values_list("id", flat=True))  # each claimed once
    assert sorted(str(m["To"]) for m in smtp.messages) == sorted(p.email for p in people)
    assert set(smtp.copies().values()) == {1}
    assert set(digests().values_list("status", flat=True)) == {"sent"}


def test_a_tick_sends_the_whole_fan_out_with_no_cap(smtp, readers, monkeypatch):
    people = planned(readers, 7)
    monkeypatch.setattr(sending, "BATCH", 2)  # 4 full batches and a short one
    with time_machine.travel(MONDAY, tick=False):
        tasks.tick()
    assert sorted(str(m["To"]) for m in smtp.messages) == sorted(p.email for p in people)
    assert set(digests().values_list("status", flat=True)) == {"sent"}


def queries_to_send(size: int, *, kept: bool = False) -> int:
    if not kept:
        shared_digests.forget()
    batch = sending.claim_batch(size=size)
    assert len(batch) == size
    with CaptureQueriesContext(connection) as queries:
        assert sending.send_batch(batch) == {"sent": size}
    return len(queries)


def test_a_batch_costs_the_same_queries_whatever_its_size(smtp, readers):
    planned(readers, 2 + 3 + 9 + 9)
    with time_machine.travel(MONDAY, tick=False):
        queries_to_send(2)  # the rising themes are counted once, then kept in Redis
        small, large = queries_to_send(3), queries_to_send(9)
        kept = queries_to_send(9, kept=True)
    assert small == large
    # Roles, time zones, choices (and the defaults of those who never chose), content
    # leaving, outcomes; and the digest, built once per process and language (then kept:
    # learning.shared_digests; its own count is pinned with the digest). The claim is one more.
    assert kept == 6
    assert large > kept


def test_readers_sharing_a_digest_get_exactly_what_their_own_build_would_give(
        smtp, readers, district_admin, district_leader):
    update_preferences(user=district_admin, digest_cadence="weekly", muted_kinds=[])
    planned(readers, 2)
    with time_machine.travel(MONDAY, tick=False):
        sending.send_batch(sending.claim_batch())
        for delivery in digests().select_related("recipient", "district"):
            shared_digests.forget()
            alone = messages.build(delivery)  # no batch: rendered for this reader alone
            [sent] = smtp.to(delivery.email)
            assert sent["Subject"] == alone.subject
            assert smtp.body(sent).replace("\r\n", "\n") == alone.body
            assert smtp.body(sent, "html").replace("\r\n", "\n") == alone.alternatives[0][0]
            assert SHARED_STORY in alone.body
            link = str(sent["List-Unsubscribe"]).strip().strip("<>")
            assert read_unsubscribe_link(link.rsplit("/", 2)[-2]) == (delivery.recipient,
                                                                     "district_digest")
            assert link in smtp.body(sent)


def test_only_readers_of_the_whole_district_share_a_digest(district_leader, district_admin,
                                                           teacher, principal,
                                                           leader_elsewhere):
    alike = {person: shared_digests.readers_alike(roles_for(person)) for person in
             (district_leader, district_admin, teacher, principal, leader_elsewhere)}
    assert alike[district_leader] == alike[district_admin] is not None
    assert alike[leader_elsewhere] not in (None, alike[district_leader])
    assert alike[teacher] is None and alike[principal] is None


# --- A worker that dies mid-batch -----------------------------------------------------------

class WorkerDied(BaseException):
    """As a SIGKILL would: nothing after it runs, no `except Exception` catches it."""


def dying_after_the_server_took(monkeypatch, count: int):
    """The worker dies just after the server accepted message `count`, before writing it
    down."""
    deliver, calls = SmtpSession.deliver, []

    def deliver_then_die(self, message, *, before_content):
        deliver(self, message, before_content=before_content)
        calls.append(message)
        if len(calls) == count:
            raise WorkerDied

    monkeypatch.setattr(SmtpSession, "deliver", deliver_then_die)


def later(minutes: int):
    return time_machine.travel(MONDAY + timedelta(minutes=minutes), tick=False)


def test_a_batch_whose_worker_died_is_picked_up_after_its_lease_and_nothing_repeats(
        smtp, readers, monkeypatch):
    people = planned(readers, 6)
    dying_after_the_server_took(monkeypatch, 3)
    with time_machine.travel(MONDAY, tick=False), pytest.raises(WorkerDied):
        sending.send_batch(sending.claim_batch())
    monkeypatch.undo()
    assert len(smtp.messages) == 3
    assert set(digests().values_list("status", flat=True)) == {"sending"}
    with later(5):
        assert outbox.sweep_stuck() == 0  # still within the lease
    with later(11):
        tasks.tick()  # the sweep settles the batch, then the rest is sent
    first, second, third = (Delivery.objects.get(email=p.email) for p in people[:3])
    assert (first.status, second.status) == ("sent", "sent")  # the journal had their 250
    assert first.sent_at is not None
    assert third.status == "uncertain"  # died between the 250 and writing it down
    assert sorted(str(m["To"]) for m in smtp.messages) == sorted(p.email for p in people)
    assert set(smtp.copies().values()) == {1}
    assert digests().filter(status="sent").count() == 5


def test_a_lost_journal_leaves_the_batch_uncertain_and_sends_nothing_twice(
        smtp, readers, monkeypatch):
    planned(readers, 4)
    dying_after_the_server_took(monkeypatch, 2)
    with time_machine.travel(MONDAY, tick=False), pytest.raises(WorkerDied):
        sending.send_batch(sending.claim_batch())
    monkeypatch.undo()
    for key in redis_client().scan_iter("*mail-batch:*"):
        redis_client().delete(key)  # Redis restarted meanwhile
    with later(11):
        tasks.tick()
    assert set(digests().values_list("status", flat=True)) == {"uncertain"}
    assert len(smtp.messages) == 2 and set(smtp.copies().values()) == {1}


def test_a_worker_that_died_before_any_content_left_loses_nothing(smtp, readers,
                                                                  monkeypatch):
    people = planned(readers, 3)

    def dies(*_args, **_kwargs):
        raise WorkerDied

    monkeypatch.setattr(sending, "_mark_leaving", dies)
    with time_machine.travel(MONDAY, tick=False), pytest.raises(WorkerDied):
        sending.send_batch(sending.claim_batch())
    monkeypatch.undo()
    with later(11):
        tasks.tick()
    assert sorted(str(m["To"]) for m in smtp.messages) == sorted(p.email for p in people)
    assert set(digests().values_list("status", flat=True)) == {"sent"}


def parsed(wire: bytes) -> tuple[dict, list[str]]:
    message = email.message_from_bytes(wire, policy=email.policy.default)
    headers = {name: re.sub(r'boundary="[^"]+"', "boundary", " ".join(str(value).split()))
               for name, value in message.items() if name != "Date"}  # the batch's Date
    return headers, [part.get_content() for part in message.walk()
                     if not part.is_multipart()]


def test_the_shared_wire_form_says_what_each_message_encoded_alone_says(smtp, readers):
    planned(readers, 3)
    batch = sending.claim_batch()
    shared = messages.Batch(batch)
    with time_machine.travel(MONDAY, tick=False):
        built = [messages.build(delivery, batch=shared) for delivery in batch]
    assert all(message.wire for message in built)  # encoded once for the three
    for message in built:
        assert parsed(message.wire) == parsed(as_wire(message))
        assert message.to[0].encode() in message.wire
