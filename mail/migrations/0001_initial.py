# The outbox and people's e-mail choices, moved here from forums and schools with their tables
# (`db_table` keeps the old names, and with them the names of their indexes and constraints).
#
# On an existing database this changes no table: the models are only added to this app's
# state, after forums and schools forgot them. On a fresh database the tables were created by
# forums/0003_delivery and schools/0002_notificationsettings_signinlink, which run first.
# Their content types are renamed so that their permissions follow them.

import django.contrib.postgres.fields
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

import mail.models

MOVED = [("forums", "delivery"), ("schools", "notificationsettings")]


def rename_content_types(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    for app_label, model in MOVED:
        if not ContentType.objects.filter(app_label="mail", model=model).exists():
            ContentType.objects.filter(app_label=app_label, model=model).update(app_label="mail")


def restore_content_types(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    for app_label, model in MOVED:
        if not ContentType.objects.filter(app_label=app_label, model=model).exists():
            ContentType.objects.filter(app_label="mail", model=model).update(app_label=app_label)


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('forums', '0005_move_delivery_to_mail'),
        ('schools', '0006_move_email_settings_to_mail'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name='NotificationSettings',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('digest_cadence', models.CharField(choices=[('each_cycle', 'After each cycle'), ('weekly', 'Weekly'), ('monthly', 'Monthly'), ('never', 'Never')], default='weekly', max_length=12, verbose_name='district digest')),
                        ('muted_kinds', django.contrib.postgres.fields.ArrayField(base_field=models.CharField(choices=[('invitation', 'Invitation to join'), ('sign_in', 'Sign-in link'), ('presenter_request', 'Request to present your story'), ('call_for_successes', 'Call for successes when a cycle opens'), ('session_invite', 'Session invitations and updates'), ('session_reminder', 'Session reminders (48 h and 2 h before)'), ('presenter_preparation', 'Preparation note for presenters'), ('no_story_yet', 'No story chosen yet (facilitators)'), ('commitment_followup', 'Follow-up on your commitments'), ('spotlight', 'A colleague spotlighted your class'), ('cycle_digest', 'Cycle digest'), ('district_digest', 'District digest')], max_length=30), blank=True, default=list, size=None)),
                        ('calendar_token', models.CharField(default=mail.models.new_calendar_token, max_length=64, unique=True)),
                        ('updated_at', models.DateTimeField(auto_now=True)),
                        ('user', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='notification_settings', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'db_table': 'schools_notificationsettings',
                    },
                ),
                migrations.CreateModel(
                    name='Delivery',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('key', models.CharField(max_length=200, unique=True)),
                        ('kind', models.CharField(max_length=30)),
                        ('email', models.EmailField(max_length=254)),
                        ('payload', models.JSONField(default=dict)),
                        ('scheduled_for', models.DateTimeField()),
                        ('status', models.CharField(choices=[('pending', 'Waiting'), ('sending', 'Sending'), ('sent', 'Sent'), ('failed', 'Failed'), ('skipped', 'Not needed any more')], default='pending', max_length=10)),
                        ('attempts', models.PositiveSmallIntegerField(default=0)),
                        ('last_error', models.TextField(blank=True)),
                        ('claimed_at', models.DateTimeField(blank=True, null=True)),
                        ('sent_at', models.DateTimeField(blank=True, null=True)),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('district', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='deliveries', to='schools.district')),
                        ('recipient', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='deliveries', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'db_table': 'forums_delivery',
                        'ordering': ['-created_at'],
                        'indexes': [models.Index(condition=models.Q(('status', 'pending')), fields=['scheduled_for'], name='delivery_due'), models.Index(condition=models.Q(('status', 'sending')), fields=['claimed_at'], name='delivery_sending'), models.Index(fields=['district', '-created_at'], name='delivery_district_recent')],
                    },
                ),
            ],
        ),
        migrations.RunPython(rename_content_types, restore_content_types),
    ]
