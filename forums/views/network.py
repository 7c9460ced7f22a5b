"""Cross-district collectives of a network (being built)."""

from django.contrib.auth.decorators import login_required
from django.http import Http404


@login_required
def network_collective_create(request, pk: int):
    raise Http404
