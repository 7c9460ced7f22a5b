from django.apps import AppConfig


class PlansConfig(AppConfig):
    """A personal learning plan: an area of growth tied to chosen competencies, evidence of
    getting better, check-ins at the person's cadence, and colleagues (a triad) the person
    chose to share it with. The plan is its owner's: nobody else reads it unless chosen."""

    name = "plans"
