import hashlib
import zoneinfo

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from schools.import_job import ImportJob, ImportKind, ImportStatus  # noqa: F401 - its models
from schools.sso_models import DistrictSignOn, SignOnDomain, SignOnKind  # noqa: F401


def validate_time_zone(value: str) -> None:
    if value and value not in zoneinfo.available_timezones():
        raise ValidationError(_("%(value)s is not a known time zone."), params={"value": value})


MIN_SMALL_COUNT = 3  # no district may show a smaller count in a cross-school view


class Weekday(models.IntegerChoices):
    """Days a district digest may go out on (a context of their own, so their French labels
    never change how Django names days in dates)."""

    MONDAY = 0, pgettext_lazy("digest day", "Monday")
    TUESDAY = 1, pgettext_lazy("digest day", "Tuesday")
    WEDNESDAY = 2, pgettext_lazy("digest day", "Wednesday")
    THURSDAY = 3, pgettext_lazy("digest day", "Thursday")
    FRIDAY = 4, pgettext_lazy("digest day", "Friday")
    SATURDAY = 5, pgettext_lazy("digest day", "Saturday")
    SUNDAY = 6, pgettext_lazy("digest day", "Sunday")


class District(models.Model):
    """The tenant: nothing a district owns is ever shown to another district."""

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("short name"), unique=True)
    time_zone = models.CharField(_("time zone"), max_length=64, default="America/New_York",
                                 validators=[validate_time_zone])
    language = models.CharField(_("language"), max_length=10, default="en")
    # When the district digest goes out, each reader's own clock: a weekly digest covers the
    # seven days before that weekday; a monthly one goes at that hour once the month is over.
    digest_weekday = models.PositiveSmallIntegerField(_("day the digest goes out"),
                                                      choices=Weekday.choices,
                                                      default=Weekday.MONDAY)
    digest_hour = models.PositiveSmallIntegerField(_("hour the digest goes out"), default=7,
                                                   validators=[MaxValueValidator(23)])
    # Counts under it read "fewer than N" in cross-school views (forums.digests.shown).
    small_count = models.PositiveSmallIntegerField(
        _("smallest count shown"), default=MIN_SMALL_COUNT,
        validators=[MinValueValidator(MIN_SMALL_COUNT), MaxValueValidator(50)])

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(condition=Q(small_count__gte=MIN_SMALL_COUNT),
                                   name="district_small_count_at_least_3"),
            models.CheckConstraint(condition=Q(digest_weekday__lte=6) & Q(digest_hour__lte=23),
                                   name="district_digest_day_and_hour"),
        ]

    def __str__(self) -> str:
        return self.name


class SchoolQuerySet(models.QuerySet):
    def open(self) -> "SchoolQuerySet":
        """Schools not closed: the only ones offered when choosing a school for something new
        (a role, an invitation, a forum). Closed ones keep their people and stories."""
        return self.filter(closed_at__isnull=True)


class School(models.Model):
    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="schools")
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("short name"))
    time_zone = models.CharField(_("time zone"), max_length=64, blank=True,
                                 validators=[validate_time_zone],
                                 help_text=_("Leave empty to use the district's time zone."))
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    roster_id = models.CharField(max_length=255, blank=True)  # its org's OneRoster sourcedId

    objects = SchoolQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["district", "slug"], name="school_slug_per_district"),
            models.UniqueConstraint("district", Lower("name"), name="school_name_per_district"),
            models.UniqueConstraint(fields=["district", "roster_id"], condition=~Q(roster_id=""),
                                    name="school_roster_id_per_district"),
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
    # The person's OneRoster sourcedId when the district's roster manages this role: a re-import
    # matches on it, and ends the role when the roster no longer lists it.
    roster_id = models.CharField(max_length=255, blank=True)

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
        indexes = [models.Index(fields=["district", "role"]),
                   models.Index(fields=["district", "roster_id"], name="membership_roster_id")]

    def __str__(self) -> str:
        return f"{self.user} - {self.get_role_display()} ({self.school or self.district})"


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class InvitationQuerySet(models.QuerySet):
    def usable(self) -> "InvitationQuerySet":
        return self.filter(accepted_at__isnull=True, revoked_at__isnull=True,
                           expires_at__gt=timezone.now())

    def waiting(self) -> "InvitationQuerySet":
        """Neither accepted nor revoked, expired or not: what an inviter may send again."""
        return self.filter(accepted_at__isnull=True, revoked_at__isnull=True)


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
    resent_at = models.DateTimeField(null=True, blank=True)  # its last "send again"
    times_resent = models.PositiveSmallIntegerField(default=0)  # part of each resend's key
    roster_id = models.CharField(max_length=255, blank=True)  # as Membership.roster_id
    # Another role for the same person, never e-mailed by itself: accepting that invitation
    # accepts this one too (a spreadsheet listing one person on several lines).
    accepted_with = models.ForeignKey("self", on_delete=models.SET_NULL, null=True, blank=True,
                                      related_name="companions")

    objects = InvitationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["district", "email"])]

    def __str__(self) -> str:
        return f"{self.email} ({self.get_role_display()})"

    @property
    def sent_at(self):
        return self.resent_at or self.created_at

    @property
    def has_expired(self) -> bool:
        return self.expires_at <= timezone.now()

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

    def __str__(self) -> str:
        return f"Sign-in link {self.pk} of person {self.user_id}"  # never the token


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
    EMAIL_SENT_AGAIN = "email_sent_again", _("Uncertain e-mail sent again")
    INVITATION_RESENT = "invitation_resent", _("Invitation sent again")
    INVITATION_REVOKED = "invitation_revoked", _("Invitation withdrawn")
    DISTRICT_CHANGED = "district_changed", _("District settings changed")
    SCHOOL_ADDED = "school_added", _("School added")
    SCHOOL_CHANGED = "school_changed", _("School changed")
    SCHOOL_CLOSED = "school_closed", _("School closed")
    SCHOOL_REOPENED = "school_reopened", _("School reopened")
    THEME_ADDED = "theme_added", _("Theme added")
    THEME_CHANGED = "theme_changed", _("Theme changed")
    THEME_RETIRED = "theme_retired", _("Theme retired")
    THEME_RESTORED = "theme_restored", _("Theme restored")
    THEMES_MERGED = "themes_merged", _("Themes merged")
    ROSTER_SYNCED = "roster_synced", _("Staff synced from OneRoster")
    SIGN_ON_CHANGED = "sign_on_changed", _("Single sign-on changed")
    DISTRICT_CREATED = "district_created", _("District created")
    FRAMEWORK_ADDED = "framework_added", _("Competency framework added")
    FRAMEWORK_CHANGED = "framework_changed", _("Competency framework changed")
    FRAMEWORK_ARCHIVED = "framework_archived", _("Competency framework archived")
    FRAMEWORK_RESTORED = "framework_restored", _("Competency framework restored")
    NETWORK_JOINED = "network_joined", _("District joined a network")
    NETWORK_LEFT = "network_left", _("District left a network")
    NETWORK_INVITED = "network_invited", _("District invited to a network")
    NETWORK_LEADER_ADDED = "network_leader_added", _("Network leader named")
    NETWORK_LEADER_REMOVED = "network_leader_removed", _("Network leader removed")


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
