"""The site's only settings module: every deployment differs by environment variables alone."""

import os
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from conflicts.api import SPECTACULAR_SETTINGS as PARTNER_API_SCHEMA

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG")

# Development-only fallbacks; production refuses to start without real values.
_DEV_SECRET_KEY = "dev-only-insecure-secret-key-do-not-use-in-production"
_DEV_FIELD_ENCRYPTION_KEY = "ZGV2LW9ubHktaW5zZWN1cmUta2V5LWNoYW5nZS1tZSE="

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set the SECRET_KEY environment variable, "
            "or DEBUG=1 for local development."
        )
    SECRET_KEY = _DEV_SECRET_KEY

# Fernet keys for confidential source fields, comma-separated: the first encrypts,
# all decrypt, so a key can be rotated without losing data.
FIELD_ENCRYPTION_KEY = env_list("FIELD_ENCRYPTION_KEY")
if not FIELD_ENCRYPTION_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "FIELD_ENCRYPTION_KEY is not set. Generate one with "
            "`python -c 'from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())'` "
            "and set it in the environment, or DEBUG=1 for local development."
        )
    FIELD_ENCRYPTION_KEY = [_DEV_FIELD_ENCRYPTION_KEY]

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "newsroom",
    "conflicts",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_tasks",
    "django_tasks_db",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "csp",
    "axes",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "newsroom.middleware.SiteCSPMiddleware",
    "newsroom.middleware.DatabaseUnavailableMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # After authentication and CSRF: anonymous readers' public pages from the page cache.
    "conflicts.middleware.PageCacheMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, so that a locked-out login is answered before the view runs.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

# Security. With DEBUG off every setting below is production-grade, so that
# `python manage.py check --deploy` passes; behind a TLS-terminating proxy set
# SECURE_PROXY_SSL_HEADER=1 (it sends X-Forwarded-Proto).
if env_bool("SECURE_PROXY_SSL_HEADER"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_REDIRECT_EXEMPT = [r"^healthz/?$"]  # load balancers probe over plain HTTP
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = not DEBUG
SESSION_COOKIE_HTTPONLY = True
SECURE_HSTS_SECONDS = 0 if DEBUG else int(os.environ.get("SECURE_HSTS_SECONDS", str(365 * 24 * 3600)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"  # Wagtail lets its own preview frame through (same origin)


def csp_tile_sources(url_template):
    """The img-src sources a tile URL template needs: its origin, a {s} subdomain as a wildcard
    (Leaflet spreads tiles over a, b, c...), nothing for tiles served from the site itself."""
    parts = urlsplit(url_template.replace("{s}", "*"))
    return [f"{parts.scheme}://{parts.netloc}"] if parts.netloc else []


# Content Security Policy (django-csp): the site's own scripts and styles only, images also
# from the map tile server. The admin gets the few extras Wagtail's editor needs, on its
# paths only (newsroom.middleware.SiteCSPMiddleware).
_MAP_TILE_URL = os.environ.get("MAP_TILE_URL", "https://tile.openstreetmap.org/{z}/{x}/{y}.png")
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", *csp_tile_sources(_MAP_TILE_URL)],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'self'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

# Admin sign-in throttling (django-axes): after AXES_FAILURE_LIMIT failed attempts for a
# username from one address, that pair is refused (429) for AXES_COOLOFF_TIME hours.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = float(os.environ.get("AXES_COOLOFF_HOURS", "0.25"))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# Behind reverse proxies that append to X-Forwarded-For, how many there are (newsroom.sign_in).
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
AXES_CLIENT_IP_CALLABLE = "newsroom.sign_in.client_address"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "429.html"
# The admin's password reset: requests allowed per client address and per email address
# (newsroom.password_reset), counted in the shared cache like partner rate limits.
PASSWORD_RESET_LIMIT = os.environ.get("PASSWORD_RESET_LIMIT", "5/hour")

ROOT_URLCONF = "newsroom.urls"
WSGI_APPLICATION = "newsroom.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "conflicts.context_processors.maps",
                "conflicts.context_processors.public_links",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"].setdefault("OPTIONS", {})["connect_timeout"] = int(
        os.environ.get("DATABASE_CONNECT_TIMEOUT", "3")
    )
    # JIT off: the site's statements are short index lookups whose estimated cost can still pass
    # jit_above_cost on large tables, and compiling them took longer than running them (0.5-1 s
    # per page at 100,000 articles). A cap on every SQL statement (milliseconds), so one slow query
    # cannot hold a worker thread and a database connection for long: the request is answered 503.
    server_options = ["-c jit=off"]
    if os.environ.get("DATABASE_STATEMENT_TIMEOUT"):
        server_options.append(f"-c statement_timeout={int(os.environ['DATABASE_STATEMENT_TIMEOUT'])}")
    DATABASES["default"]["OPTIONS"]["options"] = " ".join(server_options)

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Partner rate limits and password-reset limits count in the default cache, so production needs
# one that every worker process shares: without REDIS_URL, `check --deploy` fails
# (conflicts.checks). Short socket timeouts: an unreachable Redis costs a request little, and
# the limits let requests through meanwhile (conflicts.throttling).
if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "conflicts.cache_backend.OutageTolerantRedisCache",
            "LOCATION": os.environ["REDIS_URL"],
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", ""),
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }

# Mail: password resets and Wagtail's workflow notifications. With EMAIL_HOST set, mail goes
# through that SMTP server; without it development prints mail to the console, and production
# turns the admin's password reset off rather than promise an email nobody can send.
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Conflict Desk <newsroom@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
WAGTAILADMIN_NOTIFICATION_FROM_EMAIL = DEFAULT_FROM_EMAIL
if os.environ.get("EMAIL_HOST"):
    EMAIL_HOST = os.environ["EMAIL_HOST"]
    EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
    EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", EMAIL_PORT == 587)
    EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", EMAIL_PORT == 465)
    EMAIL_TIMEOUT = 10
elif DEBUG:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
else:
    EMAIL_BACKEND = "django.core.mail.backends.dummy.EmailBackend"
    WAGTAIL_PASSWORD_RESET_ENABLED = False

# Background work (webhook deliveries, Wagtail's reference index) queues in the database;
# `python manage.py db_worker` runs it. TASKS_BACKEND swaps the backend, e.g. for tests.
TASKS = {
    "default": {
        "BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = DEBUG

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "wagtail": {"level": os.environ.get("WAGTAIL_LOG_LEVEL", "WARNING")},
        "django_tasks": {"level": os.environ.get("TASKS_LOG_LEVEL", "WARNING")},
        "axes": {"level": os.environ.get("AXES_LOG_LEVEL", "WARNING")},
    },
}

# Wagtail
WAGTAIL_SITE_NAME = "Conflict Desk"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://localhost:8000")
# Search: Wagtail's database backend (PostgreSQL full text, or SQLite's) unless SEARCH_URL (or
# ELASTICSEARCH_URL) names an Elasticsearch or OpenSearch cluster, for large archives;
# SEARCH_BACKEND picks the client (elasticsearch8 by default, e.g. opensearch2 or opensearch3).
SEARCH_URL = os.environ.get("SEARCH_URL") or os.environ.get("ELASTICSEARCH_URL")
if SEARCH_URL:
    WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": f"wagtail.search.backends.{os.environ.get('SEARCH_BACKEND', 'elasticsearch8')}",
            "URLS": env_list("SEARCH_URL") or env_list("ELASTICSEARCH_URL"),
            "INDEX": os.environ.get("SEARCH_INDEX", "newsroom"),
            "TIMEOUT": int(os.environ.get("SEARCH_TIMEOUT", "5")),
            "OPTIONS": {},
            "INDEX_SETTINGS": {},
        }
    }
else:
    WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "txt", "xlsx"]
WAGTAIL_I18N_ENABLED = False
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_GRAVATAR_PROVIDER_URL = None  # no third-party requests from the admin

# Django REST framework (partner API)
REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
}
SPECTACULAR_SETTINGS = {
    **PARTNER_API_SCHEMA,
    "TITLE": "Conflict Desk partner API",
    "DESCRIPTION": PARTNER_API_SCHEMA["DESCRIPTION"] + " See docs/partner-guide.md.",
}

# Knobs of the conflicts extension; defaults live in conflicts/conf.py.
CONFLICTS = {
    "ARTICLE_PAGE_MODELS": ["newsroom.ArticlePage"],
    "EXPLAINER_PAGE_MODELS": ["newsroom.ExplainerPage"],
    "MAP_TILE_URL": _MAP_TILE_URL,
    # The sourcing summary's "Our sourcing policy": the standards page load_demo publishes.
    "SOURCING_POLICY_URL": os.environ.get("SOURCING_POLICY_URL", "/unnamed-sources/"),
    "WEBHOOK_ALLOW_PRIVATE_ADDRESSES": env_bool("WEBHOOK_ALLOW_PRIVATE_ADDRESSES", DEBUG),
    "PAGE_CACHE_TIMEOUT": int(os.environ.get("PAGE_CACHE_TIMEOUT", "3600")),
    "FRAGMENT_CACHE_TIMEOUT": int(os.environ.get("FRAGMENT_CACHE_TIMEOUT", "86400")),
    "PAGE_CACHE_S_MAXAGE": int(os.environ.get("PAGE_CACHE_S_MAXAGE", "600")),
    # The sitemap index and its sections (newsroom/urls.py), for the CDN's purges.
    "PAGE_CACHE_SITEMAP_PATHS": (
        "/sitemap.xml", "/sitemap-pages.xml", "/sitemap-conflicts.xml", "/sitemap-places.xml",
        "/sitemap-claims.xml", "/sitemap-sources.xml",
    ),
}

# The CDN in front of the site (Wagtail's frontend cache): the page cache's purges are sent to
# every backend configured here, once each change commits.
WAGTAILFRONTENDCACHE = {}
if os.environ.get("FRONTEND_CACHE_PURGE_URL"):  # Varnish, nginx: HTTP PURGE to this address
    WAGTAILFRONTENDCACHE["http"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
        "LOCATION": os.environ["FRONTEND_CACHE_PURGE_URL"],
    }
if os.environ.get("CLOUDFLARE_ZONE_ID"):
    WAGTAILFRONTENDCACHE["cloudflare"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
        "ZONEID": os.environ["CLOUDFLARE_ZONE_ID"],
        "BEARER_TOKEN": os.environ.get("CLOUDFLARE_API_TOKEN"),
        "EMAIL": os.environ.get("CLOUDFLARE_EMAIL"),
        "API_KEY": os.environ.get("CLOUDFLARE_API_KEY"),
    }
if os.environ.get("CLOUDFRONT_DISTRIBUTION_ID"):  # needs boto3 and AWS credentials in the environment
    WAGTAILFRONTENDCACHE["cloudfront"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudfrontBackend",
        "DISTRIBUTION_ID": os.environ["CLOUDFRONT_DISTRIBUTION_ID"],
    }
if os.environ.get("AZURE_CDN_ENDPOINT"):  # needs azure-mgmt-cdn and azure-identity
    WAGTAILFRONTENDCACHE["azure"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.AzureCdnBackend",
        "RESOURCE_GROUP_NAME": os.environ["AZURE_CDN_RESOURCE_GROUP"],
        "CDN_PROFILE_NAME": os.environ["AZURE_CDN_PROFILE"],
        "CDN_ENDPOINT_NAME": os.environ["AZURE_CDN_ENDPOINT"],
    }
