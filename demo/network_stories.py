"""The demo's network stories (seed_demo loads it after the rest; safe to run again).

A dozen stories the teachers of Riverside and Hillside shared "my network" with the
Foothills Learning Network (demo/networks.py makes it and Hillside's people; without them
nothing is added). Both districts share on Feedback - more this week than the week before,
with the "exit tickets" tag on both sides - so the network digest shows a practice spreading
between districts and a rising theme. A story that exists by author and title is kept.
"""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from networks.models import Network
from schools.models import District, Membership, Role
from successes.models import SuccessStory, Theme, Visibility

NETWORK_NAME = "Foothills Learning Network"
HILLSIDE_SLUG = "hillside"

# (district: "home" or "hillside", which of its teachers, theme, title, what went right,
#  tags, days ago)
NETWORK_STORIES = [
    ("home", 0, "Feedback", "Exit tickets that sort tomorrow's groups",
     "Three-question exit tickets sorted the class into tomorrow's groups; 22 of 26 students "
     "met the goal on the next check.", ["exit tickets"], 2),
    ("hillside", 0, "Feedback", "One comment, one revision",
     "Each draft got one comment and one required revision; revised paragraphs scored a level "
     "higher on the rubric.", ["peer feedback"], 3),
    ("home", 1, "Feedback", "Exit tickets read aloud the next morning",
     "Reading two anonymous exit tickets aloud started the lesson; students asked to add their "
     "own the week after.", ["exit tickets"], 4),
    ("hillside", 1, "Feedback", "Exit tickets in the lab notebook",
     "A single exit question at the end of each lab showed which step students missed; the "
     "re-teach took ten minutes.", ["exit tickets"], 1),
    ("hillside", 0, "Feedback", "Sentence starters for peer feedback",
     "Four sentence starters turned 'good job' into specific comments; students used them "
     "without prompting by week three.", ["peer feedback"], 5),
    ("home", 0, "Feedback", "Rubric language in students' words",
     "Students rewrote the rubric in their own words; fewer asked what a level meant.",
     [], 10),
    ("home", 1, "Attendance", "A call home on the first absence",
     "A short call on the first absence, before the second, halved repeat absences in the "
     "sixth grade.", ["first-day call"], 6),
    ("hillside", 1, "Attendance", "Morning greeters at the bus line",
     "Students greeted at the bus line by name came to first period on time more often.",
     [], 9),
    ("home", 0, "Belonging", "Names on the door by the second day",
     "Every student's name was on the classroom door by day two; new students said they felt "
     "expected.", [], 12),
    ("hillside", 0, "Belonging", "Lunch tables mixed by interest",
     "Interest tables at lunch once a week; new students found a table on their first day.",
     [], 11),
    ("home", 1, "Reading", "Ten minutes of choice reading",
     "Ten minutes of choice reading at the start of class; reading logs doubled in a month.",
     [], 8),
    ("hillside", 1, "Reading", "Audiobooks alongside the text",
     "Audiobooks beside the printed text let struggling readers finish the class novel.",
     ["audiobooks"], 13),
]


def load_demo_network_stories(district: District) -> None:
    """Add the network's stories that are missing; nothing without the network or teachers."""
    network = Network.objects.filter(name=NETWORK_NAME, members__district=district).first()
    hillside = District.objects.filter(slug=HILLSIDE_SLUG).first()
    if network is None or hillside is None:
        return
    teachers = {key: _teachers(each) for key, each in (("home", district),
                                                        ("hillside", hillside))}
    if not all(teachers.values()):
        return
    now = timezone.now()
    with transaction.atomic():
        for where, which, theme_name, title, went_right, tags, days_ago in NETWORK_STORIES:
            author, school = teachers[where][which % len(teachers[where])]
            home = district if where == "home" else hillside
            if SuccessStory.objects.filter(author=author, title=title).exists():
                continue
            theme, _created = Theme.objects.get_or_create(
                district=home, name__iexact=theme_name, defaults={"name": theme_name})
            story = SuccessStory.objects.create(
                author=author, district=home, school=school, title=title,
                what_went_right=went_right, free_tags=tags, grade_band="6-8",
                visibility=Visibility.NETWORK, network=network, show_name=True,
                happened_on=(now - timedelta(days=days_ago)).date())
            story.themes.set([theme])
            # Written on its day, so the digest's periods see this week and the one before.
            SuccessStory.objects.filter(pk=story.pk).update(
                created_at=now - timedelta(days=days_ago, hours=3))


def _teachers(district: District) -> list[tuple]:
    """(teacher, their school) of the district, the earliest first; at most two."""
    memberships = (Membership.objects.active()
                   .filter(district=district, role=Role.TEACHER, school__isnull=False)
                   .select_related("user", "school").order_by("created_at", "id"))
    found: dict[int, tuple] = {}
    for membership in memberships:
        found.setdefault(membership.user_id, (membership.user, membership.school))
        if len(found) == 2:
            break
    return list(found.values())
