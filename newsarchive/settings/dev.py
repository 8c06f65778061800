"""Development settings: run with no environment variables at all."""

from .base import *  # noqa: F403
from .base import env_bool, env_list

DEBUG = env_bool("DJANGO_DEBUG", True)
SECRET_KEY = SECRET_KEY or "dev-only-insecure-key-do-not-use-in-production"  # noqa: F405
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
# Static files (the admin's CSS) straight from the apps, with or without DEBUG:
# `make run` serves without it, so that visitors never see Django's debug pages.
WHITENOISE_USE_FINDERS = True
