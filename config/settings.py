"""Settings for every environment, read from environment variables.

Development defaults are safe only on a laptop: production sets DEBUG=false, SECRET_KEY,
ALLOWED_HOSTS, DATABASE_URL, REDIS_URL, SITE_URL and the SMTP variables (see README).
"""

import os
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value else default


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", default=False)
SECRET_KEY = env_str("SECRET_KEY") or ("insecure-development-key" if DEBUG else "")
if not SECRET_KEY:
    raise RuntimeError("Set SECRET_KEY (or DEBUG=true for local development).")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG else "")
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", SITE_URL)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django.contrib.humanize",
    "allauth",
    "allauth.account",
    "allauth.socialaccount",
    # A provider's sign-in URLs exist only when it is configured (see SOCIALACCOUNT_PROVIDERS).
    *(["allauth.socialaccount.providers.google"] if env_str("GOOGLE_CLIENT_ID") else []),
    *(["allauth.socialaccount.providers.microsoft"] if env_str("MICROSOFT_CLIENT_ID") else []),
    # Each district's own single sign-on (schools/sso.py), set up in the app.
    "allauth.socialaccount.providers.openid_connect",
    "django_htmx",
    "template_partials",
    "csp",
    "mail",
    "schools",
    "networks",
    "notifications",
    "successes",
    "forums",
    "learning",
    "inquiry",
    "growth",
    "plans",
    "rounds",
    "pulse",
    "showcase",
    "demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "schools.middleware.DistrictMiddleware",  # before anything asks for the person's roles
    "schools.middleware.LanguageMiddleware",  # after the session, auth and LocaleMiddleware
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "schools.middleware.TimeZoneMiddleware",
]
if os.environ.get("BENCH_QUERY_COUNT"):
    MIDDLEWARE.insert(0, "lib.querycount.QueryCountMiddleware")

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
                "schools.context_processors.roles",
            ],
        },
    },
]

# --- Data -------------------------------------------------------------------------------
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/success_forums"),
        conn_max_age=env_int("DB_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if env_str("DATABASE_TEST_NAME"):
    DATABASES["default"]["TEST"] = {"NAME": env_str("DATABASE_TEST_NAME")}
# The ASGI web server (config/asgi.py sets DB_POOL_SIZE) runs each request in a thread of its
# own: a pool per process lends connections to them, and bounds how many one process opens.
if env_int("DB_POOL_SIZE", 0):
    DATABASES["default"]["CONN_MAX_AGE"] = 0  # a closed connection goes back to the pool
    DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
        "min_size": 1, "max_size": env_int("DB_POOL_SIZE", 0), "timeout": 20}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "schools.User"

REDIS_URL = env_str("REDIS_URL", "redis://127.0.0.1:6379/0")
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": env_str("CACHE_KEY_PREFIX", "sf"),
        # one pool per process, not per request (lib/redis.py)
        "OPTIONS": {"pool_class": "lib.redis.SharedConnectionPool"},
    }
}
# The menu's unread-notifications count is kept this long in Redis (notifications.unread);
# every action that adds or reads notifications forgets it at once.
UNREAD_COUNT_SECONDS = 300

# --- Sign-in ----------------------------------------------------------------------------
AUTHENTICATION_BACKENDS = [
    "allauth.account.auth_backends.AuthenticationBackend",
    # Sessions started by an invitation or a sign-in link. No password form uses it: the
    # Django admin signs in through allauth's rate-limited login (schools.views.admin_login).
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"  # reads from Redis first
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"
ACCOUNT_LOGOUT_REDIRECT_URL = "account_login"

ACCOUNT_ADAPTER = "schools.adapters.AccountAdapter"
SOCIALACCOUNT_ADAPTER = "schools.adapters.SocialAccountAdapter"
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*"]
# An address counts only once its owner proved it (the invitation link, or a code sent to
# it): before it can be primary, used to sign in, or matched to an invitation. Addresses are
# added by code and saved only once verified. Rule: schools/addresses.py; hooks: adapters.py.
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_EMAIL_VERIFICATION_BY_CODE_ENABLED = True
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_EMAIL_UNKNOWN_ACCOUNTS = False  # no mail to addresses without an account
ACCOUNT_FORMS = {
    "add_email": "schools.adapters.AddEmailForm",
    "reset_password": "schools.adapters.ResetPasswordForm",
    "request_login_code": "schools.adapters.RequestLoginCodeForm",
}
ACCOUNT_LOGIN_BY_CODE_ENABLED = True
ACCOUNT_LOGIN_ON_PASSWORD_RESET = True
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/5m/key",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
}
ACCOUNT_EMAIL_SUBJECT_PREFIX = ""
SOCIALACCOUNT_ONLY = False
SOCIALACCOUNT_AUTO_SIGNUP = True
SOCIALACCOUNT_EMAIL_AUTHENTICATION = True
SOCIALACCOUNT_EMAIL_AUTHENTICATION_AUTO_CONNECT = True


def _social_app(prefix: str) -> list[dict]:
    client_id = env_str(f"{prefix}_CLIENT_ID")
    if not client_id:
        return []
    return [{"client_id": client_id, "secret": env_str(f"{prefix}_CLIENT_SECRET"), "key": ""}]


# Single sign-on is set up per district in the app (schools/sso.py). Its client secrets are
# sealed under SSO_ENCRYPTION_KEY (else SECRET_KEY). Issuers must be public https addresses,
# except in development and tests.
SSO_ENCRYPTION_KEY = env_str("SSO_ENCRYPTION_KEY")
SSO_ALLOW_INSECURE_ISSUERS = env_bool("SSO_ALLOW_INSECURE_ISSUERS", default=DEBUG)

# Deployment-wide Google and Microsoft sign-in (any district's staff, by verified address)
# appear only when their client ids are configured.
SOCIALACCOUNT_PROVIDERS = {
    "google": {"APPS": _social_app("GOOGLE"), "SCOPE": ["profile", "email"]},
    "microsoft": {
        "APPS": _social_app("MICROSOFT"),
        "TENANT": env_str("MICROSOFT_TENANT", "organizations"),
    },
}

# --- E-mail -----------------------------------------------------------------------------
EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend" if DEBUG and not env_str("EMAIL_HOST")
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL")
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 20)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Success Forums <forums@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Calendar replies (README, "Calendar replies"): invitations name this address as organiser,
# and the mail provider's inbound webhook posts what arrives there with this secret.
CALENDAR_REPLY_ADDRESS = env_str("CALENDAR_REPLY_ADDRESS")
CALENDAR_REPLY_SECRET = env_str("CALENDAR_REPLY_SECRET")

# --- Celery -----------------------------------------------------------------------------
def _celery_broker_url(url: str) -> str:
    # kombu spells a unix socket "redis+socket://", redis-py spells it "unix://".
    return "redis+socket://" + url.removeprefix("unix://") if url.startswith("unix://") else url


CELERY_BROKER_URL = _celery_broker_url(REDIS_URL)
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = env_int("CELERY_TASK_TIME_LIMIT", 300)
CELERY_TASK_SOFT_TIME_LIMIT = env_int("CELERY_TASK_SOFT_TIME_LIMIT", 240)
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600}
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER")
CELERY_TIMEZONE = "UTC"
CELERY_BEAT_SCHEDULE = {
    "heartbeat": {"task": "lib.health.heartbeat", "schedule": 30.0, "options": {"expires": 25}},
    "purge-trash": {"task": "successes.tasks.purge_trash", "schedule": 6 * 3600.0},
    "forget-old-uploads": {"task": "schools.tasks.forget_old_uploads", "schedule": 3600.0},
    "close-stale-sessions": {"task": "forums.tasks.close_stale_sessions", "schedule": 900.0},
    # The district digest's activity and spread figures (learning.figures): recent days every
    # 10 minutes, the last year again each night.
    "digest-figures": {"task": "learning.tasks.refresh_digest_figures", "schedule": 600.0,
                       "options": {"expires": 540}},
    "digest-figures-nightly": {"task": "learning.tasks.refresh_digest_figures",
                               "schedule": crontab(hour=3, minute=30), "kwargs": {"full": True}},
    "email-tick": {"task": "mail.tasks.tick", "schedule": float(env_int("EMAIL_TICK_SECONDS", 120)),
                   "options": {"expires": 100}},
}

# --- Internationalisation ---------------------------------------------------------------
LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("fr", _("French"))]  # the product promises both
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "UTC"
USE_TZ = True

# --- Static and uploaded files ----------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / ".local" / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage" if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
if env_str("S3_BUCKET"):
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env_str("S3_BUCKET"),
            "endpoint_url": env_str("S3_ENDPOINT_URL") or None,
            "region_name": env_str("S3_REGION") or None,
            "access_key": env_str("S3_ACCESS_KEY_ID"),
            "secret_key": env_str("S3_SECRET_ACCESS_KEY"),
            "default_acl": None,
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }

# --- Security ---------------------------------------------------------------------------
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", default=not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SESSION_COOKIE_HTTPONLY = True
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=not DEBUG)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=not DEBUG)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Behind a TLS-terminating proxy (load balancer, Compose with a proxy in front).
if env_bool("BEHIND_PROXY"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# /healthz is probed over plain HTTP by orchestrators.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", "blob:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'", "https://accounts.google.com", "https://login.microsoftonline.com"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

# --- Logging ----------------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "INFO"},
                # Subsetting the PDF digest's fonts reports every glyph at INFO.
                "fontTools": {"level": "WARNING"}},
}
