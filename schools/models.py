import hashlib
import zoneinfo

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _


def validate_time_zone(value: str) -> None:
    if value and value not in zoneinfo.available_timezones():
        raise ValidationError(_("%(value)s is not a known time zone."), params={"value": value})


class District(models.Model):
    """The tenant: nothing a district owns is ever shown to another district."""

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("short name"), unique=True)
    time_zone = models.CharField(_("time zone"), max_length=64, default="America/New_York",
                                 validators=[validate_time_zone])
    language = models.CharField(_("language"), max_length=10, default="en")

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class School(models.Model):
    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="schools")
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("short name"))
    time_zone = models.CharField(_("time zone"), max_length=64, blank=True,
                                 validators=[validate_time_zone],
                                 help_text=_("Leave empty to use the district's time zone."))

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["district", "slug"], name="school_slug_per_district"),
            models.UniqueConstraint("district", Lower("name"), name="school_name_per_district"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def effective_time_zone(self) -> str:
        return self.time_zone or self.district.time_zone


FORMER_STAFF_EMAIL = "former-staff@departed.invalid"  # .invalid never receives mail


class UserManager(BaseUserManager):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **fields) -> "User":
        user = self.model(email=self.normalize_email(email).lower(), **fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **fields) -> "User":
        fields.update(is_staff=True, is_superuser=True)
        return self.create_user(email, password, **fields)

    def former_staff(self) -> "User":
        """The stand-in author of shared stories kept after their author departed.

        It has no role, cannot sign in, and its stories read "a former teacher at <school>".
        """
        user, created = self.get_or_create(
            email=FORMER_STAFF_EMAIL,
            defaults={"is_active": False, "departed_at": timezone.now()})
        if created:
            user.set_unusable_password()
            user.save(update_fields=["password"])
        return user


class User(AbstractBaseUser, PermissionsMixin):
    """A person. The e-mail address is the login; one person may work in several schools."""

    email = models.EmailField(_("e-mail address"), unique=True)
    name = models.CharField(_("name"), max_length=200, blank=True)
    time_zone = models.CharField(_("time zone"), max_length=64, blank=True,
                                 validators=[validate_time_zone])
    language = models.CharField(_("language"), max_length=10, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    is_staff = models.BooleanField(_("Django admin access"), default=False)
    date_joined = models.DateTimeField(default=timezone.now)
    # Set when a district admin removed the person and their login was closed, and on the
    # stand-in that authors the shared stories people left behind: neither is ever named.
    departed_at = models.DateTimeField(_("departed"), null=True, blank=True)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        ordering = ["name", "email"]
        constraints = [models.UniqueConstraint(Lower("email"), name="user_email_ci_unique")]

    def __str__(self) -> str:
        return self.name or self.email

    def save(self, *args, **kwargs):
        self.email = self.email.lower()
        super().save(*args, **kwargs)

    def get_full_name(self) -> str:
        return self.name

    def get_short_name(self) -> str:
        return self.name.split(" ")[0] if self.name else self.email


class Role(models.TextChoices):
    TEACHER = "teacher", _("Teacher")
    SCHOOL_LEADER = "school_leader", _("School leader")
    DISTRICT_LEADER = "district_leader", _("District leader")
    DISTRICT_ADMIN = "district_admin", _("District admin")


SCHOOL_ROLES = (Role.TEACHER, Role.SCHOOL_LEADER)
DISTRICT_ROLES = (Role.DISTRICT_LEADER, Role.DISTRICT_ADMIN)


class MembershipQuerySet(models.QuerySet):
    def active(self) -> "MembershipQuerySet":
        return self.filter(deactivated_at__isnull=True, user__is_active=True)


class Membership(models.Model):
    """A person's role in a school (teacher, school leader) or in a district (leader, admin)."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="memberships")
    school = models.ForeignKey(School, on_delete=models.CASCADE, null=True, blank=True,
                               related_name="memberships")
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    created_at = models.DateTimeField(auto_now_add=True)
    deactivated_at = models.DateTimeField(null=True, blank=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "district", "school", "role"],
                                    nulls_distinct=False, name="membership_unique"),
            models.CheckConstraint(
                condition=(Q(role__in=SCHOOL_ROLES) & Q(school__isnull=False))
                | (Q(role__in=DISTRICT_ROLES) & Q(school__isnull=True)),
                name="membership_role_matches_scope",
            ),
        ]
        indexes = [models.Index(fields=["district", "role"])]

    def __str__(self) -> str:
        return f"{self.user} - {self.get_role_display()} ({self.school or self.district})"


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class InvitationQuerySet(models.QuerySet):
    def usable(self) -> "InvitationQuerySet":
        return self.filter(accepted_at__isnull=True, revoked_at__isnull=True,
                           expires_at__gt=timezone.now())


class Invitation(models.Model):
    """A single-use, expiring link that lets someone set up their account with a role.

    Only a hash of the token is stored, so a database leak does not leak working links.
    """

    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="invitations")
    school = models.ForeignKey(School, on_delete=models.CASCADE, null=True, blank=True)
    email = models.EmailField(_("e-mail address"))
    name = models.CharField(_("name"), max_length=200, blank=True)
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    token_hash = models.CharField(max_length=64, unique=True)
    token_salt = models.CharField(max_length=32, default="")
    invited_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["district", "email"])]

    def __str__(self) -> str:
        return f"{self.email} ({self.get_role_display()})"

    @property
    def token(self) -> str:
        """The link's secret, derived from the server's key: the database alone cannot
        rebuild a working link, yet the outbox can mail it again after a retry."""
        return salted_hmac("invitation-link", f"{self.pk}:{self.token_salt}").hexdigest()


class SignInLink(models.Model):
    """A single-use, short-lived link from an e-mail that signs the person in.

    Opening it shows a confirmation page (mail scanners open links); only the POST uses it.
    """

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    token_hash = models.CharField(max_length=64, unique=True)
    next_url = models.CharField(max_length=500)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)


class AuditAction(models.TextChoices):
    ROLE_GRANTED = "role_granted", _("Role given")
    ROLE_REVOKED = "role_revoked", _("Role removed")
    DEACTIVATED = "deactivated", _("Person deactivated")
    REACTIVATED = "reactivated", _("Person reactivated")
    INVITATION_SENT = "invitation_sent", _("Invitation sent")
    STAFF_IMPORTED = "staff_imported", _("Staff imported from CSV")
    DATA_EXPORTED = "data_exported", _("Personal data downloaded")
    PERSON_REMOVED = "person_removed", _("Departed person removed")
    VISIBILITY_CHANGED = "visibility_changed", _("Story visibility changed")


class AuditEntry(models.Model):
    """One sensitive act, kept for the district's record: who did what to whom, and when.

    `detail` holds the facts needed to read the entry (a role, a school, a count), never the
    text of a story. Entries are written by `schools.audit.record` and never changed.
    """

    district = models.ForeignKey(District, on_delete=models.CASCADE, null=True, blank=True,
                                 related_name="+")
    actor = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, blank=True,
                              related_name="+")
    action = models.CharField(_("action"), max_length=30, choices=AuditAction.choices)
    target_user = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="+")
    detail = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name_plural = "audit entries"
        indexes = [
            models.Index(fields=["district", "-created_at", "-id"], name="audit_district_recent"),
            models.Index(fields=["district", "action", "-created_at"], name="audit_by_action"),
            models.Index(fields=["target_user", "-created_at"], name="audit_by_target"),
        ]

    def __str__(self) -> str:
        return f"{self.get_action_display()} ({self.created_at:%Y-%m-%d %H:%M})"
