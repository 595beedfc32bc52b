"""The one settings module. Everything that differs between a laptop, CI and
production comes from environment variables (documented in the README); the
defaults run with nothing installed: SQLite, a file-based cache and a
filesystem Celery broker under ``var/``, shared by every process."""

import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


# Production mode switches on every secure default; `manage.py check --deploy`
# passes with it. Debug pages (URL lists, frame locals) are a developer's
# opt-in: the demo shows what the public would see.
PRODUCTION = env_bool("DJANGO_PRODUCTION")
DEBUG = env_bool("DJANGO_DEBUG")


def installation_secret_key(path: Path) -> str:
    """The key kept in ``path`` (mode 0600), created on first use. Every
    process of the installation reads the same one; a key in the repository
    would let anyone sign an unsubscribe link or a session."""
    try:
        return path.read_text().strip()
    except FileNotFoundError:
        pass
    import secrets

    path.parent.mkdir(parents=True, exist_ok=True)
    draft = path.with_name(f".{path.name}.{os.getpid()}")
    fd = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as file:
        file.write(secrets.token_urlsafe(50))
    try:
        # A hard link appears complete or not at all, and fails if another
        # process (the worker starting beside the web server) got there first.
        os.link(draft, path)
    except FileExistsError:
        pass
    finally:
        draft.unlink()
    return path.read_text().strip()


SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if PRODUCTION:
        raise RuntimeError("DJANGO_SECRET_KEY must be set when DJANGO_PRODUCTION is on.")
    SECRET_KEY = installation_secret_key(VAR_DIR / "secret_key")

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")
# Absolute base URL used in emails, feeds and social posts.
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "comunicacio.apps.ComunicacioConfig",
    "news",
    "social",
    "agenda",
    "institutional",
    "catalog",
    "intranet",
    "bulletins",
    "comunicacio.admin_site.CommunicationAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.postgres",
    "django_filters",
    "taggit",
    "django_prose_editor",
    "axes",
]
# Development-only code (the demo, volume generators, the local fakes of the
# social networks, rundev) lives in one app that production does not install.
if not PRODUCTION:
    INSTALLED_APPS.append("demo")

MIDDLEWARE = [
    # Served-from-cache anonymous pages skip everything below.
    "comunicacio.pagecache.PageCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "comunicacio.security.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # The back-office in each staff member's own language (after authentication).
    "comunicacio.staff_language.StaffLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
]

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
                "django.template.context_processors.i18n",
                "comunicacio.context_processors.site",
                "news.context_processors.alerts",
            ],
            "builtins": ["comunicacio.templatetags.comunicacio"],
        },
    }
]

# --- Database -----------------------------------------------------------------
DATABASE_URL = os.environ.get("DATABASE_URL", "")
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
else:
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": os.environ.get("SQLITE_PATH", str(VAR_DIR / "comunicacio.sqlite3")),
            # WAL + immediate transactions let the web server and the Celery
            # worker share the file without "database is locked" errors.
            "OPTIONS": {
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
            },
        }
    }
IS_POSTGRES = DATABASES["default"]["ENGINE"].endswith("postgresql")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache, broker ------------------------------------------------------------
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "comunicacio.redis_cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "comunicacio"),
        }
    }
else:
    # Not a per-process (local-memory) cache: the web server's processes and
    # the Celery worker must see one page cache, or a purge by one leaves the
    # others serving what was withdrawn. Files under var/ need no server. The
    # limit is far above what the site stores (pages, cards, fragments); if it
    # is ever reached, Django deletes a third of the entries at random, which
    # may include the page cache's generation: that only starts a new
    # generation, like a purge, so culling can cost speed but never serve a
    # stale page (see comunicacio/pagecache.py).
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(VAR_DIR / "cache"),
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "comunicacio"),
            "OPTIONS": {"MAX_ENTRIES": 200_000},
        }
    }

# Public pages are cached for anonymous visitors for at most this many seconds;
# publishing purges them earlier, and a page never outlives the next scheduled
# visibility change (see comunicacio/pagecache.py). 0 disables the page cache.
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "600"))

BROKER_DIR = VAR_DIR / "broker"
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", REDIS_URL or "filesystem://")
if CELERY_BROKER_URL.startswith("filesystem://"):
    for sub in ("out", "processed", "control"):
        (BROKER_DIR / sub).mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(BROKER_DIR / "out"),
        "data_folder_out": str(BROKER_DIR / "out"),
        "data_folder_processed": str(BROKER_DIR / "processed"),
        # Broadcast (remote control) messages; kombu's default is ./control.
        "control_folder": str(BROKER_DIR / "control"),
        # kombu reads one message per poll (1 s by default): a short interval
        # keeps a burst of effects from holding the sweepers back.
        "polling_interval": 0.05,
    }
    # kombu's filesystem transport with atomic writes (see config/broker.py).
    CELERY_BROKER_TRANSPORT = "config.broker:Transport"
else:
    CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600}
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER")
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_IGNORE_RESULT = True
CELERY_TIMEZONE = "Europe/Madrid"
# How often beat runs the effects sweeper, in seconds.
PUBLISHING_SWEEP_SECONDS = float(os.environ.get("PUBLISHING_SWEEP_SECONDS", "15"))
# Time limit of one effect task (and of one sweep): a hung handler is killed
# and its transaction rolled back, so the effect runs again.
PUBLISHING_EFFECT_LEASE_SECONDS = int(os.environ.get("PUBLISHING_EFFECT_LEASE_SECONDS", "300"))
PUBLISHING_MAX_ATTEMPTS = int(os.environ.get("PUBLISHING_MAX_ATTEMPTS", "8"))

# --- Social networks ------------------------------------------------------------
# Fernet keys (comma-separated, newest first: older ones still decrypt, for
# rotation) that encrypt the accounts' credentials at rest. Outside production
# a key derived from SECRET_KEY is used when none is set.
SOCIAL_CREDENTIALS_KEYS = env_list("SOCIAL_CREDENTIALS_KEYS")
if PRODUCTION and not SOCIAL_CREDENTIALS_KEYS:
    raise RuntimeError("SOCIAL_CREDENTIALS_KEYS must be set when DJANGO_PRODUCTION is on.")
# Seconds to wait for a network's answer (connect timeout: a fifth of it).
SOCIAL_HTTP_TIMEOUT = float(os.environ.get("SOCIAL_HTTP_TIMEOUT", "20"))
# A post being sent is leased for this long; a worker that died mid-send is
# detected when the lease runs out, and the post is looked up before a retry.
SOCIAL_SEND_LEASE_SECONDS = int(os.environ.get("SOCIAL_SEND_LEASE_SECONDS", "120"))
SOCIAL_MAX_ATTEMPTS = int(os.environ.get("SOCIAL_MAX_ATTEMPTS", "8"))
# An item whose publication is older than this when its posts would go out
# (workers down for a day, a back-dated import) is not posted: stale news.
SOCIAL_STALE_AFTER_HOURS = int(os.environ.get("SOCIAL_STALE_AFTER_HOURS", "24"))
# How often beat sweeps due and interrupted posts, in seconds.
SOCIAL_SWEEP_SECONDS = float(
    os.environ.get("SOCIAL_SWEEP_SECONDS", os.environ.get("PUBLISHING_SWEEP_SECONDS", "15"))
)

# --- Email ----------------------------------------------------------------------
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
EMAIL_TIMEOUT = 30
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
else:
    # Without an SMTP server, messages are written under var/mail for inspection.
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = str(VAR_DIR / "mail")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "comunicacio@ajuntament.example")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Bulk mailings (comunicacio.mail): messages per batch (one SMTP connection
# each) and the average sending rate the batches keep to. Each mailing has its
# own pair (PRESS_*), defaulting to these.
MAIL_BATCH_SIZE = int(os.environ.get("MAIL_BATCH_SIZE", "50"))
MAIL_SEND_RATE_PER_MINUTE = int(os.environ.get("MAIL_SEND_RATE_PER_MINUTE", "600"))
PRESS_BATCH_SIZE = int(os.environ.get("PRESS_BATCH_SIZE", str(MAIL_BATCH_SIZE)))
PRESS_SEND_RATE_PER_MINUTE = int(os.environ.get("PRESS_SEND_RATE_PER_MINUTE", str(MAIL_SEND_RATE_PER_MINUTE)))

# --- Agenda -------------------------------------------------------------------
# Occurrences of series are stored this many days ahead (beat keeps extending them).
AGENDA_HORIZON_DAYS = int(os.environ.get("AGENDA_HORIZON_DAYS", "400"))
# Reverse proxies in front of Django that append to X-Forwarded-For: the client
# address is the one that many entries from the right (0: REMOTE_ADDR).
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))

# --- Auth ---------------------------------------------------------------------
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "admin:login"
# Login throttling (comunicacio/login_throttling.py): repeated failures lock an
# account from one address, and more failures from any addresses lock it from
# everywhere, for the cool-off. Addresses are read behind TRUSTED_PROXY_COUNT
# proxies like the proposal form's.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_USERNAME_FAILURE_LIMIT = int(os.environ.get("AXES_USERNAME_FAILURE_LIMIT", "20"))
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_HANDLER = "comunicacio.login_throttling.LoginThrottleHandler"
AXES_CLIENT_IP_CALLABLE = "comunicacio.client_address.client_address"
# Attempts refused while locked are not counted: retrying never prolongs a lock.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_RESET_ON_SUCCESS = True
AXES_ENABLED = env_bool("AXES_ENABLED", default=True)
AXES_LOCKOUT_TEMPLATE = "admin/locked_out.html"
AXES_LOCKOUT_CALLABLE = "comunicacio.login_throttling.lockout_response"

# --- Internationalisation -----------------------------------------------------
LANGUAGE_CODE = "ca"
LANGUAGES = [("ca", _("Català")), ("es", _("Castellano"))]
# Content fields carry a translation per extra language; Catalan is the base.
CONTENT_TRANSLATION_LANGUAGES = ["es"]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Europe/Madrid"

# --- Static and media -----------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
if not PRODUCTION:
    # Development and tests serve static files from the apps through
    # WhiteNoise's finders; production serves the collected, hashed copies.
    WHITENOISE_USE_FINDERS = True
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
# Files not yet content (unmoderated proposal images): outside MEDIA_ROOT and
# without any URL (comunicacio/storage.py).
PRIVATE_MEDIA_ROOT = Path(os.environ.get("PRIVATE_MEDIA_ROOT", VAR_DIR / "private-media"))
# Every /media/ URL goes through a view that checks the visibility of the
# content using the file (comunicacio/protected_media.py). With this set to
# an internal nginx location (e.g. "/protected-media/"), the view only
# answers with X-Accel-Redirect and nginx sends the file; without it, Django
# streams the file itself.
MEDIA_X_ACCEL_REDIRECT = os.environ.get("MEDIA_X_ACCEL_REDIRECT", "")
# How long browsers and proxies may reuse a public file without asking again;
# 0 (no-cache) makes a withdrawn item's files disappear at once.
MEDIA_CACHE_SECONDS = int(os.environ.get("MEDIA_CACHE_SECONDS", "0"))
STORAGES = {
    "default": {"BACKEND": "comunicacio.storage.MediaStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
# Upload limits: images are also checked for pixel count (decompression bombs).
IMAGE_MAX_BYTES = int(os.environ.get("IMAGE_MAX_BYTES", str(15 * 1024 * 1024)))
IMAGE_MAX_PIXELS = int(os.environ.get("IMAGE_MAX_PIXELS", str(40_000_000)))
IMAGE_RENDITION_WIDTHS = [480, 960, 1600]
ATTACHMENT_MAX_BYTES = int(os.environ.get("ATTACHMENT_MAX_BYTES", str(25 * 1024 * 1024)))
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# --- Security -------------------------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
if PRODUCTION:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

# Every handler redacts secrets (tokens in URLs, Authorization values, every
# credential the process decrypted): httpx logs each request's URL at INFO, and
# Telegram's carries the bot token. Django's own handlers are redefined here so
# that none is left without the filter; the Celery worker adds it to the
# handlers it installs (config/celery.py).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "redact_secrets": {"()": "comunicacio.logredaction.RedactSecrets"},
        "require_debug_false": {"()": "django.utils.log.RequireDebugFalse"},
    },
    "formatters": {
        "django.server": {
            "()": "django.utils.log.ServerFormatter",
            "format": "[{server_time}] {message}",
            "style": "{",
        }
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["redact_secrets"]},
        "django.server": {
            "class": "logging.StreamHandler",
            "formatter": "django.server",
            "filters": ["redact_secrets"],
        },
        "mail_admins": {
            "level": "ERROR",
            "class": "django.utils.log.AdminEmailHandler",
            "filters": ["require_debug_false", "redact_secrets"],
        },
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "axes": {"level": "WARNING"},
        # Propagates to the root's console; errors are also emailed to ADMINS.
        "django": {"handlers": ["mail_admins"], "level": "INFO"},
        "django.server": {"handlers": ["django.server"], "level": "INFO", "propagate": False},
    },
}
# Error reports (the debug page and error emails) never show a credential:
# frame variables and POST fields holding one are cleansed, with DEBUG on too.
DEFAULT_EXCEPTION_REPORTER_FILTER = "comunicacio.logredaction.SecretsFilter"
DEFAULT_EXCEPTION_REPORTER = "comunicacio.logredaction.RedactingReporter"

# --- Site identity ----------------------------------------------------------------
COUNCIL_NAME = os.environ.get("COUNCIL_NAME", "Ajuntament de Vilanova del Riu")
PRESS_CONTACT = {
    "name": os.environ.get("PRESS_CONTACT_NAME", "Àrea de Comunicació"),
    "email": os.environ.get("PRESS_CONTACT_EMAIL", "premsa@ajuntament.example"),
    "phone": os.environ.get("PRESS_CONTACT_PHONE", "+34 938 000 000"),
}
