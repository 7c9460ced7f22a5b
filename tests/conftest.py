"""Named people and places every test can ask for, and the test-run settings.

The district "Riverside" has Heritage and Lakeview schools; "Elsewhere" is another tenant.
"""

import pytest
from django.conf import settings as django_settings
from django.db import connection
from django.test import Client, TestCase

from lib.redis import client as redis_client
from networks.models import Network, NetworkDistrict
from schools.middleware import LANGUAGES_KEY, SESSION_KEY, languages_of, time_zone_of
from tests import oidc, smtp_sink
from tests.factories import DistrictFactory, Role, SchoolFactory, member


class CommittingClient(Client):
    """A test client whose every request ends as a real one does: its on-commit callbacks
    (e-mails, tasks) run, although the test's own transaction is never committed."""

    def request(self, **request):
        with TestCase.captureOnCommitCallbacks(execute=True):
            return super().request(**request)


@pytest.fixture
def client():
    return CommittingClient()


@pytest.fixture
def committed():
    """`with committed(): action(...)` runs the action's on-commit callbacks at the end."""
    return lambda: TestCase.captureOnCommitCallbacks(execute=True)


def clear_this_runs_cache() -> None:
    """Only this run's keys: other runs (and `make run`) may share the Redis server."""
    prefix = django_settings.CACHES["default"]["KEY_PREFIX"]
    keys = list(redis_client().scan_iter(f"{prefix}:*", count=1000))
    if keys:
        redis_client().delete(*keys)


@pytest.fixture(autouse=True)
def _fast_and_clean(settings, tmp_path_factory):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.ALLOWED_HOSTS = ["*"]
    # Pages' pinned query counts include the unread count's query (its cache is tested alone).
    settings.UNREAD_COUNT_SECONDS = 0
    settings.STORAGES = {**settings.STORAGES, "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
    settings.MEDIA_ROOT = tmp_path_factory.getbasetemp() / "media"
    clear_this_runs_cache()


@pytest.fixture
def district(db):
    return DistrictFactory(name="Riverside", slug="riverside")


@pytest.fixture
def school(district):
    return SchoolFactory(district=district, name="Heritage Middle School", slug="heritage")


@pytest.fixture
def other_school(district):
    return SchoolFactory(district=district, name="Lakeview Elementary", slug="lakeview")


@pytest.fixture
def other_district(db):
    return DistrictFactory(name="Elsewhere", slug="elsewhere")


@pytest.fixture
def teacher(school):
    return member(role=Role.TEACHER, school=school, name="Maya Okafor",
                  email="maya@riverside.example")


@pytest.fixture
def colleague(school):
    return member(role=Role.TEACHER, school=school, name="Daniel Reyes",
                  email="daniel@riverside.example")


@pytest.fixture
def teacher_elsewhere(other_school):
    """A teacher at another school of the same district."""
    return member(role=Role.TEACHER, school=other_school, name="Emily Walker",
                  email="emily@riverside.example")


@pytest.fixture
def principal(school):
    return member(role=Role.SCHOOL_LEADER, school=school, name="Grace Lindqvist",
                  email="grace@riverside.example")


@pytest.fixture
def other_principal(other_school):
    return member(role=Role.SCHOOL_LEADER, school=other_school, name="Rosa Santos",
                  email="rosa@riverside.example")


@pytest.fixture
def district_leader(district):
    return member(role=Role.DISTRICT_LEADER, district=district, name="Samuel Adeyemi",
                  email="samuel@riverside.example")


@pytest.fixture
def district_admin(district):
    return member(role=Role.DISTRICT_ADMIN, district=district, name="Priya Natarajan",
                  email="priya@riverside.example")


@pytest.fixture
def leader_elsewhere(other_district):
    """A district leader of another district (another tenant)."""
    return member(role=Role.DISTRICT_LEADER, district=other_district, name="Otto Berg",
                  email="otto@elsewhere.example")


@pytest.fixture
def admin_elsewhere(other_district):
    return member(role=Role.DISTRICT_ADMIN, district=other_district, name="Olga Berg",
                  email="olga@elsewhere.example")


@pytest.fixture
def client_for(client):
    """client_for(person) -> a test client signed in as that person."""

    def sign_in(user):
        client.force_login(user)
        # As after a first page view: the time zone and languages are remembered in the
        # session, so query counts of the next request are those of every later one.
        session = client.session
        session[SESSION_KEY] = time_zone_of(user)
        session[LANGUAGES_KEY] = languages_of(user)
        session.save()
        return client

    return sign_in


@pytest.fixture
def smtp(settings):
    """Mail goes over real SMTP to a local sink; the fixture is the sink."""
    sink, controller = smtp_sink.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", controller.port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    yield sink
    controller.stop()


@pytest.fixture(scope="module")
def oidc_site() -> str:
    """Where the single sign-on provider sends people back: the test client's server (browser
    tests override it with the live server's address)."""
    return "http://testserver"


@pytest.fixture(scope="module")
def oidc_provider(oidc_site):
    """A real OpenID Connect provider (tests/oidc) that knows Riverside's callback."""
    running = oidc.start([oidc.callback_url(oidc_site)])
    yield running
    running.stop()


@pytest.fixture
def oidc_sign_on(district, oidc_provider, settings):
    """Riverside signs in with the test provider, for addresses at riverside.example."""
    settings.SSO_ALLOW_INSECURE_ISSUERS = True  # the test provider speaks plain http
    return oidc.set_up_sign_on(district, oidc_provider)


@pytest.fixture(scope="session", autouse=True)
def _close_stray_connections(django_db_setup, django_db_blocker):
    """Worker and server threads may still hold the test database open at the end; close
    them so it can be dropped (and leaves nothing behind in the local Postgres)."""
    yield
    with django_db_blocker.unblock(), connection.cursor() as cursor:
        cursor.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                       "WHERE datname = current_database() AND pid <> pg_backend_pid()")


# --- Networks: Riverside and Hillcrest form the Foothills network ----------------------------

@pytest.fixture
def hillcrest(db):
    """A second district, on another clock, to share a network with Riverside."""
    return DistrictFactory(name="Hillcrest", slug="hillcrest", time_zone="America/Denver")


@pytest.fixture
def prairie(db):
    return DistrictFactory(name="Prairie", slug="prairie")


@pytest.fixture
def foothills(district, hillcrest):
    """The Foothills network: Riverside and Hillcrest."""
    network = Network.objects.create(name="Foothills Network")
    for each in (district, hillcrest):
        NetworkDistrict.objects.create(network=network, district=each)
    return network
