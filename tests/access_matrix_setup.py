"""One realistic data set for the access matrix (tests/test_access_matrix.py).

Riverside (Heritage and Lakeview) holds what the teacher, Maya, owns: a private, a school and a
district story, a story in her trash, a file on the private and on the school story, her
tokens (unsubscribe, sign-in link, calendar feed) and a commitment with a try report. Heritage
has a forum (the principal facilitates; Maya and her colleague Daniel are members) with a cycle,
a live session that features Maya's school story (she accepted to present it), a card and an
insight in it, and a review session where Maya reported her try. The district leader runs a
collective whose scheduled session features Daniel's story, whose byline hides his name from
other schools. Elsewhere, another tenant, has the same kinds of things, owned by people who
are not columns of the matrix (Ines teaches at Northside, Olaf leads it); Sam teaches at
Heritage and at Northside.

Every object carries a planted word (ZQ...) and `PLANTED` says who may ever read it: a page
or export that shows a word to anyone else leaks it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from forums import join_codes
from forums.actions import follow_up, join, membership, scheduling, story_choice
from forums.actions import live as live_actions
from forums.models import Circle, ForumMember, ProtocolKind
from forums.try_links import try_link_token
from mail import preferences
from mail.models import Delivery, DeliveryStatus, EmailKind
from notifications.models import Notification
from schools import actions as school_actions
from schools import import_actions, setup, signin, sso
from schools.models import Membership, Role, SignOnKind
from successes import actions as story_actions
from tests.access_matrix import growth_world, plans_world, pulse_world, rounds_world
from tests.factories import SchoolFactory, StoryFactory, ThemeFactory, member
from tests.forums.factories import ProtocolTemplateFactory

# The people of the matrix, in the order of its columns.
PEOPLE = ("anonymous", "teacher", "colleague", "teacher_elsewhere", "principal",
          "district_leader", "district_admin", "leader_elsewhere", "admin_elsewhere")

HERITAGE = frozenset({"teacher", "colleague", "principal"})
# Who sees the Heritage forum and its records: its school's staff, district leaders and admins.
FORUM_READERS = HERITAGE | {"district_leader", "district_admin"}
RIVERSIDE = FORUM_READERS | {"teacher_elsewhere"}
ELSEWHERE = frozenset({"leader_elsewhere", "admin_elsewhere"})
NOBODY = frozenset()

# Planted word -> the people who may read it (case-insensitive match in any response body).
PLANTED: dict[str, frozenset[str]] = {
    "ZQPRIVATE": frozenset({"teacher"}),  # Maya's private story and its file
    "ZQTRASHED": frozenset({"teacher"}),  # a story in Maya's trash
    "ZQSCHOOL": HERITAGE,  # Maya's story shared with her school (featured in the session)
    "ZQDISTRICT": RIVERSIDE,  # Maya's story shared with the district
    "Maya Okafor": RIVERSIDE,  # the teacher's name never leaves her district
    "Daniel Reyes": FORUM_READERS,  # hid his name from other schools on his story
    "ZQSPOTLIGHT": frozenset({"teacher", "colleague"}),  # Daniel spotlighted Maya's class
    "ZQPROTOCOL": RIVERSIDE,  # Riverside's own protocol template
    "ZQCOLLECTIVE": RIVERSIDE,  # a collective is seen by everyone in its district
    "ZQFORUM": FORUM_READERS,  # the Heritage forum's name
    "ZQCYCLE": FORUM_READERS,
    "ZQCARD": FORUM_READERS,  # a card posted in the live session
    "ZQINSIGHT": FORUM_READERS,
    "ZQCOMMIT": FORUM_READERS,  # Maya's commitment, in the session record
    "ZQTRY": FORUM_READERS,  # Maya's try report, in the session record
    "ZQNORTHSIDE": ELSEWHERE,  # Elsewhere's school (a Heritage teacher also works there)
    "ZQINES": ELSEWHERE,  # Elsewhere's teacher
    "ZQELSESTORY": ELSEWHERE,  # shared with Elsewhere's district
    "ZQELSEPRIVATE": NOBODY,  # Ines's private story: no column may read it
    "ZQELSEFORUM": ELSEWHERE,
    "ZQELSERECORD": ELSEWHERE,  # card, insight, commitment and try report at Elsewhere
    "ZQSSOCLIENT": frozenset({"district_admin"}),  # Riverside's single sign-on client id
    "ZQIMPORT": frozenset({"district_admin"}),  # a staff file Riverside's admin uploaded
    "ZQELSEIMPORT": frozenset({"admin_elsewhere"}),
    # Emily's word to the collective's facilitator, with her request to join it
    "ZQJOIN": frozenset({"teacher_elsewhere", "district_leader"}),
}
# Each later app plants its own words (tests/access_matrix/<app>_world.py).
EXTRA_WORLDS = (growth_world, plans_world, rounds_world, pulse_world)
for _extra in EXTRA_WORLDS:
    PLANTED.update(_extra.PLANTED)


@dataclass
class World:
    people: dict  # column name -> User (no "anonymous")
    targets: dict = field(default_factory=dict)  # label -> URL kwargs ("?" = query string)
    live_session_ids: list = field(default_factory=list)


def pdf_file(name: str, word: str) -> SimpleUploadedFile:
    """A file kept as uploaded (PDFs are not re-encoded), so its bytes carry the word."""
    return SimpleUploadedFile(f"{name}.pdf", f"%PDF-1.4\n% {word} notes\n%%EOF\n".encode(),
                              "application/pdf")


def story(author, word: str, visibility: str, **fields):
    return StoryFactory(author=author, visibility=visibility, title=f"Exit tickets {word}",
                        what_went_right=f"Students wrote {word} every day.", **fields)


def live_session(*, cycle, featuring, requested_by, protocol):
    """A session whose story's author accepted to present it, live at step 3, which
    collects question cards."""
    session = scheduling.schedule_session(
        cycle=cycle, kind=ProtocolKind.ANALYSIS, starts_at=timezone.now(), minutes=50,
        protocol=protocol, place="Library")
    ask = story_choice.request_presenter(session=session, story=featuring,
                                         requested_by=requested_by)
    story_choice.answer_presenter_request(request=ask, accept=True)
    session.refresh_from_db()
    session = live_actions.start_session(session=session)
    session = live_actions.go_to_step(session=session, step=2)
    return session, ask


def review_session(cycle, protocol):
    return scheduling.schedule_session(
        cycle=cycle, kind=ProtocolKind.REVIEW, starts_at=timezone.now() + timedelta(days=7),
        minutes=50, protocol=protocol, place="Library")


def record(*, session, review, card_author, documenter, committer, word: str, theme):
    """A card, an insight from the session, a commitment to it and a try that worked,
    reported in the forum's review session."""
    card = live_actions.add_card(session=session, author=card_author, kind="question",
                                 text=f"Card {word}")
    insight = live_actions.save_insight(
        session=session, by=documenter, situation=f"When {word} happens",
        goal="students explain their thinking", action="ask for exit tickets",
        themes=[theme])
    commitment = live_actions.make_commitment(
        session=session, user=committer, what=f"Try {word} in grade 7", with_whom="7B",
        due_on=timezone.localdate() + timedelta(days=7), insight=insight)
    report = follow_up.report_try(commitment=commitment, outcome="as_is", worked=True,
                                  what_happened=f"It went {word}", session=review)
    return card, insight, commitment, report


def uncertain_delivery(district, email: str) -> int:
    """An e-mail whose server answer was lost: its district's admin may send it again."""
    return Delivery.objects.create(
        key=f"uncertain:{email}", kind=EmailKind.SPOTLIGHT, email=email, district=district,
        scheduled_for=timezone.now(), status=DeliveryStatus.UNCERTAIN, payload={"spotlight": 0},
    ).pk


def build(*, district, school, other_school, other_district, teacher, colleague,
          teacher_elsewhere, principal, district_leader, district_admin, leader_elsewhere,
          admin_elsewhere) -> World:
    world = World(people={
        "teacher": teacher, "colleague": colleague, "teacher_elsewhere": teacher_elsewhere,
        "principal": principal, "district_leader": district_leader,
        "district_admin": district_admin, "leader_elsewhere": leader_elsewhere,
        "admin_elsewhere": admin_elsewhere})
    t = world.targets
    _riverside(t, world, district=district, school=school, teacher=teacher,
               colleague=colleague, principal=principal, district_leader=district_leader,
               district_admin=district_admin)
    _elsewhere(t, world, district=other_district, school=school)
    _joining(t, world)
    for extra in EXTRA_WORLDS:
        extra.build(t, world, district=district, school=school, other_district=other_district)
    for label, where, by, line in (
            ("import_job", district, district_admin,
             "nia@riverside.example,Nia ZQIMPORT,Heritage Middle School,teacher"),
            ("elsewhere_import_job", other_district, admin_elsewhere,
             "ola@elsewhere.example,Ola ZQELSEIMPORT,,district leader")):
        job = import_actions.start_import(district=where, by=by, file_name=f"{label}.csv",
                                          data=f"email,name,school,role\n{line}\n".encode())
        t[label] = {"pk": job.pk}
    sso.save_sign_on(district=district, actor=district_admin, kind=SignOnKind.GOOGLE,
                     tenant="", issuer_url="", client_id="ZQSSOCLIENT.apps.example",
                     client_secret="a-secret", domains=["riverside.example"], is_enabled=True)
    t.update(sign_on={"slug": district.slug}, no_sign_on={"slug": other_district.slug})
    t["session_with_elsewhere_insight"] = {"pk": t["live_session"]["pk"],
                                           "insight_id": t["elsewhere_insight"]["pk"]}
    t["insight_from_elsewhere_card"] = {"pk": t["live_session"]["pk"],
                                        "?": f"card={t['elsewhere_card']['pk']}"}
    return world


def _riverside(t, world, *, district, school, teacher, colleague, principal, district_leader,
               district_admin) -> None:
    theme = ThemeFactory(district=district, name="Attendance")
    t["theme"] = {"?": f"theme={theme.pk}"}
    private = story(teacher, "ZQPRIVATE", "private")
    school_story = story(teacher, "ZQSCHOOL", "school")
    shared = story(teacher, "ZQDISTRICT", "district", free_tags=["exit tickets"])
    for each in (private, school_story, shared):
        each.themes.set([theme])
    hidden_name = story(colleague, "praise wall", "district", show_name=False,
                        grade_band="6-8", subject="Science")
    trashed = story(teacher, "ZQTRASHED", "private")
    story_actions.delete_story(story=trashed)
    private_file = story_actions.add_attachment(story=private,
                                                upload=pdf_file("diary", "ZQPRIVATE"))
    school_file = story_actions.add_attachment(story=school_story,
                                               upload=pdf_file("tickets", "ZQSCHOOL"))
    t.update(private_story={"pk": private.pk}, school_story={"pk": school_story.pk},
             district_story={"pk": shared.pk}, hidden_name_story={"pk": hidden_name.pk},
             trashed_story={"pk": trashed.pk},
             private_file={"pk": private.pk, "attachment_id": private_file.pk},
             school_file={"pk": school_story.pk, "attachment_id": school_file.pk},
             # a story Riverside reads, with the private story's file id
             file_of_other_story={"pk": shared.pk, "attachment_id": private_file.pk})

    spotlight = story_actions.spotlight_colleague(noticed_by=colleague, colleague=teacher,
                                                  note="Great exit tickets ZQSPOTLIGHT")
    t.update(spotlight={"pk": spotlight.pk},
             from_spotlight={"?": f"spotlight={spotlight.pk}"},
             growing_from_private_story={"?": f"grew_from={private.pk}"})

    protocol = ProtocolTemplateFactory(district=district, name="Riverside ZQPROTOCOL")
    t["protocol"] = {"pk": protocol.pk}
    forum = membership.create_forum(creator=principal, district=district, school=school,
                                    name="Heritage ZQFORUM team")
    membership.add_members(forum=forum, users=[teacher, colleague], circle=Circle.CORE)
    today = timezone.localdate()
    cycle = scheduling.plan_cycle(forum=forum, title="Feedback ZQCYCLE",
                                  starts_on=today - timedelta(days=10),
                                  ends_on=today + timedelta(days=50), focus_theme=theme)
    session, ask = live_session(cycle=cycle, featuring=school_story, requested_by=principal,
                                protocol=protocol)
    review = review_session(cycle, protocol)
    _card, insight, commitment, report = record(
        session=session, review=review, card_author=colleague, documenter=principal,
        committer=teacher, word="ZQCARD ZQINSIGHT ZQCOMMIT ZQTRY", theme=theme)
    world.live_session_ids.append(session.pk)
    t["live_session_code"] = {"code": join_codes.code_for(session.pk)}
    t.update(forum={"pk": forum.pk}, cycle={"pk": cycle.pk}, live_session={"pk": session.pk},
             review_session={"pk": review.pk}, presenter_request={"pk": ask.pk},
             insight={"pk": insight.pk},
             session_insight={"pk": session.pk, "insight_id": insight.pk},
             forum_member={"pk": forum.pk, "member_id": ForumMember.objects.get(
                 forum=forum, user=teacher).pk},
             commitment={"pk": commitment.pk}, try_report={"pk": report.pk},
             commitment_in_its_review={"pk": commitment.pk, "?": f"session={review.pk}"},
             try_link={"token": try_link_token(commitment, "adapted")},
             tampered_try_link={"token": try_link_token(commitment, "adapted")[:-2] + "xx"})

    collective = membership.create_forum(creator=district_leader, district=district,
                                         school=None, name="ZQCOLLECTIVE collective")
    collective_cycle = scheduling.plan_cycle(
        forum=collective, title="Round one", starts_on=today, ends_on=today + timedelta(days=40))
    collective_session = scheduling.schedule_session(
        cycle=collective_cycle, kind=ProtocolKind.ANALYSIS,
        starts_at=timezone.now() + timedelta(days=3), minutes=50, protocol=protocol)
    # Daniel, who hid his name from other schools, agreed to present his story; he is not a
    # member of the collective, so the Lakeview teacher never learns his name from it.
    ask = story_choice.request_presenter(session=collective_session, story=hidden_name,
                                         requested_by=district_leader)
    story_choice.answer_presenter_request(request=ask, accept=True)
    t.update(collective={"pk": collective.pk}, collective_cycle={"pk": collective_cycle.pk},
             collective_session={"pk": collective_session.pk},
             # Maya may see the collective's session, but her commitment is not from there
             commitment_in_another_forum={"pk": commitment.pk,
                                          "?": f"session={collective_session.pk}"})

    invitation = school_actions.invite_person(
        district=district, email="newcomer@riverside.example", role=Role.TEACHER,
        school=school, invited_by=district_admin, name="Nia Newcomer")
    link = signin.create_sign_in_link(user=teacher, next_url="/forums/")
    t.update(invitation={"token": invitation.token}, waiting_invitation={"pk": invitation.pk},
             school_page={"pk": school.pk}, theme_page={"pk": theme.pk},
             riverside={"pk": district.pk},
             unsubscribe={"token": preferences.unsubscribe_token(
                 teacher, EmailKind.SESSION_REMINDER)},
             sign_in_link={"token": link.rstrip("/").rsplit("/", 1)[1]},
             setup_link={"token": setup.setup_link().rstrip("/").rsplit("/", 1)[1]},
             calendar_feed={"token": preferences.settings_for(teacher).calendar_token},
             staff_member={"pk": colleague.pk},
             membership={"pk": colleague.pk, "membership_id": Membership.objects.get(
                 user=colleague).pk},
             uncertain_delivery={"pk": uncertain_delivery(district, "newcomer@riverside.example")})


def _elsewhere(t, world, *, district, school) -> None:
    """Another tenant. A Heritage teacher also teaches at its school Northside."""
    northside = SchoolFactory(district=district, name="Northside ZQNORTHSIDE",
                              slug="northside")
    ines = member(role=Role.TEACHER, school=northside, name="Ines ZQINES",
                  email="ines@elsewhere.example")
    olaf = member(role=Role.SCHOOL_LEADER, school=northside, name="Olaf Lund",
                  email="olaf@elsewhere.example")
    both = member(role=Role.TEACHER, school=school, name="Sam Twoschools",
                  email="sam@riverside.example")
    Membership.objects.create(user=both, role=Role.TEACHER, school=northside,
                              district=district)
    theme = ThemeFactory(district=district, name="Belonging")
    shared = story(ines, "ZQELSESTORY", "district")
    shared.themes.set([theme])
    private = story(ines, "ZQELSEPRIVATE", "private")
    shared_file = story_actions.add_attachment(story=shared,
                                               upload=pdf_file("shared", "ZQELSESTORY"))
    protocol = ProtocolTemplateFactory(district=district, name="Elsewhere ZQELSEFORUM")
    forum = membership.create_forum(creator=olaf, district=district, school=northside,
                                    name="Northside ZQELSEFORUM circle")
    membership.add_members(forum=forum, users=[ines], circle=Circle.CORE)
    today = timezone.localdate()
    cycle = scheduling.plan_cycle(forum=forum, title="Belonging ZQELSEFORUM",
                                  starts_on=today - timedelta(days=5),
                                  ends_on=today + timedelta(days=50))
    session, ask = live_session(cycle=cycle, featuring=shared, requested_by=olaf,
                                protocol=protocol)
    review = review_session(cycle, protocol)
    card, insight, commitment, report = record(
        session=session, review=review, card_author=ines, documenter=olaf, committer=ines,
        word="ZQELSERECORD", theme=theme)
    world.live_session_ids.append(session.pk)
    newcomer = school_actions.invite_person(
        district=district, email="newhire@elsewhere.example", role=Role.TEACHER,
        school=northside, invited_by=olaf, name="ZQINES Newhire")
    t.update(elsewhere_theme={"?": f"theme={theme.pk}"},
             elsewhere_theme_page={"pk": theme.pk}, elsewhere_school_page={"pk": northside.pk},
             elsewhere_invitation={"pk": newcomer.pk}, elsewhere={"pk": district.pk},
             elsewhere_story={"pk": shared.pk}, elsewhere_private_story={"pk": private.pk},
             elsewhere_file={"pk": shared.pk, "attachment_id": shared_file.pk},
             elsewhere_protocol={"pk": protocol.pk}, elsewhere_forum={"pk": forum.pk},
             elsewhere_cycle={"pk": cycle.pk}, elsewhere_session={"pk": session.pk},
             elsewhere_review_session={"pk": review.pk},
             elsewhere_presenter_request={"pk": ask.pk},
             elsewhere_insight={"pk": insight.pk}, elsewhere_card={"pk": card.pk},
             elsewhere_session_insight={"pk": session.pk, "insight_id": insight.pk},
             elsewhere_commitment={"pk": commitment.pk},
             elsewhere_try_report={"pk": report.pk},
             elsewhere_staff_member={"pk": ines.pk},
             elsewhere_membership={"pk": ines.pk, "membership_id": Membership.objects.get(
                 user=ines).pk},
             elsewhere_uncertain_delivery={"pk": uncertain_delivery(district,
                                                                    "ines@elsewhere.example")})


def _joining(t, world) -> None:
    """Emily (Lakeview) asks to join the collective the district leader runs; Maya's
    notifications include the Heritage forum's request that she present her story."""
    collective = ForumMember.objects.get(user=world.people["district_leader"]).forum
    ask = join.ask_to_join(forum=collective, user=world.people["teacher_elsewhere"],
                           message="I tried ZQJOIN with my class")
    note = Notification.objects.filter(recipient=world.people["teacher"],
                                       kind="presenter_request").get()
    t.update(join_request={"pk": ask.pk}, notification={"pk": note.pk})
