from schools.access import roles_for


def roles(request):
    """`my_roles` in every template, for navigation that fits the person."""
    user = getattr(request, "user", None)
    return {"my_roles": roles_for(user) if user is not None else None}
