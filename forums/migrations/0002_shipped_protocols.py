"""The two protocols shipped with the app (district null, read-only): the analysis session
of DESIGN.md section 4 and the shorter follow-up review. Their steps live in
forums/protocols.py; this migration only puts them in the database."""

from django.db import migrations

from forums.protocols import SHIPPED, install_shipped_protocols


def create_shipped(apps, schema_editor):
    install_shipped_protocols(apps.get_model("forums", "ProtocolTemplate"))


def delete_shipped(apps, schema_editor):
    ProtocolTemplate = apps.get_model("forums", "ProtocolTemplate")
    ProtocolTemplate.objects.filter(
        district__isnull=True, name__in=[name for name, _steps in SHIPPED.values()]).delete()


class Migration(migrations.Migration):
    dependencies = [("forums", "0001_initial")]

    operations = [migrations.RunPython(create_shipped, delete_shipped)]
