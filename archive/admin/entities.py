"""People and organizations in the admin (rename, reject, merge, review, undo), countries and outlets."""

from __future__ import annotations

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.template.response import TemplateResponse
from django.urls import path

from simple_history.admin import SimpleHistoryAdmin

from archive.curation import merge, reject, rename, suspects, undo_merge
from archive.history import save_recorded
from archive.models import (
    Country, Merge, Organization, OrganizationAlias, Outlet, Person, PersonAlias, unique_slug,
)
from archive.search.sync import schedule_index


class ReindexArticlesMixin:
    """Searches follow an edit in the admin within the same request: names and aliases are indexed."""

    def _article_ids(self, obj) -> list[int]:
        return list(obj.articles.values_list("pk", flat=True)) if obj.pk else []

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        schedule_index(self._article_ids(form.instance))

    def delete_model(self, request, obj):
        ids = self._article_ids(obj)
        super().delete_model(request, obj)
        schedule_index(ids)

    def delete_queryset(self, request, queryset):
        ids = [pk for obj in queryset for pk in self._article_ids(obj)]
        super().delete_queryset(request, queryset)
        schedule_index(ids)


class AliasInline(admin.TabularInline):
    extra = 1
    fields = ["name"]


class PersonAliasInline(AliasInline):
    model = PersonAlias


class OrganizationAliasInline(AliasInline):
    model = OrganizationAlias


class _IsSetFilter(admin.SimpleListFilter):
    """Yes / no for a field that is set or empty: clearer than Django's "Empty / Not empty"."""

    field = ""
    labels = ("Yes", "No")

    def lookups(self, request, model_admin):
        return [("yes", self.labels[0]), ("no", self.labels[1])]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.exclude(**{self.field: None})
        if self.value() == "no":
            return queryset.filter(**{self.field: None})
        return queryset


class MergedFilter(_IsSetFilter):
    title = "merged into another"
    parameter_name = "merged"
    field = "merged_into"


# What the two ways of getting rid of an entity do: reject() in curation.py, and the
# cascade of a delete; imports skip a rejected entity's names (ingest/pipeline.py).
REJECT_OR_DELETE = (
    "Rejected: for a name that is no real person or organization (a place, a common word). Its mentions are "
    "removed, so it leaves the search facets, and its page is gone; later imports and re-extraction skip its "
    "name and its aliases, so it is not found again. Unticking it takes it back, with its mentions as articles "
    "are re-extracted. "
    "Delete (below) removes it with its aliases and mentions, but the next import or re-extraction that finds "
    "the name creates it again; the entities merged into it stand on their own again."
)


class EntityAdmin(ReindexArticlesMixin, SimpleHistoryAdmin):
    list_display = ["name", "slug", "mention_count", "rejected", "merged_into"]
    list_filter = ["rejected", MergedFilter]
    search_fields = ["name", "aliases__name"]
    # The match key is internal (how spellings find the entity): not shown.
    fieldsets = [
        (None, {"fields": ["name", "slug", "merged_into"],
                "description": "The slug is its page's address: a new name gives a new one, and the old address "
                               "leads to it."}),
        ("Reject or delete", {"fields": ["rejected"], "description": REJECT_OR_DELETE}),
    ]
    readonly_fields = ["slug", "merged_into"]
    actions = ["merge_selected", "reject_selected"]
    change_list_template = "admin/archive/entity_change_list.html"

    def get_queryset(self, request):
        # Distinct: a search through aliases joins one row per matching alias.
        return super().get_queryset(request).annotate(mention_count=Count("mentions", distinct=True))

    @admin.display(ordering="mention_count", description="articles")
    def mention_count(self, obj):
        return obj.mention_count

    def get_urls(self):
        name = f"{self.opts.app_label}_{self.opts.model_name}_review"
        return [path("review/", self.admin_site.admin_view(self.review_view), name=name), *super().get_urls()]

    def review_view(self, request):
        """Likely extraction mistakes, most suspicious first, with the list's reject and merge actions."""
        if not self.has_change_permission(request):
            raise PermissionDenied
        if request.method == "POST":
            return self.changelist_view(request)  # runs the action, then comes back to this page
        listed, total = suspects(self.model)
        actions = [(name, label) for name, label in self.get_action_choices(request) if name in self.actions]
        context = {
            **self.admin_site.each_context(request), "opts": self.model._meta,
            "title": f"{self.model._meta.verbose_name_plural.capitalize()} to review", "suspects": listed,
            "total": total, "actions": actions, "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
            "public_url": "archive:person" if self.model is Person else "archive:organization",
        }
        return TemplateResponse(request, "admin/archive/review.html", context)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.slug = unique_slug(type(obj), obj.name)
        if change and "name" in form.changed_data:
            new_name, obj.name = obj.name, form.initial["name"]
            rename(obj, new_name)  # keeps the old name as an alias
        if change and "rejected" in form.changed_data and obj.rejected:
            reject(obj)
        others = [f for f in form.changed_data if f not in ("name", "rejected")]
        if not change:
            super().save_model(request, obj, form, change)
        elif others or ("rejected" in form.changed_data and not obj.rejected):
            save_recorded(obj, "edited: " + ", ".join(form.changed_data))

    def save_formset(self, request, form, formset, change):
        """Aliases as posted, but one a rename in the same save already added (the old name) is not added twice."""
        if formset.model not in (PersonAlias, OrganizationAlias):
            return super().save_formset(request, form, formset, change)
        for alias in formset.save(commit=False):
            taken = formset.model.objects.filter(**{formset.fk.name: form.instance, "name": alias.name})
            if alias.pk is None and taken.exists():
                continue
            alias.save()
        for alias in formset.deleted_objects:
            alias.delete()

    @admin.action(description="Reject selected: not real entities (hidden, never re-created)")
    def reject_selected(self, request, queryset):
        for entity in queryset:
            reject(entity)
        self.message_user(request, f"Rejected {len(queryset)}; they leave the facets and imports will skip them.")

    @admin.action(description="Merge selected into one…")
    def merge_selected(self, request, queryset):
        entities = list(queryset.order_by("-mention_count", "pk"))
        if len(entities) < 2:
            self.message_user(request, "Select at least two to merge.", messages.WARNING)
            return None
        target_id = request.POST.get("target")
        if request.POST.get("confirm") and target_id:
            target = next((e for e in entities if str(e.pk) == target_id), None)
            if target is None:
                self.message_user(request, "Choose one of the selected to keep.", messages.ERROR)
                return None
            for source in entities:
                if source.pk != target.pk:
                    merge(source, target)
            self.message_user(request, f"Merged {len(entities) - 1} into {target.name}. Undo it under Merges.")
            return None
        context = {
            **self.admin_site.each_context(request), "opts": self.model._meta, "title": "Merge into one",
            "entities": entities, "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/archive/merge.html", context)


@admin.register(Person)
class PersonAdmin(EntityAdmin):
    inlines = [PersonAliasInline]


@admin.register(Organization)
class OrganizationAdmin(EntityAdmin):
    inlines = [OrganizationAliasInline]


class UndoneFilter(_IsSetFilter):
    title = "undone"
    parameter_name = "undone"
    field = "undone"
    labels = ("Yes: undone", "No: in force")


@admin.register(Merge)
class MergeAdmin(admin.ModelAdmin):
    list_display = ["__str__", "kind", "created", "automatic", "undone"]
    list_filter = ["kind", UndoneFilter]
    readonly_fields = ["kind", "source_id", "target_id", "source_name", "target_name", "moved", "created", "undone"]
    actions = ["undo_selected"]

    def has_add_permission(self, request):
        return False

    @admin.display(boolean=True)
    def automatic(self, obj):
        return bool(obj.moved.get("automatic"))

    @admin.action(description="Undo selected merges")
    def undo_selected(self, request, queryset):
        for record in queryset.filter(undone=None).order_by("-created"):
            undo_merge(record)
        self.message_user(request, "Undone: the merged entities are back with their mentions and aliases.")


@admin.register(Country)
class CountryAdmin(ReindexArticlesMixin, admin.ModelAdmin):
    list_display = ["code", "name"]
    search_fields = ["code", "name"]


@admin.register(Outlet)
class OutletAdmin(ReindexArticlesMixin, admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
