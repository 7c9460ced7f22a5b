"""The network pages (being built)."""

from django.contrib.auth.decorators import login_required
from django.http import Http404


@login_required
def network_detail(request, pk: int):
    raise Http404
