"""An e-mail address counts only once its owner proved they receive mail there.

Proof is the invitation link that created the account, or a code sent to the address (when
adding it, or when signing in with an address not yet proven). Until then an address cannot
be primary, cannot be used to reset a password, request a sign-in code or sign in with
Google/Microsoft, and is not matched to an invitation.
"""

from __future__ import annotations

from allauth.account.models import EmailAddress
from django.db.models import QuerySet

from schools.models import User


def verified_owners(email: str) -> QuerySet[User]:
    """The active people who proved they receive mail at `email` (any letter case)."""
    return User.objects.filter(
        is_active=True,
        emailaddress__email__iexact=email.strip(), emailaddress__verified=True,
    ).distinct()


def has_verified_address(user: User, email: str) -> bool:
    """`email` is one of `user`'s proven addresses (primary or not)."""
    return EmailAddress.objects.filter(user=user, email__iexact=email.strip(),
                                       verified=True).exists()


def address_taken(email: str, *, by_other_than: User | None = None) -> bool:
    """Someone signs in with `email` or has proved it: nobody else may add it."""
    email = email.strip()
    users = User.objects.filter(email__iexact=email)
    addresses = EmailAddress.objects.filter(email__iexact=email, verified=True)
    if by_other_than is not None:
        users = users.exclude(pk=by_other_than.pk)
        addresses = addresses.exclude(user=by_other_than)
    return users.exists() or addresses.exists()


def mark_verified_primary(user: User) -> EmailAddress:
    """The person's login address counts as proven: they used the invitation link sent to it,
    or an operator set it (demo data, tests). Called wherever a person is created."""
    addresses = EmailAddress.objects.filter(user=user)
    addresses.filter(primary=True).exclude(email__iexact=user.email).update(primary=False)
    address = addresses.filter(email__iexact=user.email).first()
    if address is None:
        return EmailAddress.objects.create(user=user, email=user.email, verified=True,
                                           primary=True)
    address.email, address.verified, address.primary = user.email, True, True
    address.save(update_fields=["email", "verified", "primary"])
    return address
