# The outbox moved to the mail app (mail/migrations/0001_initial.py), with its table: this
# only forgets the model here. The table, its indexes and constraints stay as they are.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('forums', '0004_session_invited_sequence'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name='Delivery')],
            database_operations=[],
        ),
    ]
