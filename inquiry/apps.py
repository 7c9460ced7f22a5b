from django.apps import AppConfig


class InquiryConfig(AppConfig):
    """A collective's collaborative inquiry plan: the problem of practice, a theory of action,
    indicators for the four kinds of evidence, an evidence log over the cycle and a closing
    reflection. Read and written by the collective's members only."""

    name = "inquiry"
