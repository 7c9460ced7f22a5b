from django.apps import AppConfig


class PulseConfig(AppConfig):
    """The culture pulse: a district's statements answered on a 1-5 agreement scale,
    anonymous by construction, read per school only when enough people answered."""

    name = "pulse"
