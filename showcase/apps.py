from django.apps import AppConfig


class ShowcaseConfig(AppConfig):
    """Showcase and connect: what a person offers to share with peers across their network,
    found only if they opted in, and introductions by e-mail that they accept or decline."""

    name = "showcase"
