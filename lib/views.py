"""Views that belong to no app."""

from django.http import HttpRequest, HttpResponse


def ping(request: HttpRequest) -> HttpResponse:
    """The cheapest page there is: no database, no template. The benchmark's baseline."""
    return HttpResponse("pong", content_type="text/plain")
