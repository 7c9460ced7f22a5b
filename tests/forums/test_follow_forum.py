"""Following a forum as "interested": any forum of one's own school(s) or a collective of
one's district, directly; never another school's forum."""

from django.urls import reverse

from forums.actions import membership
from forums.models import Circle, ForumMember


def follow(client, forum):
    return client.post(reverse("forums:follow", args=[forum.pk]))


def test_colleague_can_follow_a_forum_of_their_school(client_for, principal, colleague, school):
    forum = membership.create_forum(creator=principal, district=school.district, school=school,
                                    name="Reading circle")
    client = client_for(colleague)
    page = client.get(reverse("forums:list")).content.decode()
    assert reverse("forums:follow", args=[forum.pk]) in page
    assert follow(client, forum).status_code == 302
    assert ForumMember.objects.get(forum=forum, user=colleague).circle == Circle.INTERESTED


def test_teacher_of_another_school_cannot_follow_a_school_forum(client_for, principal,
                                                                teacher_elsewhere, school):
    forum = membership.create_forum(creator=principal, district=school.district, school=school,
                                    name="Reading circle")
    assert follow(client_for(teacher_elsewhere), forum).status_code == 404
    assert not ForumMember.objects.filter(user=teacher_elsewhere).exists()


def test_district_leader_cannot_follow_a_school_forum_they_may_read(client_for, principal,
                                                                   district_leader, school):
    forum = membership.create_forum(creator=principal, district=school.district, school=school,
                                    name="Reading circle")
    client = client_for(district_leader)
    assert reverse("forums:follow", args=[forum.pk]) not in client.get(
        reverse("forums:list")).content.decode()
    assert follow(client, forum).status_code == 404


def test_teacher_can_follow_a_collective(client_for, district_leader, teacher_elsewhere,
                                         district):
    collective = membership.create_forum(creator=district_leader, district=district,
                                         school=None, name="Math across schools")
    follow(client_for(teacher_elsewhere), collective)
    assert ForumMember.objects.get(forum=collective, user=teacher_elsewhere).circle == "interested"


def test_it_keeps_a_member_where_they_are(client_for, principal, teacher, school):
    forum = membership.create_forum(creator=principal, district=school.district, school=school,
                                    name="Reading circle")
    membership.add_members(forum=forum, users=[teacher], circle=Circle.CORE)
    follow(client_for(teacher), forum)
    assert ForumMember.objects.get(forum=forum, user=teacher).circle == Circle.CORE


def test_someone_of_another_district_cannot_follow(client_for, district_leader, leader_elsewhere,
                                                   district):
    collective = membership.create_forum(creator=district_leader, district=district,
                                         school=None, name="Math across schools")
    assert follow(client_for(leader_elsewhere), collective).status_code == 404


def test_the_forum_page_offers_to_follow_only_to_those_who_may(client_for, principal, colleague,
                                                               district_leader, school):
    forum = membership.create_forum(creator=principal, district=school.district, school=school,
                                    name="Reading circle")
    url, button = reverse("forums:detail", args=[forum.pk]), "Follow this forum"
    assert button in client_for(colleague).get(url).content.decode()
    assert button not in client_for(district_leader).get(url).content.decode()
    assert button not in client_for(principal).get(url).content.decode()
