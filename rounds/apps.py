from django.apps import AppConfig


class RoundsConfig(AppConfig):
    """Stop / Continue / Start rounds: a leader asks a question of a school, a forum or the
    district; staff add items, the leader groups them, everyone reads the grouped result."""

    name = "rounds"
