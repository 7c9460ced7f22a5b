"""Write the demo district's later roster export, to try a OneRoster sync on District → Import
staff: `python manage.py demo_roster riverside-roster.zip` (`--first` writes the export that
seed_demo imported)."""

from pathlib import Path

from django.core.management.base import BaseCommand

from demo.roster import bundle


class Command(BaseCommand):
    help = "Write a OneRoster bundle of the demo district, to import on District → Import staff."

    def add_arguments(self, parser):
        parser.add_argument("path", help="where to write the .zip")
        parser.add_argument("--first", action="store_true",
                            help="the export seed_demo imported, not the later one")

    def handle(self, *args, path, first, **options):
        Path(path).write_bytes(bundle(newer=not first))
        self.stdout.write(self.style.SUCCESS(f"Wrote {path}: upload it on District → Import "
                                             "staff as admin@demo.example."))
