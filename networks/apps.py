from django.apps import AppConfig


class NetworksConfig(AppConfig):
    """Networks: groups of districts (a region, a province, a consortium) that learn together.
    A district joins by its admin's choice and may leave; nothing of a district crosses into a
    network unless an author (or a cross-district collective) chose so."""

    name = "networks"
