"""Production settings: refuse to start without a secret key and allowed hosts."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import env_bool, env_int, env_list

DEBUG = False
if not SECRET_KEY:  # noqa: F405
    raise ImproperlyConfigured("Set DJANGO_SECRET_KEY: production settings refuse to start without it.")
if not ALLOWED_HOSTS:  # noqa: F405
    raise ImproperlyConfigured("Set DJANGO_ALLOWED_HOSTS (comma-separated): production settings refuse to start without it.")

SESSION_COOKIE_SECURE = env_bool("ARCHIVE_HTTPS", True)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_SSL_REDIRECT = env_bool("ARCHIVE_SSL_REDIRECT", SESSION_COOKIE_SECURE)
SECURE_HSTS_SECONDS = env_int("ARCHIVE_HSTS_SECONDS", 31536000) if SESSION_COOKIE_SECURE else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("ARCHIVE_HSTS_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("ARCHIVE_HSTS_PRELOAD", True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
SECURE_CONTENT_TYPE_NOSNIFF = True

# Behind the TLS proxy the README recommends: the proxy says which scheme the
# client used, or every HTTPS request would be redirected to HTTPS again, for
# ever. The proxy must set this header itself, overwriting what a client sends;
# ARCHIVE_PROXY_SSL_HEADER= (empty) when nothing stands in front of gunicorn.
_PROXY_HEADER = os.environ.get("ARCHIVE_PROXY_SSL_HEADER", "X-Forwarded-Proto").strip()
if _PROXY_HEADER:
    SECURE_PROXY_SSL_HEADER = ("HTTP_" + _PROXY_HEADER.upper().replace("-", "_"), "https")
# A proxy that passes the public host name on in X-Forwarded-Host rather than Host.
USE_X_FORWARDED_HOST = env_bool("ARCHIVE_USE_X_FORWARDED_HOST", False)
# The public address the admin's forms are posted from, when the proxy changes
# the Host header: "https://archive.example.org" (comma-separated, several).
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", [
    f"https://{host.lstrip('.')}" for host in ALLOWED_HOSTS if host != "*" and not host.startswith(".")  # noqa: F405
])
