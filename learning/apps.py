from django.apps import AppConfig


class LearningConfig(AppConfig):
    """What a district leader reads: the district digest and its exports, the knowledge bank,
    spread trails, and forming a collective from a rising theme."""

    name = "learning"
