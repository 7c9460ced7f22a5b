"""Print the link that sets up a fresh deployment's first district and its first admin."""

from datetime import timedelta

from django.core.management.base import BaseCommand, CommandError

from schools import setup


class Command(BaseCommand):
    help = ("Print a signed link to the page that sets up the first district and its admin. "
            "It expires, and works only while no district exists.")

    def add_arguments(self, parser):
        parser.add_argument("--hours", type=int, default=24,
                            help="how long the link works (default 24)")

    def handle(self, *args, hours: int, **options):
        if not setup.is_open():
            raise CommandError("A district exists already: set-up links no longer work. "
                               "A superuser adds districts at /operator/districts/.")
        if not 1 <= hours <= 24 * 7:
            raise CommandError("--hours must be between 1 and 168.")
        self.stdout.write(setup.setup_link(lifetime=timedelta(hours=hours)))
