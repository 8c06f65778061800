from __future__ import annotations

from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.db.models import Count
from django.shortcuts import redirect, render
from django.http import QueryDict
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from simple_history.admin import SimpleHistoryAdmin

from .copies.curation import join, split_off
from .curation import merge, reject, rename, suspects, undo_merge
from .feeds import describe, new_since, newest_article
from .forms import ArticleEditForm, SearchForm, UploadForm
from .history import save_recorded
from .ingest.edits import labels
from .ingest.errors import IngestError
from .ingest.import_batch import import_items
from .ingest.parse import Upload
from .ingest.pipeline import DuplicateArticle, edit_article, reprocess_article
from .ingest.unpack import unpack
from .jobs import admin as _jobs_admin  # noqa: F401  (registers the import jobs' pages)
from .jobs.queue import create_job, workers_alive
from .search.base import SearchError
from .search.sync import schedule_index
from .models import (
    Article,
    ImportJob,
    Merge,
    Country,
    CountryMention,
    Organization,
    OrganizationAlias,
    OrganizationMention,
    Outlet,
    Person,
    PersonAlias,
    PersonMention,
    SavedSearch,
    unique_slug,
)


class _TopEntityFilter(admin.SimpleListFilter):
    """The most-mentioned entities only: a sidebar of thousands of names helps nobody."""

    model = None
    field = ""

    def lookups(self, request, model_admin):
        top = self.model.objects.annotate(n=Count("mentions")).order_by("-n")[:30]
        return [(str(e.pk), f"{e.name} ({e.n})") for e in top]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(**{self.field: self.value()}).distinct()
        return queryset


class PersonFilter(_TopEntityFilter):
    title = "person"
    parameter_name = "person"
    model = Person
    field = "persons__pk"


class CountryFilter(_TopEntityFilter):
    title = "country"
    parameter_name = "country"
    model = Country
    field = "countries__pk"


class _MentionInline(admin.TabularInline):
    """What the extraction found: shown, never edited here (curate the entity, or correct the text)."""

    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class PersonMentionInline(_MentionInline):
    model = PersonMention
    fields = readonly_fields = ["person", "spelling", "count"]


class CountryMentionInline(_MentionInline):
    model = CountryMention
    fields = readonly_fields = ["country", "spelling", "count"]


class OrganizationMentionInline(_MentionInline):
    model = OrganizationMention
    fields = readonly_fields = ["organization", "spelling", "count"]


@admin.register(Article)
class ArticleAdmin(SimpleHistoryAdmin):
    """Articles come in through Upload; staff correct their metadata and text, always through the write path."""

    form = ArticleEditForm
    list_display = ["title", "outlet", "published", "original_name", "created"]
    list_filter = ["outlet", "published", PersonFilter, CountryFilter]
    search_fields = ["title", "body_text", "author"]
    date_hierarchy = "published"
    list_select_related = ["outlet"]
    readonly_fields = ["corrected", "other_copies", "original_name", "original_type", "original_sha256", "original_size",
                       "upload_metadata", "language", "fingerprint", "created", "updated"]
    fieldsets = [
        (None, {"fields": ["title", "source", "published", "author", "url", "body_text", "corrected"]}),
        ("Its story", {"fields": ["other_copies"]}),
        ("The original, as uploaded", {"fields": ["original_name", "original_type", "original_sha256", "original_size",
                                                   "upload_metadata", "language", "fingerprint", "created", "updated"]}),
    ]
    inlines = [PersonMentionInline, CountryMentionInline, OrganizationMentionInline]
    actions = ["reextract_selected", "reextract_without_corrections", "split_off_stories", "join_stories"]
    history_list_display = ["title", "outlet", "published", "author", "url"]

    def has_add_permission(self, request):
        return False  # Upload articles is the way in

    @admin.display(description="Corrected by hand")
    def corrected(self, obj):
        return labels(obj.edited) or "nothing: as extracted from the original"

    def save_model(self, request, obj, form, change):
        current = Article.objects.get(pk=obj.pk)
        changes = form.corrections(current)
        try:
            edit_article(current, changes)
        except (IngestError, DuplicateArticle) as exc:  # checked by the form already; the rules may have moved since
            messages.error(request, f"Nothing was changed: {exc}")
        obj.refresh_from_db()

    def save_related(self, request, form, formsets, change):
        # The mentions are derived by edit_article, never posted: nothing of the formsets is saved.
        for formset in formsets:
            formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []

    @admin.display(description="Other copies")
    def other_copies(self, obj):
        copies = [a for a in obj.story.copies().select_related("outlet") if a.pk != obj.pk] if obj.story else []
        if not copies:
            return "none: no other outlet's copy of this story is in the archive"
        listed = format_html_join(
            mark_safe("<br>"), '<a href="{}">{}</a> — {}, {}',
            ((reverse("admin:archive_article_change", args=[a.pk]), a.title, a.outlet or "unknown outlet",
              a.published or "undated") for a in copies),
        )
        return format_html("{}{}", listed, " (placed by hand)" if obj.story_curated else "")

    @admin.action(description="Split off their stories: not copies of the others")
    def split_off_stories(self, request, queryset):
        for article in queryset.order_by("pk"):
            split_off(article)
        messages.info(request, f"{queryset.count()} article(s) now stand as stories of their own (kept over reprocess).")

    @admin.action(description="Join their stories into one: copies of one story")
    def join_stories(self, request, queryset):
        articles = list(queryset)
        if len(articles) < 2:
            messages.warning(request, "Select at least two articles to join their stories.")
            return
        story = join(articles)
        messages.info(request, f"Joined into one story of {story.articles.count()} articles (kept over reprocess).")

    @admin.action(description="Re-extract from the original (corrections kept)")
    def reextract_selected(self, request, queryset):
        self._reextract(request, queryset, keep=True)

    @admin.action(description="Re-extract from the original, dropping corrections")
    def reextract_without_corrections(self, request, queryset):
        self._reextract(request, queryset, keep=False)

    def _reextract(self, request, queryset, *, keep: bool) -> None:
        done, problems = 0, []
        for article in queryset.order_by("pk"):
            edited = article.edited
            if not keep:
                article.edited = {}
            try:
                reprocess_article(article, reason="re-extracted from the original" + ("" if keep else ", corrections dropped"))
                done += 1
            except (IngestError, DuplicateArticle, OSError) as exc:
                article.edited = edited
                problems.append(f"#{article.pk}: kept as it was: {exc}")
        messages.info(request, f"Re-extracted {done} article{'s' if done != 1 else ''} from the original.")
        for problem in problems:
            messages.warning(request, problem)

    def get_urls(self):
        upload = path("upload/", self.admin_site.admin_view(self.upload_view), name="archive_article_upload")
        return [upload, *super().get_urls()]

    def upload_view(self, request):
        """One pasted text or one file imports here and now; anything bigger becomes a job for a worker."""
        outcomes = None
        form = UploadForm(request.POST, request.FILES) if request.method == "POST" else UploadForm()
        if request.method == "POST" and form.is_valid():
            if not form.is_small():
                job = create_job(form.stored_files(), manifest=form.stored_manifest(), metadata=form.metadata(),
                                 user=request.user)
                return redirect(job.get_absolute_url())
            outcomes = list(import_items(_form_items(form)))
        if form.has_error("text"):  # a paste over the limit is not sent back to the browser
            form.data = form.data.copy()
            form.data["text"] = ""
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": "Upload articles",
            "form": form,
            "outcomes": outcomes,
            "counts": _count(outcomes or []),
            "max_bytes": settings.ARCHIVE_MAX_UPLOAD_BYTES,
            "workers_alive": workers_alive(),
            "recent_jobs": ImportJob.objects.all()[:5],
        }
        return render(request, "admin/archive/article/upload.html", context)


def _form_items(form: UploadForm):
    """The items of a small upload (one file or a pasted text), imported in the request."""
    metadata = form.metadata()
    for f in form.cleaned_data.get("files") or []:
        f.seek(0)
        yield from unpack(f.name, f.read(), metadata=metadata)
    text = form.cleaned_data.get("text", "")
    if text.strip():
        yield Upload(text.encode("utf-8"), "pasted text", "text/plain", metadata)


def _count(outcomes) -> dict:
    counts = {"imported": 0, "duplicate": 0, "rejected": 0}
    for outcome in outcomes:
        counts[outcome.status] += 1
    return counts


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
