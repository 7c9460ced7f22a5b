"""Load the demo district: `python manage.py seed_demo` (`make run` does it on every start).
Safe to run again: it only adds what is missing."""

from django.core.management.base import BaseCommand
from django.db import transaction

from demo.collectives import load_demo_collective
from demo.district import DEMO_ACCOUNTS, PASSWORD, load_demo_district
from demo.forums import load_demo_forums
from demo.growth import load_demo_growth
from demo.inquiry import load_demo_inquiry
from demo.network_stories import load_demo_network_stories
from demo.networks import load_demo_network
from demo.plans import load_demo_plans
from demo.pulse import load_demo_pulse
from demo.roster import load_demo_roster
from demo.rounds import load_demo_rounds
from demo.showcase import load_demo_showcase
from demo.stories import load_demo_stories


class Command(BaseCommand):
    help = "Load (or complete) the demo district: schools, people, themes, stories and forums."

    @transaction.atomic
    def handle(self, *args, **options):
        district = load_demo_district()
        created = load_demo_stories(district)
        if created:
            self.stdout.write(f"Added {created} success stories.")
        created = load_demo_forums(district)
        if created:
            self.stdout.write(f"Added {created} forums.")
        for load in (load_demo_growth, load_demo_plans, load_demo_rounds, load_demo_pulse,
                     # the network of the demo district and Hillside, in this order
                     load_demo_network, load_demo_network_stories, load_demo_collective,
                     load_demo_inquiry, load_demo_showcase):
            load(district)
        if load_demo_roster(district):
            self.stdout.write("Imported the district's roster (OneRoster); "
                              "`python manage.py demo_roster newer.zip` writes a later one.")
        self.stdout.write(self.style.SUCCESS("Demo district ready. Demo accounts "
                                             f"(password '{PASSWORD}'):"))
        for email, what in DEMO_ACCOUNTS:
            self.stdout.write(f"  {email:<26} {what}")
