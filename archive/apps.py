from django.apps import AppConfig
from django.db.models.signals import post_delete


class ArchiveConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "archive"
    verbose_name = "News archive"

    def ready(self):
        from .models import Article
        from .signals import drop_empty_story, remove_from_index

        post_delete.connect(remove_from_index, sender=Article, dispatch_uid="archive_remove_from_index")
        post_delete.connect(drop_empty_story, sender=Article, dispatch_uid="archive_drop_empty_story")
