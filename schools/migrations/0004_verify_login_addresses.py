"""Existing people keep signing in now that an address counts only once verified.

Before, addresses were never verified. A person's login address is taken as proven (it is
the one their invitation went to, or an operator set it), so it becomes their verified
primary address. Not for someone who also has other addresses: they may have made an
address they do not own their login, so theirs stays unverified until they prove it with
the code sent at their next sign-in.
"""

from django.db import migrations
from django.db.models import Exists, OuterRef

BATCH = 5000


def verify_login_addresses(apps, schema_editor):
    User = apps.get_model("schools", "User")
    EmailAddress = apps.get_model("account", "EmailAddress")
    taken = EmailAddress.objects.filter(verified=True, email__iexact=OuterRef("email"))

    # People without any address row (most of them): one verified primary row each.
    bare = (User.objects.filter(~Exists(EmailAddress.objects.filter(user=OuterRef("pk"))))
            .filter(~Exists(taken)).values_list("pk", "email"))
    rows = []
    for pk, email in bare.iterator(chunk_size=BATCH):
        rows.append(EmailAddress(user_id=pk, email=email.lower(), verified=True, primary=True))
        if len(rows) >= BATCH:
            EmailAddress.objects.bulk_create(rows)
            rows = []
    EmailAddress.objects.bulk_create(rows)

    # People whose only row is their login address.
    other_address = EmailAddress.objects.filter(user=OuterRef("user")).exclude(
        email__iexact=OuterRef("user__email"))
    taken_elsewhere = taken.exclude(user=OuterRef("user"))
    (EmailAddress.objects.filter(~Exists(other_address), ~Exists(taken_elsewhere))
     .exclude(verified=True, primary=True).update(verified=True, primary=True))


class Migration(migrations.Migration):

    dependencies = [
        ("schools", "0003_invitation_token_salt"),
        ("account", "0009_emailaddress_unique_primary_email"),
    ]

    operations = [
        migrations.RunPython(verify_login_addresses, migrations.RunPython.noop),
    ]
