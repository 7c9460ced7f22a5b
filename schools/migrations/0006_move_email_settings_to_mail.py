# People's e-mail choices moved to the mail app (mail/migrations/0001_initial.py), with their
# table: this only forgets the model here. The table stays as it is.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('schools', '0005_departed_and_audit_log'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name='NotificationSettings')],
            database_operations=[],
        ),
    ]
