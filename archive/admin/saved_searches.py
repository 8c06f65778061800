"""Saved searches in the admin, with what each gained since staff last looked."""

from __future__ import annotations

from django.contrib import admin
from django.http import QueryDict
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html

from archive.feeds import describe, new_since, newest_article
from archive.forms import SearchForm
from archive.models import SavedSearch
from archive.search.base import SearchError


@admin.register(SavedSearch)
class SavedSearchAdmin(admin.ModelAdmin):
    """Searches staff follow, with what each gained since they last opened it from here."""

    list_display = ["name", "search", "new_since_seen", "seen", "created_by"]
    fields = ["name", "query", "created_by", "created", "seen"]
    readonly_fields = ["created_by", "created", "seen"]
    actions = ["mark_seen"]

    @admin.display(description="Search")
    def search(self, obj):
        return format_html('<a href="{}">{}</a> · <a href="{}">feed</a>', obj.get_absolute_url(),
                           describe(QueryDict(obj.query)), reverse("archive:feed") + "?" + obj.query)

    @admin.display(description="New since you last looked")
    def new_since_seen(self, obj):
        try:
            count = new_since(SearchForm(QueryDict(obj.query)), obj.seen_up_to)
        except SearchError as exc:
            return f"search unavailable ({exc})"
        label = f"{count}{'+' if count >= 1000 else ''} new" if count else "nothing new"
        return format_html('<a href="{}">{}</a>', reverse("archive:open_saved_search", args=[obj.pk]), label)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
            obj.seen_up_to, obj.seen = newest_article(), timezone.now()
        super().save_model(request, obj, form, change)

    @admin.action(description="Mark as seen: count from now on")
    def mark_seen(self, request, queryset):
        # Everything added so far has been seen, whatever the search matches.
        queryset.update(seen_up_to=newest_article(), seen=timezone.now())
