"""The demo district (Riverside Unified) that `make run` loads with `python manage.py seed_demo`:
its schools, themes and people, success stories with pictures, and forums at every stage of a
cycle. Demo data only: no app imports this one, so it sits above all of them."""

from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "demo"
