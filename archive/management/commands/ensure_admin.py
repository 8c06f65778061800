from __future__ import annotations

import os
import secrets
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Make sure a local admin login exists: password from ARCHIVE_ADMIN_PASSWORD, "
        "else a generated one kept in the data directory and printed."
    )

    def handle(self, *args, **options):
        username = os.environ.get("ARCHIVE_ADMIN_USER", "admin")
        given = os.environ.get("ARCHIVE_ADMIN_PASSWORD", "")
        saved = Path(settings.ARCHIVE_DATA_DIR) / "admin-password.txt"
        User = get_user_model()
        user = User.objects.filter(username=username).first()
        if given:
            password = given
        elif user is None or not saved.exists():
            password = secrets.token_urlsafe(12)
        else:
            password = saved.read_text().strip()
        if user is None:
            user = User.objects.create_superuser(username=username, email="", password=password)
        elif given or not saved.exists():
            user.set_password(password)
            user.save(update_fields=["password"])
        if given:
            saved.unlink(missing_ok=True)
            self.stdout.write(f"Admin login: {username} with the password from ARCHIVE_ADMIN_PASSWORD")
            return
        saved.parent.mkdir(parents=True, exist_ok=True)
        saved.write_text(password + "\n")
        saved.chmod(0o600)
        self.stdout.write(f"Admin login: {username} / {password}   (kept in {saved}; set ARCHIVE_ADMIN_PASSWORD to choose your own)")
