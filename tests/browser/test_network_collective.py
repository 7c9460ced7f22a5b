"""A network learns together across districts: the network's leader (Riverside's admin) forms
a cross-district collective from a rising theme of the network's digest and adds Maya
(Riverside) and Lena (Hillcrest); in a live session Lena posts a card from her phone and the
facilitator sees it; Lena logs evidence in the collective's inquiry plan and Maya reads it;
then Maya finds Lena's showcase and asks to connect."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import expect

from forums.actions import scheduling, story_choice
from forums.models import Forum, ProtocolKind
from forums.protocols import shipped_protocol
from networks import actions
from networks.models import NetworkDistrict
from showcase import actions as showcase
from showcase.models import ConnectionRequest
from tests.browser.conftest import sign_in
from tests.factories import (
    PASSWORD,
    DistrictFactory,
    Role,
    SchoolFactory,
    StoryFactory,
    ThemeFactory,
    member,
)


def shared(author, theme, title: str, days_ago: int, network):
    story = StoryFactory(author=author, visibility="network", network=network, title=title)
    story.themes.set([theme])
    story.created_at = timezone.now() - timedelta(days=days_ago)
    story.save(update_fields=["created_at"])
    return story


def test_a_network_forms_a_collective_runs_it_across_districts_and_colleagues_connect(
        new_page, site, district, district_admin, teacher, settings):
    network = actions.start_network(admin=district_admin, district=district,
                                    name="Foothills Network")
    hillcrest = DistrictFactory(name="Hillcrest", slug="hillcrest")
    NetworkDistrict.objects.create(network=network, district=hillcrest)
    lena = member(role=Role.TEACHER, school=SchoolFactory(district=hillcrest, name="Hill Middle"),
                  name="Lena Ortiz", email="lena@hillcrest.example")
    ours, theirs = (ThemeFactory(district=district, name="Feedback"),
                    ThemeFactory(district=hillcrest, name="Feedback"))
    mayas_story = shared(teacher, ours, "Exit tickets sort tomorrow's groups", 1, network)
    shared(lena, theirs, "One comment, one revision", 2, network)
    shared(lena, theirs, "Sentence starters for peer feedback", 3, network)

    # The leader forms a collective from the rising theme
    leader = new_page()
    sign_in(leader, site, district_admin.email, PASSWORD)
    leader.get_by_role("link", name="Networks").click()
    leader.get_by_role("link", name="Foothills Network").click()
    leader.get_by_role("link", name="Network digest").click()
    leader.get_by_role("link", name="Form a collective on this theme").first.click()
    expect(leader.get_by_role("heading", level=1)).to_have_text(
        "Form a cross-district collective")
    leader.get_by_label("Name").fill("Feedback across the foothills")
    leader.get_by_role("button", name="Form the collective").click()
    expect(leader.get_by_role("heading", level=1)).to_have_text("Feedback across the foothills")
    forum = Forum.objects.get(network=network)
    assert forum.focus_theme.name == "Feedback"
    leader.goto(f"{site}/forums/{forum.pk}/members/")
    leader.get_by_label("E-mail addresses").fill(f"{teacher.email}\n{lena.email}")
    leader.get_by_role("button", name="Add them").click()
    assert set(forum.members.values_list("user__email", flat=True)) == {
        district_admin.email, teacher.email, lena.email}

    # A session across districts on Maya's network story: Lena asks a question from her phone
    cycle = scheduling.plan_cycle(forum=forum, title="Spring feedback",
                                  starts_on=timezone.localdate(),
                                  ends_on=timezone.localdate() + timedelta(days=40))
    session = scheduling.schedule_session(
        cycle=cycle, kind=ProtocolKind.ANALYSIS, starts_at=timezone.now(), minutes=50,
        protocol=shipped_protocol(ProtocolKind.ANALYSIS), place="Library",
        online_url="https://meet.example.org/foothills")
    ask = story_choice.request_presenter(session=session, story=mayas_story,
                                         requested_by=district_admin)
    story_choice.answer_presenter_request(request=ask, accept=True)
    leader.goto(f"{site}/sessions/{session.pk}/live/")
    leader.get_by_role("button", name="Start the session").click()
    phone = new_page(phone=True)
    sign_in(phone, site, lena.email, PASSWORD)
    phone.goto(f"{site}/sessions/{session.pk}/live/")
    expect(phone.get_by_role("heading", level=1)).to_have_text("Opening")
    leader.get_by_role("button", name="Next step").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("The success story")
    leader.get_by_role("button", name="Next step").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Clarifying questions")
    phone.get_by_label("Your card").fill("Students revise more when the comment is short")
    phone.get_by_role("button", name="Post card").click()
    expect(leader.get_by_text("Students revise more when the comment is short")).to_be_visible()

    # The inquiry plan: Lena logs evidence, Maya reads it
    phone.goto(f"{site}/cycles/{cycle.pk}/")
    phone.get_by_role("link", name="Inquiry plan").click()
    phone.get_by_label("Date").fill((timezone.localdate() - timedelta(days=1)).isoformat())
    phone.get_by_label("Kind of evidence").last.select_option(index=1)
    phone.get_by_label("What we saw").fill("Nine of twelve drafts revised after one comment")
    phone.get_by_role("button", name="Add to the log").click()
    maya = new_page()
    sign_in(maya, site, teacher.email, PASSWORD)
    maya.goto(f"{site}/cycles/{cycle.pk}/inquiry/")
    expect(maya.get_by_text("Nine of twelve drafts revised after one comment")).to_be_visible()

    # Maya finds Lena's showcase and asks to connect
    showcase.publish_showcase(owner=lena, district=hillcrest, offer="Peer feedback that lands",
                              key_ideas="One comment, one revision.", themes=[theirs],
                              findable=True)
    maya.get_by_role("link", name="Networks").click()
    maya.get_by_role("link", name="Foothills Network").click()
    maya.get_by_role("link", name="Find colleagues to learn from").click()
    maya.get_by_label("Theme").select_option(label="Feedback")
    maya.get_by_role("button", name="Search").click()
    maya.get_by_role("link", name="Peer feedback that lands").click()
    maya.get_by_label("Your message").fill("Could we visit your class in March?")
    maya.get_by_role("button", name="Ask to connect").click()
    expect(maya.get_by_text("Your request is sent.")).to_be_visible()
    request = ConnectionRequest.objects.get()
    assert (request.sender, request.recipient, request.status) == (teacher, lena, "pending")
