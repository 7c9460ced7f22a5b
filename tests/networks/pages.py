"""Addresses of the network pages for the accessibility test (tests/browser/
test_accessibility.py): the world's district starts a network (its admin leads it) with a
second district whose teacher shared a story and a showcase; a cross-district collective with
the world's teacher in it has a cycle and an inquiry plan. Made once."""

from __future__ import annotations

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from forums.actions import network as collectives
from forums.actions import scheduling
from forums.models import Circle, Forum
from inquiry import actions as inquiry
from networks import actions
from networks.models import Network, NetworkDistrict
from schools.models import Membership, Role
from showcase import actions as showcase
from tests.factories import DistrictFactory, SchoolFactory, StoryFactory, ThemeFactory, member


def _network(world) -> Network:
    district = world.forum.district
    network = Network.objects.filter(members__district=district).first()
    if network is not None:
        return network
    admin = Membership.objects.get(district=district, role=Role.DISTRICT_ADMIN).user
    network = actions.start_network(admin=admin, district=district, name="Foothills Network")
    hillcrest = DistrictFactory(name="Hillcrest", slug="hillcrest")
    NetworkDistrict.objects.create(network=network, district=hillcrest)
    lena = member(role=Role.TEACHER, school=SchoolFactory(district=hillcrest),
                  name="Lena Ortiz", email="lena@hillcrest.example")
    theme = ThemeFactory(district=hillcrest, name="Feedback")
    story = StoryFactory(author=lena, visibility="network", network=network,
                         title="Two stars and a wish")
    story.themes.set([theme])
    showcase.publish_showcase(owner=lena, district=hillcrest, offer="Peer feedback",
                              key_ideas="Criteria first.", themes=[theme], findable=True,
                              stories=[story])
    forum = collectives.form_collective(network=network, by=admin, name="Feedback across "
                                        "districts", theme_name="Feedback")
    teachers = Membership.objects.filter(district=district, role=Role.TEACHER).values_list(
        "user__email", flat=True)
    collectives.add_members_by_email(forum=forum, emails=[*teachers, lena.email],
                                     circle=Circle.CORE, by=admin)
    cycle = scheduling.plan_cycle(forum=forum, title="Spring", starts_on=timezone.localdate(),
                                  ends_on=timezone.localdate() + timedelta(days=40))
    inquiry.save_plan(cycle=cycle, by=admin, problem_of_practice="Feedback is not acted on.",
                      if_we="give one comment and one revision", then="drafts improve")
    return network


def detail_path(world) -> str:
    return reverse("networks:detail", args=[_network(world).pk])


def stories_path(world) -> str:
    return reverse("learning:network_stories", args=[_network(world).pk])


def digest_path(world) -> str:
    return reverse("learning:network_digest", args=[_network(world).pk])


def knowledge_path(world) -> str:
    return reverse("learning:network_knowledge", args=[_network(world).pk])


def collectives_path(world) -> str:
    return reverse("forums:network_collectives", args=[_network(world).pk])


def inquiry_path(world) -> str:
    forum = Forum.objects.get(network=_network(world))
    return reverse("inquiry:plan", args=[forum.cycles.get().pk])


def find_path(world) -> str:
    _network(world)
    return reverse("showcase:find")
