from django.apps import AppConfig


class GrowthConfig(AppConfig):
    """A person's own growth: the district's competency frameworks, self-assessments, a
    personal learning plan with check-ins and evidence, and "know yourself as a learner"
    reflections. What a person writes about themselves is theirs: nobody else reads it unless
    they chose them."""

    name = "growth"
